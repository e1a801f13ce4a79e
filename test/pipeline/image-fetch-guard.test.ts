// A post's picture URL is hostile input: the picture stage fetches it under its source's outbound
// rule (no private address unless the source allows them, every redirect hop checked), a few at a time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundPolicy } from '../../crawlers/index.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { ImageReader, type ImageReadStats } from '../../pipeline/ocr/image-reader.js';
import { DEFAULT_OCR_OPTIONS } from '../../pipeline/ocr/tesseract-ocr.js';
import { contactDesign } from '../../sandbox/images/picture-designs.js';
import { renderPictures } from '../../sandbox/images/picture-render.js';
import { tempDir, testDatabase, type TestDatabase } from '../support/services.js';

const stats = (): ImageReadStats => ({ read: 0, cached: 0, skipped: 0, failed: 0 });

describe('fetching the pictures of posts', () => {
  let t: TestDatabase;
  let reader: ImageReader;
  let server: Server;
  let port = 0;
  let base = '';
  const requests: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const dir = tempDir();
  // The sandbox's rule: its sites live on loopback. And a rule for public sources.
  const lab = new OutboundPolicy({ allowPrivateAddresses: true });
  const publicOnly = new OutboundPolicy();
  beforeAll(async () => {
    const png = (await renderPictures(new Map([['phone', contactDesign({ kind: 'phone', value: '15956442218' }, 3, 'fetch-guard')]]))).get('phone')!;
    server = createServer((req, res) => {
      const url = req.url ?? '';
      requests.push(url);
      if (url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      // A public-looking image that answers with a redirect to a loopback one.
      if (url === '/img/hop.png') return void res.writeHead(302, { location: `http://127.0.0.1:${port}/img/secret.png` }).end();
      if (url === '/img/loop.png') return void res.writeHead(302, { location: '/img/loop.png' }).end();
      if (url === '/img/secret.png' || url === '/img/phone.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      if (url.startsWith('/img/slow-')) {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': 'image/png' }).end(png);
        }, 150);
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    t = await testDatabase('pglite');
    reader = new ImageReader(t.db, new BlobStore(join(dir.path, 'blobs')), { ...DEFAULT_OCR_OPTIONS, maxImagesPerPost: 6, maxImagesPerPage: 24, fetchTimeoutMs: 10_000, userAgent: 'certwatch-test' });
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
    await new Promise((r) => server?.close(r));
    dir.remove();
  });

  it('never asks a loopback host for a picture (nor its robots.txt) when the source does not allow private addresses', async () => {
    const s = stats();
    const before = requests.length;
    const reads = await reader.readImages([`${base}/img/phone.png`], new Map(), s);
    expect(reads.size).toBe(0);
    expect(s).toEqual({ read: 0, cached: 0, skipped: 1, failed: 0 });
    // No rule given is the same as a public source's.
    expect(await reader.readImages([`${base}/img/phone.png`], new Map(), stats(), publicOnly)).toEqual(new Map());
    expect(requests.slice(before)).toEqual([]);
  });

  it('checks every redirect hop: a public address that redirects to a loopback one is refused there', async () => {
    // The control: under the lab's rule the hop is followed and the picture read, so the refusal below is the rule's doing.
    const before = requests.length;
    const s = stats();
    const reads = await reader.readImages([`${base}/img/hop.png`], new Map(), s, lab);
    expect(s.read).toBe(1);
    expect(reads.get(`${base}/img/hop.png`)!.contacts).toContainEqual({ kind: 'phone', value: '15956442218', origin: 'image' });
    expect(requests.slice(before)).toContain('/img/secret.png');
    // "localhost" resolved to a public address for the rule, reached on loopback by the request:
    // the first hop passes the rule, the redirect's target does not.
    const looksPublic = new OutboundPolicy({ lookup: async () => ['203.0.113.7'] });
    const after = requests.length;
    const refused = stats();
    expect(await reader.readImages([`http://localhost:${port}/img/hop.png`], new Map(), refused, looksPublic)).toEqual(new Map());
    expect(refused.skipped).toBe(1);
    expect(requests.slice(after)).toContain('/img/hop.png');
    expect(requests.slice(after)).not.toContain('/img/secret.png');
  }, 60_000);

  it('gives up on a redirect loop after a few hops', async () => {
    const before = requests.length;
    const s = stats();
    expect(await reader.readImages([`${base}/img/loop.png`], new Map(), s, lab)).toEqual(new Map());
    expect(s.skipped).toBe(1);
    expect(requests.slice(before).filter((u) => u === '/img/loop.png').length).toBe(6);
  });

  it('fetches a few pictures at a time, each URL once, and hands each page its own reads', async () => {
    const urls = Array.from({ length: 10 }, (_, i) => `${base}/img/slow-${i}.png`);
    const before = requests.length;
    const s = stats();
    const pages = await reader.readPages(
      [
        { urls: urls.slice(0, 6), stored: new Map(), outbound: lab },
        // A thread and its list page show the same pictures.
        { urls: urls.slice(4), stored: new Map(), outbound: lab },
      ],
      s,
    );
    expect([...pages[0]!.keys()]).toEqual(urls.slice(0, 6));
    expect([...pages[1]!.keys()]).toEqual(urls.slice(4));
    const fetched = requests.slice(before).filter((u) => u.startsWith('/img/slow-'));
    expect(fetched.sort()).toEqual(urls.map((u) => new URL(u).pathname).sort());
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    // Ten URLs, one content: read at most once (the hop test above may have read it already).
    expect(s.read + s.cached).toBe(1);
  }, 60_000);
});
