/**
 * The code hierarchy as analysis needs it: paths for display, subcodes for "include subcodes", and the lookup of
 * a code from the path a researcher types on the command line.
 */
import { DyadError } from '../domain/errors';
import { checkCodeDepth, formatCodePath, parseCodePath } from '../coding/paths';

export interface CodeNode {
  id: string;
  codebookId: string;
  codebookName: string;
  parentId: string | null;
  name: string;
  position: number;
}

/** Code paths are written as everywhere in Dyad (shared/coding/paths.ts): "Rupture/Withdrawal", a "/" in a name as "\/". */
const formatPath = formatCodePath;

export class CodeTree {
  readonly byId = new Map<string, CodeNode>();
  private readonly children = new Map<string | null, CodeNode[]>();
  private readonly paths = new Map<string, string>();

  constructor(codes: readonly CodeNode[]) {
    for (const c of codes) this.byId.set(c.id, c);
    for (const c of codes) {
      // A parent that is missing (should not happen with foreign keys) makes the code a root rather than lost.
      const parent = c.parentId && this.byId.has(c.parentId) ? c.parentId : null;
      const list = this.children.get(parent);
      if (list) list.push(c);
      else this.children.set(parent, [c]);
    }
    for (const list of this.children.values()) {
      list.sort((a, b) => a.codebookName.localeCompare(b.codebookName) || a.position - b.position || a.name.localeCompare(b.name));
    }
    this.checkDepth();
  }

  /** Level by level from the top: a tree deeper than MAX_CODE_DEPTH is refused with its deepest code named. */
  private checkDepth(): void {
    checkCodeDepth(this.children.get(null) ?? [], (c) => this.children.get(c.id) ?? []);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): CodeNode {
    const c = this.byId.get(id);
    if (!c) throw new DyadError('not-found', `There is no code with id ${id} in this project.`);
    return c;
  }

  /** Names from the root down ("Alliance/Rupture"). */
  path(id: string): string {
    let p = this.paths.get(id);
    if (p === undefined) {
      p = formatPath(this.names(id));
      this.paths.set(id, p);
    }
    return p;
  }

  names(id: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let c = this.byId.get(id); c && !seen.has(c.id); c = c.parentId ? this.byId.get(c.parentId) : undefined) {
      seen.add(c.id);
      out.unshift(c.name);
    }
    return out;
  }

  /** The code and all codes below it. */
  withDescendants(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    const seen = new Set<string>();
    while (stack.length) {
      const c = stack.pop()!;
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      for (const k of this.children.get(c) ?? []) stack.push(k.id);
    }
    return out;
  }

  /** The code and the codes above it, nearest first. */
  withAncestors(id: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let c = this.byId.get(id); c && !seen.has(c.id); c = c.parentId ? this.byId.get(c.parentId) : undefined) {
      seen.add(c.id);
      out.push(c.id);
    }
    return out;
  }

  depth(id: string): number {
    return this.withAncestors(id).length - 1;
  }

  /** Every code in codebook order, parents before their children. */
  ordered(): CodeNode[] {
    const out: CodeNode[] = [];
    const walk = (parent: string | null) => {
      for (const c of this.children.get(parent) ?? []) {
        out.push(c);
        walk(c.id);
      }
    };
    walk(null);
    return out;
  }
}

const norm = (s: string) => s.trim().replace(/\s+/gu, ' ').toLocaleLowerCase();
const key = (names: readonly string[]) => JSON.stringify(names.map(norm));

/**
 * Finds the code a researcher means by a path typed as "Theme/Subtheme" (any spaces around "/", any case), in any
 * codebook. A code id works too, and so does the end of a path ("Subtheme") when only one code ends that way.
 * `where` names the project file in messages.
 */
export function findCodeByPath(tree: CodeTree, typed: string, where: string): string {
  const t = typed.trim();
  if (tree.has(t)) return t;
  const wanted = parseCodePath(t);
  const all = tree.ordered();
  const want = key(wanted);
  const exact = all.filter((c) => key(tree.names(c.id)) === want);
  const pick = (found: CodeNode[]) => {
    if (found.length === 1) return found[0]!.id;
    const list = found.map((c) => `${tree.path(c.id)} (codebook ${c.codebookName}, id ${c.id})`).join('; ');
    throw new DyadError('conflict', `In ${where}, "${typed}" could mean several codes: ${list}. Give the full path or the id.`);
  };
  if (exact.length) return pick(exact);
  const tail = all.filter((c) => {
    const names = tree.names(c.id);
    return names.length > wanted.length && key(names.slice(names.length - wanted.length)) === want;
  });
  if (tail.length) return pick(tail);
  const known = all.length ? ` Its codes: ${all.slice(0, 30).map((c) => tree.path(c.id)).join(', ')}${all.length > 30 ? ', …' : ''}.` : ' It has no codes yet.';
  throw new DyadError('not-found', `${where} has no code "${typed}".${known}`);
}
