// Planted sellers: people behind one or more personas (handles), each persona showing a
// subset of the seller's contacts, chained so that linking by shared contact finds them.
import { type Contact, makeEmail, makePhone, makeQq, makeWechat } from './contacts.js';
import { CERT_TYPES } from './content/certificates.js';
import { SELLER_HANDLES } from './content/people.js';
import { Rng } from './random.js';

export interface Persona {
  handle: string;
  uid: number;
  contacts: Contact[];
}

export interface SellerPlan {
  index: number;
  id: string;
  personas: Persona[];
  certs: string[];
  /** 1-based seller-site number when the seller runs an SEO site. */
  sellerSite: number | null;
  /** Preferred template indices, so reposts read as small edits of one ad. */
  style: number;
  /** Only ever posts in robots-forbidden places. */
  hiddenOnly: boolean;
}

export function sellerCount(scale: number): number {
  return 30 + 3 * (Math.max(1, scale) - 1);
}

function uniqueValue(used: Set<string>, make: () => string): string {
  for (;;) {
    const v = make();
    if (!used.has(v)) {
      used.add(v);
      return v;
    }
  }
}

export function planSellers(seed: number, scale: number, port: number, siteCount: number): SellerPlan[] {
  const used = new Set<string>();
  const out: SellerPlan[] = [];
  const n = sellerCount(scale);
  const hiddenCount = 2 + Math.floor(scale / 20);
  for (let i = 0; i < n; i++) {
    const rng = new Rng(seed, `seller:${i}`);
    const base: Contact[] = [];
    const phone = rng.chance(0.85) ? uniqueValue(used, () => makePhone(rng)) : null;
    if (phone) base.push({ kind: 'phone', value: phone });
    if (!phone || rng.chance(0.8)) base.push({ kind: 'wechat', value: uniqueValue(used, () => makeWechat(rng)) });
    let qq: string | undefined;
    if (rng.chance(0.35)) {
      qq = uniqueValue(used, () => makeQq(rng));
      base.push({ kind: 'qq', value: qq });
    }
    if (rng.chance(0.15)) base.push({ kind: 'email', value: uniqueValue(used, () => makeEmail(rng, qq)) });
    const sellerSite = i < siteCount ? i + 1 : null;
    if (sellerSite !== null) base.push({ kind: 'url', value: `127.0.0.${9 + sellerSite}:${port}` });

    const personaCount = rng.pick([1, 1, 2, 2, 3]);
    const personas: Persona[] = [];
    const handles = rng.sample(SELLER_HANDLES, personaCount);
    for (let k = 0; k < personaCount; k++) {
      let contacts: Contact[];
      if (k === 0) {
        contacts = base.filter((c, j) => j === 0 || c.kind === 'url' || rng.chance(0.6));
      } else {
        // A later persona keeps one contact of the previous one and adds one of its own.
        const shared = rng.pick(personas[k - 1]!.contacts.filter((c) => c.kind !== 'url'));
        const extra: Contact = rng.chance(0.5)
          ? { kind: 'wechat', value: uniqueValue(used, () => makeWechat(rng)) }
          : { kind: 'phone', value: uniqueValue(used, () => makePhone(rng)) };
        contacts = [shared, extra];
      }
      personas.push({ handle: `${handles[k] ?? rng.pick(SELLER_HANDLES)}${rng.chance(0.4) ? rng.int(1, 99) : ''}`, uid: 10000 + i * 10 + k, contacts });
    }
    out.push({
      index: i,
      id: `S${String(i + 1).padStart(3, '0')}`,
      personas,
      certs: rng.sample(CERT_TYPES.map((c) => c.key), rng.int(2, 4)),
      sellerSite,
      style: rng.int(0, 1000),
      // The seller behind the robots-closed SEO site posts nowhere else; a few more only in /vip/.
      hiddenOnly: sellerSite === siteCount || (i >= siteCount && i < siteCount + hiddenCount),
    });
  }
  return out;
}
