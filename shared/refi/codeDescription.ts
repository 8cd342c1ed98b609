/**
 * A Dyad code has a definition, inclusion and exclusion criteria, an example and a keyboard shortcut; a REFI
 * code has one Description. The fields go into it as labelled sections that read naturally in NVivo, ATLAS.ti,
 * MAXQDA or QualCoder and that Dyad parses back exactly:
 *
 *   Definition: The client turns away from contact…
 *   Inclusion: Silence, looking away…
 *   Exclusion: …
 *   Example: "I just stared at the floor"
 *   Shortcut: 3
 *
 * A section runs to the next line that starts with a label. Should a field itself contain a line starting with
 * a label ("Example: …" inside a definition), that line is written with one extra backslash in front and the
 * backslash is removed on reading, so every text survives the round trip. A definition alone, with no
 * label-like first line, is written as plain text; a Description from another tool with no labels is read as
 * the definition.
 */

interface CodeDescriptionFields {
  definition: string;
  inclusion: string;
  exclusion: string;
  example: string;
  shortcut: string | null;
}

const LABELS = [
  ['definition', 'Definition'],
  ['inclusion', 'Inclusion'],
  ['exclusion', 'Exclusion'],
  ['example', 'Example'],
  ['shortcut', 'Shortcut'],
] as const;
type Field = (typeof LABELS)[number][0];

const LABEL_LINE = /^(\\*)(Definition|Inclusion|Exclusion|Example|Shortcut):/i;
const BY_LABEL = new Map<string, Field>(LABELS.map(([f, l]) => [l.toLowerCase(), f]));

function escapeLines(value: string): string {
  return value
    .split('\n')
    .map((line, i) => (i > 0 && LABEL_LINE.test(line) ? `\\${line}` : line))
    .join('\n');
}

export function formatCodeDescription(f: CodeDescriptionFields): string {
  const onlyDefinition = !f.inclusion && !f.exclusion && !f.example && !f.shortcut;
  if (onlyDefinition && !LABEL_LINE.test(f.definition.split('\n', 1)[0]!)) {
    return f.definition;
  }
  const parts: string[] = [];
  for (const [field, label] of LABELS) {
    const v = f[field];
    if (v) parts.push(`${label}: ${escapeLines(v)}`);
  }
  return parts.join('\n');
}

export function parseCodeDescription(text: string | null | undefined): CodeDescriptionFields {
  const out: CodeDescriptionFields = { definition: '', inclusion: '', exclusion: '', example: '', shortcut: null };
  if (!text) return out;
  const lines = text.split('\n');
  const first = LABEL_LINE.exec(lines[0]!);
  if (!first || first[1]) {
    out.definition = text;
    return out;
  }
  let field: Field | null = null;
  let buf: string[] = [];
  const flush = () => {
    if (!field) return;
    const v = buf.join('\n');
    if (field === 'shortcut') out.shortcut = v.trim() || null;
    // A section repeated (hand-edited elsewhere) is appended rather than lost.
    else out[field] = out[field] ? `${out[field]}\n${v}` : v;
  };
  for (const line of lines) {
    const m = LABEL_LINE.exec(line);
    if (m && !m[1]) {
      flush();
      field = BY_LABEL.get(m[2]!.toLowerCase())!;
      const rest = line.slice(m[0].length);
      buf = [rest.startsWith(' ') ? rest.slice(1) : rest];
    } else {
      buf.push(m ? line.slice(1) : line);
    }
  }
  flush();
  return out;
}
