// Captures one listing's page into the blob store and the captures/evidence tables,
// idempotently, and writes the 'captured' custody entry in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright';
import { OutboundPolicy } from '../../crawlers/index.js';
import { redactSecrets } from '../../core/redact-url.js';
import type { AppContext } from '../../pipeline/app/context.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { getListing } from '../../pipeline/storage/listings.js';
import {
  captureByKey,
  evidenceOfCapture,
  insertCapture,
  insertEvidence,
  insertFailedCapture,
  type CaptureRow,
  type EvidenceRow,
} from '../storage/captures.js';
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
  /**
   * The outbound policy of the source a listing came from (its private-address opt-in).
   * @default a policy refusing private, loopback and link-local addresses
   */
  outboundFor?: (sourceId: string) => OutboundPolicy | undefined;
}

export interface CaptureOutcome {
  capture: CaptureRow;
  evidence: EvidenceRow[];
  /** False when an identical capture already existed and was returned as is. */
  created: boolean;
}

async function existing(ctx: AppContext, listingId: number, key: string): Promise<CaptureOutcome | undefined> {
  const capture = await captureByKey(ctx.db, listingId, key);
  if (!capture) return undefined;
  return { capture, evidence: await evidenceOfCapture(ctx.db, capture.id), created: false };
}

export async function captureListing(ctx: AppContext, listingId: number, opts: CaptureListingOptions): Promise<CaptureOutcome> {
  const actor = opts.actor ?? 'system';
  const listing = await getListing(ctx.db, listingId);
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
    const outbound = opts.outboundFor?.(listing.source_id) ?? new OutboundPolicy();
    const result = await capturePage(browser, listing.url, { userAgent: ctx.config.userAgent, outbound, ...opts.page });
    const stored = result.files.map((f) => ({ ...f, digests: digestBytes(f.bytes), blob: ctx.blobs.put(f.bytes) }));
    const versions = { ...toolVersions(), chromium: browser.version() };
    const shaOf = new Map(stored.map((f) => [f.role, f.digests.sha256]));
    const outcome = await ctx.db.tx(async (q) => {
      const capture = await insertCapture(q, {
        listing_id: listingId,
        url: listing.url,
        final_url: result.finalUrl,
        status: result.status,
        body_sha256: result.servedSha256,
        reason: opts.reason,
        actor,
        gone: result.gone,
        capture_key: key,
        listing_body_sha256: listing.body_sha256,
        started_at: result.startedAt,
        finished_at: result.finishedAt,
        metadata: result.metadata,
      });
      if (!capture) return undefined;
      const evidence: EvidenceRow[] = [];
      for (const f of stored) {
        evidence.push(
          await insertEvidence(q, {
            capture_id: capture.id,
            listing_id: listingId,
            role: f.role,
            media_type: f.mediaType,
            size: f.digests.size,
            sha256: f.digests.sha256,
            sm3: f.digests.sm3,
            derived_from: f.derivedFrom ? (shaOf.get(f.derivedFrom) ?? null) : null,
            captured_at: result.finishedAt,
            tool_versions: versions,
          }),
        );
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
    const message = redactSecrets((err as Error).message).slice(0, 2000);
    await ctx.db
      .tx(async (q) => {
        const id = await insertFailedCapture(q, { listing_id: listingId, url: listing.url, reason: opts.reason, actor, started_at: startedAt, error: message });
        await appendAudit(ctx.db, { actor, action: 'capture_failed', sellerId: listing.seller_id, listingId, detail: { capture_id: id, error: message } }, q);
      })
      .catch((e: Error) => ctx.log.warn({ err: e.message, listingId }, 'could not record failed capture'));
    throw err instanceof CaptureError ? err : new CaptureError(message);
  } finally {
    if (!opts.browser) await browser.close().catch(() => undefined);
  }
}
