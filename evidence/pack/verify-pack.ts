// `certwatch verify`: checks a pack on its own — safe entry names, every file's size and
// hashes against the signed manifest, nothing missing or added, custody chain, signature.
import { createHash, createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { canonicalJson } from '../../pipeline/audit/canonical-json.js';
import { publicKeyFingerprint, verifyDetached } from '../signing-keys.js';
import { verifyCustodyLog } from './custody-log.js';
import { PACK_FORMAT, type Manifest } from './pack-manifest.js';
import * as P from './pack-paths.js';

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  /** Entries read from the zip. */
  entries: number;
  fingerprint?: string;
}

export interface VerifyOptions {
  /** PEM of the public key the pack must be signed with (else the pack's own key is used). */
  expectedPublicKey?: string;
}

// Files whose bytes verify needs, with a cap each (a hostile zip cannot make us buffer gigabytes).
const KEEP: Record<string, number> = {
  [P.MANIFEST]: 256 * 1024 * 1024,
  [P.SIGNATURE]: 4096,
  [P.SUMS]: 64 * 1024 * 1024,
  [P.PUBLIC_KEY]: 64 * 1024,
  [P.CUSTODY_LOG]: 256 * 1024 * 1024,
};

interface Seen {
  size: number;
  sha256: string;
  sm3: string;
  bytes?: Buffer;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

function show(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
}

async function readEntries(file: string, problems: string[]): Promise<Map<string, Seen> | undefined> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, decodeStrings: false, autoClose: false, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z))),
    );
  } catch (err) {
    problems.push(`not a readable zip file: ${(err as Error).message}`);
    return undefined;
  }
  const seen = new Map<string, Seen>();
  const openStream = promisify(zip.openReadStream.bind(zip));
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          const raw = entry.fileName as unknown as Buffer;
          const name = raw.toString('utf8');
          const unsafe = P.unsafeZipPath(name);
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
          if (unsafe) problems.push(`unsafe path in zip: ${show(name)} (${unsafe})`);
          else if (name.endsWith('/')) problems.push(`unexpected directory entry: ${show(name)}`);
          else if (mode !== 0 && mode !== S_IFREG) problems.push(`not a regular file: ${show(name)} (mode ${mode.toString(8)})`);
          else if (seen.has(name)) problems.push(`duplicate entry: ${show(name)}`);
          else if (entry.isEncrypted()) problems.push(`encrypted entry: ${show(name)}`);
          else {
            const sha = createHash('sha256');
            const sm3 = createHash('sm3');
            const keepCap = KEEP[name];
            const chunks: Buffer[] = [];
            let size = 0;
            const stream = await openStream(entry);
            for await (const c of stream!) {
              const b = c as Buffer;
              sha.update(b);
              sm3.update(b);
              size += b.length;
              if (keepCap !== undefined && size <= keepCap) chunks.push(b);
            }
            const s: Seen = { size, sha256: sha.digest('hex'), sm3: sm3.digest('hex') };
            if (keepCap !== undefined) {
              if (size > keepCap) problems.push(`${name} is larger than ${keepCap} bytes`);
              else s.bytes = Buffer.concat(chunks);
            }
            seen.set(name, s);
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } catch (err) {
    problems.push(`zip could not be read to the end: ${(err as Error).message}`);
  } finally {
    zip.close();
  }
  return seen;
}

function parseManifest(bytes: Buffer, problems: string[]): Manifest | undefined {
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    problems.push('manifest.json is not valid JSON');
    return undefined;
  }
  if (typeof m !== 'object' || m === null || m.format !== PACK_FORMAT || !Array.isArray(m.files)) {
    problems.push(`manifest.json is not a ${PACK_FORMAT} manifest`);
    return undefined;
  }
  if (canonicalJson(m) !== bytes.toString('utf8')) problems.push('manifest.json is not in canonical form (it was re-written or edited)');
  return m;
}

export async function verifyPack(file: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const seen = await readEntries(file, problems);
  if (!seen) return { ok: false, problems, entries: 0 };
  const result = (fingerprint?: string): VerifyResult => ({ ok: problems.length === 0, problems, entries: seen.size, fingerprint });

  const manifestBytes = seen.get(P.MANIFEST)?.bytes;
  if (!manifestBytes) {
    problems.push('missing file: manifest.json');
    return result();
  }
  const manifest = parseManifest(manifestBytes, problems);

  // Signature: over the exact manifest bytes, with the pack's key (and the expected one, when given).
  let fingerprint: string | undefined;
  const pub = seen.get(P.PUBLIC_KEY)?.bytes;
  const sig = seen.get(P.SIGNATURE)?.bytes;
  if (!sig) problems.push(`missing file: ${P.SIGNATURE} (signature)`);
  if (!pub) problems.push(`missing file: ${P.PUBLIC_KEY} (public key)`);
  if (pub) {
    try {
      fingerprint = publicKeyFingerprint(createPublicKey(pub));
    } catch {
      problems.push(`${P.PUBLIC_KEY} is not a public key`);
    }
  }
  if (opts.expectedPublicKey) {
    const want = publicKeyFingerprint(createPublicKey(opts.expectedPublicKey));
    if (fingerprint && want !== fingerprint) problems.push(`signature: the pack was signed with key ${fingerprint}, not the expected key ${want}`);
  }
  if (sig && pub && fingerprint && !verifyDetached(pub, manifestBytes, sig)) {
    problems.push('signature: manifest.json.sig does not verify against signing-key.pub.pem (manifest.json was edited or signed by another key)');
  }
  if (manifest && fingerprint && manifest.signature?.public_key_fingerprint_sha256 !== fingerprint) {
    problems.push('signature: the public key in the pack does not match the fingerprint recorded in manifest.json');
  }
  if (!manifest) return result(fingerprint);

  // Files: every listed file present with the listed size and hashes; nothing else present.
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (typeof f?.path !== 'string') {
      problems.push('manifest.json lists a file without a path');
      continue;
    }
    const unsafe = P.unsafeZipPath(f.path);
    if (unsafe) {
      problems.push(`manifest.json lists an unsafe path: ${show(f.path)} (${unsafe})`);
      continue;
    }
    listed.add(f.path);
    const got = seen.get(f.path);
    if (!got) problems.push(`missing file: ${f.path}`);
    else if (got.size !== f.size) problems.push(`size mismatch: ${f.path} (manifest ${f.size} bytes, pack ${got.size} bytes)`);
    else if (got.sha256 !== f.sha256) problems.push(`SHA-256 mismatch: ${f.path} (manifest ${f.sha256}, file ${got.sha256})`);
    else if (got.sm3 !== f.sm3) problems.push(`SM3 mismatch: ${f.path} (manifest ${f.sm3}, file ${got.sm3})`);
  }
  for (const name of seen.keys()) {
    if (!listed.has(name) && !(P.OUTSIDE_MANIFEST as readonly string[]).includes(name)) problems.push(`unexpected file (not in manifest): ${name}`);
  }

  // SHA256SUMS must agree with the files it names and name them all.
  const sums = seen.get(P.SUMS)?.bytes;
  if (!sums) problems.push(`missing file: ${P.SUMS}`);
  else {
    const named = new Set<string>();
    for (const line of sums.toString('utf8').split('\n')) {
      if (!line) continue;
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      if (!m) {
        problems.push(`${P.SUMS}: malformed line ${show(line)}`);
        continue;
      }
      named.add(m[2]!);
      const got = seen.get(m[2]!);
      if (!got) problems.push(`${P.SUMS} names a file that is not in the pack: ${show(m[2]!)}`);
      else if (got.sha256 !== m[1]) problems.push(`${P.SUMS}: SHA-256 mismatch for ${m[2]}`);
    }
    for (const name of seen.keys()) if (name !== P.SUMS && !named.has(name)) problems.push(`${P.SUMS} does not list ${name}`);
  }

  // Custody chain, and that it is the chain the manifest signed.
  const custody = seen.get(P.CUSTODY_LOG)?.bytes;
  if (custody) {
    const c = verifyCustodyLog(custody.toString('utf8'));
    problems.push(...c.problems);
    if (c.ok && (c.count !== manifest.custody_log?.entries || c.head !== manifest.custody_log?.head_hash)) {
      problems.push(`custody log: ${c.count} entries ending in ${c.head.slice(0, 16)}…, but manifest.json records ${manifest.custody_log?.entries} ending in ${String(manifest.custody_log?.head_hash).slice(0, 16)}…`);
    }
  } else if (!problems.some((p) => p.includes(P.CUSTODY_LOG))) problems.push(`missing file: ${P.CUSTODY_LOG}`);
  return result(fingerprint);
}
