// A kept pack version's bytes read back for download, checked against its recorded SHA-256:
// police must never receive a file whose hash differs from the one in the referral record.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { BlobStore } from '../../pipeline/storage/blob-store.js';
import type { PackVersion } from '../storage/packs.js';
import { PackError } from './pack-inputs.js';

export class PackFileError extends PackError {
  override name = 'PackFileError';
}

/**
 * Fails at once (PackFileError) when the file is missing or has another size; otherwise the
 * stream errors, instead of ending, if the bytes turn out not to hash to the recorded value,
 * so a damaged copy is never delivered as complete.
 */
export async function packFileStream(blobs: BlobStore, v: Pick<PackVersion, 'sha256' | 'size' | 'version'>): Promise<Transform> {
  let size: number;
  try {
    size = (await stat(blobs.pathOf(v.sha256))).size;
  } catch (err) {
    throw new PackFileError(`pack version ${v.version} (${v.sha256}) is not in the blob store (${(err as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  if (size !== v.size) throw new PackFileError(`pack version ${v.version} has ${size} bytes in the blob store, ${v.size} recorded`);
  const hash = createHash('sha256');
  // The last chunk is held back until the hash is known: a reader that was promised `size`
  // bytes (Content-Length) sees a short, broken download rather than a complete wrong one.
  let held: Buffer | undefined;
  const checked = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      const out = held;
      held = chunk;
      cb(null, out);
    },
    flush(cb) {
      const got = hash.digest('hex');
      if (got !== v.sha256) return cb(new PackFileError(`pack version ${v.version} now hashes to ${got}, ${v.sha256} recorded`));
      cb(null, held);
    },
  });
  const src = blobs.stream(v.sha256);
  src.on('error', (err) => checked.destroy(err));
  checked.on('close', () => src.destroy());
  src.pipe(checked);
  return checked;
}
