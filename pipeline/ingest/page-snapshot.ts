// What the analyze stage reads of a fetched page, stored content-addressed next to the
// raw body: its hash changes exactly when analysis could give a different answer.
import iconv from 'iconv-lite';
import type { FetchedPage, RenderMode } from '../../crawlers/index.js';
import type { BlobStore } from '../storage/blob-store.js';

export interface PageSnapshot {
  v: 1;
  sourceId: string;
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  charset: string;
  render: RenderMode;
  /** Blob address of the raw body. */
  bodySha: string;
  /** Present when the text is not simply the body decoded with `charset` (browser renders, repaired decodes). */
  html?: string;
  extras?: Record<string, string>;
  /** Image URL → blob address of bytes the crawler fetched (contact images, QR codes). */
  images?: Record<string, string>;
}

function decodeBody(body: Buffer, charset: string): string | undefined {
  try {
    return iconv.encodingExists(charset) ? iconv.decode(body, charset) : undefined;
  } catch {
    return undefined;
  }
}

function sortedRecord<T>(rec: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!rec || Object.keys(rec).length === 0) return undefined;
  return Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Stores body, image bytes and snapshot; returns the snapshot and its address (the content hash). */
export function storeSnapshot(
  blobs: BlobStore,
  page: FetchedPage & { images?: Record<string, Buffer> },
): { snapshot: PageSnapshot; bodySha: string; contentSha: string } {
  const bodySha = blobs.put(page.body);
  const images: Record<string, string> = {};
  for (const [url, bytes] of Object.entries(page.images ?? {})) if (Buffer.isBuffer(bytes)) images[url] = blobs.put(bytes);
  const decoded = decodeBody(page.body, page.charset);
  const snapshot: PageSnapshot = {
    v: 1,
    sourceId: page.sourceId,
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status,
    contentType: page.contentType,
    charset: page.charset,
    render: page.render,
    bodySha,
    ...(decoded === page.html ? {} : { html: page.html }),
    ...(sortedRecord(page.extras) ? { extras: sortedRecord(page.extras) } : {}),
    ...(sortedRecord(images) ? { images: sortedRecord(images) } : {}),
  };
  const contentSha = blobs.put(Buffer.from(JSON.stringify(snapshot)));
  return { snapshot, bodySha, contentSha };
}

export interface LoadedSnapshot {
  snapshot: PageSnapshot;
  page: FetchedPage;
  imageBytes: Map<string, Buffer>;
}

export async function loadSnapshot(blobs: BlobStore, contentSha: string, fetchedAt: Date): Promise<LoadedSnapshot> {
  const snapshot = JSON.parse((await blobs.get(contentSha)).toString('utf8')) as PageSnapshot;
  const body = await blobs.get(snapshot.bodySha);
  const html = snapshot.html ?? decodeBody(body, snapshot.charset) ?? body.toString('utf8');
  const imageBytes = new Map<string, Buffer>();
  for (const [url, sha] of Object.entries(snapshot.images ?? {})) {
    if (blobs.has(sha)) imageBytes.set(url, await blobs.get(sha));
  }
  return {
    snapshot,
    imageBytes,
    page: {
      sourceId: snapshot.sourceId,
      url: snapshot.url,
      finalUrl: snapshot.finalUrl,
      status: snapshot.status,
      fetchedAt,
      contentType: snapshot.contentType,
      body,
      html,
      charset: snapshot.charset,
      render: snapshot.render,
      ...(snapshot.extras ? { extras: snapshot.extras } : {}),
    },
  };
}
