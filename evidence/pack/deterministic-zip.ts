// Zip entries with fixed timestamps and modes, so the same pack content gives the same
// bytes on any machine; and a rewrite of other writers' zips (XLSX) into that form.
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import yazl from 'yazl';

// Built with the local-time constructor on purpose: yazl writes DOS times from local
// fields, so every time zone then stores the same 2000-01-01 00:00.
export const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

export function entryOptions(compress: boolean): Partial<yazl.Options> {
  return { mtime: FIXED_MTIME, mode: 0o100644, compress, forceDosTimestamp: true };
}

/** Already-compressed formats are stored, the rest deflated. */
export function shouldCompress(path: string): boolean {
  return !/\.(png|jpe?g|pdf|xlsx|zip|wacz|gz)$/i.test(path);
}

const fromBuffer = promisify(yauzl.fromBuffer) as (b: Buffer, o: yauzl.Options) => Promise<yauzl.ZipFile>;

async function readAll(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await promisify(zip.openReadStream.bind(zip))(entry);
  const chunks: Buffer[] = [];
  for await (const c of stream!) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Re-zips `input` keeping entry order and content, with fixed times and modes. */
export async function normaliseZip(input: Buffer): Promise<Buffer> {
  const zip = await fromBuffer(input, { lazyEntries: true });
  const out = new yazl.ZipFile();
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    out.outputStream.on('data', (c: Buffer) => chunks.push(c));
    out.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    out.outputStream.on('error', reject);
  });
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      readAll(zip, entry).then((bytes) => {
        out.addBuffer(bytes, entry.fileName, entryOptions(true));
        zip.readEntry();
      }, reject);
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  out.end();
  return done;
}
