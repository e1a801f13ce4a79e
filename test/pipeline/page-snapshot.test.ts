// The crawl stores a page's snapshot off the event loop: it must give the same blobs and addresses
// as the synchronous store, or a page would look changed (and be analysed again) for nothing.
import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { loadSnapshot, storeSnapshot, storeSnapshotAsync } from '../../pipeline/ingest/page-snapshot.js';
import { fetchedPage } from '../crawlers/helpers/fetched-page.js';
import { tempDir } from '../support/services.js';

const HTML = `<html><head><title>电工证</title></head><body>
  <div class="floor" id="post_1"><span class="author">卖家</span><div class="msg">低压电工证 包过 联系 13014012227 <img src="/q.png"></div></div>
  <div class="floor" id="post_2"><span class="author">路人</span><div class="msg">这是假的吧，别信</div></div>
</body></html>`;

describe('page snapshots', () => {
  it('are stored alike either way: same body, image, content addresses and bytes', async () => {
    const page = {
      ...fetchedPage('forum', 'http://forum.test/t/1', HTML, { extras: { z: 'revealed 13014012227', a: 'first' } }),
      images: { 'http://forum.test/z.png': Buffer.from('png z'), 'http://forum.test/q.png': Buffer.from('png q') },
    };
    const a = tempDir();
    const b = tempDir();
    const sync = storeSnapshot(new BlobStore(a.path), page);
    const store = new BlobStore(b.path);
    const async = await storeSnapshotAsync(store, page);
    expect(async).toEqual(sync);
    expect(async.snapshot.posts.length).toBe(2);
    expect(Object.keys(async.snapshot.images!)).toEqual(['http://forum.test/q.png', 'http://forum.test/z.png']);
    expect((await store.get(async.bodySha)).equals(page.body)).toBe(true);
    const loaded = await loadSnapshot(store, async.contentSha);
    expect(loaded?.snapshot).toEqual(sync.snapshot);
    expect(loaded?.imageBytes.get('http://forum.test/z.png')?.toString()).toBe('png z');
    a.remove();
    b.remove();
  });
});
