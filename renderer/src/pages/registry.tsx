import { lazy, type ComponentType } from 'react';

/**
 * Each page is its own chunk, loaded when first chosen: opening a project shows the navigator, and the page load
 * should carry only what that needs (issue 17: page load → navigator shown ≤ 150 ms).
 */
const MemosPage = lazy(() => import('../components/memos/MemosPage').then((m) => ({ default: m.MemosPage })));
const SearchPage = lazy(() => import('../components/analysis/SearchPage').then((m) => ({ default: m.SearchPage })));
const ExcerptsPage = lazy(() => import('../components/analysis/ExcerptsPage').then((m) => ({ default: m.ExcerptsPage })));
const ConcordancePage = lazy(() => import('../components/analysis/ConcordancePage').then((m) => ({ default: m.ConcordancePage })));
const ExportPage = lazy(() => import('../components/export/ExportPage').then((m) => ({ default: m.ExportPage })));
const MergePage = lazy(() => import('../components/team/MergePage').then((m) => ({ default: m.MergePage })));
const ExchangePage = lazy(() => import('../components/exchange/ExchangePage').then((m) => ({ default: m.ExchangePage })));
const LabServerPage = lazy(() => import('../components/lab/LabServerPage').then((m) => ({ default: m.LabServerPage })));
const AgreementPage = lazy(() => import('../components/team/AgreementPage').then((m) => ({ default: m.AgreementPage })));

/**
 * Pages of the workspace besides the session view (analysis, team work, export…). Each capability adds its pages
 * here; the navigator lists them under "Analysis" and the main area shows the chosen one.
 */
interface PageDef {
  id: string;
  title: string;
  /** One line shown as the navigator entry's tooltip. */
  description: string;
  /** Sort key in the navigator. */
  order: number;
  /** Loaded on first use: render it inside a Suspense boundary. */
  component: ComponentType;
}

export const pages: PageDef[] = [
  { id: 'memos', title: 'Memos', description: 'Every memo on codes, codings, interviews, sessions and dyads; search and go to each', order: 50, component: MemosPage },
  { id: 'search', title: 'Search', description: 'Full-text search of every transcript; open a hit in its session', order: 10, component: SearchPage },
  { id: 'excerpts', title: 'Excerpts', description: 'The excerpts of a code, alone or combined with another code, with context and attribution', order: 20, component: ExcerptsPage },
  { id: 'concordance', title: 'Concordance', description: 'Client–therapist concordance per code, with the moments behind each number; code × role and code × dyad matrix', order: 30, component: ConcordancePage },
  { id: 'export', title: 'Export', description: 'Coded excerpts or a theme as a client–therapist dialogue, as Word, Markdown, HTML, CSV or Excel, attributed and de-identified', order: 60, component: ExportPage },
  { id: 'merge', title: "Merge a coder's project", description: "Bring another coder's copy (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc) into this project", order: 70, component: MergePage },
  { id: 'exchange', title: 'Exchange (REFI-QDA)', description: 'Export the project as .qdpx or a codebook as .qdc; import a .qdpx project or a .qdc codebook', order: 80, component: ExchangePage },
  { id: 'lab', title: 'Lab server', description: "The team's project on the lab's PostgreSQL server: members, last sync, changes waiting, Sync now", order: 72, component: LabServerPage },
  { id: 'agreement', title: 'Agreement', description: "Inter-coder agreement per code (percent, Cohen's kappa, Krippendorff's alpha), disagreements and consensus", order: 75, component: AgreementPage },
];

export const pageById = (id: string): PageDef | undefined => pages.find((p) => p.id === id);
