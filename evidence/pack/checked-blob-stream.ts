// Captured files read back from the blob store for a pack, checked against their
// `evidence` rows: a missing, truncated or changed blob fails the export as a PackError.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { BlobStore } from '../../pipeline/storage/blob-store.js';
import { PackError } from './pack-inputs.js';
import type { PackItem } from './pack-items.js';

export type EvidenceProblem = 'missing' | 'size' | 'sha256' | 'sm3' | 'unreadable';

/** One captured file that cannot go into a pack as recorded; names the evidence row. */
export class EvidenceFileError extends PackError {
  override name = 'EvidenceFileError';

  constructor(
    readonly evidenceId: number,
    readonly path: string,
    readonly problem: EvidenceProblem,
    detail: string,
  ) {
    super(`evidence ${evidenceId} (${path}): ${detail}`);
  }
}

type Checked = Pick<PackItem, 'evidenceId' | 'path' | 'size' | 'sha256' | 'sm3'>;

/**
 * Cheap checks before any work: every blob is present with its recorded size. Reading
 * the bytes (hashes) happens while they stream into the zip.
 */
export async function checkBlobsPresent(blobs: BlobStore, items: Checked[]): Promise<void> {
  for (const it of items) {
    let size: number;
    try {
      size = (await stat(blobs.pathOf(it.sha256))).size;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new EvidenceFileError(it.evidenceId, it.path, 'missing', `blob ${it.sha256} is missing from the blob store`);
      throw new EvidenceFileError(it.evidenceId, it.path, 'unreadable', `blob ${it.sha256} cannot be read (${code ?? (err as Error).message})`);
    }
    if (size !== it.size) throw new EvidenceFileError(it.evidenceId, it.path, 'size', `blob has ${size} bytes, the evidence row records ${it.size}`);
  }
}

/**
 * The blob's bytes, failing (as an 'error' on the returned stream) as soon as they
 * exceed the recorded size, and at the end when size, SHA-256 or SM3 differ. A failed
 * stream never ends, so the zip entry is never completed.
 */
export function checkedBlobStream(blobs: BlobStore, it: Checked): Transform {
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  const fail = (problem: EvidenceProblem, detail: string) => new EvidenceFileError(it.evidenceId, it.path, problem, detail);
  const checked = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > it.size) return cb(fail('size', `blob has more than the ${it.size} bytes the evidence row records`));
      sha.update(chunk);
      sm3.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      if (size !== it.size) return cb(fail('size', `blob has ${size} bytes, the evidence row records ${it.size}`));
      const gotSha = sha.digest('hex');
      if (gotSha !== it.sha256) return cb(fail('sha256', `blob content has SHA-256 ${gotSha}, the evidence row records ${it.sha256}`));
      const gotSm3 = sm3.digest('hex');
      if (gotSm3 !== it.sm3) return cb(fail('sm3', `blob content has SM3 ${gotSm3}, the evidence row records ${it.sm3}`));
      cb();
    },
  });
  const src = blobs.stream(it.sha256);
  src.on('error', (err: NodeJS.ErrnoException) => {
    checked.destroy(err.code === 'ENOENT' ? fail('missing', `blob ${it.sha256} vanished from the blob store`) : fail('unreadable', `blob cannot be read (${err.code ?? err.message})`));
  });
  // An aborted export must not leave the file descriptor open.
  checked.on('close', () => src.destroy());
  src.pipe(checked);
  return checked;
}
