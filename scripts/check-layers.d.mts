// Types of scripts/check-layers.mjs, for its tests.
export interface FoundImport {
  spec: string | null;
  typeOnly: boolean;
  line: number;
}
export function importsOf(fileName: string, source: string): FoundImport[];
export function violations(root: string, file: string, source: string): string[];
export function checkTree(root: string): { problems: string[]; count: number };
