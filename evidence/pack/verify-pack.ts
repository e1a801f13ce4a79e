// `certwatch verify`: checks a pack on its own — safe entry names, every file's size and
// hashes against the signed manifest, nothing missing or added, custody chain, signature.
import { createHash, createPublicKey } from 'node:crypto';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { canonicalJson } from '../../pipeline/audit/canonical-json.js';
import { publicKeyFingerprint, verifyDetached } from '../signing-keys.js';
import { CustodyChainCheck, type CustodyCheck } from './custody-log.js';
import { LineSplitter } from './line-splitter.js';
import { PACK_FORMAT, type Manifest } from './pack-manifest.js';
import * as P from './pack-paths.js';

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  /** Entries read from the zip. */
  entries: number;
  /** Fingerprint of the key that signed manifest.json. */
  fingerprint?: string;
  /** A member or the whole pack ran past the size caps (a zip bomb?): reading stopped there. */
  tooLarge: boolean;
  /** The signer's key was checked against one given (a key file or a fingerprint), not only the pack's own. */
  signerChecked: boolean;
}

export interface VerifyOptions {
  /** PEM of the public key the pack must be signed with (else the pack's own key is used). */
  expectedPublicKey?: string;
  /** Fingerprint (SHA-256 of the DER public key, hex with or without colons) the signer must have. */
  expectedFingerprint?: string;
  /**
   * Largest uncompressed member read.
   * @default 1 GiB
   */
  maxMemberBytes?: number;
  /**
   * Largest total of uncompressed bytes read from the pack.
   * @default 4 GiB
   */
  maxTotalBytes?: number;
}

const DEFAULT_MAX_MEMBER = 1024 ** 3;
const DEFAULT_MAX_TOTAL = 4 * 1024 ** 3;
const MAX_ENTRIES = 100_000;
/** A custody record is a few hundred bytes; a longer line is not one. */
const MAX_CUSTODY_LINE = 1024 * 1024;
/** A seller's custody log is kilobytes; 64 MiB is a hundred thousand entries and more. */
const MAX_CUSTODY_LOG = 64 * 1024 * 1024;

// Small files whose whole bytes verify needs (a signature covers the exact manifest), each capped;
// the custody log is checked line by line as it streams, and every other member is only hashed.
const KEEP: Record<string, number> = {
  [P.MANIFEST]: 32 * 1024 * 1024,
  [P.SIGNATURE]: 4096,
  [P.SUMS]: 16 * 1024 * 1024,
  [P.PUBLIC_KEY]: 64 * 1024,
  [P.VERIFY_MD]: 1024 * 1024,
};

interface Seen {
  size: number;
  sha256: string;
  sm3: string;
  bytes?: Buffer;
}

interface ReadOutcome {
  seen: Map<string, Seen>;
  custody?: CustodyCheck;
  tooLarge: boolean;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

function show(name: string): string {
  return JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);
}

/** Thrown inside the entry loop when a cap is passed: reading stops, the problem is reported. */
class CapExceeded extends Error {}

async function readEntries(file: string, problems: string[], caps: { member: number; total: number }): Promise<ReadOutcome | undefined> {
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
  const out: ReadOutcome = { seen, tooLarge: false };
  let total = 0;
  const openStream = promisify(zip.openReadStream.bind(zip));
  const refuse = (message: string): never => {
    out.tooLarge = true;
    problems.push(message);
    throw new CapExceeded(message);
  };
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
          if (seen.size >= MAX_ENTRIES) refuse(`more than ${MAX_ENTRIES} entries: not read further`);
          if (unsafe) problems.push(`unsafe path in zip: ${show(name)} (${unsafe})`);
          else if (name.endsWith('/')) problems.push(`unexpected directory entry: ${show(name)}`);
          else if (mode !== 0 && mode !== S_IFREG) problems.push(`not a regular file: ${show(name)} (mode ${mode.toString(8)})`);
          else if (seen.has(name)) problems.push(`duplicate entry: ${show(name)}`);
          else if (entry.isEncrypted()) problems.push(`encrypted entry: ${show(name)}`);
          else {
            // The declared size is checked before a byte is inflated; yauzl holds the stream to it.
            if (entry.uncompressedSize > caps.member) refuse(`${show(name)} inflates to ${entry.uncompressedSize} bytes, over the ${caps.member}-byte cap per file (a zip bomb?)`);
            if (total + entry.uncompressedSize > caps.total) refuse(`the pack inflates to more than ${caps.total} bytes in all (a zip bomb?)`);
            const keepCap = KEEP[name];
            const memberCap = name === P.CUSTODY_LOG ? Math.min(caps.member, MAX_CUSTODY_LOG) : caps.member;
            if (entry.uncompressedSize > memberCap) refuse(`${show(name)} inflates to ${entry.uncompressedSize} bytes, over its ${memberCap}-byte cap (a zip bomb?)`);
            if (keepCap !== undefined && entry.uncompressedSize > keepCap) refuse(`${name} is larger than ${keepCap} bytes`);
            const sha = createHash('sha256');
            const sm3 = createHash('sm3');
            const chunks: Buffer[] = [];
            let custodyLines: LineSplitter | undefined;
            let chain: CustodyChainCheck | undefined;
            if (name === P.CUSTODY_LOG) {
              const check = new CustodyChainCheck();
              chain = check;
              custodyLines = new LineSplitter((line) => check.line(line), MAX_CUSTODY_LINE);
            }
            let size = 0;
            let feeding = true;
            const stream = await openStream(entry);
            try {
              for await (const c of stream!) {
                const b = c as Buffer;
                size += b.length;
                total += b.length;
                if (size > memberCap) refuse(`${show(name)} inflates past its ${memberCap}-byte cap (a zip bomb?)`);
                if (total > caps.total) refuse(`the pack inflates to more than ${caps.total} bytes in all (a zip bomb?)`);
                sha.update(b);
                sm3.update(b);
                if (keepCap !== undefined) {
                  if (size > keepCap) refuse(`${name} is larger than ${keepCap} bytes`);
                  chunks.push(b);
                }
                if (custodyLines && feeding) feeding = custodyLines.push(b);
              }
            } finally {
              stream!.destroy();
            }
            if (custodyLines && chain) {
              custodyLines.end();
              if (custodyLines.overlong) chain.stop(`custody log line ${chain.result().count + 1} is longer than ${MAX_CUSTODY_LINE} bytes (not a custody record)`);
              out.custody = chain.result();
            }
            const s: Seen = { size, sha256: sha.digest('hex'), sm3: sm3.digest('hex') };
            if (keepCap !== undefined) s.bytes = Buffer.concat(chunks);
            seen.set(name, s);
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } catch (err) {
    if (!(err instanceof CapExceeded)) problems.push(`zip could not be read to the end: ${(err as Error).message}`);
  } finally {
    zip.close();
  }
  return out;
}

/** Colon-separated lower-case hex, however a fingerprint was written. */
export function normalFingerprint(text: string): string | undefined {
  const hex = text.replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : undefined;
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
  const read = await readEntries(file, problems, { member: opts.maxMemberBytes ?? DEFAULT_MAX_MEMBER, total: opts.maxTotalBytes ?? DEFAULT_MAX_TOTAL });
  if (!read) return { ok: false, problems, entries: 0, tooLarge: false, signerChecked: false };
  const { seen } = read;
  let signerChecked = false;
  const result = (fingerprint?: string): VerifyResult => ({ ok: problems.length === 0, problems, entries: seen.size, fingerprint, tooLarge: read.tooLarge, signerChecked });
  // Past a cap nothing after it was read: the other checks would only list what is missing.
  if (read.tooLarge) return result();

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
  // The pack's own key proves only that whoever signed it had that key: trust comes from a key or
  // fingerprint obtained by another channel.
  const wants: string[] = [];
  if (opts.expectedPublicKey) wants.push(publicKeyFingerprint(createPublicKey(opts.expectedPublicKey)));
  if (opts.expectedFingerprint) {
    const want = normalFingerprint(opts.expectedFingerprint);
    if (!want) problems.push(`the expected fingerprint is not 64 hex digits: ${show(opts.expectedFingerprint)}`);
    else wants.push(want);
  }
  for (const want of wants) {
    if (fingerprint && want !== fingerprint) problems.push(`signature: the pack was signed with key ${fingerprint}, not the expected key ${want}`);
  }
  signerChecked = wants.length > 0;
  // VERIFY.md tells its reader which fingerprint to confirm; a pack re-signed by another key keeps the old one there.
  const instructions = seen.get(P.VERIFY_MD)?.bytes?.toString('utf8');
  if (instructions && fingerprint) {
    const written = /(?:[0-9a-f]{2}:){31}[0-9a-f]{2}/i.exec(instructions)?.[0];
    if (!written) problems.push(`${P.VERIFY_MD} names no key fingerprint`);
    else if (normalFingerprint(written) !== fingerprint) problems.push(`signature: ${P.VERIFY_MD} names key ${written.toLowerCase()}, but the pack was signed with ${fingerprint}`);
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
        if (problems.length > 200) break;
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
  const c = read.custody;
  if (c) {
    problems.push(...c.problems);
    if (c.ok && (c.count !== manifest.custody_log?.entries || c.head !== manifest.custody_log?.head_hash)) {
      problems.push(`custody log: ${c.count} entries ending in ${c.head.slice(0, 16)}…, but manifest.json records ${manifest.custody_log?.entries} ending in ${String(manifest.custody_log?.head_hash).slice(0, 16)}…`);
    }
  } else if (!problems.some((p) => p.includes(P.CUSTODY_LOG))) problems.push(`missing file: ${P.CUSTODY_LOG}`);
  return result(fingerprint);
}
