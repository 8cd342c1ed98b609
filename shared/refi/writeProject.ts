/**
 * A Dyad snapshot → a REFI-QDA project (project.qde, valid against Project.xsd) and its text sources.
 * The XML comes out in chunks (one per source) so a large study is streamed into the archive, never built as
 * one string. Where each piece of Dyad goes is documented in docs/refi-qda.md.
 */
import type { ProjectSnapshot, SnapshotCode, SnapshotCoding, SnapshotInterview, SnapshotMemo } from '../snapshot/types';
import { formatCodeDescription } from './codeDescription';
import { type DyadExtras, emptyExtras, textFingerprint } from './dyadData';
import { deriveId, guidFor } from './guid';
import { OffsetMap } from './positions';
import { mediaSources, mediaSourceXml } from './writeMedia';
import { escapeAttr as a, escapeText as t, isXsdDateTime } from './xmlText';

const PROJECT_NS = 'urn:QDA-XML:project:1.0';

interface QdpxWriteOptions {
  /** Written as Project@origin, e.g. "Dyad 0.1.0". */
  origin: string;
  /** Project@creationDateTime / modifiedDateTime. */
  now: string;
  /**
   * The path to write for a stored recording path (`relative://…` against `basePath`, `absolute://…` else), or
   * null to leave it out. Without it no media sources are written.
   */
  mediaPath?: (stored: string) => string | null;
  /** Project@basePath: the folder `relative://` media paths are relative to (the export's own folder). */
  basePath?: string;
}

interface QdpxSourceFile {
  /** Path inside the archive, e.g. "sources/<guid>.txt". */
  path: string;
  /** The interview's or the memo's id. */
  id: string;
  text: string;
}

const sourceFileName = (id: string) => `${guidFor(id)}.txt`;

/**
 * The text files of the archive: every interview, and every memo too: QualCoder imports only notes whose text
 * is a file (plainTextPath), and the schema allows a text either inline or as a file, not both.
 */
export function qdpxSourceFiles(s: ProjectSnapshot): QdpxSourceFile[] {
  return [
    ...s.interviews.map((i) => ({ path: `sources/${sourceFileName(i.id)}`, id: i.id, text: i.text })),
    ...s.memos.map((m) => ({ path: `sources/${sourceFileName(m.id)}`, id: m.id, text: m.text })),
  ];
}

/** "D4 S1 client" for dyad "4": what other tools show, and what Dyad's default file-name pattern reads back. */
function interviewDisplayName(i: Pick<SnapshotInterview, 'dyad' | 'session' | 'role' | 'sourceName'>): string {
  if (i.dyad === null || i.session === null || i.role === null) return i.sourceName;
  const dyad = /^\d+$/.test(i.dyad) ? `D${i.dyad}` : i.dyad;
  return `${dyad} S${i.session} ${i.role}`;
}

export const codingGuid = (codingId: string) => deriveId('refi-coding', guidFor(codingId));
export const variableGuid = (attribute: string) => deriveId('dyad-attribute', attribute);
const linkGuid = (memoId: string) => deriveId('refi-memo-link', guidFor(memoId));

const dateAttr = (name: string, v: string | null | undefined) => (isXsdDateTime(v) ? ` ${name}="${v}"` : '');
const colorAttr = (c: string) => (/^#[0-9a-fA-F]{6}$/.test(c) || /^#[0-9a-fA-F]{3}$/.test(c) ? ` color="${c}"` : '');
const description = (text: string, indent: string) => (text ? `${indent}<Description>${t(text)}</Description>\n` : '');
const noteRefs = (ids: readonly string[] | undefined, indent: string) =>
  (ids ?? []).map((id) => `${indent}<NoteRef targetGUID="${guidFor(id)}"/>\n`).join('');

/**
 * Walks a code tree depth first without recursion (a project may nest codes deeper than the call stack goes):
 * `open` writes a code and returns the children to walk into, or null when the code closed itself (`<Code/>`);
 * `close` ends an opened code after its children.
 */
export function walkTree(
  roots: readonly SnapshotCode[],
  indent: string,
  open: (c: SnapshotCode, indent: string) => readonly SnapshotCode[] | null,
  close: (c: SnapshotCode, indent: string) => void,
): void {
  const stack: { code: SnapshotCode; indent: string; kids: readonly SnapshotCode[] | undefined; next: number }[] = [...roots]
    .reverse()
    .map((code) => ({ code, indent, kids: undefined, next: 0 }));
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.kids === undefined) {
      const kids = open(top.code, top.indent);
      if (kids === null) {
        stack.pop();
        continue;
      }
      top.kids = kids;
    }
    if (top.next < top.kids.length) {
      // Indentation stops growing after 30 levels: a tree 10,000 deep would otherwise be mostly spaces.
      stack.push({ code: top.kids[top.next++]!, indent: top.indent.length < 60 ? `${top.indent}  ` : top.indent, kids: undefined, next: 0 });
      continue;
    }
    close(top.code, top.indent);
    stack.pop();
  }
}

/** Codes of every codebook as one tree per codebook, siblings in Dyad's order. */
export function codeForest(codes: readonly SnapshotCode[], codebookIds: readonly string[]) {
  const ids = new Set(codes.map((c) => c.id));
  const children = new Map<string, SnapshotCode[]>();
  const roots = new Map<string, SnapshotCode[]>(codebookIds.map((id) => [id, []]));
  for (const c of codes) {
    if (c.parentId && ids.has(c.parentId)) {
      const list = children.get(c.parentId) ?? [];
      list.push(c);
      children.set(c.parentId, list);
    } else {
      const list = roots.get(c.codebookId) ?? [];
      list.push(c);
      roots.set(c.codebookId, list);
    }
  }
  const order = (x: SnapshotCode, y: SnapshotCode) => x.position - y.position || x.name.localeCompare(y.name);
  for (const l of children.values()) l.sort(order);
  for (const l of roots.values()) l.sort(order);
  return { roots, children };
}

function memoTargets(memos: readonly SnapshotMemo[]) {
  const by = new Map<string, string[]>();
  for (const m of memos) {
    const key = `${m.targetKind}:${m.targetId}`;
    const list = by.get(key) ?? [];
    list.push(m.id);
    by.set(key, list);
  }
  return (kind: SnapshotMemo['targetKind'], id: string) => by.get(`${kind}:${id}`);
}

/**
 * The .qde, chunk by chunk. What REFI-QDA has no place for (sessions, roles, turns, recall moments, memo targets,
 * shortcuts, the codebooks) is put into `extras` as the chunks go by, for dyad.json: complete once the last chunk
 * is out.
 */
export function* projectXmlChunks(s: ProjectSnapshot, opts: QdpxWriteOptions, extras: DyadExtras = emptyExtras()): Generator<string> {
  const memosOn = memoTargets(s.memos);
  const memoById = new Map(s.memos.map((m) => [m.id, m]));
  const selectionMemo = (ids: readonly string[] | undefined) =>
    (ids ?? [])
      .map((id) => memoById.get(id)!.text)
      .filter((text) => text.trim())
      .join('\n\n');
  const dyadByName = new Map(s.dyads.map((d) => [d.name.toLowerCase(), d]));
  const interviewsByDyad = new Map<string, SnapshotInterview[]>();
  for (const i of s.interviews) {
    const d = i.dyad === null ? undefined : dyadByName.get(i.dyad.toLowerCase());
    if (!d) continue;
    const list = interviewsByDyad.get(d.id) ?? [];
    list.push(i);
    interviewsByDyad.set(d.id, list);
  }

  yield `<?xml version="1.0" encoding="utf-8"?>\n`;
  const media = opts.mediaPath ? mediaSources(s, opts.mediaPath) : [];
  const basePath = media.some((m) => m.path.startsWith('relative://')) && opts.basePath ? ` basePath="${a(opts.basePath)}"` : '';
  yield `<Project xmlns="${PROJECT_NS}" name="${a(s.name || 'Dyad project')}" origin="${a(opts.origin)}"${basePath}${dateAttr('creationDateTime', opts.now)}${dateAttr('modifiedDateTime', opts.now)}>\n`;

  // Users
  if (s.coders.length) {
    let x = '  <Users>\n';
    for (const c of s.coders) x += `    <User guid="${guidFor(c.id)}" name="${a(c.name)}"/>\n`;
    yield `${x}  </Users>\n`;
  }

  // CodeBook: the codes of every Dyad codebook, one tree each; which root belongs to which codebook is in the
  // project's Dyad data.
  const codebookIds = s.codebooks.map((c) => c.id);
  const { roots, children } = codeForest(s.codes, codebookIds);
  if (s.codes.length) {
    const parts: string[] = ['  <CodeBook>\n    <Codes>\n'];
    const writeCode = (c: SnapshotCode, indent: string): SnapshotCode[] | null => {
      // The shortcut is Dyad's own (keys of this coder's keyboard): it goes to the extras, not to what others show.
      const desc = formatCodeDescription({ ...c, shortcut: null });
      const kids = children.get(c.id) ?? [];
      const refs = memosOn('code', c.id);
      if (c.shortcut) extras.elements.set(guidFor(c.id), { kind: 'code', shortcut: c.shortcut });
      const open = `${indent}<Code guid="${guidFor(c.id)}" name="${a(c.name)}" isCodable="true"${colorAttr(c.color)}`;
      if (!desc && !refs && !kids.length) {
        parts.push(`${open}/>\n`);
        return null;
      }
      parts.push(`${open}>\n${description(desc, `${indent}  `)}${noteRefs(refs, `${indent}  `)}`);
      return kids;
    };
    for (const list of roots.values()) walkTree(list, '      ', writeCode, (_c, indent) => parts.push(`${indent}</Code>\n`));
    parts.push('    </Codes>\n  </CodeBook>\n');
    yield parts.join('');
  }

  // Variables: one per dyad attribute name, all Text.
  const attributeNames = [...new Set(s.dyads.flatMap((d) => Object.keys(d.attributes)))].sort();
  if (attributeNames.length) {
    let x = '  <Variables>\n';
    for (const n of attributeNames) x += `    <Variable guid="${variableGuid(n)}" name="${a(n)}" typeOfVariable="Text"/>\n`;
    yield `${x}  </Variables>\n`;
  }

  // Cases: one per dyad, with its attributes and its interviews.
  if (s.dyads.length) {
    let x = '  <Cases>\n';
    for (const d of s.dyads) {
      x += `    <Case guid="${guidFor(d.id)}" name="${a(d.name)}">\n`;
      extras.elements.set(guidFor(d.id), { kind: 'dyad', sessions: d.sessions });
      for (const n of attributeNames) {
        const v = d.attributes[n];
        if (v === undefined) continue;
        x += `      <VariableValue>\n        <VariableRef targetGUID="${variableGuid(n)}"/>\n        <TextValue>${t(v)}</TextValue>\n      </VariableValue>\n`;
      }
      for (const i of interviewsByDyad.get(d.id) ?? []) x += `      <SourceRef targetGUID="${guidFor(i.id)}"/>\n`;
      x += '    </Case>\n';
    }
    yield `${x}  </Cases>\n`;
  }

  // Sources
  if (s.interviews.length || media.length) {
    yield '  <Sources>\n';
    const codingsBy = new Map<string, SnapshotCoding[]>();
    for (const c of s.codings) {
      const list = codingsBy.get(c.interviewId) ?? [];
      list.push(c);
      codingsBy.set(c.interviewId, list);
    }
    for (const i of s.interviews) {
      const map = new OffsetMap(i.text);
      const parts: string[] = [];
      const human = i.dyad !== null ? `Interview with the ${i.role} of dyad ${i.dyad}, session ${i.session} (from ${i.sourceName}).` : `Interview (from ${i.sourceName}).`;
      extras.elements.set(guidFor(i.id), {
        kind: 'interview',
        dyad: i.dyad,
        session: i.session,
        role: i.role,
        sourceName: i.sourceName,
        text: textFingerprint(i.text),
        unit: 'utf16',
        // The time points ride as an eighth element, only when there are some: older Dyads read the first seven.
        turns: i.turns.map((u) => [u.id, u.seq, u.speaker, u.speakerRole, u.start, u.end, u.interviewTime, ...(u.timePoints?.length ? [u.timePoints] : [])]),
        moments: i.moments.map((m) => [m.id, m.sessionTime, m.offset, m.label]),
      });
      parts.push(
        `    <TextSource guid="${guidFor(i.id)}" name="${a(interviewDisplayName(i))}" plainTextPath="internal://${sourceFileName(i.id)}">\n`,
        description(human, '      '),
      );
      const codings = (codingsBy.get(i.id) ?? []).sort((x, y) => x.start - y.start || x.end - y.end);
      for (const c of codings) {
        const sel = guidFor(c.id);
        const user = guidFor(c.coderId);
        const when = dateAttr('creationDateTime', c.createdAt);
        const memos = memosOn('coding', c.id);
        parts.push(
          `      <PlainTextSelection guid="${sel}" startPosition="${map.toCodePoint(c.start)}" endPosition="${map.toCodePoint(c.end)}" creatingUser="${user}"${when}>\n`,
          // The coding's memos as the selection's Description too: QualCoder reads a coding memo only there.
          description(selectionMemo(memos), '        '),
          `        <Coding guid="${codingGuid(c.id)}" creatingUser="${user}"${when}>\n          <CodeRef targetGUID="${guidFor(c.codeId)}"/>\n`,
          noteRefs(memos, '          '),
          '        </Coding>\n      </PlainTextSelection>\n',
        );
      }
      parts.push(noteRefs(memosOn('interview', i.id), '      '), '    </TextSource>\n');
      yield parts.join('');
    }
    for (const m of media) {
      extras.elements.set(m.guid, m.of);
      yield mediaSourceXml(m);
    }
    yield '  </Sources>\n';
  }

  // Notes: every memo, its text a file in sources/ (QualCoder reads no other), its Dyad target in the extras.
  if (s.memos.length) {
    const parts: string[] = ['  <Notes>\n'];
    for (const m of s.memos) {
      const target = { kind: m.targetKind, id: m.targetId, ...(m.targetName !== undefined ? { name: m.targetName } : {}) };
      extras.elements.set(guidFor(m.id), { kind: 'memo', target });
      parts.push(
        `    <Note guid="${guidFor(m.id)}" name="${a(m.title)}" plainTextPath="internal://${sourceFileName(m.id)}"${m.coderId ? ` creatingUser="${guidFor(m.coderId)}"` : ''}${dateAttr('creationDateTime', m.createdAt)}${dateAttr('modifiedDateTime', m.updatedAt)}/>\n`,
      );
    }
    parts.push('  </Notes>\n');
    yield parts.join('');
  }

  // Links: memos on a dyad (or one of its sessions) point at the dyad's Case, as Cases carry no NoteRef.
  const dyadIds = new Set(s.dyads.map((d) => d.id));
  const sessionDyad = new Map(s.dyads.flatMap((d) => d.sessions.map((x) => [x.id, d] as const)));
  const links: string[] = [];
  for (const m of s.memos) {
    const dyad = m.targetKind === 'dyad' && dyadIds.has(m.targetId) ? s.dyads.find((d) => d.id === m.targetId) : m.targetKind === 'session' ? sessionDyad.get(m.targetId) : undefined;
    if (!dyad) continue;
    const session = m.targetKind === 'session' ? dyad.sessions.find((x) => x.id === m.targetId) : undefined;
    links.push(
      `    <Link guid="${linkGuid(m.id)}" name="${a(session ? `Memo on session ${session.number}` : 'Memo on the dyad')}" direction="OneWay" originGUID="${guidFor(m.id)}" targetGUID="${guidFor(dyad.id)}"/>\n`,
    );
  }
  if (links.length) yield `  <Links>\n${links.join('')}  </Links>\n`;

  // Description (Dyad's codebooks) and the project's own memos.
  const books = s.codebooks.map((b) => ({ id: b.id, name: b.name, roots: (roots.get(b.id) ?? []).map((c) => c.id) }));
  extras.project = { kind: 'project', name: s.name, codebooks: books };
  yield description(`Exported from Dyad (${opts.origin}).`, '  ');
  yield noteRefs(s.memos.filter((m) => m.targetKind === 'project').map((m) => m.id), '  ');
  yield '</Project>\n';
}
