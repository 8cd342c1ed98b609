import { useEffect, type RefObject } from 'react';

/** Focuses an element once the dialog around it has taken focus itself (common/Modal focuses its box on mount). */
export function useFocusLater(ref: RefObject<HTMLElement | null>, when = true): void {
  useEffect(() => {
    if (!when) return;
    const id = requestAnimationFrame(() => ref.current?.focus());
    return () => cancelAnimationFrame(id);
  }, [ref, when]);
}
