// The sandbox web answers conditional requests like real servers: ETag and/or Last-Modified on
// most sites, 304 when they match, and one site (the job board) that sends no validator at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, type Sandbox, startSandbox } from '../../sandbox/index.js';

let sb: Sandbox;
let origins: Record<string, string>;

beforeAll(async () => {
  const port = await findFreePort();
  sb = await startSandbox({ port, seed: 2, scale: 1, quiet: true, rateLimit: 0 });
  origins = sb.origins as Record<string, string>;
});
afterAll(async () => {
  await sb?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: 'manual' });

describe('sandbox validators', () => {
  it('the forum sends an ETag and a Last-Modified and answers 304 to either', async () => {
    const url = `${origins.bbs}/forum.php`;
    const first = await get(url);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const lm = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]{20}"$/);
    expect(Number.isFinite(Date.parse(lm))).toBe(true);
    const byTag = await get(url, { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    expect((await byTag.arrayBuffer()).byteLength).toBe(0);
    expect((await get(url, { 'if-modified-since': lm })).status).toBe(304);
    expect((await get(url, { 'if-none-match': '"stale"' })).status).toBe(200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    expect((await get(url, { 'if-none-match': '"stale"', 'if-modified-since': lm })).status).toBe(200);
  });

  it('a day later a changed page gets a new ETag and the old one no longer matches', async () => {
    const url = `${origins.bbs}/forum.php`;
    sb.setDay(8);
    const before = (await get(url)).headers.get('etag')!;
    sb.setDay(9);
    const after = await get(url, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    sb.setDay(0);
  });

  it('the classifieds send a weak ETag, the Q&A site only Last-Modified, the job board nothing', async () => {
    const ads = await get(`${origins.classifieds}/`);
    const weak = ads.headers.get('etag')!;
    expect(weak).toMatch(/^W\/"/);
    expect((await get(`${origins.classifieds}/`, { 'if-none-match': weak })).status).toBe(304);
    const qa = await get(`${origins.qa}/`);
    expect(qa.headers.get('etag')).toBeNull();
    expect((await get(`${origins.qa}/`, { 'if-modified-since': qa.headers.get('last-modified')! })).status).toBe(304);
    const jobs = await get(`${origins.jobs}/`);
    expect(jobs.status).toBe(200);
    expect(jobs.headers.get('etag')).toBeNull();
    expect(jobs.headers.get('last-modified')).toBeNull();
    expect((await get(`${origins.jobs}/`, { 'if-none-match': '*' })).status).toBe(200);
  });

  it('never answers 304 to an error page', async () => {
    const missing = await get(`${origins.bbs}/thread-999999999-1-1.html`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    expect((await get(`${origins.bbs}/thread-999999999-1-1.html`, { 'if-none-match': '*' })).status).toBe(404);
  });
});
