import type { ComponentType } from 'react';
import { ConcordancePage } from '../components/analysis/ConcordancePage';
import { ExcerptsPage } from '../components/analysis/ExcerptsPage';
import { SearchPage } from '../components/analysis/SearchPage';
import { ExchangePage } from '../components/exchange/ExchangePage';
import { ExportPage } from '../components/export/ExportPage';
import { MemosPage } from '../components/memos/MemosPage';
import { AgreementPage } from '../components/team/AgreementPage';
import { MergePage } from '../components/team/MergePage';

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
  { id: 'agreement', title: 'Agreement', description: "Inter-coder agreement per code (percent, Cohen's kappa, Krippendorff's alpha), disagreements and consensus", order: 75, component: AgreementPage },
];

export const pageById = (id: string): PageDef | undefined => pages.find((p) => p.id === id);
