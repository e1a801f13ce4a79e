// Every path inside a pack is made here from numbers and fixed names, never from
// scraped text; and the one check `verify` uses to refuse hostile entry names.
import type { EvidenceRole } from '../capture/page-capture.js';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.json.sig';
export const SUMS = 'SHA256SUMS';
export const PUBLIC_KEY = 'signing-key.pub.pem';
export const CUSTODY_LOG = 'custody-log.jsonl';
export const VERIFY_MD = 'VERIFY.md';
export const REPORT_HTML = 'report/report.html';
export const REPORT_PDF = 'report/report.pdf';
export const ITEMS_XLSX = 'report/items.xlsx';

/** Files a pack has that manifest.json does not list (they are made from it). */
export const OUTSIDE_MANIFEST = [MANIFEST, SIGNATURE, SUMS] as const;

const ROLE_FILES: Record<string, string> = {
  screenshot: '1-screenshot.png',
  screenshot_banner: '2-screenshot-banner.png',
  html_served: '3-served.html',
  dom: '4-dom.html',
  mhtml: '5-page.mhtml',
  warc: '6-exchanges.warc',
  metadata: '7-capture.json',
  wacz: '8-replay.wacz',
};

export const ROLE_ORDER: string[] = Object.keys(ROLE_FILES);

function pad(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not an id: ${n}`);
  return String(n).padStart(7, '0');
}

export function captureDir(listingId: number, captureId: number): string {
  return `captures/L${pad(listingId)}/C${pad(captureId)}`;
}

export function evidencePath(listingId: number, captureId: number, role: EvidenceRole | string): string {
  const file = ROLE_FILES[role];
  if (!file) throw new Error(`unknown evidence role: ${String(role).slice(0, 40)}`);
  return `${captureDir(listingId, captureId)}/${file}`;
}

/** Why a zip entry name is unsafe to extract, or null when it is fine. */
export function unsafeZipPath(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.length > 512) return 'name longer than 512 characters';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in name';
  if (name.includes('\\')) return 'backslash in name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return 'path traversal (..)';
  if (parts.some((p) => p === '.' || p === '')) return 'empty or "." path segment';
  return null;
}
