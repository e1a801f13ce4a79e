// extractContacts: every way a post tells buyers how to reach the seller, in the
// normal forms of the classify contract (phone 11 digits, ids lower-case, bare hosts).
import type { Contact, ContactKind } from '../types.js';
import { foldForContacts } from '../text/normalize.js';
import { findWebAddresses, foldFakeDots } from './web-addresses.js';
import { findPhones } from './phone-numbers.js';
import { findCuedIds, sameNumberAt, sameNumberId, type IdHit } from './messenger-ids.js';

const MAX_TEXT = 200_000;
// Past this many contacts a post is junk or an attack: de-duplicate with a Set, not by scanning.
const FEW_CONTACTS = 16;

const byStart = (x: [number, number], y: [number, number]) => x[0] - y[0];
const hitsByStart = (x: IdHit, y: IdHit) => x.start - y.start;

/** `text` with every span blanked to spaces (spans may overlap and come in any order; sorted in place). */
function mask(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  if (spans.length > 1) spans.sort(byStart);
  let out = '';
  let at = 0;
  for (const [a, b] of spans) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += text.slice(at, from) + ' '.repeat(b - from);
    at = b;
  }
  return out + text.slice(at);
}

/** Where ids sit, except digits a phone cue also announced (those stay readable as a phone). */
function idSpans(ids: IdHit[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const h of ids) if (!h.alsoPhone) spans.push([h.start, h.end]);
  return spans;
}

/** Contacts in order of first appearance, de-duplicated by kind and value. */
export function extractContacts(text: string): Contact[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return contactsFromView(foldForContacts(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text));
}

/** The same from an already built contact view (normalizeViews), so a post is folded once. */
export function contactsFromView(contactView: string): Contact[] {
  const view = foldFakeDots(contactView);
  const web = findWebAddresses(view);
  const rest = mask(view, web.spans);
  // Digits already read as a QQ or WeChat id are not also a phone, unless 同号 says the id is the phone.
  const ids = findCuedIds(rest);
  const sameAt = sameNumberAt(rest);
  const phones = findPhones(sameAt >= 0 || ids.length === 0 ? rest : mask(rest, idSpans(ids)));
  const same = sameNumberId(phones, sameAt);
  if (same) ids.push(same);
  if (ids.length > 1) ids.sort(hitsByStart);
  // Merge the three lists (each in start order) as a stable sort of web, phones, ids by start would.
  const found = web.found;
  const seen = found.length + phones.length + ids.length > FEW_CONTACTS ? new Set<string>() : undefined;
  const out: Contact[] = [];
  let w = 0;
  let p = 0;
  let d = 0;
  while (w < found.length || p < phones.length || d < ids.length) {
    const ws = w < found.length ? found[w]!.start : Infinity;
    const ps = p < phones.length ? phones[p]!.start : Infinity;
    const ds = d < ids.length ? ids[d]!.start : Infinity;
    if (ws <= ps && ws <= ds) {
      const c = found[w++]!.contact;
      if (isNew(out, seen, c.kind, c.value)) out.push(c);
    } else if (ps <= ds) {
      const value = phones[p++]!.value;
      if (isNew(out, seen, 'phone', value)) out.push({ kind: 'phone', value });
    } else {
      const h = ids[d++]!;
      const value = h.value.toLowerCase();
      if (isNew(out, seen, h.kind, value)) out.push({ kind: h.kind, value });
    }
  }
  return out;
}

/** No contact of this kind and value is in `out` yet (`seen` holds their keys when there are many). */
function isNew(out: Contact[], seen: Set<string> | undefined, kind: ContactKind, value: string): boolean {
  if (seen) {
    const key = `${kind}:${value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }
  for (let k = 0; k < out.length; k++) if (out[k]!.value === value && out[k]!.kind === kind) return false;
  return true;
}
