// Captures of a real page from a real HTTP server in real Chromium: the files hold what
// the page showed (including script-rendered text), and a post that vanishes keeps its captures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { WARCParser } from 'warcio';
import type { Browser } from 'playwright';
import { captureListing, CaptureError, type CaptureOutcome } from '../../evidence/index.js';
import { launchChromium } from '../../evidence/capture/browser-holder.js';
import { digestBytes } from '../../evidence/digests.js';
import { evidenceContext, seedSeller, type EvidenceTestContext, labOutbound } from './evidence-context.js';
import { readZip } from './zip-rewrite.js';
import { POST_TEXT, startPageServer, type PageServer } from './page-server.js';

let env: EvidenceTestContext;
let server: PageServer;
let browser: Browser;

beforeAll(async () => {
  [env, server, browser] = await Promise.all([evidenceContext(), startPageServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
});

async function writeTemp(bytes: Buffer): Promise<string> {
  const path = join(env.dataDir, `t-${Date.now()}-${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(path, bytes);
  return path;
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? /^[0-9A-F]{2}$/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

async function fileOf(out: CaptureOutcome, role: string): Promise<Buffer> {
  const e = out.evidence.find((x) => x.role === role);
  if (!e) throw new Error(`no ${role} in capture`);
  return env.ctx.blobs.get(e.sha256);
}

describe('captureListing', () => {
  it('keeps screenshot, banner copy, served HTML, rendered DOM, MHTML, WARC and metadata of a JS-rendered post', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: `${server.origin}/old/7` }]);
    const t0 = performance.now();
    const out = await captureListing(env.ctx, listingIds[0]!, { outboundFor: labOutbound, reason: 'flagged', actor: 'analyst1', browser });
    const ms = performance.now() - t0;
    console.log(`capture of one page: ${ms.toFixed(0)} ms, ${out.evidence.reduce((n, e) => n + Number(e.size), 0)} bytes in ${out.evidence.length} files`);
    expect(out.created).toBe(true);
    expect(out.evidence.map((e) => e.role).sort()).toEqual(['dom', 'html_served', 'metadata', 'mhtml', 'screenshot', 'screenshot_banner', 'wacz', 'warc']);
    // Every stored file hashes to its row (SHA-256 and SM3), content-addressed.
    for (const e of out.evidence) {
      const d = digestBytes(await env.ctx.blobs.get(e.sha256));
      expect([d.sha256, d.sm3, d.size]).toEqual([e.sha256, e.sm3, Number(e.size)]);
    }
    const served = (await fileOf(out, 'html_served')).toString('utf8');
    expect(served).toContain('<div id="postlist">loading</div>');
    expect(served).not.toContain(POST_TEXT(7));
    const dom = (await fileOf(out, 'dom')).toString('utf8');
    expect(dom).toContain(`<div class="l_post">${POST_TEXT(7)}</div>`);
    const mhtml = (await fileOf(out, 'mhtml')).toString('utf8');
    expect(mhtml).toMatch(/^From: <Saved by Blink>/m);
    expect(decodeQuotedPrintable(mhtml)).toContain(`<div class="l_post">${POST_TEXT(7)}</div>`);

    const shot = PNG.sync.read(await fileOf(out, 'screenshot'));
    const banner = PNG.sync.read(await fileOf(out, 'screenshot_banner'));
    expect(shot.width).toBe(1280);
    expect(banner.height).toBeGreaterThan(shot.height);
    const bannerRow = out.evidence.find((e) => e.role === 'screenshot_banner')!;
    expect(bannerRow.derived_from).toBe(out.evidence.find((e) => e.role === 'screenshot')!.sha256);

    const meta = JSON.parse((await fileOf(out, 'metadata')).toString('utf8')) as Record<string, any>;
    expect(meta.url).toBe(`${server.origin}/old/7`);
    expect(meta.finalUrl).toBe(`${server.origin}/post/7`);
    expect(meta.redirectChain).toEqual([{ url: `${server.origin}/old/7`, status: 301, location: '/post/7' }]);
    expect(meta.status).toBe(200);
    expect(meta.serverIp).toBe('127.0.0.1');
    expect(meta.responseHeaders['x-test-server']).toBe('certwatch');
    expect(meta.userAgent).toBe(env.ctx.config.userAgent);
    expect(meta.viewport).toEqual({ width: 1280, height: 900 });
    expect(meta.browser.version).toMatch(/^\d+\./);
    expect(meta.toolVersions.playwright).toMatch(/^1\./);
    expect(Date.parse(meta.finishedAt)).toBeGreaterThanOrEqual(Date.parse(meta.startedAt));

    // The WARC parses and holds request and response records for the redirect, the page and the API call.
    const records: { type: string; url: string; status?: number; text: string }[] = [];
    for await (const r of new WARCParser(Readable.from([await fileOf(out, 'warc')]))) {
      records.push({
        type: r.warcType ?? '',
        url: r.warcTargetURI ?? '',
        status: r.httpHeaders?.statusCode ? Number(r.httpHeaders.statusCode) : undefined,
        text: await r.contentText(),
      });
    }
    expect(records[0]!.type).toBe('warcinfo');
    const responses = records.filter((r) => r.type === 'response');
    expect(responses.map((r) => [r.url.replace(server.origin, ''), r.status])).toEqual([
      ['/old/7', 301],
      ['/post/7', 200],
      ['/api/post/7', 200],
    ]);
    expect(responses[2]!.text).toContain(POST_TEXT(7));
    expect(records.filter((r) => r.type === 'request')).toHaveLength(3);

    // The WACZ holds that same WARC, a CDXJ index of its responses, and hashes that match.
    const wacz = await readZip(await writeTemp(await fileOf(out, 'wacz')));
    expect(wacz.get('archive/data.warc')!.equals(await fileOf(out, 'warc'))).toBe(true);
    const cdx = wacz.get('indexes/index.cdx')!.toString();
    expect(cdx).toContain(`"url":"${server.origin}/api/post/7"`);
    const pkg = JSON.parse(wacz.get('datapackage.json')!.toString()) as { resources: { path: string; hash: string }[] };
    for (const r of pkg.resources) expect(r.hash).toBe(`sha256:${digestBytes(wacz.get(r.path)!).sha256}`);
    expect(out.evidence.find((e) => e.role === 'wacz')!.derived_from).toBe(out.evidence.find((e) => e.role === 'warc')!.sha256);

    // The capture is in the custody chain.
    const audit = await env.ctx.db.query<{ action: string; actor: string; listing_id: number }>('SELECT action, actor, listing_id FROM audit_log');
    expect(audit.rows).toContainEqual({ action: 'captured', actor: 'analyst1', listing_id: listingIds[0] });
  }, 240_000);

  it('does not re-capture an unchanged post, re-captures when it changes, and keeps every capture after it vanishes', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: `${server.origin}/post/8` }]);
    const id = listingIds[0]!;
    const first = await captureListing(env.ctx, id, { outboundFor: labOutbound, reason: 'flagged', browser });
    const again = await captureListing(env.ctx, id, { outboundFor: labOutbound, reason: 'flagged', browser });
    expect(again.created).toBe(false);
    expect(again.capture.id).toBe(first.capture.id);

    await env.ctx.db.query(`UPDATE listings SET body = body || ' 改', body_sha256 = md5(body || 'x') || md5(body) WHERE id = $1`, [id]);
    const changed = await captureListing(env.ctx, id, { outboundFor: labOutbound, reason: 'changed', browser });
    expect(changed.created).toBe(true);

    server.remove(8);
    await env.ctx.db.query('UPDATE listings SET gone_at = now() WHERE id = $1', [id]);
    const gone = await captureListing(env.ctx, id, { outboundFor: labOutbound, reason: 'changed', browser });
    expect(gone.created).toBe(true);
    expect(gone.capture.status).toBe(404);
    expect(gone.capture.gone).toBe(true);
    expect((await fileOf(gone, 'dom')).toString()).toContain('该贴已被删除');

    const rows = await env.ctx.db.query<{ id: number; status: number }>('SELECT id, status FROM captures WHERE listing_id = $1 ORDER BY id', [id]);
    expect(rows.rows.map((r) => r.status)).toEqual([200, 200, 404]);
    // The capture made while the post was online still has every file, and it still says what the post said.
    for (const e of first.evidence) expect(env.ctx.blobs.has(e.sha256)).toBe(true);
    expect((await fileOf(first, 'dom')).toString()).toContain(POST_TEXT(8));
  }, 240_000);

  it('cuts the screenshot of an endlessly tall and wide page, and says so', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: `${server.origin}/tall` }]);
    // Small caps keep the test quick; the defaults are 16,000 px tall and 2× the viewport wide.
    const page = { maxScreenshotHeight: 2000, maxScreenshotWidth: 1600 };
    const out = await captureListing(env.ctx, listingIds[0]!, { outboundFor: labOutbound, reason: 'flagged', browser, page });
    const shot = PNG.sync.read(await fileOf(out, 'screenshot'));
    expect([shot.width, shot.height]).toEqual([1600, 2000]);
    const meta = JSON.parse((await fileOf(out, 'metadata')).toString()) as { screenshot: { pageHeight: number; cutTo: unknown } };
    expect(meta.screenshot.pageHeight).toBe(60000);
    expect(meta.screenshot.cutTo).toEqual({ width: 1600, height: 2000 });
  }, 240_000);

  it('refuses non-web URLs from scraped data and records failed captures', async () => {
    const { listingIds } = await seedSeller(env.ctx, [{ url: 'file:///etc/passwd' }, { url: 'http://127.0.0.1:1/unreachable' }]);
    await expect(captureListing(env.ctx, listingIds[0]!, { outboundFor: labOutbound, reason: 'flagged', browser })).rejects.toThrow(/refusing to capture a file: URL/);
    const err = await captureListing(env.ctx, listingIds[1]!, { outboundFor: labOutbound, reason: 'flagged', browser }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaptureError);
    expect((err as CaptureError).retryable).toBe(true);
    const failed = await env.ctx.db.query<{ error: string }>('SELECT error FROM captures WHERE listing_id = $1', [listingIds[1]]);
    expect(failed.rows[0]!.error).toMatch(/could not load/);
  });
});
