/**
 * What a researcher types into the search box, turned into an SQLite FTS5 query that is always valid.
 *
 * Accepted: plain words (all must occur), "quoted phrases", prefixes (trust*), OR, NOT and -word (leave out),
 * AND (the default anyway), parentheses, and NEAR(felt unseen) or NEAR(felt "looked away", 5): the terms within
 * that many words of each other (10 when no number is given, as in FTS5). Operators count only in capitals, as in FTS5 itself, so a search
 * for the word "or" still works in lower case. Everything else is forgiven rather than refused: a stray quote
 * runs to the end, dangling operators and unmatched parentheses are dropped, punctuation inside words splits
 * them the way the index does (self-harm → the phrase "self harm"). Each term is emitted as an FTS5 string
 * with its quotes doubled, so no character the researcher types can reach the FTS5 grammar.
 *
 * What cannot be searched is refused with a message that says why: nothing to look for, or only things to
 * leave out ("NOT repair": FTS5, like any index, needs something to find first).
 */
import { DyadError } from '../domain/errors';

const MAX_QUERY_LENGTH = 1000;
const MAX_QUERY_TERMS = 64;
/** Deeper parentheses are flattened: nobody means them, and they would only strain the FTS5 parser. */
const MAX_DEPTH = 8;

export type QueryNode =
  | { kind: 'term'; text: string; prefix: boolean; phrase: boolean }
  | { kind: 'and'; items: { node: QueryNode; negated: boolean }[] }
  | { kind: 'or'; items: QueryNode[] }
  | { kind: 'near'; items: Term[]; distance: number };

type Term = Extract<QueryNode, { kind: 'term' }>;

/** FTS5's own default: terms within 10 words of each other. */
const NEAR_DEFAULT = 10;
const NEAR_MAX = 1000;

interface ParsedQuery {
  /** The FTS5 MATCH expression. */
  fts: string;
  /** How Dyad read the query, for display ("trust* AND "felt unseen" NOT repair"). */
  understood: string;
  /** The terms looked for (not those left out), in the order typed. */
  terms: { text: string; prefix: boolean }[];
  /** The query as read, for a search that evaluates it itself (electron/core/analysis/wordSearch.ts). */
  node: QueryNode;
}

/** A character the index keeps in words (unicode61: letters, numbers, private use). */
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const hasTokenChars = (s: string): boolean => TOKEN_CHAR.test(s);

type Lexeme =
  | { t: 'word'; text: string; prefix: boolean; negated: boolean }
  | { t: 'phrase'; text: string; prefix: boolean; negated: boolean }
  | { t: 'near'; items: Lexeme[]; distance: number; negated: boolean }
  | { t: 'or' }
  | { t: 'and' }
  | { t: 'not' }
  | { t: 'open' }
  | { t: 'close' };

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  const n = input.length;
  const isSpace = (c: string) => /\s/u.test(c);
  while (i < n) {
    const c = input[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c === '(' ? 'open' : 'close' });
      i++;
      continue;
    }
    let negated = false;
    if ((c === '-' || c === '+') && i + 1 < n && !isSpace(input[i + 1]!)) {
      negated = c === '-';
      i++;
      if (input[i] === '(' || input[i] === ')') {
        // "-(a b)" leaves the group out, like NOT; a sign before ")" has nothing to attach to.
        if (negated && input[i] === '(') out.push({ t: 'not' });
        continue;
      }
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      let text = input.slice(i + 1, end);
      i = close < 0 ? n : close + 1;
      let prefix = false;
      if (input[i] === '*') {
        prefix = true;
        while (input[i] === '*') i++;
      }
      if (/\*\s*$/u.test(text)) {
        prefix = true;
        text = text.replace(/[\s*]+$/u, '');
      }
      out.push({ t: 'phrase', text, prefix, negated });
      continue;
    }
    if (input.startsWith('NEAR(', i)) {
      // NEAR(a b, 5): the group runs to its ")" (or to the end, forgiven); a trailing ", N" is the distance.
      const close = input.indexOf(')', i + 5);
      let inner = input.slice(i + 5, close < 0 ? n : close);
      i = close < 0 ? n : close + 1;
      let distance = NEAR_DEFAULT;
      const d = /,\s*(\d+)\s*$/u.exec(inner);
      if (d) {
        distance = Math.min(NEAR_MAX, Number(d[1]));
        inner = inner.slice(0, d.index);
      }
      out.push({ t: 'near', items: lex(inner.replace(/,/g, ' ')), distance, negated });
      continue;
    }
    let j = i;
    while (j < n && !isSpace(input[j]!) && input[j] !== '"' && input[j] !== '(' && input[j] !== ')') j++;
    let text = input.slice(i, j);
    i = j;
    if (!negated && (text === 'OR' || text === 'AND' || text === 'NOT')) {
      out.push({ t: text === 'OR' ? 'or' : text === 'AND' ? 'and' : 'not' });
      continue;
    }
    if (text === '|' || text === '||') {
      out.push({ t: 'or' });
      continue;
    }
    if (text === '&' || text === '&&') {
      out.push({ t: 'and' });
      continue;
    }
    const prefix = text.endsWith('*');
    text = text.replace(/\*+$/u, '');
    out.push({ t: 'word', text, prefix, negated });
  }
  return out;
}

function termNode(lx: Lexeme): Term | null {
  if (lx.t !== 'word' && lx.t !== 'phrase') return null;
  return hasTokenChars(lx.text) ? { kind: 'term', text: lx.text, prefix: lx.prefix, phrase: lx.t === 'phrase' } : null;
}

/** Operators and signs inside NEAR( ) are read as nothing: only its words and phrases count. One term is just that term. */
function nearNode(lx: Extract<Lexeme, { t: 'near' }>): QueryNode | null {
  const items = lx.items.map(termNode).filter((t): t is Term => t !== null);
  if (items.length < 2) return items[0] ?? null;
  return { kind: 'near', items, distance: lx.distance };
}

/** Forgiving recursive descent over the lexemes; returns null for an empty (sub)expression. */
class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly lx: Lexeme[]) {}

  parse(): QueryNode | null {
    let node: QueryNode | null = null;
    // Unmatched ')' at the top level are skipped, and parsing resumes.
    while (this.i < this.lx.length) {
      const part = this.or();
      node = node && part ? { kind: 'and', items: [{ node, negated: false }, { node: part, negated: false }] } : (node ?? part);
      if (this.peek()?.t === 'close') this.i++;
    }
    return node;
  }

  private peek(): Lexeme | undefined {
    return this.lx[this.i];
  }

  private or(): QueryNode | null {
    const items: QueryNode[] = [];
    for (;;) {
      const g = this.and();
      if (g) items.push(g);
      if (this.peek()?.t === 'or') {
        this.i++;
        continue;
      }
      break;
    }
    if (!items.length) return null;
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): QueryNode | null {
    const items: { node: QueryNode; negated: boolean }[] = [];
    let negateNext = false;
    for (;;) {
      const lx = this.peek();
      if (!lx || lx.t === 'or' || lx.t === 'close') break;
      this.i++;
      if (lx.t === 'and') continue;
      if (lx.t === 'not') {
        negateNext = true;
        continue;
      }
      let node: QueryNode | null;
      let negated = negateNext;
      if (lx.t === 'open') {
        this.depth++;
        node = this.depth > MAX_DEPTH ? this.and() : this.or();
        this.depth--;
        if (this.peek()?.t === 'close') this.i++;
      } else if (lx.t === 'near') {
        negated = negated !== lx.negated;
        node = nearNode(lx);
      } else {
        negated = negated !== lx.negated;
        node = termNode(lx);
      }
      negateNext = false;
      // "a (NOT b)" means "a NOT b": a group of ANDs inside an AND is the same AND.
      if (node?.kind === 'and' && !negated) items.push(...node.items);
      else if (node) items.push({ node, negated });
    }
    if (!items.length) return null;
    if (items.length === 1 && !items[0]!.negated) return items[0]!.node;
    return { kind: 'and', items };
  }
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function positives(node: QueryNode): boolean {
  if (node.kind === 'term' || node.kind === 'near') return true;
  if (node.kind === 'or') return node.items.every(positives);
  return node.items.some((it) => !it.negated && positives(it.node));
}

function emit(node: QueryNode): string {
  if (node.kind === 'term') return quote(node.text) + (node.prefix ? ' *' : '');
  if (node.kind === 'near') return `NEAR(${node.items.map(emit).join(' ')}, ${node.distance})`;
  if (node.kind === 'or') return node.items.map((n) => `(${emit(n)})`).join(' OR ');
  const pos = node.items.filter((it) => !it.negated).map((it) => `(${emit(it.node)})`);
  const neg = node.items.filter((it) => it.negated).map((it) => `(${emit(it.node)})`);
  const base = pos.join(' AND ');
  return neg.length ? `(${base}) NOT (${neg.join(' OR ')})` : base;
}

function show(node: QueryNode, top = true): string {
  if (node.kind === 'term') {
    const t = node.phrase || /\s/u.test(node.text) ? `"${node.text}"` : node.text;
    return t + (node.prefix ? '*' : '');
  }
  if (node.kind === 'near') return `NEAR(${node.items.map((n) => show(n)).join(' ')}${node.distance === NEAR_DEFAULT ? '' : `, ${node.distance}`})`;
  if (node.kind === 'or') {
    const s = node.items.map((n) => show(n, false)).join(' OR ');
    return top ? s : `(${s})`;
  }
  const parts: string[] = [];
  for (const it of node.items.filter((x) => !x.negated)) parts.push(show(it.node, false));
  let s = parts.join(' AND ');
  for (const it of node.items.filter((x) => x.negated)) s += `${s ? ' ' : ''}NOT ${show(it.node, false)}`;
  return top ? s : `(${s})`;
}

function collect(node: QueryNode, out: { text: string; prefix: boolean }[], negated = false): void {
  if (node.kind === 'term') {
    if (!negated) out.push({ text: node.text, prefix: node.prefix });
  } else if (node.kind === 'near') {
    for (const n of node.items) collect(n, out, negated);
  } else if (node.kind === 'or') for (const n of node.items) collect(n, out, negated);
  else for (const it of node.items) collect(it.node, out, negated || it.negated);
}

function countTerms(node: QueryNode): number {
  if (node.kind === 'term') return 1;
  if (node.kind === 'near') return node.items.length;
  if (node.kind === 'or') return node.items.reduce((n, x) => n + countTerms(x), 0);
  return node.items.reduce((n, x) => n + countTerms(x.node), 0);
}

/** Finds the part of the query that only says what to leave out, for the error message. */
function negativeOnly(node: QueryNode): QueryNode | null {
  if (node.kind === 'term' || node.kind === 'near') return null;
  if (node.kind === 'or') {
    for (const n of node.items) {
      const bad = negativeOnly(n);
      if (bad) return bad;
    }
    return null;
  }
  if (!node.items.some((it) => !it.negated && positives(it.node))) return node;
  for (const it of node.items) {
    if (it.negated) continue;
    const bad = negativeOnly(it.node);
    if (bad) return bad;
  }
  return null;
}

/** Parses a search box entry. Throws DyadError('invalid-input') when nothing searchable is left. */
export function parseSearchQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new DyadError('invalid-input', `The search is ${input.length} characters long; Dyad searches for at most ${MAX_QUERY_LENGTH}.`);
  }
  const node = new Parser(lex(input)).parse();
  if (!node) {
    throw new DyadError(
      'invalid-input',
      input.trim()
        ? `"${input.trim().slice(0, 80)}" has no word to search for (punctuation and operators alone are not searched).`
        : 'Type a word or a "quoted phrase" to search for.',
    );
  }
  const bad = negativeOnly(node);
  if (bad) {
    throw new DyadError(
      'invalid-input',
      `"${show(bad)}" only says what to leave out. Say what to look for as well, e.g. "rupture NOT repair" or "rupture -repair".`,
    );
  }
  const n = countTerms(node);
  if (n > MAX_QUERY_TERMS) throw new DyadError('invalid-input', `The search has ${n} terms; Dyad searches for at most ${MAX_QUERY_TERMS} at once.`);
  const terms: ParsedQuery['terms'] = [];
  collect(node, terms);
  return { fts: emit(node), understood: show(node), terms, node };
}
