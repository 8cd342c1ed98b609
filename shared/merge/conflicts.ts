/** Collects the conflicts met while planning and answers each with the lead's choice, or its default. */
import type { ConflictKind, ConflictOption, MergeChoices, MergeConflict } from './types';

export class ConflictLog {
  readonly conflicts: MergeConflict[] = [];
  readonly warnings: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly choices: MergeChoices) {}

  /** Records a conflict and returns the option to follow: the lead's, when it is one of the options, else the default. */
  decide(c: {
    id: string;
    kind: ConflictKind;
    description: string;
    options: ConflictOption[];
    defaultOption?: string;
    mine?: string | null;
    theirs?: string | null;
    subjectId?: string | null;
  }): string {
    const defaultOption = c.defaultOption ?? (c.options[0] as ConflictOption).id;
    if (!this.seen.has(c.id)) {
      this.seen.add(c.id);
      this.conflicts.push({
        id: c.id,
        kind: c.kind,
        description: c.description,
        options: c.options,
        defaultOption,
        mine: c.mine ?? null,
        theirs: c.theirs ?? null,
        subjectId: c.subjectId ?? null,
      });
    }
    const chosen = this.choices[c.id];
    return chosen !== undefined && c.options.some((o) => o.id === chosen) ? chosen : defaultOption;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}

export const quote = (s: string) => `"${s}"`;
