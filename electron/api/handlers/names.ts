import { basename } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import { findCodeByPath } from '../../../shared/analysis/codes';
import { findDyadName } from '../../../shared/domain/dyadName';
import { loadCodeTree } from '../../core/analysis/codes';
import { listCodebooks, listCoders } from '../../core/coding';
import { listDyadTree } from '../../core/dyads';
import type { Handler } from '../dispatch';

/** "…. Its dyads: 1, 2, 3." — what a researcher who mistyped can write instead. */
function known(what: string, names: string[]): string {
  if (!names.length) return '';
  const shown = names.slice(0, 30).join(', ');
  return ` Its ${what}: ${shown}${names.length > 30 ? ', …' : ''}.`;
}

export const nameHandlers = {
  'names.resolve': (input, { project }) => {
    const db = project.db;
    const file = basename(project.path);
    const tree = input.dyads || input.sessions || input.interviews ? listDyadTree(db) : [];

    const dyads = (input.dyads ?? []).map((n) => {
      const hit = findDyadName(tree, n);
      if (!hit) throw new DyadError('not-found', `${file} has no dyad "${n}".${known('dyads', tree.map((d) => d.name))}`);
      return hit;
    });

    let sessionIds: string[] = [];
    if (input.sessions?.length) {
      const numbers = input.sessions;
      const inDyads = dyads.length ? dyads : tree;
      sessionIds = inDyads.flatMap((d) => d.sessions.filter((s) => numbers.includes(s.number)).map((s) => s.id));
      if (dyads.length === 1 && numbers.length === 1 && !sessionIds.length) {
        const all = tree.flatMap((d) => d.sessions.map((s) => `dyad ${d.name} session ${s.number}`));
        const list = all.length ? ` Its sessions: ${all.slice(0, 20).join(', ')}${all.length > 20 ? ', …' : ''}.` : ' It has no sessions yet.';
        throw new DyadError('not-found', `No session ${numbers[0]} for dyad ${dyads[0]!.name} in ${file}.${list}`);
      }
      if (!sessionIds.length) throw new DyadError('not-found', `${file} has no session ${numbers.join(', ')}${dyads.length ? ' for the dyads given' : ''}.`);
    }

    let coderIds: string[] = [];
    if (input.coders?.length) {
      const all = listCoders(db);
      coderIds = input.coders.map((n) => {
        const hit = all.find((c) => c.name.toLocaleLowerCase() === n.trim().toLocaleLowerCase()) ?? all.find((c) => c.id === n);
        if (!hit) throw new DyadError('not-found', `${file} has no coder "${n}".${known('coders', all.map((c) => c.name))}`);
        return hit.id;
      });
    }

    let codeIds: string[] = [];
    if (input.codes?.length || input.allCodes) {
      const codes = loadCodeTree(db);
      codeIds = input.codes?.length ? input.codes.map((c) => findCodeByPath(codes, c, file)) : codes.ordered().map((c) => c.id);
    }

    let codebookId: string | null = null;
    if (input.codebook) {
      const wanted = input.codebook.toLocaleLowerCase();
      const books = listCodebooks(db);
      const hit = books.find((b) => b.id === input.codebook) ?? books.find((b) => b.name.toLocaleLowerCase() === wanted);
      if (!hit) throw new DyadError('not-found', `${file} has no codebook "${input.codebook}".${known('codebooks', books.map((b) => `"${b.name}"`))}`);
      codebookId = hit.id;
    }

    let interviewIds: string[] = [];
    if (input.interviews?.length) {
      const all = tree.flatMap((d) => d.sessions.flatMap((s) => s.interviews));
      interviewIds = input.interviews.map((ref) => {
        const byId = all.find((i) => i.id === ref);
        if (byId) return byId.id;
        const byName = all.filter((i) => i.sourceName === ref);
        if (byName.length === 1) return byName[0]!.id;
        if (byName.length > 1) throw new DyadError('conflict', `${file} has ${byName.length} interviews imported from ${ref}; give the interview's id (see \`dyad list\`).`);
        throw new DyadError('not-found', `${file} has no interview ${ref} (give an id or file name from \`dyad list\`).`);
      });
    }

    return { dyadIds: dyads.map((d) => d.id), sessionIds, coderIds, codeIds, codebookId, interviewIds };
  },
} satisfies { [K in 'names.resolve']: Handler<K> };
