import { lazy, type ComponentType } from 'react';
import { pageEntries, type PageEntry, type PageId } from './list';

/**
 * Each page is its own chunk, loaded when first chosen: opening a project shows the navigator, and the page load
 * should carry only what that needs (issue 17: page load → navigator shown ≤ 150 ms).
 */
const components: Record<PageId, ComponentType> = {
  memos: lazy(() => import('../components/memos/MemosPage').then((m) => ({ default: m.MemosPage }))),
  search: lazy(() => import('../components/analysis/SearchPage').then((m) => ({ default: m.SearchPage }))),
  excerpts: lazy(() => import('../components/analysis/ExcerptsPage').then((m) => ({ default: m.ExcerptsPage }))),
  concordance: lazy(() => import('../components/analysis/ConcordancePage').then((m) => ({ default: m.ConcordancePage }))),
  export: lazy(() => import('../components/export/ExportPage').then((m) => ({ default: m.ExportPage }))),
  merge: lazy(() => import('../components/team/MergePage').then((m) => ({ default: m.MergePage }))),
  exchange: lazy(() => import('../components/exchange/ExchangePage').then((m) => ({ default: m.ExchangePage }))),
  lab: lazy(() => import('../components/lab/LabServerPage').then((m) => ({ default: m.LabServerPage }))),
  agreement: lazy(() => import('../components/team/AgreementPage').then((m) => ({ default: m.AgreementPage }))),
};

/**
 * Pages of the workspace besides the session view (analysis, team work, export…). Each capability adds its page to
 * list.ts and its component here; the navigator lists them under "Analysis" and the main area shows the chosen one.
 */
interface PageDef extends PageEntry {
  /** Loaded on first use: render it inside a Suspense boundary. */
  component: ComponentType;
}

export const pages: PageDef[] = pageEntries.map((p) => ({ ...p, component: components[p.id] }));

export const pageById = (id: string): PageDef | undefined => pages.find((p) => p.id === id);
