/** The session view's chunk (MainArea renders it lazily; startup.ts fetches it early). One promise, reused. */
let loading: Promise<{ default: typeof import('./DyadView').DyadView }> | null = null;

export function loadDyadView(): Promise<{ default: typeof import('./DyadView').DyadView }> {
  loading ??= import('./DyadView').then((m) => ({ default: m.DyadView }));
  return loading;
}
