// A pack export over a blob store that no longer matches the evidence rows (changed
// bytes, wrong size, missing file): the export rejects with a PackError naming the
// evidence row, leaves no zip or partial file behind, and the process keeps running.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { digestBytes, EvidenceFileError, exportPack, PackError } from '../../evidence/index.js';
import { launchChromium } from '../../evidence/capture/browser-holder.js';
import { checkedBlobStream } from '../../evidence/pack/checked-blob-stream.js';
import { tempDir } from '../support/services.js';
import { evidenceContext, seedSeller, type EvidenceTestContext } from './evidence-context.js';

let env: EvidenceTestContext;
let browser: Browser;
let out: ReturnType<typeof tempDir>;
const escaped: unknown[] = [];
const onEscape = (err: unknown) => escaped.push(err);

beforeAll(async () => {
  [env, browser] = await Promise.all([evidenceContext(), launchChromium()]);
  out = tempDir('certwatch-badblob-');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await env?.close();
  out?.remove();
});
beforeEach(() => {
  escaped.length = 0;
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
});
afterEach(() => {
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
});

/** A seller with one capture of two files stored in the blob store; returns the rows. */
async function sellerWithCapture(tag: string) {
  const { sellerId, listingIds } = await seedSeller(env.ctx, [{ url: `http://example.test/${tag}` }]);
  const listingId = listingIds[0]!;
  const c = await env.ctx.db.query<{ id: number }>(
    `INSERT INTO captures (listing_id, url, final_url, status, reason, started_at, finished_at, capture_key)
     VALUES ($1, $2, $2, 200, 'manual', now(), now(), $3) RETURNING id`,
    [listingId, `http://example.test/${tag}`, `manual:${tag}`],
  );
  const files = [
    { role: 'html_served', media: 'text/html', bytes: Buffer.from(`<html><body>出售电工证 ${tag} ${'x'.repeat(70_000)}</body></html>`) },
    { role: 'metadata', media: 'application/json', bytes: Buffer.from(JSON.stringify({ url: `http://example.test/${tag}` })) },
  ];
  const rows: { id: number; sha256: string; size: number; role: string }[] = [];
  for (const f of files) {
    const d = digestBytes(f.bytes);
    env.ctx.blobs.put(f.bytes);
    const r = await env.ctx.db.query<{ id: number }>(
      `INSERT INTO evidence (capture_id, listing_id, role, media_type, size, sha256, sm3, captured_at) VALUES ($1,$2,$3,$4,$5,$6,$7,now()) RETURNING id`,
      [c.rows[0]!.id, listingId, f.role, f.media, d.size, d.sha256, d.sm3],
    );
    rows.push({ id: r.rows[0]!.id, sha256: d.sha256, size: d.size, role: f.role });
  }
  return { sellerId, served: rows[0]!, metadata: rows[1]! };
}

async function expectFailedExport(sellerId: number, name: string, message: RegExp): Promise<PackError> {
  const file = join(out.path, name);
  const err = await exportPack(env.ctx, { sellerId, out: file, actor: 'supervisor1', browser }).then(
    () => expect.fail('the export should have failed'),
    (e: unknown) => e as PackError,
  );
  expect(err).toBeInstanceOf(PackError);
  expect(err.message).toMatch(message);
  // Give any stray stream error a chance to surface before checking that none did.
  await new Promise((r) => setTimeout(r, 200));
  expect(escaped).toEqual([]);
  expect(readdirSync(out.path).filter((f) => f.startsWith(name))).toEqual([]);
  const audit = await env.ctx.db.query<{ action: string; detail: { error?: string } }>(
    `SELECT action, detail FROM audit_log WHERE seller_id = $1 ORDER BY id DESC LIMIT 1`,
    [sellerId],
  );
  expect(audit.rows[0]!.action).toBe('export_failed');
  expect(audit.rows[0]!.detail.error).toMatch(message);
  return err;
}

describe('exportPack over a blob store that no longer matches the evidence rows', () => {
  it('rejects changed bytes of the same size, naming the evidence row, after streaming them', async () => {
    const s = await sellerWithCapture('flip');
    const path = env.ctx.blobs.pathOf(s.served.sha256);
    const bytes = Buffer.from(await env.ctx.blobs.get(s.served.sha256));
    bytes[bytes.length - 20] ^= 0x01;
    rmSync(path);
    writeFileSync(path, bytes);
    const err = await expectFailedExport(s.sellerId, 'flip.zip', new RegExp(`evidence ${s.served.id} \\(captures/L\\d+/C\\d+/3-served\\.html\\): blob content has SHA-256`));
    expect(err).toBeInstanceOf(EvidenceFileError);
    expect(err).toMatchObject({ evidenceId: s.served.id, problem: 'sha256' });
    // The process is still fine: the same seller exports once the blob is right again.
    rmSync(path);
    bytes[bytes.length - 20] ^= 0x01;
    writeFileSync(path, bytes);
    const ok = await exportPack(env.ctx, { sellerId: s.sellerId, out: join(out.path, 'flip-fixed.zip'), actor: 'supervisor1', browser });
    expect(statSync(ok.path).size).toBe(ok.size);
  }, 120_000);

  it('rejects a blob with more bytes than recorded', async () => {
    const s = await sellerWithCapture('grown');
    appendFileSync(env.ctx.blobs.pathOf(s.metadata.sha256), 'planted');
    const err = await expectFailedExport(s.sellerId, 'grown.zip', new RegExp(`evidence ${s.metadata.id} .*7-capture\\.json\\): blob has ${s.metadata.size + 7} bytes, the evidence row records ${s.metadata.size}`));
    expect(err).toMatchObject({ evidenceId: s.metadata.id, problem: 'size' });
  }, 60_000);

  it('rejects a missing blob', async () => {
    const s = await sellerWithCapture('gone');
    await env.ctx.blobs.remove(s.served.sha256);
    const err = await expectFailedExport(s.sellerId, 'gone.zip', new RegExp(`evidence ${s.served.id} .*: blob ${s.served.sha256} is missing from the blob store`));
    expect(err).toMatchObject({ evidenceId: s.served.id, problem: 'missing' });
  }, 60_000);

  it('fails the stream itself when a blob changes size after the first check', async () => {
    const s = await sellerWithCapture('shrunk');
    const item = { evidenceId: s.served.id, path: 'captures/x/3-served.html', size: s.served.size - 1, sha256: s.served.sha256, sm3: '' };
    const stream = checkedBlobStream(env.ctx.blobs, item);
    const err = await new Promise<unknown>((resolve) => {
      stream.on('error', resolve);
      stream.on('end', () => resolve(null));
      stream.resume();
    });
    expect(err).toBeInstanceOf(EvidenceFileError);
    expect(err).toMatchObject({ problem: 'size', evidenceId: s.served.id });
    expect((err as Error).message).toContain(`blob has more than the ${s.served.size - 1} bytes the evidence row records`);
  });
});
