// Writes one seller's pack zip from a snapshot of its inputs: generated files first,
// then every captured file streamed from the blob store (hash-checked on the way).
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Browser } from 'playwright';
import yazl from 'yazl';
import { canonicalJson } from '../../pipeline/audit/canonical-json.js';
import type { BlobStore } from '../../pipeline/storage/blob-store.js';
import { digestBytes, digestStream } from '../digests.js';
import { signDetached, type SigningKeys } from '../signing-keys.js';
import { buildCustodyLog } from './custody-log.js';
import { entryOptions, shouldCompress } from './deterministic-zip.js';
import { renderItemListXlsx } from './item-list-xlsx.js';
import { buildManifest, type ManifestFile } from './pack-manifest.js';
import type { PackInputs } from './pack-inputs.js';
import { packItems, type PackItem } from './pack-items.js';
import { checkBlobsPresent, checkedBlobStream } from './checked-blob-stream.js';
import * as P from './pack-paths.js';
import { renderReportHtml } from './report-html.js';
import { renderReportPdf } from './report-pdf.js';
import { reportThumbnails } from './report-thumbnails.js';
import { verifyInstructions } from './verify-instructions.js';
import { EVIDENCE_FILE_MODE } from '../../pipeline/storage/data-dir.js';

export interface WritePackOptions {
  out: string;
  exportedAt: Date;
  actor: string;
  keys: Pick<SigningKeys, 'privateKey' | 'publicKeyPem' | 'fingerprint'>;
  browser: Browser;
  toolVersions: Record<string, string>;
  /** The clock the report and items.xlsx show times on (config timeZone). @default 'Asia/Shanghai' */
  timeZone?: string;
}

export interface WrittenPack {
  path: string;
  sha256: string;
  size: number;
  /** Number of files in the zip. */
  files: number;
  packId: string;
}

function packIdOf(sellerId: number, at: Date): string {
  return `CW-S${sellerId}-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

export async function writePack(blobs: BlobStore, inputs: PackInputs, opts: WritePackOptions): Promise<WrittenPack> {
  const items = packItems(inputs);
  // Before the PDF (seconds of Chromium): a missing or resized blob fails at once.
  await checkBlobsPresent(blobs, items);
  const packId = packIdOf(inputs.seller.id, opts.exportedAt);
  const custody = buildCustodyLog(inputs.custody);
  const thumbnails = await reportThumbnails(blobs, inputs);
  const html = renderReportHtml({
    inputs, items, exportedAt: opts.exportedAt, actor: opts.actor, fingerprint: opts.keys.fingerprint, toolVersions: opts.toolVersions, packId, timeZone: opts.timeZone, thumbnails,
  });
  const generated = new Map<string, { bytes: Buffer; role: string; mediaType: string }>([
    [P.PUBLIC_KEY, { bytes: Buffer.from(opts.keys.publicKeyPem), role: 'public_key', mediaType: 'application/x-pem-file' }],
    [P.VERIFY_MD, { bytes: Buffer.from(verifyInstructions({ fingerprint: opts.keys.fingerprint, sellerId: inputs.seller.id })), role: 'instructions', mediaType: 'text/markdown; charset=utf-8' }],
    [P.CUSTODY_LOG, { bytes: Buffer.from(custody.text), role: 'custody_log', mediaType: 'application/jsonl' }],
    [P.REPORT_HTML, { bytes: Buffer.from(html), role: 'report_html', mediaType: 'text/html; charset=utf-8' }],
    [P.REPORT_PDF, { bytes: await renderReportPdf(opts.browser, html, opts.exportedAt), role: 'report_pdf', mediaType: 'application/pdf' }],
    [P.ITEMS_XLSX, {
      bytes: await renderItemListXlsx(items, { sellerId: inputs.seller.id, exportedAt: opts.exportedAt, fingerprint: opts.keys.fingerprint, timeZone: opts.timeZone }),
      role: 'item_list', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }],
  ]);
  const generatedFiles: ManifestFile[] = [...generated.entries()].map(([path, g]) => {
    const d = digestBytes(g.bytes);
    const derived = path === P.REPORT_PDF ? P.REPORT_HTML : null;
    return { path, role: g.role, media_type: g.mediaType, size: d.size, sha256: d.sha256, sm3: d.sm3, derived_from: derived, listing_id: null, capture_id: null };
  });
  const manifest = buildManifest({
    packId, inputs, items, generated: generatedFiles, exportedAt: opts.exportedAt, actor: opts.actor,
    custody: { entries: custody.count, head: custody.head }, fingerprint: opts.keys.fingerprint, toolVersions: opts.toolVersions,
  });
  const manifestBytes = Buffer.from(canonicalJson(manifest));
  const signature = signDetached(opts.keys, manifestBytes);
  const sumLines = [
    ...manifest.files.map((f) => [f.path, f.sha256] as const),
    [P.MANIFEST, digestBytes(manifestBytes).sha256] as const,
    [P.SIGNATURE, digestBytes(signature).sha256] as const,
  ]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([p, sha]) => `${sha}  ${p}\n`)
    .join('');

  const partial = `${opts.out}.partial`;
  await streamZip(partial, (zip) => {
    const add = (path: string, bytes: Buffer) => zip.addBuffer(bytes, path, entryOptions(shouldCompress(path)));
    add(P.MANIFEST, manifestBytes);
    add(P.SIGNATURE, signature);
    add(P.SUMS, Buffer.from(sumLines));
    for (const [path, g] of generated) add(path, g.bytes);
    return items;
  }, blobs);
  await rename(partial, opts.out);
  const d = await digestStream(createReadStream(opts.out));
  const st = await stat(opts.out);
  return { path: opts.out, sha256: d.sha256, size: st.size, files: 3 + generated.size + items.length, packId };
}

/**
 * Writes the zip to `partial`. Every stream on the way (yazl's output, each blob read,
 * the file write) has an error handler: the first failure rejects, stops the rest and
 * removes `partial` — a bad blob must never surface as an uncaught stream error.
 */
async function streamZip(partial: string, addGenerated: (zip: yazl.ZipFile) => PackItem[], blobs: BlobStore): Promise<void> {
  const zip = new yazl.ZipFile();
  const zipOut = zip.outputStream as unknown as Readable;
  // Packs are evidence: not world-readable (the data dir is 0700 as well).
  const output = createWriteStream(partial, { mode: EVIDENCE_FILE_MODE });
  const open = new Set<Readable>();
  let failure: Error | undefined;
  let closed = false;
  let reject!: (err: Error) => void;
  // Settles only once the file is closed, so removing `partial` cannot race its open().
  const written = new Promise<void>((res, rej) => {
    reject = rej;
    output.on('close', () => {
      closed = true;
      if (failure) rej(failure);
      else res();
    });
  });
  const fail = (err: Error) => {
    if (failure) return;
    failure = err;
    for (const s of open) s.destroy();
    zipOut.unpipe(output);
    zipOut.destroy();
    output.destroy();
    if (closed) reject(err);
  };
  // yazl reports a wrong entry size (and a failed lazy stream) by emitting 'error' on the ZipFile.
  zip.on('error', fail);
  zipOut.on('error', fail);
  output.on('error', fail);
  zipOut.pipe(output);
  const items = addGenerated(zip);
  for (const it of items) {
    // Lazy: a seller with thousands of files must not hold thousands of open descriptors.
    zip.addReadStreamLazy(it.path, { ...entryOptions(shouldCompress(it.path)), size: it.size }, (cb) => {
      if (failure) return cb(failure, undefined as never);
      const checked = checkedBlobStream(blobs, it);
      open.add(checked);
      checked.on('error', fail);
      checked.on('close', () => open.delete(checked));
      cb(null, checked);
    });
  }
  zip.end();
  try {
    await written;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}
