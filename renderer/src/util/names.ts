/** "1" → "Dyad 1", "dyad 10" → "Dyad 10", "D04" → "Dyad D04": the view always says what the thing is. */
export function dyadTitle(name: string): string {
  const n = name.trim();
  if (/^dyad\b/i.test(n)) return `Dyad${n.slice(4)}`;
  return `Dyad ${n}`;
}

export function roleTitle(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}
