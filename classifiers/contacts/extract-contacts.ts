// extractContacts: every way a post tells buyers how to reach the seller, in the
// normal forms of the classify contract (phone 11 digits, ids lower-case, bare hosts).
import type { Contact } from '../types.js';
import { foldForContacts } from '../text/normalize.js';
import { findWebAddresses, foldFakeDots } from './web-addresses.js';
import { findPhones } from './phone-numbers.js';
import { findCuedIds, sameNumberAt, sameNumberId } from './messenger-ids.js';

const MAX_TEXT = 200_000;

function mask(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of sorted) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += text.slice(at, from) + ' '.repeat(b - from);
    at = b;
  }
  return out + text.slice(at);
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
  const cued = findCuedIds(rest);
  const sameAt = sameNumberAt(rest);
  const phones = findPhones(sameAt >= 0 ? rest : mask(rest, cued.map((h) => [h.start, h.end] as [number, number])));
  const same = sameNumberId(phones, sameAt);
  const ids = same ? [...cued, same] : cued;
  const all: Array<{ contact: Contact; start: number }> = [
    ...web.found.map((f) => ({ contact: f.contact, start: f.start })),
    ...phones.map((p) => ({ contact: { kind: 'phone' as const, value: p.value }, start: p.start })),
    ...ids.map((h) => ({ contact: { kind: h.kind, value: h.value.toLowerCase() }, start: h.start })),
  ];
  all.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  const out: Contact[] = [];
  for (const { contact } of all) {
    const key = `${contact.kind}:${contact.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(contact);
  }
  return out;
}
