// The capture browser under the outbound policy: a listing on a refused address is never
// loaded, and what a captured page embeds from an internal address is aborted and counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { captureListing, CaptureError } from '../../evidence/index.js';
import { launchChromium } from '../../evidence/capture/browser-holder.js';
import { OutboundPolicy, type OutboundVerdict } from '../../crawlers/index.js';
import { startFixtureServer, type FixtureServer } from '../crawlers/helpers/fixture-server.js';
import { evidenceContext, seedSeller, type EvidenceTestContext } from './evidence-context.js';

let env: EvidenceTestContext;
let browser: Browser;
let site: FixtureServer;
let internal: FixtureServer;

/** A public site stands in as this one loopback origin; every other address keeps the real rule. */
class OnlyThisOrigin extends OutboundPolicy {
  constructor(private readonly origin: string) {
    super();
  }
  override async checkAddress(url: string): Promise<OutboundVerdict> {
    return url.startsWith(`${this.origin}/`) ? { ok: true } : super.checkAddress(url);
  }
}

beforeAll(async () => {
  internal = await startFixtureServer({ '*': { headers: { 'content-type': 'text/plain' }, body: 'internal secret' } }, '127.0.0.2');
  const secret = `http://127.0.0.2:${internal.port}`;
  site = await startFixtureServer({
    '/moved.html': { status: 302, headers: { location: `${secret}/after-redirect` } },
    '/thread-2.html': { body: `<!doctype html><html><body><div class="post">出售焊工证</div><iframe src="/moved.html"></iframe><img src="/moved.html"></body></html>` },
    '/thread-1.html': {
      body: `<!doctype html><html><body><div class="post">出售电工证 加微信</div>
        <img src="${secret}/pixel.png"><iframe src="${secret}/admin"></iframe>
        <script>fetch('${secret}/api/secret').catch(() => {});</script></body></html>`,
    },
  });
  [env, browser] = await Promise.all([evidenceContext(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), internal?.close()]);
  await env?.close();
});

describe('when a listing sits on a private address its source does not allow', () => {
  it('refuses the capture without loading anything, for good (no retry)', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: `${site.origin}/thread-1.html` }]);
    const before = site.log.length;
    const err = await captureListing(env.ctx, listingIds[0]!, { reason: 'flagged', browser }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).retryable).toBe(false);
    expect((err as Error).message).toMatch(/private, loopback or link-local/);
    expect(site.log.length).toBe(before);
  }, 120_000);
});

describe('when a captured page embeds internal addresses', () => {
  it('aborts every request to them and counts the refusals in the metadata', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: `${site.origin}/thread-1.html?copy=2` }]);
    const out = await captureListing(env.ctx, listingIds[0]!, { reason: 'flagged', browser, outboundFor: () => new OnlyThisOrigin(site.origin) });
    expect(out.capture.status).toBe(200);
    expect(internal.log.map((e) => e.path)).toEqual([]);
    const meta = out.capture.metadata as { refusedRequests: { count: number; urls: string[] } };
    expect(meta.refusedRequests.count).toBeGreaterThanOrEqual(2);
    expect(meta.refusedRequests.urls.join(' ')).toContain('/pixel.png');
  }, 120_000);
});

describe('when a page redirects the browser to an internal address', () => {
  it('refuses the redirect target too, for the page itself and for what it embeds', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: `${site.origin}/thread-2.html` }, { url: `${site.origin}/moved.html` }]);
    const policy = () => new OnlyThisOrigin(site.origin);
    const out = await captureListing(env.ctx, listingIds[0]!, { reason: 'flagged', browser, outboundFor: policy });
    expect(out.capture.status).toBe(200);
    const direct = await captureListing(env.ctx, listingIds[1]!, { reason: 'flagged', browser, outboundFor: policy }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(CaptureError);
    expect(internal.log.map((e) => e.path)).toEqual([]);
  }, 120_000);
});
