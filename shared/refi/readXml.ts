/**
 * The parsed XML of a .qde or .qdc → RefiProject / RefiCodebook. Input is the plain tree electron/refi/xml.ts
 * builds: the attributes (already entity-decoded) as an object under "@", element text as "#text", each kind of
 * child element as an array under its local name (a bare string or a single object is read too).
 * Pure: the parsing itself, with its safety checks, happens in electron/.
 */
import { DyadError } from '../domain/errors';
import { normaliseGuid } from './guid';
import { MAX_CODE_DEPTH, type RefiCode, type RefiCodebook, type RefiCoding, type RefiProject, type RefiSelection, type RefiSet, type RefiTextSource, type RefiVariableValue } from './model';

type Node = Record<string, unknown>;

const asNode = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : { '#text': typeof v === 'string' ? v : '' });

function kids(n: Node, name: string): Node[] {
  const v = n[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(asNode);
}
const kid = (n: Node, name: string): Node | null => kids(n, name)[0] ?? null;

function attr(n: Node, name: string): string | null {
  const v = (n['@'] as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : null;
}

/** The text of a child element ('' for an empty one, null when absent). */
function childText(n: Node, name: string): string | null {
  const v = n[name];
  if (v === undefined || v === null) return null;
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object') {
    const t = (first as Node)['#text'];
    return typeof t === 'string' ? t : '';
  }
  return '';
}

/** How many levels of Code a Code element holds, itself included; counted without recursion (a file may nest 100,000). */
function codeDepth(n: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[n, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > deepest) deepest = d;
    for (const k of kids(node, 'Code')) stack.push([k, d + 1]);
  }
  return deepest;
}

class Reader {
  constructor(readonly where: string) {}

  fail(message: string): never {
    throw new DyadError('bad-file', `${this.where}: ${message}. Nothing was imported.`);
  }

  guid(n: Node, element: string, name = 'guid', context = ''): string {
    const raw = attr(n, name);
    const g = normaliseGuid(raw);
    if (!g) {
      const label = attr(n, 'name');
      this.fail(
        `${element}${label ? ` "${label}"` : ''}${context} has ${raw === null ? `no ${name} attribute` : `an invalid ${name} "${raw.slice(0, 60)}"`} ` +
          '(a GUID is required)',
      );
    }
    return g;
  }

  optGuid(n: Node, name: string): string | null {
    return normaliseGuid(attr(n, name));
  }

  refs(n: Node, element: string, context: string): string[] {
    return kids(n, element).map((r) => this.guid(r, element, 'targetGUID', context));
  }

  position(n: Node, name: string, element: string): number {
    const raw = attr(n, name);
    const v = raw === null ? NaN : Number(raw.trim());
    if (!Number.isSafeInteger(v)) this.fail(`${element} has ${raw === null ? `no ${name}` : `a ${name} that is not a whole number ("${raw.slice(0, 30)}")`}`);
    return v;
  }

  code(n: Node, context: string, depth = 1): RefiCode {
    const guid = this.guid(n, 'Code', 'guid', context);
    const name = attr(n, 'name') ?? '';
    const here = ` (inside code "${name}")`;
    if (depth > MAX_CODE_DEPTH) {
      const total = depth - 1 + codeDepth(n);
      this.fail(
        `its codes are nested ${total.toLocaleString('en')} levels deep (below "${name}" and more); Dyad takes codebooks up to ${MAX_CODE_DEPTH} levels deep. ` +
          'Flatten the deepest branches in the other program and export again',
      );
    }
    return {
      guid,
      name,
      isCodable: !['false', '0'].includes((attr(n, 'isCodable') ?? 'true').trim().toLowerCase()),
      color: attr(n, 'color')?.trim() || null,
      description: childText(n, 'Description'),
      noteRefs: this.refs(n, 'NoteRef', here),
      children: kids(n, 'Code').map((c) => this.code(c, here, depth + 1)),
    };
  }

  codes(parent: Node | null): RefiCode[] {
    if (!parent) return [];
    const codes = kid(parent, 'Codes');
    return codes ? kids(codes, 'Code').map((c) => this.code(c, '')) : [];
  }

  coding(n: Node, context: string): RefiCoding {
    const guid = this.guid(n, 'Coding', 'guid', context);
    const ref = kid(n, 'CodeRef');
    if (!ref) this.fail(`Coding ${guid}${context} has no CodeRef`);
    return {
      guid,
      codeGuid: this.guid(ref, 'CodeRef', 'targetGUID', ` of Coding ${guid}${context}`),
      creatingUser: this.optGuid(n, 'creatingUser'),
      creationDateTime: attr(n, 'creationDateTime'),
      noteRefs: this.refs(n, 'NoteRef', context),
    };
  }

  selection(n: Node, context: string): RefiSelection {
    const guid = this.guid(n, 'PlainTextSelection', 'guid', context);
    const here = ` in PlainTextSelection ${guid}${context}`;
    return {
      guid,
      name: attr(n, 'name') ?? '',
      start: this.position(n, 'startPosition', `PlainTextSelection ${guid}${context}`),
      end: this.position(n, 'endPosition', `PlainTextSelection ${guid}${context}`),
      creatingUser: this.optGuid(n, 'creatingUser'),
      creationDateTime: attr(n, 'creationDateTime'),
      description: childText(n, 'Description'),
      codings: kids(n, 'Coding').map((c) => this.coding(c, here)),
      noteRefs: this.refs(n, 'NoteRef', here),
    };
  }

  variableValues(n: Node, context: string): RefiVariableValue[] {
    const out: RefiVariableValue[] = [];
    for (const vv of kids(n, 'VariableValue')) {
      const ref = kid(vv, 'VariableRef');
      if (!ref) continue;
      const variableGuid = this.guid(ref, 'VariableRef', 'targetGUID', context);
      let value = '';
      for (const k of ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']) {
        const t = childText(vv, k);
        if (t !== null) {
          value = t;
          break;
        }
      }
      out.push({ variableGuid, value });
    }
    return out;
  }

  textSource(n: Node, element: string): RefiTextSource {
    const guid = this.guid(n, element);
    const name = attr(n, 'name') ?? '';
    const context = ` of ${element.toLowerCase() === 'note' ? 'note' : 'source'} "${name || guid}"`;
    return {
      guid,
      name,
      description: childText(n, 'Description'),
      plainTextPath: attr(n, 'plainTextPath'),
      richTextPath: attr(n, 'richTextPath'),
      plainTextContent: childText(n, 'PlainTextContent'),
      creatingUser: this.optGuid(n, 'creatingUser'),
      creationDateTime: attr(n, 'creationDateTime'),
      modifiedDateTime: attr(n, 'modifiedDateTime'),
      selections: kids(n, 'PlainTextSelection').map((s) => this.selection(s, context)),
      codings: kids(n, 'Coding').map((c) => this.coding(c, context)),
      noteRefs: this.refs(n, 'NoteRef', context),
      variableValues: this.variableValues(n, context),
    };
  }

  sets(parent: Node, memberAttr: 'targetGUID' | 'guid'): RefiSet[] {
    const sets = kid(parent, 'Sets');
    if (!sets) return [];
    return kids(sets, 'Set').map((s) => ({
      guid: this.guid(s, 'Set'),
      name: attr(s, 'name') ?? '',
      description: childText(s, 'Description'),
      memberCodes: kids(s, 'MemberCode').map((m) => this.optGuid(m, memberAttr) ?? this.optGuid(m, memberAttr === 'guid' ? 'targetGUID' : 'guid')).filter((g): g is string => !!g),
      memberSources: kids(s, 'MemberSource').map((m) => this.optGuid(m, 'targetGUID')).filter((g): g is string => !!g),
      memberNotes: kids(s, 'MemberNote').map((m) => this.optGuid(m, 'targetGUID')).filter((g): g is string => !!g),
    }));
  }
}

function root(doc: unknown, name: string, where: string, what: string): Node {
  const d = asNode(doc);
  const r = d[name];
  if (!r || typeof r !== 'object') {
    const found = Object.keys(d).filter((k) => !k.startsWith('?') && !k.startsWith('#'))[0];
    throw new DyadError('bad-file', `${where} is not a ${what}: its root element is ${found ? `<${found}>` : 'missing'}, not <${name}>. Nothing was imported.`);
  }
  return asNode(Array.isArray(r) ? r[0] : r);
}

/** Where a TextSource read early (`textSourceReader`) stands in the tree. */
const READ_EARLY = '#textSource';

/**
 * Reads a .qde's TextSource element by itself, as the parser closes it (electron/refi/xml.ts), so the tree of a
 * large project is never held whole: what it gives stands in the element's place, and `projectFromXml` takes it
 * as read. A TextSource that cannot be read is left as it is, for `projectFromXml` to refuse in its own order.
 */
export function textSourceReader(where: string): (node: Node) => Node | undefined {
  const r = new Reader(where);
  return (node) => {
    try {
      return { [READ_EARLY]: r.textSource(node, 'TextSource') };
    } catch {
      return undefined;
    }
  };
}

/** `where` names the file in messages, e.g. "study.qdpx (project.qde)". */
export function projectFromXml(doc: unknown, where: string): RefiProject {
  const p = root(doc, 'Project', where, 'REFI-QDA project');
  const r = new Reader(where);
  const sourcesNode = kid(p, 'Sources');
  const otherSources: RefiProject['otherSources'] = [];
  const mediaSources: RefiProject['mediaSources'] = [];
  const pdfTexts: RefiTextSource[] = [];
  /** Codings of a non-text source or of its areas, for the warning. */
  const codingsIn = (s: Node, selection: string) => kids(s, selection).reduce((n, sel) => n + kids(sel, 'Coding').length, 0) + kids(s, 'Coding').length;
  const SELECTIONS: Record<string, string> = { PictureSource: 'PictureSelection', PDFSource: 'PDFSelection', AudioSource: 'AudioSelection', VideoSource: 'VideoSelection' };
  if (sourcesNode) {
    for (const kind of ['PictureSource', 'PDFSource']) {
      for (const s of kids(sourcesNode, kind)) {
        // A PDF transcript (ATLAS.ti, MAXQDA) may carry its text as a Representation, with the text codings.
        const text = kind === 'PDFSource' ? kid(s, 'Representation') : undefined;
        const areaCodings = codingsIn(s, SELECTIONS[kind]!);
        if (!text) {
          otherSources.push({ kind, name: attr(s, 'name') ?? '', codings: areaCodings });
          continue;
        }
        const source = r.textSource(text, 'TextSource');
        pdfTexts.push({ ...source, name: source.name || (attr(s, 'name') ?? ''), pdfAreaCodings: areaCodings });
      }
    }
    for (const kind of ['AudioSource', 'VideoSource'] as const) {
      for (const s of kids(sourcesNode, kind)) {
        // A recording with neither a file nor a transcript gives Dyad nothing to take: it is counted as left out.
        if (!attr(s, 'path')?.trim() && !attr(s, 'currentPath')?.trim() && !kids(s, 'Transcript').length) {
          otherSources.push({ kind, name: attr(s, 'name') ?? '', codings: codingsIn(s, SELECTIONS[kind]!) });
          continue;
        }
        const guid = r.guid(s, kind);
        const context = ` of ${kind} "${attr(s, 'name') ?? guid}"`;
        mediaSources.push({
          kind,
          guid,
          name: attr(s, 'name') ?? '',
          path: attr(s, 'path')?.trim() || attr(s, 'currentPath')?.trim() || null,
          transcripts: kids(s, 'Transcript').map((t) => ({
            ...r.textSource(t, 'Transcript'),
            syncPoints: kids(t, 'SyncPoint').map((p) => {
              const g = r.guid(p, 'SyncPoint', 'guid', context);
              return { guid: g, timeStamp: r.position(p, 'timeStamp', `SyncPoint ${g}${context}`), position: r.position(p, 'position', `SyncPoint ${g}${context}`) };
            }),
          })),
          // Codings of stretches of the recording, and of its transcripts' timed passages (TranscriptSelection).
          codings: codingsIn(s, SELECTIONS[kind]!) + kids(s, 'Transcript').reduce((n, t) => n + kids(t, 'TranscriptSelection').reduce((k, sel) => k + kids(sel, 'Coding').length, 0), 0),
        });
      }
    }
  }
  const casesNode = kid(p, 'Cases');
  const variablesNode = kid(p, 'Variables');
  const notesNode = kid(p, 'Notes');
  const linksNode = kid(p, 'Links');
  const usersNode = kid(p, 'Users');
  return {
    name: attr(p, 'name') ?? '',
    origin: attr(p, 'origin'),
    creatingUser: r.optGuid(p, 'creatingUserGUID'),
    creationDateTime: attr(p, 'creationDateTime'),
    basePath: attr(p, 'basePath'),
    description: childText(p, 'Description'),
    users: usersNode ? kids(usersNode, 'User').map((u) => ({ guid: r.guid(u, 'User'), name: attr(u, 'name') ?? '' })) : [],
    codes: r.codes(kid(p, 'CodeBook')),
    variables: variablesNode
      ? kids(variablesNode, 'Variable').map((v) => ({
          guid: r.guid(v, 'Variable'),
          name: attr(v, 'name') ?? '',
          type: attr(v, 'typeOfVariable') ?? 'Text',
          description: childText(v, 'Description'),
        }))
      : [],
    cases: casesNode
      ? kids(casesNode, 'Case').map((c) => {
          const guid = r.guid(c, 'Case');
          const context = ` of case "${attr(c, 'name') ?? guid}"`;
          return {
            guid,
            name: attr(c, 'name') ?? '',
            description: childText(c, 'Description'),
            sourceRefs: r.refs(c, 'SourceRef', context),
            variableValues: r.variableValues(c, context),
          };
        })
      : [],
    sources: sourcesNode ? [...kids(sourcesNode, 'TextSource').map((s) => (s[READ_EARLY] as RefiTextSource | undefined) ?? r.textSource(s, 'TextSource')), ...pdfTexts] : [],
    otherSources,
    mediaSources,
    notes: notesNode ? kids(notesNode, 'Note').map((n) => r.textSource(n, 'Note')) : [],
    links: linksNode
      ? kids(linksNode, 'Link').map((l) => ({
          guid: r.guid(l, 'Link'),
          name: attr(l, 'name') ?? '',
          originGuid: r.optGuid(l, 'originGUID'),
          targetGuid: r.optGuid(l, 'targetGUID'),
        }))
      : [],
    sets: r.sets(p, 'targetGUID'),
    graphs: kid(p, 'Graphs') ? kids(kid(p, 'Graphs')!, 'Graph').length : 0,
    noteRefs: r.refs(p, 'NoteRef', ' of the project'),
  };
}

export function codebookFromXml(doc: unknown, where: string): RefiCodebook {
  const d = asNode(doc);
  // Some tools wrap the codebook of a .qdc in a <Project>; accept it rather than refuse a usable file.
  if (!d.CodeBook && d.Project) {
    const p = root(doc, 'Project', where, 'REFI-QDA codebook');
    const r = new Reader(where);
    return { origin: attr(p, 'origin'), codes: r.codes(kid(p, 'CodeBook')), sets: [], dyadData: null };
  }
  const cb = root(doc, 'CodeBook', where, 'REFI-QDA codebook');
  const r = new Reader(where);
  const pi = d['?dyad-data'];
  return { origin: attr(cb, 'origin'), codes: r.codes(cb), sets: r.sets(cb, 'guid'), dyadData: typeof pi === 'string' ? pi : null };
}
