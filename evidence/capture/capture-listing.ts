// Captures one listing's page into the blob store and the captures/evidence tables,
// idempotently, and writes the 'captured' custody entry in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright';
import type { AppContext } from '../../pipeline/app/context.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { digestBytes } from '../digests.js';
import { toolVersions } from '../tool-versions.js';
import { launchChromium } from './browser-holder.js';
import { localCaptureGate, type CaptureGate } from './capture-gate.js';
import { assertCapturableUrl, CaptureError, capturePage, type PageCaptureOptions } from './page-capture.js';

export type CaptureReason = 'flagged' | 'changed' | 'manual';

export interface CaptureListingOptions {
  reason: CaptureReason;
  actor?: string;
  /** A shared browser (processors pass theirs); otherwise one is launched and closed. */
  browser?: Browser;
  /** Per-host pacing; defaults to an in-process gate. */
  gate?: CaptureGate;
  /** Idempotency key for manual captures (a job id); automatic ones key on the listing's text. */
  key?: string;
  page?: Partial<PageCaptureOptions>;
}

export interface CaptureRow {
  id: number;
  listing_id: number;
  url: string;
  final_url: string | null;
  status: number | null;
  body_sha256: string | null;
  reason: string;
  actor: string;
  gone: boolean;
  capture_key: string | null;
  listing_body_sha256: string | null;
  started_at: Date;
  finished_at: Date | null;
  metadata: Record<string, unknown>;
  error: string | null;
}

export interface EvidenceRow {
  id: number;
  capture_id: number;
  listing_id: number;
  role: string;
  media_type: string;
  size: number;
  sha256: string;
  sm3: string;
  derived_from: string | null;
  captured_at: Date;
  tool_versions: Record<string, string>;
}

export interface CaptureOutcome {
  capture: CaptureRow;
  evidence: EvidenceRow[];
  /** False when an identical capture already existed and was returned as is. */
  created: boolean;
}

interface ListingRow {
  id: number;
  url: string;
  body_sha256: string;
  seller_id: number | null;
  gone_at: Date | null;
}

async function existing(ctx: AppContext, listingId: number, key: string): Promise<CaptureOutcome | undefined> {
  const c = await ctx.db.query<CaptureRow>('SELECT * FROM captures WHERE listing_id = $1 AND capture_key = $2', [listingId, key]);
  if (!c.rows[0]) return undefined;
  const e = await ctx.db.query<EvidenceRow>('SELECT * FROM evidence WHERE capture_id = $1 ORDER BY id', [c.rows[0].id]);
  return { capture: c.rows[0], evidence: e.rows, created: false };
}

export async function captureListing(ctx: AppContext, listingId: number, opts: CaptureListingOptions): Promise<CaptureOutcome> {
  const actor = opts.actor ?? 'system';
  const l = await ctx.db.query<ListingRow>('SELECT id, url, body_sha256, seller_id, gone_at FROM listings WHERE id = $1', [listingId]);
  const listing = l.rows[0];
  if (!listing) throw new CaptureError(`no listing ${listingId}`, false);
  const url = assertCapturableUrl(listing.url);
  // An automatic capture records one state of the post: its text, and whether it was gone.
  const key =
    opts.reason === 'manual' ? `manual:${opts.key ?? randomUUID()}` : `${listing.body_sha256}${listing.gone_at ? ':gone' : ''}`;
  const prior = await existing(ctx, listingId, key);
  if (prior) return prior;

  const gate = opts.gate ?? localCaptureGate();
  await gate.acquire(url.host);
  const browser = opts.browser ?? (await launchChromium());
  const startedAt = new Date();
  try {
    const result = await capturePage(browser, listing.url, { userAgent: ctx.config.userAgent, ...opts.page });
    const stored = result.files.map((f) => ({ ...f, digests: digestBytes(f.bytes), blob: ctx.blobs.put(f.bytes) }));
    const versions = { ...toolVersions(), chromium: browser.version() };
    const shaOf = new Map(stored.map((f) => [f.role, f.digests.sha256]));
    const outcome = await ctx.db.tx(async (q) => {
      const ins = await q.query<CaptureRow>(
        `INSERT INTO captures (listing_id, url, final_url, status, body_sha256, reason, actor, gone, capture_key,
                               listing_body_sha256, started_at, finished_at, metadata)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
         ON CONFLICT (listing_id, capture_key) DO NOTHING RETURNING *`,
        [listingId, listing.url, result.finalUrl, result.status, result.servedSha256, opts.reason, actor, result.gone, key,
          listing.body_sha256, result.startedAt, result.finishedAt, JSON.stringify(result.metadata)],
      );
      const capture = ins.rows[0];
      if (!capture) return undefined;
      const evidence: EvidenceRow[] = [];
      for (const f of stored) {
        const r = await q.query<EvidenceRow>(
          `INSERT INTO evidence (capture_id, listing_id, role, media_type, size, sha256, sm3, derived_from, captured_at, tool_versions)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
          [capture.id, listingId, f.role, f.mediaType, f.digests.size, f.digests.sha256, f.digests.sm3,
            f.derivedFrom ? (shaOf.get(f.derivedFrom) ?? null) : null, result.finishedAt, JSON.stringify(versions)],
        );
        evidence.push(r.rows[0]!);
      }
      await appendAudit(
        ctx.db,
        {
          actor,
          action: 'captured',
          sellerId: listing.seller_id,
          listingId,
          detail: {
            capture_id: capture.id,
            reason: opts.reason,
            url: listing.url,
            final_url: result.finalUrl,
            status: result.status,
            files: Object.fromEntries(stored.map((f) => [f.role, f.digests.sha256])),
          },
        },
        q,
      );
      return { capture, evidence, created: true };
    });
    // Lost a race with a redelivered job: the other capture of this state stands.
    return outcome ?? (await existing(ctx, listingId, key))!;
  } catch (err) {
    const message = (err as Error).message.slice(0, 2000);
    await ctx.db
      .tx(async (q) => {
        const r = await q.query<{ id: number }>(
          `INSERT INTO captures (listing_id, url, reason, actor, started_at, finished_at, error) VALUES ($1,$2,$3,$4,$5,now(),$6) RETURNING id`,
          [listingId, listing.url, opts.reason, actor, startedAt, message],
        );
        await appendAudit(ctx.db, { actor, action: 'capture_failed', sellerId: listing.seller_id, listingId, detail: { capture_id: r.rows[0]!.id, error: message } }, q);
      })
      .catch((e: Error) => ctx.log.warn({ err: e.message, listingId }, 'could not record failed capture'));
    throw err instanceof CaptureError ? err : new CaptureError(message);
  } finally {
    if (!opts.browser) await browser.close().catch(() => undefined);
  }
}
