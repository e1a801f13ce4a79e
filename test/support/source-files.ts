// The repository's TypeScript sources room by room, for the tests that hold the tree to its
// rules (imports point down, SQL only in storage/): one walk, so both judge the same files.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Paths relative to the repository root, e.g. `pipeline/storage/pages.ts`. */
export function sourceFiles(room: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(p);
    }
  };
  walk(room);
  return out;
}
