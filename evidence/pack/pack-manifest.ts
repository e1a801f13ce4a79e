// manifest.json: the canonical JSON that the signature covers — the lead, its contacts
// and listings, the captures, every file with its hashes, tool versions, limitations.
import type { PackInputs } from './pack-inputs.js';
import type { PackItem } from './pack-items.js';
import { LIMITATIONS } from './limitations.js';
import { CUSTODY_LOG, PUBLIC_KEY, SIGNATURE } from './pack-paths.js';

export const PACK_FORMAT = 'certwatch-evidence-pack/1';

export interface ManifestFile {
  path: string;
  role: string;
  media_type: string;
  size: number;
  sha256: string;
  sm3: string;
  derived_from: string | null;
  listing_id: number | null;
  capture_id: number | null;
}

export interface Manifest {
  format: string;
  pack_id: string;
  exported_at: string;
  exported_by: string;
  lead: Record<string, unknown>;
  identifiers: Record<string, unknown>;
  listings: Record<string, unknown>[];
  captures: Record<string, unknown>[];
  files: ManifestFile[];
  custody_log: { path: string; entries: number; head_hash: string; chain: string };
  signature: { algorithm: string; file: string; public_key_file: string; public_key_fingerprint_sha256: string };
  tool_versions: Record<string, string>;
  limitations: string[];
}

export interface ManifestParts {
  packId: string;
  inputs: PackInputs;
  items: PackItem[];
  generated: ManifestFile[];
  exportedAt: Date;
  actor: string;
  custody: { entries: number; head: string };
  fingerprint: string;
  toolVersions: Record<string, string>;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function buildManifest(p: ManifestParts): Manifest {
  const { inputs } = p;
  const handles = new Map<string, { platform: string; handle: string; author_url: string | null; listing_ids: number[] }>();
  for (const l of inputs.listings) {
    if (!l.author_handle) continue;
    const k = `${l.platform}\u0000${l.author_handle}`;
    const h = handles.get(k) ?? { platform: l.platform, handle: l.author_handle, author_url: l.author_url, listing_ids: [] };
    h.listing_ids.push(l.id);
    handles.set(k, h);
  }
  const capturePaths = new Map<number, string[]>();
  for (const it of p.items) capturePaths.set(it.captureId, [...(capturePaths.get(it.captureId) ?? []), it.path]);
  return {
    format: PACK_FORMAT,
    pack_id: p.packId,
    exported_at: p.exportedAt.toISOString(),
    exported_by: p.actor,
    lead: {
      seller_id: inputs.seller.id,
      status: inputs.seller.status,
      score: inputs.seller.score,
      assignee: inputs.seller.assignee,
      created_at: iso(inputs.seller.created_at),
      merged_seller_ids: inputs.mergedSellerIds,
      status_history: inputs.statusHistory.map((s) => ({ from: s.from_status, to: s.to_status, actor: s.actor, at: iso(s.at), note: s.note })),
    },
    identifiers: {
      contacts: inputs.contacts.map((c) => ({ kind: c.kind, value: c.value, listing_ids: c.listing_ids })),
      handles: [...handles.values()],
    },
    listings: inputs.listings.map((l) => ({
      id: l.id,
      seller_id: l.seller_id,
      url: l.url,
      platform: l.platform,
      source_id: l.source_id,
      title: l.title,
      author_handle: l.author_handle,
      posted_at: l.posted_at,
      body: l.body,
      score: l.score,
      cert_types: l.cert_types,
      first_seen: iso(l.first_seen),
      last_seen: iso(l.last_seen),
      gone_at: iso(l.gone_at),
      capture_ids: inputs.captures.filter((c) => c.listing_id === l.id).map((c) => c.id),
    })),
    captures: inputs.captures.map((c) => ({
      id: c.id,
      listing_id: c.listing_id,
      url: c.url,
      final_url: c.final_url,
      status: c.status,
      gone: c.gone,
      reason: c.reason,
      actor: c.actor,
      started_at: iso(c.started_at),
      finished_at: iso(c.finished_at),
      served_body_sha256: c.body_sha256,
      error: c.error,
      files: capturePaths.get(c.id) ?? [],
    })),
    files: [
      ...p.generated,
      ...p.items.map((it) => ({
        path: it.path,
        role: it.role,
        media_type: it.mediaType,
        size: it.size,
        sha256: it.sha256,
        sm3: it.sm3,
        derived_from: it.derivedFrom,
        listing_id: it.listingId,
        capture_id: it.captureId,
      })),
    ],
    custody_log: {
      path: CUSTODY_LOG,
      entries: p.custody.entries,
      head_hash: p.custody.head,
      chain: 'sha256(prev_hash + "\\n" + canonical JSON of the line without prev_hash and hash); genesis 64 zeros',
    },
    signature: { algorithm: 'Ed25519', file: SIGNATURE, public_key_file: PUBLIC_KEY, public_key_fingerprint_sha256: p.fingerprint },
    tool_versions: p.toolVersions,
    limitations: LIMITATIONS.map((l) => l.en),
  };
}
