/** The drag payload of a code from the codebook panel (its id), for the tree itself and for the view. */
export const CODE_MIME = 'application/x-dyad-code';

export type DropZone = 'before' | 'inside' | 'after';

/** Where on a code's row the pointer is: its top quarter puts the dragged code before it, the bottom quarter after
 * it, the middle under it as a sub-code. */
export function zoneAt(offsetY: number, height: number): DropZone {
  if (offsetY < height * 0.28) return 'before';
  if (offsetY > height * 0.72) return 'after';
  return 'inside';
}
