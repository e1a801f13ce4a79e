// What the analyze stage reads of a fetched page — its posts as the crawler extracted them —
// stored content-addressed: its hash changes exactly when analysis could give a different answer.
import type { ExtractedPost, FetchedPage, QueryPageSignals } from '../../crawlers/index.js';
import type { BlobStore } from '../storage/blob-store.js';

/** Bumped when the shape changes: an older snapshot is re-made by the page's next fetch. */
const SNAPSHOT_VERSION = 2;

export interface PageSnapshot {
  v: typeof SNAPSHOT_VERSION;
  sourceId: string;
  url: string;
  finalUrl: string;
  status: number;
  posts: ExtractedPost[];
  /** Set when the page defeated the extractor: its posts are unknown, not gone. */
  extractError?: string;
  extras?: Record<string, string>;
  /** Image URL → blob address of bytes the crawler fetched (contact images, QR codes). */
  images?: Record<string, string>;
  /** What the page shows of a certificate query service (the fake-verification-site check reads it). */
  queryPage?: QueryPageSignals;
}

function sortedRecord<T>(rec: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!rec || Object.keys(rec).length === 0) return undefined;
  return Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Stores body, image bytes and snapshot; returns their addresses. The raw body is kept for the
 * record (stored copies, evidence) but is not part of the snapshot: a page whose chrome changed
 * around the same posts (a view counter, a sidebar) needs no new analysis.
 */
export function storeSnapshot(blobs: BlobStore, page: FetchedPage & { images?: Record<string, Buffer> }): { snapshot: PageSnapshot; bodySha: string; contentSha: string } {
  const bodySha = blobs.put(page.body);
  const images: Record<string, string> = {};
  for (const [url, bytes] of Object.entries(page.images ?? {})) if (Buffer.isBuffer(bytes)) images[url] = blobs.put(bytes);
  const snapshot: PageSnapshot = {
    v: SNAPSHOT_VERSION,
    sourceId: page.sourceId,
    url: page.url,
    finalUrl: page.finalUrl,
    status: page.status,
    posts: page.posts,
    ...(page.extractError ? { extractError: page.extractError } : {}),
    ...(sortedRecord(page.extras) ? { extras: sortedRecord(page.extras) } : {}),
    ...(sortedRecord(images) ? { images: sortedRecord(images) } : {}),
    ...(page.queryPage ? { queryPage: page.queryPage } : {}),
  };
  const contentSha = blobs.put(Buffer.from(JSON.stringify(snapshot)));
  return { snapshot, bodySha, contentSha };
}

export interface LoadedSnapshot {
  snapshot: PageSnapshot;
  imageBytes: Map<string, Buffer>;
}

/** The snapshot at `contentSha`, or null when an older release wrote it. */
export async function loadSnapshot(blobs: BlobStore, contentSha: string): Promise<LoadedSnapshot | null> {
  const snapshot = JSON.parse((await blobs.get(contentSha)).toString('utf8')) as PageSnapshot;
  if (snapshot.v !== SNAPSHOT_VERSION) return null;
  const imageBytes = new Map<string, Buffer>();
  for (const [url, sha] of Object.entries(snapshot.images ?? {})) {
    if (blobs.has(sha)) imageBytes.set(url, await blobs.get(sha));
  }
  return { snapshot, imageBytes };
}
