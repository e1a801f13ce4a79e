// Where the shared real-world data lives: ../shared/data next to the repo, or
// CERTWATCH_SHARED_DIR. Texts are read from there at run time, never copied in.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The data directory; CERTWATCH_SHARED_DIR may name it or its parent (the shared folder). */
export function sharedDataDir(): string {
  const env = process.env.CERTWATCH_SHARED_DIR;
  if (!env) return path.resolve(REPO_ROOT, '../shared/data');
  const dir = path.resolve(env);
  return existsSync(path.join(dir, 'real-world-dev.jsonl')) || !existsSync(path.join(dir, 'data')) ? dir : path.join(dir, 'data');
}

export function realWorldDevPath(): string {
  return path.join(sharedDataDir(), 'real-world-dev.jsonl');
}
