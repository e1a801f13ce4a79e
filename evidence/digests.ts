// SHA-256 (the usual court hash) and SM3 (GB/T 32905, the national standard) of every
// evidence file, computed in one pass so large files are read once.
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';

export interface Digests {
  sha256: string;
  sm3: string;
  size: number;
}

export function digestBytes(bytes: Buffer | string): Digests {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return {
    sha256: createHash('sha256').update(buf).digest('hex'),
    sm3: createHash('sm3').update(buf).digest('hex'),
    size: buf.length,
  };
}

/** A pass-through that digests what flows through it; `result()` is valid after 'end'. */
export function digestingStream(): Transform & { result(): Digests } {
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  let done: Digests | undefined;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      sha.update(chunk);
      sm3.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      done = { sha256: sha.digest('hex'), sm3: sm3.digest('hex'), size };
      cb();
    },
  });
  return Object.assign(t, {
    result(): Digests {
      if (!done) throw new Error('digest read before the stream ended');
      return done;
    },
  });
}

/** Digests a whole stream without keeping it. */
export async function digestStream(stream: Readable): Promise<Digests> {
  const sha = createHash('sha256');
  const sm3 = createHash('sm3');
  let size = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    sha.update(b);
    sm3.update(b);
    size += b.length;
  }
  return { sha256: sha.digest('hex'), sm3: sm3.digest('hex'), size };
}
