/** Says how a file will be saved, the same words on Export and Exchange: the app asks where, the browser downloads. */
export function SaveNote() {
  const app = typeof window !== 'undefined' && window.dyad !== undefined;
  return <p className="an-muted ex-save-note">{app ? 'You choose where to save the file.' : 'The file is downloaded by your browser, to its downloads folder.'}</p>;
}
