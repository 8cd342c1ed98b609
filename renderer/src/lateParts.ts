/**
 * Parts of the app the first screen does not show: the coding layer (coder question, code palette, coding popover,
 * memo editor), the import dialog and the navigator's edit dialogs. Each is a chunk of its own (React.lazy in the
 * component that shows it), so the page load carries only the navigator (issue 17); startup.ts fetches them once the
 * navigator is shown, so the researcher's first action finds them loaded. One promise per part, reused.
 */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load());
}

export const loadCodingRoot = once(() => import('./components/coding/CodingRoot').then((m) => ({ default: m.CodingRoot })));
export const loadImportDialog = once(() => import('./components/import/ImportDialog').then((m) => ({ default: m.ImportDialog })));
export const loadEditDyadDialog = once(() => import('./components/navigator/EditDyadDialog').then((m) => ({ default: m.EditDyadDialog })));
export const loadSessionDetailsDialog = once(() =>
  import('./components/navigator/SessionDetailsDialog').then((m) => ({ default: m.SessionDetailsDialog })),
);

/** Fetches every late part (after the navigator is shown). */
export function loadLateParts(): void {
  for (const load of [loadCodingRoot, loadImportDialog, loadEditDyadDialog, loadSessionDetailsDialog]) void load();
}
