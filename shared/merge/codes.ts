/**
 * Matching codebooks and codes of an incoming project to this one, and the codebook that results.
 *
 * Identity first, then the tree:
 * 1. A code is the same code when it has the same id (renames and moves keep the id: they become conflicts).
 * 2. Otherwise, walking the incoming tree top-down, a code is the same as this project's code with the same
 *    name (case and spacing ignored) under the same (already matched) parent. A code of this project is matched
 *    at most once: a renamed code's old name does not also catch a new code that took it.
 * 3. Anything else is added under its matched parent. Nothing is ever numbered "code (2)" silently: a new code
 *    whose name is taken by a different code is a conflict the lead settles (add it under a telling name, or
 *    merge it into the existing code).
 * The resulting tree is checked as it is built: no two siblings share a name, no code moves under itself; a
 * choice that would break that is not followed and a warning says so.
 */
import { formatCodePath } from '../coding/paths';
import type { ProjectSnapshot, SnapshotCode, SnapshotCodebook } from '../snapshot/types';
import { ConflictLog, quote } from './conflicts';
import { firstDerivedId, freeId } from './ids';
import { collapseSpaces, normaliseLongText, normaliseName } from './normalise';
import type { CodeUpdate, MergeChoices, MergeConflict, MergeOptions } from './types';

interface CodebookOutcome {
  map: Map<string, string>;
  added: SnapshotCodebook[];
  matched: number;
}

/** Codebooks: the target of a codebook import; else by id, then by name, else added. */
export function matchCodebooks(into: ProjectSnapshot, from: ProjectSnapshot, opts: MergeOptions): CodebookOutcome {
  const map = new Map<string, string>();
  const added: SnapshotCodebook[] = [];
  let matched = 0;
  if (opts.codebook) {
    const target = opts.codebook;
    if (!into.codebooks.some((b) => b.id === target.id)) added.push({ id: target.id, name: target.name });
    for (const b of from.codebooks) map.set(b.id, target.id);
    return { map, added, matched: added.length ? 0 : 1 };
  }
  const byId = new Map(into.codebooks.map((b) => [b.id, b]));
  const claimed = new Set<string>();
  for (const b of from.codebooks) {
    const same = byId.get(b.id) ?? into.codebooks.find((x) => !claimed.has(x.id) && normaliseName(x.name) === normaliseName(b.name));
    if (same && !claimed.has(same.id)) {
      claimed.add(same.id);
      map.set(b.id, same.id);
      matched++;
    } else {
      const id = freeId(b.id, (x) => byId.has(x) || added.some((a) => a.id === x), 'codebook');
      added.push({ id, name: collapseSpaces(b.name) || 'Codebook' });
      map.set(b.id, id);
    }
  }
  return { map, added, matched };
}

interface CodeOutcome {
  /** Incoming code id → code id in the merged project. */
  map: Map<string, string>;
  added: SnapshotCode[];
  updated: { id: string; set: CodeUpdate }[];
  matchedById: number;
  /** This project's codes matched by name. */
  matchedByName: string[];
  /** A code's path in the merged codebook. */
  pathOf(id: string): string;
  conflicts: MergeConflict[];
  warnings: string[];
}

interface Node {
  codebookId: string;
  parentId: string | null;
  name: string;
}

type TextField = 'definition' | 'inclusion' | 'exclusion' | 'example';
const TEXT_FIELDS: readonly TextField[] = ['definition', 'inclusion', 'exclusion', 'example'];
const FIELD_WORDS: Record<TextField, string> = {
  definition: 'definition',
  inclusion: 'inclusion criteria',
  exclusion: 'exclusion criteria',
  example: 'example',
};

const slot = (codebookId: string, parentId: string | null) => `${codebookId}\u0000${parentId ?? ''}`;

/** Parents before children (the snapshot was checked: every parent exists, there are no cycles). */
export function parentsFirst(codes: readonly SnapshotCode[]): SnapshotCode[] {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const done = new Set<string>();
  const out: SnapshotCode[] = [];
  const visit = (c: SnapshotCode) => {
    if (done.has(c.id)) return;
    done.add(c.id);
    const p = c.parentId === null ? undefined : byId.get(c.parentId);
    if (p) visit(p);
    out.push(c);
  };
  for (const c of codes) visit(c);
  return out;
}

/** Paths of a set of codes ("Rupture/Withdrawal"); memoised only for a tree that no longer changes. */
function pathFinder(nodes: (id: string) => Node | undefined, memoise = true): (id: string) => string {
  const memo = new Map<string, string>();
  return (id: string): string => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const n = nodes(id);
    if (!n) return '?';
    const names = [n.name];
    let p = n.parentId;
    for (let guard = 0; p !== null && guard < 200; guard++) {
      const pn = nodes(p);
      if (!pn) break;
      names.unshift(pn.name);
      p = pn.parentId;
    }
    const path = formatCodePath(names);
    if (memoise) memo.set(id, path);
    return path;
  };
}

export function matchCodes(
  into: ProjectSnapshot,
  from: ProjectSnapshot,
  codebooks: CodebookOutcome,
  opts: MergeOptions,
  choices: MergeChoices,
): CodeOutcome {
  const order = parentsFirst(from.codes);
  // A "merge into the existing code" choice changes which codes its sub-codes can match: plan again with it fixed.
  const forced = new Map<string, string>();
  // Likewise a code found to be the twin of one its sibling already claimed (see `twinsOf`).
  const twins = new Map<string, string>();
  for (let round = 0; ; round++) {
    const result = attempt(into, from, order, codebooks, opts, choices, forced, twins);
    if ((!result.newlyForced.size && !result.newTwins.size) || round > from.codes.length) return result.outcome;
    for (const [k, v] of result.newlyForced) forced.set(k, v);
    for (const [k, v] of result.newTwins) twins.set(k, v);
  }
}

function attempt(
  into: ProjectSnapshot,
  from: ProjectSnapshot,
  order: SnapshotCode[],
  codebooks: CodebookOutcome,
  opts: MergeOptions,
  choices: MergeChoices,
  forced: Map<string, string>,
  twins: Map<string, string>,
): { outcome: CodeOutcome; newlyForced: Map<string, string>; newTwins: Map<string, string> } {
  const log = new ConflictLog(choices);
  const label = opts.fromLabel;
  const intoById = new Map(into.codes.map((c) => [c.id, c]));
  const intoChildren = new Map<string, SnapshotCode[]>();
  for (const c of into.codes) {
    const k = slot(c.codebookId, c.parentId);
    const list = intoChildren.get(k);
    if (list) list.push(c);
    else intoChildren.set(k, [c]);
  }
  const intoPath = pathFinder((id) => intoById.get(id));
  const fromById = new Map(from.codes.map((c) => [c.id, c]));
  const fromPath = pathFinder((id) => fromById.get(id));

  // 1. Same id (or the id a previous merge derived from it).
  const claimed = new Set<string>();
  /** Which incoming code claimed each of this project's codes. */
  const claimedBy = new Map<string, SnapshotCode>();
  const idMatch = new Map<string, string>();
  for (const c of from.codes) {
    const book = codebooks.map.get(c.codebookId) as string;
    const derived = firstDerivedId(c.id, 'code', book);
    for (const id of [c.id, derived]) {
      const m = intoById.get(id);
      if (m && !claimed.has(m.id) && (!opts.codebook || m.codebookId === book)) {
        idMatch.set(c.id, m.id);
        claimed.add(m.id);
        claimedBy.set(m.id, c);
        break;
      }
    }
  }

  // 2. Top-down: same name under the same parent, or new.
  const map = new Map<string, string>();
  const pairs: { from: SnapshotCode; into: SnapshotCode; how: 'id' | 'name' }[] = [];
  const toAdd: { code: SnapshotCode; fromId: string }[] = [];
  const addedById = new Map<string, SnapshotCode>();
  const addedSiblings = new Map<string, Map<string, string>>();
  for (const c of order) {
    const parent = c.parentId === null ? null : (map.get(c.parentId) ?? null);
    const byId = idMatch.get(c.id);
    if (byId) {
      map.set(c.id, byId);
      pairs.push({ from: c, into: intoById.get(byId) as SnapshotCode, how: 'id' });
      continue;
    }
    const target = forced.get(c.id) ?? twins.get(c.id);
    if (target) {
      map.set(c.id, target);
      continue;
    }
    const book = parent === null ? (codebooks.map.get(c.codebookId) as string) : ((intoById.get(parent) ?? addedById.get(parent)) as SnapshotCode).codebookId;
    const n = normaliseName(c.name);
    const k = slot(book, parent);
    const candidates = (intoChildren.get(k) ?? []).filter((x) => !claimed.has(x.id) && normaliseName(x.name) === n);
    const hit = candidates.find((x) => collapseSpaces(x.name) === collapseSpaces(c.name)) ?? candidates[0];
    if (hit) {
      claimed.add(hit.id);
      claimedBy.set(hit.id, c);
      map.set(c.id, hit.id);
      pairs.push({ from: c, into: hit, how: 'name' });
      continue;
    }
    const sibling = addedSiblings.get(k)?.get(n);
    if (sibling) {
      map.set(c.id, sibling);
      continue;
    }
    const id = freeId(c.id, (x) => intoById.has(x) || addedById.has(x), 'code', book);
    const code: SnapshotCode = { ...c, id, codebookId: book, parentId: parent, name: collapseSpaces(c.name) };
    addedById.set(id, code);
    if (!addedSiblings.has(k)) addedSiblings.set(k, new Map());
    (addedSiblings.get(k) as Map<string, string>).set(n, id);
    map.set(c.id, id);
    toAdd.push({ code, fromId: c.id });
  }

  // 3. The merged tree, built step by step so that every step can be checked.
  const final = new Map<string, Node>(into.codes.map((c) => [c.id, { codebookId: c.codebookId, parentId: c.parentId, name: c.name }]));
  const index = new Map<string, Map<string, Set<string>>>();
  const nextPosition = new Map<string, number>();
  const place = (id: string, node: Node) => {
    const k = slot(node.codebookId, node.parentId);
    let names = index.get(k);
    if (!names) index.set(k, (names = new Map()));
    const n = normaliseName(node.name);
    const ids = names.get(n);
    if (ids) ids.add(id);
    else names.set(n, new Set([id]));
  };
  const unplace = (id: string, node: Node) => index.get(slot(node.codebookId, node.parentId))?.get(normaliseName(node.name))?.delete(id);
  const clash = (codebookId: string, parentId: string | null, name: string, self: string): string | null => {
    for (const other of index.get(slot(codebookId, parentId))?.get(normaliseName(name)) ?? []) if (other !== self) return other;
    return null;
  };
  for (const c of into.codes) {
    place(c.id, final.get(c.id) as Node);
    const k = slot(c.codebookId, c.parentId);
    nextPosition.set(k, Math.max(nextPosition.get(k) ?? 0, c.position + 1));
  }
  const takePosition = (codebookId: string, parentId: string | null) => {
    const k = slot(codebookId, parentId);
    const p = nextPosition.get(k) ?? 0;
    nextPosition.set(k, p + 1);
    return p;
  };
  const finalPath = pathFinder((id) => final.get(id), false);
  const where = (codebookId: string, parentId: string | null) => (parentId === null ? 'the top level of the codebook' : quote(finalPath(parentId)));
  const shortcuts = new Map<string, Set<string>>();
  const useShortcut = (codebookId: string, s: string | null | undefined): boolean => {
    const key = s?.trim().toLowerCase();
    if (!key) return false;
    let set = shortcuts.get(codebookId);
    if (!set) shortcuts.set(codebookId, (set = new Set()));
    if (set.has(key)) return false;
    set.add(key);
    return true;
  };
  for (const c of into.codes) useShortcut(c.codebookId, c.shortcut);

  const updates = new Map<string, CodeUpdate>();
  const update = (id: string) => {
    let u = updates.get(id);
    if (!u) updates.set(id, (u = {}));
    return u;
  };
  const renames: { id: string; name: string }[] = [];
  const moves: { id: string; parentId: string | null }[] = [];
  const keepMine = (what: string) => ({ id: 'keep-mine', label: `Keep ${what}` });

  for (const { from: f, into: m, how } of pairs) {
    const path = intoPath(m.id);
    if (how === 'id' && collapseSpaces(f.name) !== collapseSpaces(m.name)) {
      const choice = log.decide({
        id: `code-rename:${m.id}`,
        kind: 'code-rename',
        description: `The code ${quote(path)} is called ${quote(collapseSpaces(f.name))} in ${label}.`,
        options: [keepMine(quote(m.name)), { id: 'take-theirs', label: `Rename it ${quote(collapseSpaces(f.name))}` }],
        mine: m.name,
        theirs: collapseSpaces(f.name),
        subjectId: m.id,
      });
      if (choice === 'take-theirs') renames.push({ id: m.id, name: collapseSpaces(f.name) });
    }
    const theirParent = f.parentId === null ? null : (map.get(f.parentId) as string);
    if (how === 'id' && theirParent !== m.parentId) {
      const mineAt = m.parentId === null ? 'at the top level' : `under ${quote(intoPath(m.parentId))}`;
      const theirsAt = f.parentId === null ? 'at the top level' : `under ${quote(fromPath(f.parentId))}`;
      const choice = log.decide({
        id: `code-parent:${m.id}`,
        kind: 'code-parent',
        description: `The code ${quote(path)} is ${theirsAt} in ${label}, ${mineAt} here.`,
        options: [keepMine(`it ${mineAt}`), { id: 'take-theirs', label: `Move it ${theirsAt}` }],
        mine: m.parentId === null ? '' : intoPath(m.parentId),
        theirs: f.parentId === null ? '' : fromPath(f.parentId),
        subjectId: m.id,
      });
      if (choice === 'take-theirs') moves.push({ id: m.id, parentId: theirParent });
    }
    if (f.color && f.color.toUpperCase() !== m.color.toUpperCase()) {
      const choice = log.decide({
        id: `code-field:${m.id}:color`,
        kind: 'code-field',
        description: `The code ${quote(path)} has another colour in ${label}.`,
        options: [keepMine(m.color.toUpperCase()), { id: 'take-theirs', label: `Use ${f.color.toUpperCase()}` }],
        mine: m.color.toUpperCase(),
        theirs: f.color.toUpperCase(),
        subjectId: m.id,
      });
      if (choice === 'take-theirs') update(m.id).color = f.color.toUpperCase();
    }
    for (const field of TEXT_FIELDS) {
      const mine = normaliseLongText(m[field]);
      const theirs = normaliseLongText(f[field]);
      // Their text already in mine (an earlier merge kept both) is no disagreement either.
      if (!theirs || mine === theirs || mine.includes(theirs)) continue;
      if (!mine) {
        update(m.id)[field] = f[field]; // a blank filled in is no disagreement
        continue;
      }
      const choice = log.decide({
        id: `code-field:${m.id}:${field}`,
        kind: 'code-field',
        description: `The ${FIELD_WORDS[field]} of ${quote(path)} differs in ${label}.`,
        options: [keepMine('this project’s'), { id: 'take-theirs', label: `Use the one from ${label}` }, { id: 'combine', label: 'Keep both, one after the other' }],
        mine: m[field],
        theirs: f[field],
        subjectId: m.id,
      });
      if (choice === 'take-theirs') update(m.id)[field] = f[field];
      if (choice === 'combine') update(m.id)[field] = `${m[field].trimEnd()}\n\n${f[field].trim()}`;
    }
    if (!m.shortcut?.trim() && useShortcut(m.codebookId, f.shortcut)) update(m.id).shortcut = (f.shortcut as string).trim();
  }

  // The lead's renames and moves, applied as soon as the tree allows them: one may free the name or the place
  // another needs. What never fits is left as it is, with a warning. Applying them to the finished tree, so that
  // merging again finds nothing left to do.
  type Change = { kind: 'rename'; id: string; name: string } | { kind: 'move'; id: string; parentId: string | null };
  const pending: Change[] = [...renames.map((r) => ({ kind: 'rename' as const, ...r })), ...moves.map((m) => ({ kind: 'move' as const, ...m }))];
  const tryChange = (ch: Change, final_: boolean): 'done' | 'wait' | 'never' => {
    const node = final.get(ch.id) as Node;
    if (ch.kind === 'rename') {
      if (clash(node.codebookId, node.parentId, ch.name, ch.id)) return 'wait';
      unplace(ch.id, node);
      node.name = ch.name;
      place(ch.id, node);
      update(ch.id).name = ch.name;
      return 'done';
    }
    if (ch.parentId !== null) {
      const p = final.get(ch.parentId);
      if (!p) return final_ ? 'never' : 'wait';
      if (p.codebookId !== node.codebookId) return 'never';
      for (let x: string | null = ch.parentId, guard = 0; x !== null && guard < 10000; x = final.get(x)?.parentId ?? null, guard++) if (x === ch.id) return 'wait';
    }
    if (clash(node.codebookId, ch.parentId, node.name, ch.id)) return 'wait';
    unplace(ch.id, node);
    node.parentId = ch.parentId;
    place(ch.id, node);
    Object.assign(update(ch.id), { parentId: ch.parentId, position: takePosition(node.codebookId, ch.parentId) });
    return 'done';
  };
  const settle = (final_: boolean) => {
    for (let progress = true; progress; ) {
      progress = false;
      for (const ch of [...pending]) {
        const r = tryChange(ch, final_);
        if (r === 'wait') continue;
        pending.splice(pending.indexOf(ch), 1);
        if (r === 'done') progress = true;
        else log.warn(`${quote(finalPath(ch.id))} stays where it is: ${label} has it in another codebook.`);
      }
    }
  };
  settle(false);

  // Conflicts settled by merging into an existing code stay on the list, so the lead can change their mind.
  for (const [fromId, target] of forced) {
    const c = fromById.get(fromId) as SnapshotCode;
    log.decide(clashConflict(c, fromPath(fromId), target, finalPath(target), label));
  }
  const newlyForced = new Map<string, string>();
  const added: SnapshotCode[] = [];
  for (const { code, fromId } of toAdd) {
    const other = clash(code.codebookId, code.parentId, code.name, code.id);
    let name = code.name;
    if (other) {
      const choice = intoById.has(other) ? log.decide(clashConflict(fromById.get(fromId) as SnapshotCode, fromPath(fromId), other, finalPath(other), label)) : 'add-renamed';
      if (choice === 'merge') newlyForced.set(fromId, other);
      name = `${code.name} (${label})`;
      for (let n = 2; clash(code.codebookId, code.parentId, name, code.id); n++) name = `${code.name} (${label}, ${n})`;
    }
    const node: Node = { codebookId: code.codebookId, parentId: code.parentId, name };
    final.set(code.id, node);
    place(code.id, node);
    added.push({
      ...code,
      name,
      color: code.color ? code.color.toUpperCase() : '#888888',
      shortcut: useShortcut(code.codebookId, code.shortcut) ? (code.shortcut as string).trim() : null,
      position: takePosition(code.codebookId, code.parentId),
    });
  }

  settle(true);
  for (const ch of pending) {
    const node = final.get(ch.id) as Node;
    const what = quote(finalPath(ch.id));
    if (ch.kind === 'rename') {
      log.warn(`${what} keeps its name: ${label} calls it ${quote(ch.name)}, but ${where(node.codebookId, node.parentId)} already has a code of that name.`);
    } else if (clash(node.codebookId, ch.parentId, node.name, ch.id)) {
      log.warn(`${what} stays where it is: ${where(node.codebookId, ch.parentId)} already has a code called ${quote(node.name)}.`);
    } else {
      // Only a move under a code can wait for anything but a name: the top level is under nothing.
      log.warn(`${what} stays where it is: moving it under ${quote(finalPath(ch.parentId as string))} as in ${label} would put it under itself.`);
    }
  }

  const finalPaths = pathFinder((id) => final.get(id));
  return {
    outcome: {
      map,
      added,
      updated: [...updates].filter(([, set]) => Object.keys(set).length > 0).map(([id, set]) => ({ id, set })),
      matchedById: pairs.filter((p) => p.how === 'id').length,
      matchedByName: pairs.filter((p) => p.how === 'name').map((p) => p.into.id),
      pathOf: finalPaths,
      conflicts: log.conflicts,
      warnings: log.warnings,
    },
    newlyForced,
    newTwins: twinsOf(toAdd, intoChildren, claimedBy, map),
  };
}

/**
 * Two incoming codes of one name under one (mapped) parent are one code, as when both are added. So a code about
 * to be added whose same-named sibling claimed this project's code of that name is that code: merging the same
 * copy a second time then finds what the first merge made instead of adding "Shame (bea.dyad)". Judged after
 * every code is mapped (a sibling's parent may be mapped after it), and keyed by the incoming name, so a code
 * renamed away still frees its old name.
 */
function twinsOf(
  toAdd: { code: SnapshotCode; fromId: string }[],
  intoChildren: Map<string, SnapshotCode[]>,
  claimedBy: Map<string, SnapshotCode>,
  map: Map<string, string>,
): Map<string, string> {
  const twins = new Map<string, string>();
  for (const { code, fromId } of toAdd) {
    const n = normaliseName(code.name);
    const twin = (intoChildren.get(slot(code.codebookId, code.parentId)) ?? []).find((x) => {
      const by = claimedBy.get(x.id);
      return by !== undefined && by.id !== fromId && normaliseName(by.name) === n && (by.parentId === null ? null : (map.get(by.parentId) ?? null)) === code.parentId;
    });
    if (twin) twins.set(fromId, twin.id);
  }
  return twins;
}

function clashConflict(c: SnapshotCode, theirPath: string, existingId: string, existingPath: string, label: string) {
  return {
    id: `code-name-clash:${c.id}`,
    kind: 'code-name-clash' as const,
    description: `${label} has a new code ${quote(theirPath)}: a different code (another id) from this project's ${quote(existingPath)}, which has the same name.`,
    options: [
      { id: 'add-renamed', label: `Add it as ${quote(`${collapseSpaces(c.name)} (${label})`)}` },
      { id: 'merge', label: `Merge it into ${quote(existingPath)}` },
    ],
    mine: existingPath,
    theirs: theirPath,
    subjectId: existingId,
  };
}
