// Packages one capture's WARC as a WACZ (WACZ 1.1.1: the WARC stored uncompressed, a
// CDXJ index, pages.jsonl and a hashed datapackage) so ReplayWeb.page can replay it.
import { createHash } from 'node:crypto';
import { CDXIndexer } from 'warcio';
import yazl from 'yazl';
import { entryOptions } from '../pack/deterministic-zip.js';

export interface WaczPage {
  url: string;
  title: string;
  capturedAt: Date;
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

export async function cdxjIndex(warc: Buffer, filename: string): Promise<Buffer> {
  const indexer = new CDXIndexer({ format: 'cdxj' });
  const lines: string[] = [];
  for await (const cdx of indexer.iterIndex([{ filename, reader: once(warc) }])) lines.push(indexer.serializeCDXJ(cdx));
  return Buffer.from(lines.sort().join(''));
}

export async function buildWacz(warc: Buffer, page: WaczPage, software: string): Promise<Buffer> {
  const index = await cdxjIndex(warc, 'data.warc');
  const pages = Buffer.from(
    `${JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' })}\n` +
      `${JSON.stringify({ id: createHash('sha256').update(page.url).digest('hex').slice(0, 32), url: page.url, ts: page.capturedAt.toISOString(), title: page.title })}\n`,
  );
  const files: [string, Buffer][] = [
    ['archive/data.warc', warc],
    ['indexes/index.cdx', index],
    ['pages/pages.jsonl', pages],
  ];
  const datapackage = Buffer.from(
    JSON.stringify(
      {
        profile: 'data-package',
        wacz_version: '1.1.1',
        title: page.title || page.url,
        mainPageURL: page.url,
        mainPageDate: page.capturedAt.toISOString(),
        created: page.capturedAt.toISOString(),
        software,
        resources: files.map(([path, b]) => ({ name: path.split('/').pop(), path, hash: sha(b), bytes: b.length })),
      },
      null,
      2,
    ),
  );
  const digest = Buffer.from(JSON.stringify({ path: 'datapackage.json', hash: sha(datapackage) }, null, 2));
  const zip = new yazl.ZipFile();
  // The WARC is stored, not deflated: replay reads records at index offsets.
  for (const [path, b] of files) zip.addBuffer(b, path, entryOptions(path !== 'archive/data.warc'));
  zip.addBuffer(datapackage, 'datapackage.json', entryOptions(true));
  zip.addBuffer(digest, 'datapackage-digest.json', entryOptions(true));
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
