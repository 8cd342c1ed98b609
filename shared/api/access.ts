/**
 * Which calls only read the project. A project open in another Dyad can still be read from a snapshot (list,
 * search, retrieve, concordance, agreement, export); every other call is refused there. Kept as an allow-list so
 * that a new method counts as a write until someone says it only reads.
 */
import type { MethodName } from './contract';

const READ_ONLY_METHODS: readonly MethodName[] = [
  'project.info',
  'names.resolve',
  'interviews.get',
  // reads unless asked to create the code; the handler then checks that the project can be written
  'codes.resolvePath',
  'jobs.cancel',
  'search.text',
  'analysis.retrieve',
  'analysis.matrix',
  'analysis.concordance',
  'analysis.concordanceRows',
  'analysis.exportConcordance',
  'coders.list',
  'coders.current',
  'codebooks.list',
  'codebooks.exportDocument',
  'codes.get',
  'codes.find',
  'codes.usage',
  'codings.get',
  'codings.forInterview',
  'codings.forSession',
  'memos.get',
  'memos.list',
  'memos.search',
  'undo.state',
  'dyads.list',
  'dyads.navigator',
  'sessions.get',
  'sessions.align',
  'media.list',
  'media.probe',
  'interviews.usage',
  'export.excerpts',
  'export.dialogue',
  'refi.exportQdpx',
  'refi.exportQdc',
  'merge.last',
  'agreement.report',
  'agreement.disagreements',
  'agreement.export',
  'consensus.list',
  'consensus.pending',
  'team.status',
  'team.refused',
];

const readOnly = new Set<string>(READ_ONLY_METHODS);

/** True when `method` may change the project (and so is refused on a read-only snapshot). */
export function methodWrites(method: MethodName): boolean {
  return !readOnly.has(method);
}
