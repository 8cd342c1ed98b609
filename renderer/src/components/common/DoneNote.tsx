/** What a finished export or import wrote, announced to screen readers; nothing when there is nothing to say. */
export function DoneNote({ text }: { text: string | null }) {
  return text ? (
    <p className="ex-done" role="status">
      {text}
    </p>
  ) : null;
}
