import { createElement } from 'react';
import type { Shape } from './iconShapes';

/** An icon's shapes (iconShapes.ts) as SVG children. */
export function Shapes({ of }: { of: readonly Shape[] }) {
  return <>{of.map(([tag, attrs], i) => createElement(tag, { key: i, ...attrs }))}</>;
}
