// The referral is the pack: a supervisor refers with a pack built for it, and the file the seller
// page serves for that referral is byte for byte the one whose hash the referral and the audit
// log record; later exports (dashboard, CLI) are new versions beside it, and a refused referral
// leaves no pack behind. Real Postgres, the dashboard over HTTP, Chromium for the PDF (slow).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { fmtTime } from '../../dashboards/views/layout.js';
import { verifyPack } from '../../evidence/index.js';
import { tempDir, TEST_DATABASE_URL } from '../support/services.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

const BIN = resolve(import.meta.dirname, '../../bin/certwatch.mjs');

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let sup: DashboardClient;
let out: ReturnType<typeof tempDir>;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  sup = new DashboardClient(dash.url);
  await sup.login('sup', PASSWORDS.sup);
  out = tempDir('certwatch-referral-pack-');
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
  out?.remove();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Referral {
  id: number;
  pack_sha256: string;
  pack_path: string | null;
  pack_version_id: number;
  referred_by: string;
}
interface Pack {
  id: number;
  version: number;
  sha256: string;
  size: number;
  made_by: string;
  made_at: Date;
  made_via: string;
}

async function packsOf(sellerId: number): Promise<Pack[]> {
  return (await ctx.db.query<Pack>('SELECT * FROM packs WHERE seller_id = $1 ORDER BY version', [sellerId])).rows;
}

async function auditOf(sellerId: number, afterId = 0): Promise<{ id: number; action: string; detail: Record<string, any> }[]> {
  return (await ctx.db.query<{ id: number; action: string; detail: Record<string, any> }>('SELECT id, action, detail FROM audit_log WHERE seller_id = $1 AND id > $2 ORDER BY id', [sellerId, afterId])).rows;
}

/** Every file under the data dir (blobs, packs being built), relative to it. */
function dataFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else found.push(relative(ctx.config.dataDir, p));
    }
  };
  walk(ctx.config.dataDir);
  return found.filter((f) => !f.startsWith('keys')).sort();
}

async function download(path: string): Promise<{ res: Response; bytes: Buffer }> {
  const res = await sup.get(path);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('the referral is the pack', () => {
  let referral: Referral;
  let first: Pack;

  it('refers with a pack whose download from the seller page is the file the referral and the audit log record, and which verifies', async () => {
    const id = ids.sellers.electric;
    expect((await sup.json('/api/sellers/decision', { ids: [id], action: 'confirm' })).status).toBe(200);
    const res = await sup.form(`/sellers/${id}/refer`, { unit: '某市公安局治安支队', makePack: '1' });
    expect(res.status).toBe(303);

    referral = (await ctx.db.query<Referral>('SELECT * FROM referrals WHERE seller_id = $1', [id])).rows[0]!;
    expect(referral.referred_by).toBe('sup');
    expect(referral.pack_path).toBeNull();
    [first] = await packsOf(id);
    expect(first).toMatchObject({ id: referral.pack_version_id, version: 1, sha256: referral.pack_sha256, made_by: 'sup', made_via: 'referral' });

    // The seller page links the referral to its pack; that link serves the recorded bytes.
    const page = await (await sup.get(`/sellers/${id}`)).text();
    const href = /<a href="([^"]+)" class="referral-pack"/.exec(page)?.[1];
    expect(href).toBe(`/sellers/${id}/packs/1`);
    const { res: got, bytes } = await download(href!);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/zip');
    expect(got.headers.get('x-pack-sha256')).toBe(referral.pack_sha256);
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(referral.pack_sha256, 'hex').toString('base64')}:`);
    const disposition = got.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename="certwatch-seller-${id}-pack-v1-${referral.pack_sha256.slice(0, 12)}.zip"`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(`证据包-卖家${id}-第1版-${referral.pack_sha256.slice(0, 12)}.zip`);
    expect(bytes.length).toBe(first.size);

    const audit = await auditOf(id);
    const written = audit.filter((e) => e.action === 'export_written');
    const referred = audit.filter((e) => e.action === 'referral.refer');
    expect(written).toHaveLength(1);
    expect(referred).toHaveLength(1);
    expect(sha256(bytes)).toBe(referral.pack_sha256);
    expect(written[0]!.detail.sha256).toBe(referral.pack_sha256);
    expect(referred[0]!.detail.packSha256).toBe(referral.pack_sha256);
    expect(written[0]!.detail).toMatchObject({ version: 1, pack_version_id: first.id, via: 'referral' });
    // The download itself is in the audit log too.
    expect(audit.at(-1)).toMatchObject({ action: 'pack.download', detail: { version: 1, sha256: referral.pack_sha256 } });

    const file = join(out.path, 'referred.zip');
    writeFileSync(file, bytes);
    const verdict = await verifyPack(file);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    const hist = await ctx.db.query<{ detail: { packSha256: string; packVersion: number } }>(`SELECT detail FROM seller_status_history WHERE seller_id = $1 AND to_status = 'referred'`, [id]);
    expect(hist.rows[0]!.detail).toMatchObject({ packSha256: referral.pack_sha256, packVersion: 1 });
    // The pack was built in a temporary file and lives only in the blob store now.
    expect(dataFiles().filter((f) => f.startsWith('packs'))).toEqual([]);
  }, 120_000);

  it('a later export is a second version with another hash, listed with time and maker, and the referral still serves the first', async () => {
    const id = ids.sellers.electric;
    const res = await sup.form(`/sellers/${id}/export-pack`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sellers/${id}?msg=pack_made&v=2#packs`);
    const packs = await packsOf(id);
    expect(packs.map((p) => [p.version, p.made_via])).toEqual([[1, 'referral'], [2, 'dashboard']]);
    const second = packs[1]!;
    expect(second.sha256).not.toBe(first.sha256);

    const page = await (await sup.get(`/sellers/${id}?msg=pack_made&v=2`)).text();
    expect(page).toContain('已生成证据包第 2 版');
    const rows = [...page.matchAll(/<tr id="pack-v(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ version: Number(m[1]), html: m[2]! }));
    expect(rows.map((r) => r.version)).toEqual([2, 1]);
    for (const [row, pack, via] of [[rows[0]!, second, '工作台导出'], [rows[1]!, first, '移送时生成']] as const) {
      expect(row.html).toContain(pack.sha256);
      expect(row.html).toContain(fmtTime(pack.made_at));
      expect(row.html).toContain('<td>sup</td>');
      expect(row.html).toContain(via);
      expect(row.html).toContain(`href="/sellers/${id}/packs/${pack.version}"`);
    }
    expect(rows[1]!.html).toContain('已随移送');
    expect(rows[0]!.html).not.toContain('已随移送');
    expect(/<a href="([^"]+)" class="referral-pack"/.exec(page)?.[1]).toBe(`/sellers/${id}/packs/1`);

    expect(sha256((await download(`/sellers/${id}/packs/1`)).bytes)).toBe(referral.pack_sha256);
    expect(sha256((await download(`/sellers/${id}/packs/2`)).bytes)).toBe(second.sha256);
    expect((await sup.get(`/sellers/${id}/packs/3`)).status).toBe(404);
    expect((await sup.get(`/sellers/${ids.sellers.welder}/packs/1`)).status).toBe(404);

    // English, and analysts see the versions but cannot download them.
    const en = new DashboardClient(dash.url);
    await en.login('alice', PASSWORDS.alice);
    await en.get('/lang/en?back=/');
    const enPage = await (await en.get(`/sellers/${id}`)).text();
    expect(enPage).toContain('Evidence pack versions');
    expect(enPage).toContain('Dashboard export');
    expect(enPage).toContain('Sent with a referral');
    expect(enPage).not.toContain('class="pack-download"');
    expect((await en.get(`/sellers/${id}/packs/1`)).status).toBe(403);
  }, 120_000);

  it('`certwatch export --out` still writes the file and records it as the next version', async () => {
    const id = ids.sellers.electric;
    const file = join(out.path, 'cli.zip');
    const url = `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${ctx.schema}`)}`;
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'export', '--seller', String(id), '--out', file, '--actor', 'cli-user'], {
      env: { ...process.env, CERTWATCH_DATA_DIR: ctx.config.dataDir, DATABASE_URL: url, CERTWATCH_LOG_LEVEL: 'warn' },
      timeout: 110_000,
    });
    const bytes = readFileSync(file);
    const third = (await packsOf(id))[2]!;
    expect(third).toMatchObject({ version: 3, made_via: 'cli', made_by: 'cli-user', sha256: sha256(bytes), size: bytes.length });
    expect(stdout).toContain(`version 3 of seller ${id}`);
    expect(stdout).toContain(third.sha256);
    expect(sha256((await download(`/sellers/${id}/packs/3`)).bytes)).toBe(third.sha256);
    expect((await verifyPack(file)).ok).toBe(true);
  }, 120_000);
});

describe('a typed-in pack hash', () => {
  it('links the referral to the kept version it names, so that file is the one downloaded', async () => {
    const id = ids.sellers.linked;
    expect((await sup.json('/api/sellers/decision', { ids: [id], action: 'confirm' })).status).toBe(200);
    expect((await sup.form(`/sellers/${id}/export-pack`, {})).status).toBe(303);
    const [v1] = await packsOf(id);
    expect((await sup.form(`/sellers/${id}/refer`, { unit: '某区公安分局', pack: v1!.sha256.toUpperCase() })).status).toBe(303);
    const ref = (await ctx.db.query<Referral>('SELECT * FROM referrals WHERE seller_id = $1', [id])).rows[0]!;
    expect(ref).toMatchObject({ pack_sha256: v1!.sha256, pack_version_id: v1!.id });
    const page = await (await sup.get(`/sellers/${id}`)).text();
    expect(/<a href="([^"]+)" class="referral-pack"/.exec(page)?.[1]).toBe(`/sellers/${id}/packs/1`);
    expect(sha256((await download(`/sellers/${id}/packs/1`)).bytes)).toBe(ref.pack_sha256);
  }, 120_000);
});

describe('a kept pack that no longer matches its hash', () => {
  it('is never served as complete: a changed byte breaks the download, a missing file is a 500 that says so', async () => {
    const id = ids.sellers.electric;
    const v2 = (await packsOf(id))[1]!;
    const path = ctx.blobs.pathOf(v2.sha256);
    const good = readFileSync(path);
    const bad = Buffer.from(good);
    bad[bad.length >> 1]! ^= 0x01;
    try {
      rmSync(path);
      writeFileSync(path, bad);
      const res = await sup.get(`/sellers/${id}/packs/2`);
      expect(res.status).toBe(200);
      // Content-Length promises the recorded size; the last chunk is withheld, so the body never completes.
      const body = await res.arrayBuffer().then((b) => Buffer.from(b), (err: Error) => err);
      expect(body).toBeInstanceOf(Error);
      rmSync(path);
      const missing = await sup.get(`/sellers/${id}/packs/2`);
      expect(missing.status).toBe(500);
      expect(await missing.text()).toContain('证据包文件缺失或已损坏');
    } finally {
      rmSync(path, { force: true });
      writeFileSync(path, good);
    }
    expect(sha256((await download(`/sellers/${id}/packs/2`)).bytes)).toBe(v2.sha256);
  }, 60_000);
});

describe('a refused referral leaves no pack behind', () => {
  it('refused before building (the seller is not confirmed): no pack row, file or audit entry', async () => {
    const id = ids.sellers.welder;
    const files = dataFiles();
    const lastAudit = (await ctx.db.query<{ id: number }>('SELECT max(id) AS id FROM audit_log')).rows[0]!.id;
    const res = await sup.form(`/sellers/${id}/refer`, { unit: '某市公安局治安支队', makePack: '1' });
    expect(res.status).toBe(409);
    expect(await packsOf(id)).toEqual([]);
    expect((await ctx.db.query('SELECT id FROM referrals WHERE seller_id = $1', [id])).rows).toEqual([]);
    expect(dataFiles()).toEqual(files);
    // The only new entry is the view of the page that shows the refusal.
    expect((await auditOf(id, lastAudit)).map((e) => e.action)).toEqual(['view.seller']);
  }, 60_000);

  it('refused after building (the seller was dismissed meanwhile): the pack is discarded and the audit log says so', async () => {
    const id = ids.sellers.heights;
    expect((await sup.json('/api/sellers/decision', { ids: [id], action: 'confirm' })).status).toBe(200);
    const files = dataFiles();
    const lastAudit = (await ctx.db.query<{ id: number }>('SELECT max(id) AS id FROM audit_log')).rows[0]!.id;
    const refer = sup.form(`/sellers/${id}/refer`, { unit: '某市公安局治安支队', makePack: '1' });
    // The pack is being built once its `exported` entry exists; the seller moves then.
    const deadline = Date.now() + 60_000;
    while (!(await auditOf(id, lastAudit)).some((e) => e.action === 'exported')) {
      if (Date.now() > deadline) throw new Error('the referral never started building its pack');
      await new Promise((r) => setTimeout(r, 25));
    }
    const other = new DashboardClient(dash.url);
    await other.login('sup', PASSWORDS.sup);
    expect((await other.form(`/sellers/${id}/status`, { to: 'dismissed' })).status).toBe(303);
    expect((await refer).status).toBe(409);

    expect(await packsOf(id)).toEqual([]);
    expect((await ctx.db.query('SELECT id FROM referrals WHERE seller_id = $1', [id])).rows).toEqual([]);
    expect(dataFiles()).toEqual(files);
    const actions = (await auditOf(id, lastAudit)).map((e) => e.action).filter((a) => !a.startsWith('view.'));
    expect(actions).toEqual(['exported', 'status.change', 'export_discarded']);
    const discarded = (await auditOf(id, lastAudit)).find((e) => e.action === 'export_discarded')!;
    expect(discarded.detail.reason).toMatch(/cannot move from dismissed to referred/);
  }, 120_000);
});
