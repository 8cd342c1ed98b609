/**
 * Attribution of an exported excerpt, e.g. `(client, dyad 4, session 1, 00:12:34)`, rendered from a template the
 * researcher chooses: which fields, in what order, with what words around them.
 *
 * A template is text with `{field}` placeholders (`{{` and `}}` stand for braces). A field with no value (an
 * interview without session-time markers, a dyad without that attribute) is dropped together with the separator
 * and label in front of it, so no ", ," or "()" is ever left behind:
 *   "({role}, dyad {dyad}, session {session}, {sessionTime})" without a session time → "(client, dyad 4, session 1)".
 * The text between two fields is read as a separator (leading punctuation and spaces: ", ") and a label that
 * belongs to the next field (the rest: "dyad "). The text before the first field is an opening (brackets,
 * quotes, spaces) followed by the first field's label; the text after the last field closes the attribution.
 */
import { DyadError } from '../domain/errors';

export const DEFAULT_ATTRIBUTION_TEMPLATE = '({role}, dyad {dyad}, session {session}, {sessionTime})';

/** The fields a template may name, besides `attributes.<name>` (a dyad attribute such as age or modality). */
export const ATTRIBUTION_FIELDS = ['role', 'dyad', 'session', 'sessionTime', 'interviewTime', 'speaker', 'coder', 'date'] as const;
type AttributionField = (typeof ATTRIBUTION_FIELDS)[number] | `attributes.${string}`;

export const MAX_TEMPLATE_LENGTH = 500;

/** The values of one excerpt, already formatted as text; null or '' means "no value". */
export type AttributionValues = Partial<Record<(typeof ATTRIBUTION_FIELDS)[number], string | null>> & {
  attributes?: Record<string, string>;
};

type Token = { kind: 'text'; text: string } | { kind: 'field'; field: AttributionField };

export interface ParsedTemplate {
  source: string;
  /** Fields in the order the template names them. */
  fields: AttributionField[];
  /** Literal text before the first field that opens the attribution ("("). */
  opening: string;
  /** One part per field: what stands in front of it when it is not the first one shown, its label, its field. */
  parts: { separator: string; label: string; field: AttributionField }[];
  /** Literal text after the last field (")"). */
  closing: string;
}

const isField = (name: string): name is AttributionField =>
  (ATTRIBUTION_FIELDS as readonly string[]).includes(name) || /^attributes\.[^{}]+$/u.test(name);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if ((c === '{' || c === '}') && source[i + 1] === c) {
      text += c;
      i++;
    } else if (c === '{') {
      const close = source.indexOf('}', i + 1);
      if (close < 0) throw new DyadError('invalid-input', `The attribution template "${source}" has a "{" that is never closed. Write "{{" for a brace.`);
      const name = source.slice(i + 1, close).trim();
      if (!isField(name)) {
        throw new DyadError(
          'invalid-input',
          `The attribution template "${source}" names an unknown field {${name}}. Fields: ${ATTRIBUTION_FIELDS.map((f) => `{${f}}`).join(', ')}, {attributes.NAME}.`,
        );
      }
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      tokens.push({ kind: 'field', field: name });
      i = close;
    } else if (c === '}') {
      throw new DyadError('invalid-input', `The attribution template "${source}" has a "}" without its "{". Write "}}" for a brace.`);
    } else text += c;
  }
  if (text) tokens.push({ kind: 'text', text });
  return tokens;
}

/** Leading punctuation, symbols and spaces: what separates a field from the one before it. */
const SEPARATOR = /^[\s\p{P}\p{S}]*/u;
/** Leading opening brackets, quotes and spaces. */
const OPENING = /^[\s\p{Ps}\p{Pi}"'«“‘]*/u;

export function parseTemplate(source: string): ParsedTemplate {
  if (source.length > MAX_TEMPLATE_LENGTH) throw new DyadError('invalid-input', `The attribution template is longer than ${MAX_TEMPLATE_LENGTH} characters.`);
  const tokens = tokenize(source);
  const parts: ParsedTemplate['parts'] = [];
  let opening = '';
  let pending = '';
  let first = true;
  for (const t of tokens) {
    if (t.kind === 'text') {
      pending += t.text;
      continue;
    }
    if (first) {
      opening = OPENING.exec(pending)![0];
      parts.push({ separator: '', label: pending.slice(opening.length), field: t.field });
      first = false;
    } else {
      const separator = SEPARATOR.exec(pending)![0];
      parts.push({ separator, label: pending.slice(separator.length), field: t.field });
    }
    pending = '';
  }
  if (first) return { source, fields: [], opening: pending, parts: [], closing: '' };
  return { source, fields: parts.map((p) => p.field), opening, parts, closing: pending };
}

function valueOf(values: AttributionValues, field: AttributionField): string {
  if (field.startsWith('attributes.')) {
    const name = field.slice('attributes.'.length);
    const attrs = values.attributes ?? {};
    // Attribute names are matched case-insensitively, as the filters match them.
    const key = Object.keys(attrs).find((k) => k.toLocaleLowerCase() === name.toLocaleLowerCase());
    return key === undefined ? '' : (attrs[key] ?? '').trim();
  }
  return (values[field as (typeof ATTRIBUTION_FIELDS)[number]] ?? '').trim();
}

/** The attribution of one excerpt; '' when no field of the template has a value. */
export function renderAttribution(template: ParsedTemplate, values: AttributionValues): string {
  if (!template.parts.length) return template.opening.trim();
  let body = '';
  for (const p of template.parts) {
    const v = valueOf(values, p.field);
    if (!v) continue;
    body += (body ? p.separator : '') + p.label + v;
  }
  return body ? template.opening + body + template.closing : '';
}

/** The fields a template names, checked; throws a DyadError naming the problem. */
export function templateFields(source: string): AttributionField[] {
  return parseTemplate(source).fields;
}
