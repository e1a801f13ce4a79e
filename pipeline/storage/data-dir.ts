// The data dir holds raw pages, captures, packs, the embedded database and the signing key:
// only its owner may enter it (0700), and the evidence files in it are not world-readable (0640).
import { chmodSync, mkdirSync, statSync } from 'node:fs';

export const DATA_DIR_MODE = 0o700;
/** Blobs and packs: the owner writes, the owner's group (a backup job) may read, nobody else. */
export const EVIDENCE_FILE_MODE = 0o640;

/** Creates the data dir 0700, or narrows an existing one to 0700; false when its mode could not be set. */
export function ensureDataDir(path: string): boolean {
  mkdirSync(path, { recursive: true, mode: DATA_DIR_MODE });
  try {
    if ((statSync(path).mode & 0o777) !== DATA_DIR_MODE) chmodSync(path, DATA_DIR_MODE);
    return true;
  } catch {
    return false;
  }
}
