/** One Dyad codebook → a REFI-QDA codebook (.qdc), valid against Codebook.xsd. */
import { DyadError } from '../domain/errors';
import type { SnapshotCode } from '../snapshot/types';
import { formatCodeDescription } from './codeDescription';
import { DYAD_EXTRAS_PI, emptyExtras, extrasJson } from './dyadData';
import { guidFor } from './guid';
import { codeForest, walkTree } from './writeProject';
import { escapeAttr as a, escapeText as t } from './xmlText';

const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

export function codebookXml(codebook: { id: string; name: string }, codes: readonly SnapshotCode[], origin: string): string {
  const own = codes.filter((c) => c.codebookId === codebook.id);
  if (!own.length) {
    throw new DyadError('invalid-input', `The codebook "${codebook.name}" has no codes yet; a REFI-QDA codebook (.qdc) must contain at least one.`);
  }
  const { roots, children } = codeForest(own, [codebook.id]);
  // Shortcuts are Dyad's own: out of the descriptions other tools show, in a processing instruction they skip.
  const extras = emptyExtras();
  for (const c of own) if (c.shortcut) extras.elements.set(guidFor(c.id), { kind: 'code', shortcut: c.shortcut });
  const pi = extras.elements.size ? `<?${DYAD_EXTRAS_PI} ${extrasJson(extras)}?>\n` : '';
  const parts: string[] = [`<?xml version="1.0" encoding="utf-8"?>\n${pi}<CodeBook xmlns="${CODEBOOK_NS}" origin="${a(origin)}">\n  <Codes>\n`];
  const write = (c: SnapshotCode, indent: string): SnapshotCode[] | null => {
    const desc = formatCodeDescription({ ...c, shortcut: null });
    const kids = children.get(c.id) ?? [];
    const color = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/.test(c.color) ? ` color="${c.color}"` : '';
    const open = `${indent}<Code guid="${guidFor(c.id)}" name="${a(c.name)}" isCodable="true"${color}`;
    if (!desc && !kids.length) {
      parts.push(`${open}/>\n`);
      return null;
    }
    parts.push(`${open}>\n`);
    if (desc) parts.push(`${indent}  <Description>${t(desc)}</Description>\n`);
    return kids;
  };
  for (const list of roots.values()) walkTree(list, '    ', write, (_c, indent) => parts.push(`${indent}</Code>\n`));
  parts.push('  </Codes>\n</CodeBook>\n');
  return parts.join('');
}
