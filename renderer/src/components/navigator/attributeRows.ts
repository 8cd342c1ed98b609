/** One editable attribute line of the dyad dialog; `key` keeps React's identity while the name is retyped. */
export interface AttributeRow {
  key: number;
  name: string;
  value: string;
}

let next = 1;

export function newRow(name = '', value = ''): AttributeRow {
  return { key: next++, name, value };
}

export function rowsOf(attributes: Record<string, string>): AttributeRow[] {
  return Object.entries(attributes).map(([name, value]) => newRow(name, value));
}

/**
 * The rows as the core stores them, or the first problem in the researcher's words. A blank line is dropped
 * rather than refused (an "Add attribute" clicked once too often); names are compared without case, because
 * "Modality" and "modality" on two dyads would split one comparison group into two.
 */
export function attributesOf(rows: readonly AttributeRow[]): { attributes: Record<string, string> } | { problem: string; rowKey: number } {
  const attributes: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const row of rows) {
    const name = row.name.trim();
    const value = row.value.trim();
    if (!name && !value) continue;
    if (!name) return { problem: `The value “${value}” needs an attribute name (for example “modality”).`, rowKey: row.key };
    if (name.length > 200) return { problem: `The attribute name “${name.slice(0, 40)}…” is longer than 200 characters.`, rowKey: row.key };
    if (value.length > 2000) return { problem: `The value of “${name}” is longer than 2,000 characters.`, rowKey: row.key };
    const before = seen.get(name.toLowerCase());
    if (before !== undefined) return { problem: `“${name}” is listed twice (also as “${before}”); keep one.`, rowKey: row.key };
    seen.set(name.toLowerCase(), name);
    attributes[name] = value;
  }
  return { attributes };
}
