// Ground truth of the sandbox for one day: which sellers exist, what contacts they show
// and where, which pages are honest look-alikes, and which areas a polite crawler must skip.
import type { Contact, ContactKind } from './contacts.js';
import { lastEditDay, rotatedContact, rotatesOn, rotationsBy } from './daily-churn.js';
import { itemPath, type SpaceSite } from './layout.js';
import type { NegativeKind, World } from './world.js';
import { pictureTruth, type PictureTruth } from './images/world-pictures.js';

export interface TruthSite {
  id: string;
  kind: string;
  origin: string;
  charset: 'utf-8' | 'gbk';
  render: 'http' | 'browser';
}
export interface TruthSeller {
  id: string;
  /** Handles the seller posts under. */
  personas: string[];
  contacts: { kind: ContactKind; value: string }[];
  /** Canonical URLs of the seller's posts live today (robots-forbidden ones included). */
  posts: string[];
  /** False when every live post is robots-forbidden. */
  reachable: boolean;
}
export interface TruthTrap {
  kind: 'calendar' | 'redirect-loop' | 'tracking-params';
  prefix: string;
  infinite: boolean;
}
/** A query site sellers point buyers at: a fake (a clone of the official platform) or an honest page. */
export interface TruthVerificationSite {
  /** host:port, as certwatch names a site (its contact on a verification-site lead). */
  host: string;
  origin: string;
  look: string;
  /** Planted sellers whose posts (or own site) point at it. */
  citedBy: string[];
  /** False when robots.txt closes it: no polite crawler can see it. */
  reachable: boolean;
}

/** What changed since the day before (empty on day 0): every item, planted or filler. */
export interface TruthChanges {
  /** Items (threads, ads, questions, articles) that appeared today; sellers' new posts among them are in `sellers`. */
  born: string[];
  /** Items whose text changed today (same URL). */
  edited: string[];
  /** Items deleted today (404/410 from today). */
  vanished: string[];
  /** Sellers who switched to a new phone (or WeChat) today: their posts from today on show `value` instead of `previous`. */
  rotated: { sellerId: string; kind: ContactKind; previous: string; value: string }[];
}

export interface Truth {
  seed: number;
  scale: number;
  day: number;
  sites: TruthSite[];
  sellers: TruthSeller[];
  negatives: { url: string; kind: NegativeKind }[];
  forbidden: string[];
  traps: TruthTrap[];
  vanished: { url: string; sellerId: string; day: number }[];
  xss: string[];
  /** Every fake verification site: the stand-alone clones and the 证书查询 pages of seller sites. */
  fakeVerificationSites: TruthVerificationSite[];
  /** Honest pages that name the platform (provincial guides, a form that forwards to cx.mem.gov.cn): never leads. */
  verificationNegatives: TruthVerificationSite[];
  /** Contacts drawn in images (phones, WeChat and QQ ids among Chinese text) and contact-free images. */
  pictures: PictureTruth;
  /** What changed since the day before (daily-churn.ts): new, edited and deleted items, rotated contacts. */
  today: TruthChanges;
}

function contactKey(c: Contact): string {
  return `${c.kind}:${c.value}`;
}

export function buildTruth(world: World): Truth {
  const day = world.day;
  const sellers: TruthSeller[] = [];
  const vanished: Truth['vanished'] = [];
  const posts = [...world.posts, ...world.newPostsUpTo(day)];
  for (const s of world.sellers) {
    const mine = posts.filter((p) => p.seller === s.index);
    const live = mine.filter((p) => world.isLive(p, day));
    for (const p of mine) {
      const gone = world.goneDayOf(p);
      if (gone !== null && gone <= day && p.bornDay < gone) vanished.push({ url: p.url, sellerId: s.id, day: gone });
    }
    if (!live.length) continue;
    const contacts = new Map<string, Contact>();
    for (const p of live) for (const c of p.shown) contacts.set(contactKey(c), c);
    sellers.push({
      id: s.id,
      personas: [...new Set(live.map((p) => s.personas[p.persona]!.handle))],
      contacts: [...contacts.values()].sort((a, b) => contactKey(a).localeCompare(contactKey(b))).map((c) => ({ kind: c.kind, value: c.value })),
      posts: [...new Set(live.map((p) => p.url))].sort(),
      reachable: live.some((p) => !p.forbidden),
    });
  }
  const negatives: Truth['negatives'] = [];
  const today: TruthChanges = { born: [], edited: [], vanished: [], rotated: [] };
  for (const site of Object.keys(world.spaces) as SpaceSite[]) {
    const space = world.spaces[site];
    const origin = world.origin(site);
    for (let id = 1; id <= space.count(day); id++) {
      const planted = space.plantedAt(id);
      const url = planted?.url ?? origin + itemPath(site, id, { bucket: space.bucketOf(id) });
      const born = space.bornDay(id);
      const state = space.state(id, day);
      if (day > 0 && born === day) today.born.push(url);
      if (day > 0 && state === 'gone' && space.goneDayOf(id) === day) today.vanished.push(url);
      if (state !== 'live') continue;
      if (day > 0 && lastEditDay(world.seed, site, id, born, day) === day) today.edited.push(url);
      if (planted) continue;
      negatives.push({ url, kind: world.fillerKind(site, id) });
    }
  }
  for (const s of world.sellers) {
    if (!rotatesOn(world.seed, s.index, day)) continue;
    const k = rotationsBy(world.seed, s.index, day);
    const all = s.personas.flatMap((p) => p.contacts);
    const kind = all.some((c) => c.kind === 'phone') ? 'phone' : 'wechat';
    const previous = k > 1 ? rotatedContact(world.seed, s.index, kind, k - 1).value : all.find((c) => c.kind === kind)!.value;
    today.rotated.push({ sellerId: s.id, kind, previous, value: rotatedContact(world.seed, s.index, kind, k).value });
  }
  const lastSellerSite = world.sites.filter((s) => s.kind === 'seller-site').at(-1)!;
  const hostOf = (origin: string) => origin.replace(/^https?:\/\//, '');
  const querySites = world.verificationSites.map((v) => {
    const origin = world.origin(`verify-${v.k}`);
    return { fake: v.fake, site: { host: hostOf(origin), origin, look: v.look, citedBy: [world.sellers[v.citedBy]!.id], reachable: true } };
  });
  // Each seller site has a cloned 证书查询 page (/cx/) that confirms any number.
  const sellerSiteClones = world.sellers
    .filter((s) => s.sellerSite !== null)
    .map((s) => {
      const origin = world.origin(`seller-${s.sellerSite}`);
      return { host: hostOf(origin), origin, look: 'seller-site-cx', citedBy: [s.id], reachable: origin !== lastSellerSite.origin };
    });
  return {
    seed: world.seed,
    scale: world.scale,
    day,
    sites: world.sites.map(({ id, kind, origin, charset, render }) => ({ id, kind, origin, charset, render })),
    sellers,
    negatives,
    forbidden: [`${world.origin('classifieds')}/vip/`, `${lastSellerSite.origin}/`, `${world.origin('portal')}/__admin/`],
    traps: [
      { kind: 'calendar', prefix: `${world.origin('news')}/calendar/`, infinite: true },
      { kind: 'redirect-loop', prefix: `${world.origin('classifieds')}/loop/`, infinite: false },
      { kind: 'tracking-params', prefix: `${world.origin('classifieds')}/`, infinite: false },
    ],
    vanished: vanished.sort((a, b) => a.url.localeCompare(b.url)),
    xss: world.posts.filter((p) => p.xss && world.isLive(p, day)).map((p) => p.url).sort(),
    fakeVerificationSites: [...querySites.filter((q) => q.fake).map((q) => q.site), ...sellerSiteClones],
    verificationNegatives: querySites.filter((q) => !q.fake).map((q) => q.site),
    pictures: pictureTruth(world),
    today: { born: today.born.sort(), edited: today.edited.sort(), vanished: today.vanished.sort(), rotated: today.rotated },
  };
}
