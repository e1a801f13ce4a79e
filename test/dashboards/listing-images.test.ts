// The listing page shows what was read in each image beside it (URL, hash, OCR text, contacts),
// escaped like every scraped byte; the image itself is served only for the listing that showed it.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { saveImageReads, setListingImages } from '../../pipeline/storage/image-reads.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, XSS_SCRIPT, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let alice: DashboardClient;
let sha = '';
let htmlSha = '';

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  const png = new PNG({ width: 20, height: 10 });
  png.data.fill(200);
  sha = ctx.blobs.put(PNG.sync.write(png));
  // Bytes that are no image, stored as if one: never served as a page.
  htmlSha = ctx.blobs.put(Buffer.from(`<html>${XSS_SCRIPT}</html>`));
  const read = (s: string, ocrText: string) => ({ sha256: s, status: 'read' as const, reason: null, ocrText, qrText: null, contacts: [{ kind: 'phone' as const, value: '15956442218', origin: 'image' as const }], bytes: 100, width: 20, height: 10, ms: 900, engine: 'tesseract chi_sim +pre' });
  await saveImageReads(ctx.db, [read(sha, `电话：159 5644 2218 ${XSS_SCRIPT}`), read(htmlSha, '')]);
  await setListingImages(ctx.db, ids.listings.e1!, [{ url: 'http://127.0.0.4:8900/img/phone/43000004.png', sha256: sha }, { url: 'http://127.0.0.4:8900/img/x.png', sha256: htmlSha }]);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  alice = new DashboardClient(dash.url);
  await alice.login('alice', PASSWORDS.alice);
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

describe('listing page: contacts read in images', () => {
  it('shows each image with its URL, hash, OCR text and the contacts read in it, escaped', async () => {
    const page = await (await alice.get(`/listings/${ids.listings.e1}`)).text();
    expect(page).toContain('图片中的文字与联系方式');
    expect(page).toContain('http://127.0.0.4:8900/img/phone/43000004.png');
    expect(page).toContain(`sha256:${sha}`);
    expect(page).toContain(`<img src="/listings/${ids.listings.e1}/images/${sha}"`);
    expect(page).toContain('phone: 15956442218 <small>(image)</small>');
    expect(page).toContain('电话：159 5644 2218');
    expect(page).not.toContain(XSS_SCRIPT);
    // A listing without images shows no such section.
    expect(await (await alice.get(`/listings/${ids.listings.x1}`)).text()).not.toContain('图片中的文字与联系方式');
  });

  it('serves the image bytes for the listing that showed them, and nothing else', async () => {
    const res = await alice.get(`/listings/${ids.listings.e1}/images/${sha}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await alice.get(`/listings/${ids.listings.x1}/images/${sha}`)).status).toBe(404);
    expect((await alice.get(`/listings/${ids.listings.e1}/images/${htmlSha}`)).status).toBe(404);
    expect((await alice.get(`/listings/${ids.listings.e1}/images/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});
