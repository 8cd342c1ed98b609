/**
 * The workspace's pages besides the session view, as the navigator lists them under "Analysis": names and order only,
 * so that the first screen drawn before React (firstScreen/draw.ts) lists them without loading a page. registry.tsx
 * gives each its component.
 */
export interface PageEntry {
  id: PageId;
  title: string;
  /** One line shown as the navigator entry's tooltip. */
  description: string;
  /** Sort key in the navigator. */
  order: number;
}

export type PageId = 'memos' | 'search' | 'excerpts' | 'concordance' | 'export' | 'merge' | 'exchange' | 'lab' | 'agreement';

export const pageEntries: readonly PageEntry[] = [
  { id: 'memos', title: 'Memos', description: 'Every memo on codes, codings, interviews, sessions and dyads; search and go to each', order: 50 },
  { id: 'search', title: 'Search', description: 'Full-text search of every transcript; open a hit in its session', order: 10 },
  { id: 'excerpts', title: 'Excerpts', description: 'The excerpts of a code, alone or combined with another code, with context and attribution', order: 20 },
  { id: 'concordance', title: 'Concordance', description: 'Client–therapist concordance per code, with the moments behind each number; code × role and code × dyad matrix', order: 30 },
  { id: 'export', title: 'Export', description: 'Coded excerpts or a theme as a client–therapist dialogue, as Word, Markdown, HTML, CSV or Excel, attributed and de-identified', order: 60 },
  { id: 'merge', title: "Merge a coder's project", description: "Bring another coder's copy (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc) into this project", order: 70 },
  { id: 'exchange', title: 'Exchange (REFI-QDA)', description: 'Export the project as .qdpx or a codebook as .qdc; import a .qdpx project or a .qdc codebook', order: 80 },
  { id: 'lab', title: 'Lab server', description: "The team's project on the lab's PostgreSQL server: members, last sync, changes waiting, Sync now", order: 72 },
  { id: 'agreement', title: 'Agreement', description: "Inter-coder agreement per code (percent, Cohen's kappa, Krippendorff's alpha), disagreements and consensus", order: 75 },
];

/** The pages in the navigator's order. */
export const navigatorPages = (): PageEntry[] => [...pageEntries].sort((a, b) => a.order - b.order);
