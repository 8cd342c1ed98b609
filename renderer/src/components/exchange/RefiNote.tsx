/**
 * What a REFI-QDA file carries to NVivo, ATLAS.ti, MAXQDA or QualCoder and what it does not, so the researcher
 * knows before sending a project away (docs/refi-qda.md has the element-by-element map).
 */
export function RefiNote() {
  return (
    <aside className="an-card xc-note" aria-label="What REFI-QDA carries">
      <h2 className="an-h2">What REFI-QDA carries</h2>
      <div className="xc-note__cols">
        <div>
          <h3 className="xc-note__h">Other tools see</h3>
          <ul>
            <li>the transcripts, as text sources named by dyad, session and role (“D4 S1 client”)</li>
            <li>the codes with their colours, definitions and inclusion and exclusion criteria</li>
            <li>every coding, with the coder who made it</li>
            <li>memos on the project, codes, codings and transcripts</li>
            <li>dyads as cases, with their attributes</li>
          </ul>
        </div>
        <div>
          <h3 className="xc-note__h">Only Dyad reads back</h3>
          <ul>
            <li>speaker turns, recall moments and their session times, so the two sides no longer line up elsewhere</li>
            <li>sessions and roles, and which dyad or session a memo is about (kept in the file’s own Dyad data)</li>
            <li>code shortcuts and which codebook a code belongs to</li>
          </ul>
          <p className="an-muted">A project saved again by another tool loses this Dyad data: on import you assign each transcript its dyad, session and role.</p>
        </div>
      </div>
    </aside>
  );
}
