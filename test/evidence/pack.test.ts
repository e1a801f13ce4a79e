// Referral packs end to end: capture a seller's posts from a real server, export, and
// verify; then tamper (flip a byte, drop, add, edit the manifest, reorder custody, hostile
// names) and expect each to fail with a message that names what is wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { captureListing, ensureKeys, exportPack, verifyPack } from '../../evidence/index.js';
import { launchChromium } from '../../evidence/capture/browser-holder.js';
import { readPackInputs } from '../../evidence/pack/pack-inputs.js';
import { writePack } from '../../evidence/pack/write-pack.js';
import { defuseCell } from '../../evidence/pack/item-list-xlsx.js';
import { tempDir } from '../support/services.js';
import { evidenceContext, seedSeller, type EvidenceTestContext, labOutbound } from './evidence-context.js';
import { startPageServer, type PageServer } from './page-server.js';
import { readZip, writeZip, writeZipWithRawName } from './zip-rewrite.js';

let env: EvidenceTestContext;
let server: PageServer;
let browser: Browser;
let out: ReturnType<typeof tempDir>;
let pack: string;
let sellerId: number;

beforeAll(async () => {
  [env, server, browser] = await Promise.all([evidenceContext(), startPageServer(), launchChromium()]);
  out = tempDir('certwatch-pack-');
  const seeded = await seedSeller(env.ctx, [
    { url: `${server.origin}/post/1`, title: '=HYPERLINK("http://evil")', contacts: [{ kind: 'wechat', value: 'dgz1888' }, { kind: 'phone', value: '13812345678' }] },
    { url: `${server.origin}/post/2`, title: '<script>window.__x=1</script>电工证', contacts: [{ kind: 'wechat', value: 'dgz1888' }] },
  ]);
  sellerId = seeded.sellerId;
  for (const id of seeded.listingIds) await captureListing(env.ctx, id, { outboundFor: labOutbound, reason: 'flagged', actor: 'system', browser });
  await appendAudit(env.ctx.db, { actor: 'analyst1', action: 'viewed', sellerId });
  await appendAudit(env.ctx.db, { actor: 'supervisor1', action: 'confirmed', sellerId, detail: { to: 'confirmed' } });
  pack = join(out.path, 'pack.zip');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.close();
  out?.remove();
});

async function tampered(name: string, change: (e: Map<string, Buffer>) => void): Promise<string> {
  const entries = await readZip(pack);
  change(entries);
  const file = join(out.path, `${name}.zip`);
  await writeZip(file, entries);
  return file;
}

describe('exportPack and verifyPack', () => {
  it('writes a pack that verifies, with every file listed, hashed and signed', async () => {
    const t0 = performance.now();
    const r = await exportPack(env.ctx, { sellerId, out: pack, actor: 'supervisor1', browser });
    console.log(`pack for 2 listings: ${(performance.now() - t0).toFixed(0)} ms, ${r.size} bytes, ${r.files} files`);
    expect(statSync(pack).size).toBe(r.size);
    // Evidence is not world-readable: the pack written and the version kept in the blob store.
    expect(statSync(pack).mode & 0o777).toBe(0o640);
    expect(statSync(env.ctx.blobs.pathOf(r.sha256)).mode & 0o777).toBe(0o640);
    const v = await verifyPack(pack);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);

    const entries = await readZip(pack);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as Record<string, any>;
    expect(manifest.lead.seller_id).toBe(sellerId);
    expect(manifest.identifiers.contacts).toContainEqual({ kind: 'wechat', value: 'dgz1888', listing_ids: manifest.listings.map((l: { id: number }) => l.id) });
    expect(manifest.files.filter((f: { role: string }) => f.role === 'screenshot')).toHaveLength(2);
    expect(manifest.files.find((f: { role: string }) => f.role === 'screenshot_banner').derived_from).toMatch(/1-screenshot\.png$/);
    // Custody: captured ×2, viewed, confirmed, exported — in order.
    const custody = entries.get('custody-log.jsonl')!.toString().trim().split('\n').map((l) => JSON.parse(l) as { action: string });
    expect(custody.map((c) => c.action)).toEqual(['captured', 'captured', 'viewed', 'confirmed', 'exported']);
    // Every entry name is generated, none from scraped text.
    for (const name of entries.keys()) expect(name).toMatch(/^(manifest\.json(\.sig)?|SHA256SUMS|VERIFY\.md|signing-key\.pub\.pem|custody-log\.jsonl|report\/(report\.(html|pdf)|items\.xlsx)|captures\/L\d{7}\/C\d{7}\/\d-[a-z-]+\.(png|html|mhtml|warc|wacz|json))$/);
    // Scraped text is escaped in the report.
    const html = entries.get('report/report.html')!.toString();
    expect(html).toContain('&lt;script&gt;window.__x=1&lt;/script&gt;电工证');
    expect(html).not.toContain('<script>');
    expect(html).toContain(ensureKeys(env.dataDir).fingerprint);
    expect(html).toContain('电子数据清单');
    expect(entries.get('report/report.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');

    // The audit log records the export and the written file's hash.
    const audit = await env.ctx.db.query<{ action: string; detail: { sha256?: string } }>(`SELECT action, detail FROM audit_log WHERE seller_id = $1 ORDER BY id`, [sellerId]);
    expect(audit.rows.at(-1)).toMatchObject({ action: 'export_written', detail: { sha256: r.sha256 } });
  }, 240_000);

  it('checks out with sha256sum and openssl as VERIFY.md says', () => {
    const dir = join(out.path, 'unpacked');
    mkdirSync(dir);
    execFileSync('unzip', ['-q', pack, '-d', dir]);
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dir }).toString()).toBe('');
    const v = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signing-key.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.json.sig'], { cwd: dir });
    expect(v.stdout.toString()).toContain('Signature Verified Successfully');
    const fp = execFileSync('sh', ['-c', 'openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum'], { cwd: dir }).toString();
    expect(fp.slice(0, 64)).toBe(ensureKeys(env.dataDir).fingerprint.replaceAll(':', ''));
    // The PDF renders (CJK fonts present); page 1 as PNG is what the preview in test/evidence/fixtures came from.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', join(dir, 'report/report.pdf'), join(tmpdir(), 'certwatch-report-page')]);
    expect(readFileSync(join(tmpdir(), 'certwatch-report-page-1.png')).subarray(1, 4).toString()).toBe('PNG');
    // Skia draws CFF fonts as Type 3 glyphs; the text layer must still read back as Chinese.
    const text = execFileSync('pdftotext', ['-l', '1', join(dir, 'report/report.pdf'), '-']).toString();
    expect(text.replace(/\s+/g, '')).toContain('电子数据提取笔录');
  });

  it('is reproducible: the same inputs and export time give the same bytes', async () => {
    const inputs = await readPackInputs(env.ctx.db, sellerId);
    const keys = ensureKeys(env.dataDir);
    const at = new Date('2026-11-27T09:00:00.000Z');
    const opts = { exportedAt: at, actor: 'x', keys, browser, toolVersions: { certwatch: 'test' } };
    const a = await writePack(env.ctx.blobs, inputs, { ...opts, out: join(out.path, 'a.zip') });
    await new Promise((r) => setTimeout(r, 1100));
    const b = await writePack(env.ctx.blobs, inputs, { ...opts, out: join(out.path, 'b.zip') });
    expect(b.sha256).toBe(a.sha256);
  }, 240_000);

  it('fails a flipped byte in a captured file, naming the file', async () => {
    const file = await tampered('flip', (e) => {
      const name = [...e.keys()].find((n) => n.endsWith('3-served.html'))!;
      const b = Buffer.from(e.get(name)!);
      b[10] ^= 0x01;
      e.set(name, b);
    });
    const v = await verifyPack(file);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/SHA-256 mismatch: captures\/L\d+\/C\d+\/3-served\.html/);
  });

  it('fails a dropped file and an added file', async () => {
    const dropped = await tampered('drop', (e) => e.delete([...e.keys()].find((n) => n.endsWith('1-screenshot.png'))!));
    const v1 = await verifyPack(dropped);
    expect(v1.ok).toBe(false);
    expect(v1.problems.join('\n')).toMatch(/missing file: captures\/L\d+\/C\d+\/1-screenshot\.png/);
    const added = await tampered('add', (e) => e.set('captures/extra.html', Buffer.from('<p>planted</p>')));
    const v2 = await verifyPack(added);
    expect(v2.ok).toBe(false);
    expect(v2.problems).toContain('unexpected file (not in manifest): captures/extra.html');
  });

  it('fails an edited manifest on its signature', async () => {
    const file = await tampered('manifest', (e) => {
      const m = e.get('manifest.json')!.toString().replace('"exported_by":"supervisor1"', '"exported_by":"someone-else"');
      e.set('manifest.json', Buffer.from(m));
    });
    const v = await verifyPack(file);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/signature: manifest\.json\.sig does not verify/);
  });

  it('fails a reordered custody log, naming the line', async () => {
    const file = await tampered('custody', (e) => {
      const lines = e.get('custody-log.jsonl')!.toString().trim().split('\n');
      [lines[2], lines[3]] = [lines[3]!, lines[2]!];
      e.set('custody-log.jsonl', Buffer.from(`${lines.join('\n')}\n`));
    });
    const v = await verifyPack(file);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/custody log line 3 has sequence number 4/);
    expect(v.problems.join('\n')).toMatch(/SHA-256 mismatch: custody-log\.jsonl/);
  });

  it('rejects path traversal and absolute paths inside the zip', async () => {
    const entries = await readZip(pack);
    entries.set('xx/evil.txt', Buffer.from('x'));
    const traversal = join(out.path, 'traversal.zip');
    await writeZipWithRawName(traversal, entries, 'xx/evil.txt', '../evil.txt');
    const v1 = await verifyPack(traversal);
    expect(v1.ok).toBe(false);
    expect(v1.problems).toContain('unsafe path in zip: "../evil.txt" (path traversal (..))');
    entries.delete('xx/evil.txt');
    entries.set('Xtmp/evil.txt', Buffer.from('x'));
    const absolute = join(out.path, 'absolute.zip');
    await writeZipWithRawName(absolute, entries, 'Xtmp/evil.txt', '/tmp/evil.txt');
    const v2 = await verifyPack(absolute);
    expect(v2.problems).toContain('unsafe path in zip: "/tmp/evil.txt" (absolute path)');
  });

  it('certwatch verify exits 0 on a good pack from the expected signer, 4 when no signer was given, and 1 naming the problem on a bad one', async () => {
    const bad = await tampered('cli-bad', (e) => e.delete('VERIFY.md'));
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/certwatch.mjs', 'verify', ...args], { encoding: 'utf8', timeout: 60_000 });
    const good = cli(pack, '--fingerprint', ensureKeys(env.dataDir).fingerprint);
    expect(good.stdout).toContain('OK:');
    expect(good.status).toBe(0);
    expect(cli(pack).status).toBe(4);
    const failed = cli(bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('missing file: VERIFY.md');
    expect(cli().status).toBe(2);
  }, 240_000);

  it('says clearly when the file is not a zip at all', async () => {
    const v = await verifyPack(join(out.path, 'nope.zip'));
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatch(/not a readable zip file/);
  });

  it('defuses spreadsheet formulas in scraped cells', () => {
    expect(defuseCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(defuseCell('+8613812345678')).toBe(`'+8613812345678`);
    expect(defuseCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(defuseCell('电工证')).toBe('电工证');
  });
});
