// A page's content independent of its site's markup: a title and numbered floors
// (the opening post, then replies or answers), each with author, time and text.
import { CERT_TYPES, certByKey } from './content/certificates.js';
import { CITIES, COMPANY_NAMES, DISTRICTS, GIVEN, HANDLE_HEADS, HANDLE_TAILS, NEWS_OUTLETS, SCHOOL_NAMES, SURNAMES } from './content/people.js';
import { hashString, Rng } from './random.js';

export interface Floor {
  author: string;
  uid: number;
  time: string;
  text: string;
  /** A contact drawn as a picture under the text. */
  picture?: 'image' | 'qr';
  seller?: boolean;
  /** An earlier floor this one quotes above its own text (a forum reply warning about an ad). */
  quote?: { author: string; time: string; text: string };
}
export interface Doc {
  title: string;
  cert: string;
  floors: Floor[];
}

const BASE_DATE = Date.UTC(2026, 10, 1, 9, 0, 0);

/** Page time for a post born on `day`, `minutesBack` before 09:00 of that day. */
export function stamp(day: number, minutesBack: number): string {
  const d = new Date(BASE_DATE + day * 86400000 - minutesBack * 60000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export function honestHandle(rng: Rng): { name: string; uid: number } {
  const name = rng.chance(0.3) ? `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.int(1, 999)}` : `${rng.pick(HANDLE_HEADS)}${rng.pick(HANDLE_TAILS)}`;
  return { name, uid: 200000 + (hashString(name) % 700000) };
}

/** Slot values shared by all templates; certificate names vary per call for small edits. */
export function slots(rng: Rng, certKey: string, city = rng.pick(CITIES)): Record<string, string | readonly string[]> {
  const cert = certByKey(certKey);
  const others = CERT_TYPES.filter((c) => c.key !== certKey);
  const price = (c = cert) => String(Math.round(rng.int(c.price[0], c.price[1]) / 10) * 10);
  const cert2 = rng.pick(others);
  const cert3 = rng.pick(others.filter((c) => c !== cert2));
  return {
    cert: rng.pick(cert.names), cert2: rng.pick(cert2.names), cert3: rng.pick(cert3.names), city, district: rng.pick(DISTRICTS),
    price: price(), price2: price(cert2), price3: price(cert3), days: String(rng.int(3, 15)), days2: String(rng.int(2, 7)),
    year: String(rng.pick([2025, 2026])), year0: String(rng.int(2015, 2023)), month: String(rng.int(1, 12)), day: String(rng.int(1, 28)),
    count: String(rng.pick([30, 50, 120, 300, 800, 1200, 3000, 7500, 19000])), fine: String(rng.pick([300, 500, 800, 1200, 2000])),
    fee: String(rng.int(8, 25) * 100), salary: String(rng.int(6, 16) * 1000), daypay: String(rng.int(3, 6) * 100),
    name: `${rng.pick(SURNAMES)}${rng.pick(['先生', '女士', '经理', '工', '师傅'])}`,
    work: cert.work, formal: cert.formal,
    landline: `0${rng.int(10, 999)}-${rng.int(2, 8)}${rng.digits(6)}`,
    school: rng.pick(SCHOOL_NAMES), company: rng.pick(COMPANY_NAMES), outlet: rng.pick(NEWS_OUTLETS), seats: String(rng.int(3, 12) * 10),
  };
}
