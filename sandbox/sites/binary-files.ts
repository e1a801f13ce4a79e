// Attachment-like binaries (PDF, ZIP, DOC, JPEG) that sites link to: a crawler must not
// parse them as HTML. Bytes are deterministic per name and seed.
import { binary, notFound, type Reply } from '../http/reply.js';
import { Rng } from '../random.js';

const TYPES: Record<string, { type: string; magic: string; size: number }> = {
  pdf: { type: 'application/pdf', magic: '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', size: 48_000 },
  zip: { type: 'application/zip', magic: 'PK\x03\x04', size: 1_500_000 },
  doc: { type: 'application/msword', magic: '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', size: 30_000 },
  jpg: { type: 'image/jpeg', magic: '\xff\xd8\xff\xe0\x00\x10JFIF\x00', size: 60_000 },
};

/** Serves /files/<name>.<ext> for the names a site lists; anything else is a 404. */
export function binaryFile(seed: number, path: string, names: readonly string[]): Reply | null {
  const m = /^\/files\/([a-z0-9-]{1,40})\.(pdf|zip|doc|jpg)$/.exec(path);
  if (!m) return null;
  if (!names.includes(`${m[1]}.${m[2]}`)) return notFound();
  const t = TYPES[m[2]!]!;
  const rng = new Rng(seed, `file:${path}`);
  const buf = Buffer.alloc(t.size);
  const magic = Buffer.from(t.magic, 'latin1');
  magic.copy(buf);
  for (let i = magic.length; i < buf.length; i += 4) buf.writeUInt32LE((rng.next() * 0x100000000) >>> 0, Math.min(i, buf.length - 4));
  return binary(buf, t.type);
}
