// Gathers everything a seller's pack is made of (the lead, its contacts, listings, captures with
// their files, custody) through evidence/storage's reads, refusing a missing or merged seller.
import type { Queryable } from '../../pipeline/storage/database.js';
import type { AuditEntry } from '../../pipeline/storage/audit-entries.js';
import { capturesOfListings, evidenceOfCaptures, type CaptureRow, type EvidenceRow } from '../storage/captures.js';
import {
  packContacts,
  packCustody,
  packListings,
  packSeller,
  packStatusHistory,
  sellersMergedInto,
  type PackContact,
  type PackListing,
  type PackSeller,
  type PackStatusChange,
} from '../storage/pack-inputs.js';

export interface PackInputs {
  seller: PackSeller;
  mergedSellerIds: number[];
  statusHistory: PackStatusChange[];
  contacts: PackContact[];
  listings: PackListing[];
  captures: (CaptureRow & { files: EvidenceRow[] })[];
  custody: AuditEntry[];
}

export class PackError extends Error {
  override name = 'PackError';
}

export async function readPackInputs(q: Queryable, sellerId: number): Promise<PackInputs> {
  const seller = await packSeller(q, sellerId);
  if (!seller) throw new PackError(`no seller ${sellerId}`);
  if (seller.merged_into !== null) throw new PackError(`seller ${sellerId} was merged into seller ${seller.merged_into}; export that one`);
  const sellerIds = [sellerId, ...(await sellersMergedInto(q, sellerId))];
  const listings = await packListings(q, sellerIds);
  const listingIds = listings.map((l) => l.id);
  const contacts = await packContacts(q, listingIds);
  const captures = await capturesOfListings(q, listingIds);
  const evidence = await evidenceOfCaptures(q, captures.map((c) => c.id));
  const byCapture = new Map<number, EvidenceRow[]>();
  for (const e of evidence) {
    const list = byCapture.get(e.capture_id) ?? [];
    list.push(e);
    byCapture.set(e.capture_id, list);
  }
  const statusHistory = await packStatusHistory(q, sellerIds);
  const custody = await packCustody(q, sellerIds, listingIds);
  return {
    seller,
    mergedSellerIds: sellerIds.slice(1),
    statusHistory,
    contacts,
    listings,
    captures: captures.map((c) => ({ ...c, files: byCapture.get(c.id) ?? [] })),
    custody,
  };
}
