// Captures of the sandbox web in real Chromium: a JS-rendered Tieba thread (the served
// shell is empty, the capture must hold the posts the script drew), a GBK forum page kept
// byte-exact, and a thread that vanishes the next day — its earlier capture stays in the pack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright';
import { startSandbox, findFreePort, type Sandbox } from '../../sandbox/index.js';
import { captureListing, exportPack, verifyPack, type CaptureOutcome } from '../../evidence/index.js';
import { launchChromium } from '../../evidence/capture/browser-holder.js';
import { evidenceContext, seedSeller, type EvidenceTestContext, labOutbound } from './evidence-context.js';
import { readZip } from './zip-rewrite.js';

let env: EvidenceTestContext;
let sb: Sandbox;
let browser: Browser;

beforeAll(async () => {
  [env, sb, browser] = await Promise.all([
    evidenceContext(),
    findFreePort().then((port) => startSandbox({ port, seed: 1, quiet: true })),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await sb?.close();
  await env?.close();
});

async function file(out: CaptureOutcome, role: string): Promise<Buffer> {
  return env.ctx.blobs.get(out.evidence.find((e) => e.role === role)!.sha256);
}

/** The texts of a thread's floors as the sandbox's JSON API gives them. */
async function threadTexts(url: string): Promise<string[]> {
  const tid = /\/p\/(\d+)/.exec(url)![1];
  const api = await fetch(`${new URL(url).origin}/api/thread?tid=${tid}&pn=1`);
  const data = (await api.json()) as { posts: { content: string }[] };
  return data.posts.map((p) => cheerio.load(`<div>${p.content}</div>`)('div').first().text().trim()).filter(Boolean);
}

function visibleText(html: string): string {
  const $ = cheerio.load(html);
  $('script, style').remove();
  return $('body').text().replace(/\s+/g, '');
}

describe('captures of the sandbox web', () => {
  it('holds what a JS-rendered Tieba thread showed, keeps it after the thread vanishes, and packs both states', async () => {
    // A seller's Tieba thread that is live today and gone on a later day.
    const today = sb.truth();
    const tieba = sb.origins.tieba!;
    let goneDay = 0;
    let target: { url: string; seller: string } | undefined;
    for (let d = 1; d <= 10 && !target; d++) {
      sb.setDay(d);
      const v = sb.truth().vanished.find((x) => x.url.startsWith(tieba) && today.sellers.some((s) => s.posts.includes(x.url)));
      if (v) [target, goneDay] = [{ url: v.url, seller: v.sellerId }, d];
    }
    expect(target, 'the sandbox has a Tieba seller thread that vanishes').toBeDefined();
    sb.setDay(today.day);
    const { sellerId, listingIds } = await seedSeller(env.ctx, [{ url: target!.url }], 'tieba');
    const live = await captureListing(env.ctx, listingIds[0]!, { outboundFor: labOutbound, reason: 'flagged', browser });
    expect(live.capture.status).toBe(200);

    const floors = await threadTexts(target!.url);
    expect(floors.length).toBeGreaterThan(0);
    const served = visibleText((await file(live, 'html_served')).toString('utf8'));
    const dom = visibleText((await file(live, 'dom')).toString('utf8'));
    for (const f of floors) {
      const text = f.replace(/\s+/g, '');
      expect(served).not.toContain(text);
      expect(dom).toContain(text);
    }
    // The thread API call the page made is in the WARC with its JSON.
    const warc = (await file(live, 'warc')).toString('utf8');
    expect(warc).toContain(`WARC-Target-URI: ${tieba}/api/thread?tid=`);

    // Next: the thread vanishes; the pipeline marks the listing gone and captures again.
    sb.setDay(goneDay);
    await env.ctx.db.query('UPDATE listings SET gone_at = now() WHERE id = $1', [listingIds[0]]);
    const gone = await captureListing(env.ctx, listingIds[0]!, { outboundFor: labOutbound, reason: 'changed', browser });
    expect(gone.capture.status).toBe(404);
    expect(visibleText((await file(gone, 'dom')).toString('utf8'))).toContain('该贴已被删除');
    // The earlier capture still holds the posts.
    expect(visibleText((await file(live, 'dom')).toString('utf8'))).toContain(floors[0]!.replace(/\s+/g, ''));

    const out = join(env.dataDir, 'tieba-seller.zip');
    const r = await exportPack(env.ctx, { sellerId, out, actor: 'supervisor1', browser });
    expect((await verifyPack(r.path)).problems).toEqual([]);
    const entries = await readZip(out);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as { captures: { status: number; gone: boolean }[] };
    expect(manifest.captures.map((c) => [c.status, c.gone])).toEqual([[200, false], [404, true]]);
    expect(entries.get('report/report.html')!.toString()).toContain('帖子已被删除时的页面');
  }, 240_000);

  it('keeps a GBK forum page byte-exact as served while the DOM is the decoded text', async () => {
    const url = sb.truth().sellers.flatMap((s) => s.posts).find((p) => p.startsWith(sb.origins.bbs!))!;
    const { listingIds } = await seedSeller(env.ctx, [{ url }], 'bbs');
    const out = await captureListing(env.ctx, listingIds[0]!, { outboundFor: labOutbound, reason: 'flagged', browser });
    const direct = Buffer.from(await (await fetch(url)).arrayBuffer());
    const served = await file(out, 'html_served');
    expect(served.equals(direct)).toBe(true);
    expect(out.evidence.find((e) => e.role === 'html_served')!.media_type).toMatch(/gbk/i);
    const title = cheerio.load(iconv.decode(served, 'gbk'))('title').text();
    expect(title.length).toBeGreaterThan(0);
    expect((await file(out, 'dom')).toString('utf8')).toContain(title);
  }, 240_000);
});
