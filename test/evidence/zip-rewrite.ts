// Test helper: reads a pack zip into memory and writes a changed copy, to play the
// tamperer (flip a byte, drop or add a file, edit the manifest, reorder custody).
import { readFileSync, writeFileSync } from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

export type ZipEntries = Map<string, Buffer>;

export async function readZip(file: string): Promise<ZipEntries> {
  const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))));
  const out: ZipEntries = new Map();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, s) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

export async function writeZip(file: string, entries: ZipEntries): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  writeFileSync(file, Buffer.concat(chunks));
}

/** yazl refuses hostile names, so write a same-length placeholder and patch the bytes. */
export async function writeZipWithRawName(file: string, entries: ZipEntries, placeholder: string, hostile: string): Promise<void> {
  if (placeholder.length !== hostile.length) throw new Error('placeholder and hostile name must have the same length');
  await writeZip(file, entries);
  const buf = readFileSync(file);
  const from = Buffer.from(placeholder);
  const to = Buffer.from(hostile);
  let i = buf.indexOf(from);
  let n = 0;
  while (i >= 0) {
    to.copy(buf, i);
    n++;
    i = buf.indexOf(from, i + 1);
  }
  if (n < 2) throw new Error('placeholder not found in both headers');
  writeFileSync(file, buf);
}
