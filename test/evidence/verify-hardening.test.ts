// `certwatch verify` against hostile packs, built here without a browser: a zip bomb in the
// custody log, a pack re-signed with another key, and a signer nobody vouched for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import yazl from 'yazl';
import { verifyPack } from '../../evidence/verify.js';
import { publicKeyFingerprint, signDetached } from '../../evidence/signing-keys.js';
import { digestBytes } from '../../evidence/digests.js';
import { buildCustodyLog } from '../../evidence/pack/custody-log.js';
import { PACK_FORMAT } from '../../evidence/pack/pack-manifest.js';
import { verifyInstructions } from '../../evidence/pack/verify-instructions.js';
import { canonicalJson } from '../../pipeline/audit/canonical-json.js';
import { tempDir } from '../support/services.js';

let dir: ReturnType<typeof tempDir>;
const office = generateKeyPairSync('ed25519');
const forger = generateKeyPairSync('ed25519');
const officeFp = publicKeyFingerprint(office.publicKey);

type Member = Buffer | (() => Readable);

/** A pack as certwatch writes one: listed files, custody log, VERIFY.md, manifest, signature, sums. */
function packFiles(key: { privateKey: KeyObject; publicKey: KeyObject }, opts: { evidence?: string; verifyMdFingerprint?: string } = {}): Map<string, Buffer> {
  const fp = publicKeyFingerprint(key.publicKey);
  const custody = buildCustodyLog([
    { id: 1, at: new Date('2026-11-01T00:00:00Z'), actor: 'system', action: 'captured', seller_id: 7, listing_id: 1, detail: {}, hash: 'a'.repeat(64), prev_hash: '0'.repeat(64) } as never,
    { id: 2, at: new Date('2026-11-02T00:00:00Z'), actor: 'sup', action: 'confirmed', seller_id: 7, listing_id: null, detail: {}, hash: 'b'.repeat(64), prev_hash: 'a'.repeat(64) } as never,
  ]);
  const listed = new Map<string, Buffer>([
    ['captures/L0000001/C0000001/3-served.html', Buffer.from(opts.evidence ?? '<p>出售电工证 加微信 dgz1888</p>')],
    ['custody-log.jsonl', Buffer.from(custody.text)],
    ['VERIFY.md', Buffer.from(verifyInstructions({ fingerprint: opts.verifyMdFingerprint ?? fp, sellerId: 7 }))],
    ['signing-key.pub.pem', Buffer.from(key.publicKey.export({ type: 'spki', format: 'pem' }).toString())],
  ]);
  const manifest = {
    format: PACK_FORMAT,
    pack_id: 'test',
    exported_at: '2026-11-03T00:00:00.000Z',
    exported_by: 'sup',
    lead: {},
    identifiers: {},
    listings: [],
    captures: [],
    files: [...listed].map(([path, b]) => ({ path, role: 'x', media_type: 'text/plain', ...digestBytes(b), derived_from: null, listing_id: null, capture_id: null })),
    custody_log: { path: 'custody-log.jsonl', entries: custody.count, head_hash: custody.head, chain: 'sha256' },
    signature: { algorithm: 'Ed25519', file: 'manifest.json.sig', public_key_file: 'signing-key.pub.pem', public_key_fingerprint_sha256: fp },
    tool_versions: {},
    limitations: [],
  };
  const manifestBytes = Buffer.from(canonicalJson(manifest));
  const files = new Map(listed);
  files.set('manifest.json', manifestBytes);
  files.set('manifest.json.sig', signDetached(key, manifestBytes));
  files.set('SHA256SUMS', Buffer.from([...files].map(([p, b]) => `${digestBytes(b).sha256}  ${p}\n`).join('')));
  return files;
}

async function writePackZip(name: string, files: Map<string, Member>): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [path, m] of files) {
    if (Buffer.isBuffer(m)) zip.addBuffer(m, path);
    else zip.addReadStream(m(), path);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const file = join(dir.path, name);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/certwatch.mjs', 'verify', ...args], { encoding: 'utf8', timeout: 120_000 });

let good: string;
beforeAll(async () => {
  dir = tempDir('certwatch-verify-');
  good = await writePackZip('good.zip', packFiles(office));
});
afterAll(() => dir?.remove());

describe('when no key or fingerprint says whose signature to expect', () => {
  it('checks everything but exits 4 with a warning that the signer is unverified', async () => {
    const v = await verifyPack(good);
    expect(v).toMatchObject({ ok: true, signerChecked: false, fingerprint: officeFp });
    const r = cli(good);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/WARNING: .*anyone can re-sign an edited pack/);
    expect(r.stdout).toContain('SIGNER IS UNVERIFIED');
  }, 120_000);

  it('exits 0 with the right --fingerprint (colons or not) and 1 with another', async () => {
    expect(cli(good, '--fingerprint', officeFp).status).toBe(0);
    expect(cli(good, '--fingerprint', officeFp.replace(/:/g, '').toUpperCase()).status).toBe(0);
    const wrong = cli(good, '--fingerprint', publicKeyFingerprint(forger.publicKey));
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/not the expected key/);
    expect(cli(good, '--fingerprint', 'abc').status).toBe(2);
  }, 120_000);
});

describe('when a pack is edited, re-hashed and re-signed with another key', () => {
  it('fails on VERIFY.md naming another key, and never exits 0 without a fingerprint', async () => {
    const sloppy = await writePackZip('resigned.zip', packFiles(forger, { evidence: '<p>edited</p>', verifyMdFingerprint: officeFp }));
    const v = await verifyPack(sloppy);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toMatch(/VERIFY\.md names key .* but the pack was signed with/);
    expect(cli(sloppy).status).toBe(1);

    const careful = await writePackZip('resigned-careful.zip', packFiles(forger, { evidence: '<p>edited</p>' }));
    expect(cli(careful).status).toBe(4);
    expect(cli(careful, '--fingerprint', officeFp).status).toBe(1);
  }, 120_000);
});

describe('when the custody log is a zip bomb', () => {
  it('prints FAILED with the reason and exits 3, without buffering or crashing', async () => {
    const files: Map<string, Member> = new Map(packFiles(office));
    // 200 MiB of newlines deflate to about 200 KiB.
    files.set('custody-log.jsonl', () => Readable.from((function* () {
      const mib = Buffer.alloc(1024 * 1024, 0x0a);
      for (let i = 0; i < 200; i++) yield mib;
    })()));
    const bomb = await writePackZip('bomb.zip', files);
    const t0 = performance.now();
    const r = cli(bomb);
    const bombMs = performance.now() - t0;
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/FAILED: .*over the size caps/);
    expect(r.stderr).toMatch(/custody-log\.jsonl.* cap \(a zip bomb\?\)/);
    const t1 = performance.now();
    cli(good, '--fingerprint', officeFp);
    console.log(`verify: zip bomb refused in ${bombMs.toFixed(0)} ms; a good pack verifies in ${(performance.now() - t1).toFixed(0)} ms`);
  }, 180_000);

  it('stops at the per-file and total caps it is given', async () => {
    const big = new Map(packFiles(office, { evidence: 'x'.repeat(2_000_000) }));
    const file = await writePackZip('big.zip', big);
    expect(await verifyPack(file, { maxMemberBytes: 1_000_000 })).toMatchObject({ ok: false, tooLarge: true });
    expect(await verifyPack(file, { maxTotalBytes: 1_500_000 })).toMatchObject({ ok: false, tooLarge: true });
    expect(await verifyPack(file)).toMatchObject({ ok: true, tooLarge: false });
  });
});
