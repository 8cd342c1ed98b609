/**
 * When two spellings name the same dyad. Researchers write dyad 4 as "4", "04", "D04" or "Dyad 4" — a file-name
 * pattern "D{dyad}_…" reads "D04_S1_client.docx" as dyad "4", while the same researcher types "--dyad D04" on the
 * command line — so a numbered dyad is known by its number, whatever prefix or leading zeros it is written with.
 * Other names compare without regard to case or surrounding spaces.
 */
export function dyadNameKey(name: string): string {
  const t = name.trim().toLowerCase();
  const numbered = /^(?:dyad|d)?[ _-]*0*(\d+)$/.exec(t);
  return numbered ? `#${Number(numbered[1])}` : t;
}

/** The dyad among `names` that `wanted` names: the same spelling first, else the same number. */
export function findDyadName<T extends { name: string }>(dyads: readonly T[], wanted: string): T | undefined {
  const exact = wanted.trim().toLowerCase();
  const hit = dyads.find((d) => d.name.trim().toLowerCase() === exact);
  if (hit) return hit;
  const key = dyadNameKey(wanted);
  return dyads.find((d) => dyadNameKey(d.name) === key);
}
