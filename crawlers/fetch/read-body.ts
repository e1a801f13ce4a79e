// Reads a response stream into raw bytes with a hard size cap, so one huge or
// endless body costs at most `maxBytes` of memory before it is dropped and counted.
import type { Readable } from 'node:stream';
import { CrawlFetchError } from '../crawl-stats.js';

export async function readBodyCapped(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : (chunk as Buffer);
      size += buf.length;
      if (size > maxBytes) {
        stream.destroy();
        throw new CrawlFetchError('too_large', `body exceeds ${maxBytes} bytes`);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof CrawlFetchError) throw err;
    const msg = (err as Error).message ?? String(err);
    throw new CrawlFetchError(/timed? ?out|timeout/i.test(msg) ? 'timeout' : 'network', `reading body: ${msg}`, true);
  }
  return Buffer.concat(chunks, size);
}
