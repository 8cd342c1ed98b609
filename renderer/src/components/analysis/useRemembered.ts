import { useCallback } from 'react';
import { useStore } from '../../store';

/**
 * Like useState, but kept in the store under `key`: a page's query and results survive a jump to the dyad view
 * and back.
 */
export function useRemembered<T>(key: string, initial: T): [T, (value: T | ((prev: T) => T)) => void] {
  const stored = useStore((s) => s.analysisMemory[key]) as T | undefined;
  const value = stored === undefined ? initial : stored;
  const setValue = useCallback(
    (v: T | ((prev: T) => T)) => {
      const s = useStore.getState();
      const prev = (s.analysisMemory[key] as T | undefined) ?? initial;
      s.remember(key, typeof v === 'function' ? (v as (p: T) => T)(prev) : v);
    },
    // `initial` is only the first value; a new object each render must not make a new setter.
    [key],
  );
  return [value, setValue];
}
