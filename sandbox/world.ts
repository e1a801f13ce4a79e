// The whole simulated web as data: sites, sellers, where each planted post sits and when
// it lives. Small (O(sellers)); everything else is generated per request from the seed.
import type { Contact } from './contacts.js';
import { CERT_TYPES, TIEBA_BARS } from './content/certificates.js';
import { churnGoneDay, isNewSellerPost, newPostSeller, rotatedContact, rotationsBy } from './daily-churn.js';
import { ItemSpace, LAST_PLANT_DAY, type Placed } from './item-space.js';
import { BBS_BOARDS, itemPath, PER_PAGE, type SpaceSite } from './layout.js';
import { hashString, Rng } from './random.js';
import { planSellers, type SellerPlan } from './sellers.js';
import { buildSites, sellerSiteCount, type SiteInfo } from './sites.js';
import { LOOKS as VERIFICATION_LOOKS, planVerificationSites, type VerificationSitePlan } from './verification-plan.js';

export type ContactMode = 'text' | 'reply' | 'image' | 'qr' | 'xhr';
export type XssKind = 'script' | 'onerror' | 'javascript';

export interface PlantedPost extends Placed {
  key: string;
  seller: number;
  persona: number;
  site: SpaceSite | 'seller';
  mode: ContactMode;
  /** Contacts this post shows (in text, reply, XHR, image or QR). */
  shown: Contact[];
  /** The contact drawn as an image or QR code, if any. */
  pictured: Contact | null;
  certs: string[];
  xss: XssKind | null;
  forbidden: boolean;
  traditional: boolean;
  /** Floors (replies + 1) of the thread/question, and the floor carrying the contact. */
  floors: number;
  contactFloor: number;
  id: number;
  url: string;
}

export type NegativeKind = 'news' | 'gov' | 'guide' | 'school' | 'job' | 'invoice-spam' | 'discussion';

const FILLER_PER_SCALE: Record<SpaceSite, number> = { bbs: 60, tieba: 40, classifieds: 70, qa: 40, news: 20, school: 12, jobs: 30 };
const BUCKETS: Record<SpaceSite, number> = { bbs: BBS_BOARDS.length, tieba: TIEBA_BARS.length, classifieds: 4, qa: 1, news: 1, school: 1, jobs: 1 };
/** Sites where sellers' new posts of later days appear. */
export const POSTING_SITES = ['bbs', 'tieba', 'classifieds', 'qa'] as const satisfies readonly SpaceSite[];
/** New posts kept built; beyond this they are rebuilt (same seed, same post), so memory stays bounded. */
const NEW_POST_CACHE = 20_000;

export class World {
  readonly sites: SiteInfo[];
  readonly sellers: SellerPlan[];
  /** Query sites sellers cite: clones of the official platform and honest provincial pages. */
  readonly verificationSites: VerificationSitePlan[];
  readonly posts: PlantedPost[] = [];
  readonly spaces: Record<SpaceSite, ItemSpace<PlantedPost>>;
  /** Seller-site pages that are planted posts, keyed by `seller-k path`. */
  readonly sitePosts = new Map<string, PlantedPost>();
  private readonly newPosts = new Map<string, PlantedPost | null>();
  day: number;

  constructor(
    readonly seed: number,
    readonly scale: number,
    readonly port: number,
    day: number,
  ) {
    this.day = day;
    const siteCount = sellerSiteCount(scale);
    this.sellers = planSellers(seed, scale, port, siteCount);
    this.sites = buildSites(port, scale, VERIFICATION_LOOKS.length);
    for (const s of this.sellers) this.plantFor(s, siteCount);
    this.verificationSites = planVerificationSites(this.sellers, this.posts);
    this.markXss();
    const bySite = (site: SpaceSite) => this.posts.filter((p) => p.site === site);
    const make = (site: SpaceSite) => {
      const filler = Math.max(1, Math.round(FILLER_PER_SCALE[site] * scale));
      return new ItemSpace<PlantedPost>(site, seed, filler, Math.max(1, Math.ceil(filler / 25)), BUCKETS[site], bySite(site));
    };
    this.spaces = { bbs: make('bbs'), tieba: make('tieba'), classifieds: make('classifieds'), qa: make('qa'), news: make('news'), school: make('school'), jobs: make('jobs') };
    for (const site of Object.keys(this.spaces) as SpaceSite[]) this.spaces[site].churnGone = (name, id, born) => churnGoneDay(seed, name, id, born);
    for (const site of POSTING_SITES) this.spaces[site].newPostAt = (id) => this.newPost(site, id);
    for (const site of Object.keys(this.spaces) as SpaceSite[]) {
      for (const [id, p] of this.spaces[site].planted) {
        p.id = id;
        const page = site === 'bbs' ? Math.ceil(p.contactFloor / PER_PAGE.bbsFloors) : 1;
        p.url = this.origin(site) + itemPath(site, id, { page, bucket: p.bucket, vip: p.forbidden });
      }
    }
  }

  origin(id: string): string {
    const s = this.sites.find((x) => x.id === id);
    if (!s) throw new Error(`no site ${id}`);
    return s.origin;
  }

  private plantFor(s: SellerPlan, siteCount: number): void {
    const rng = new Rng(this.seed, `posts:${s.index}`);
    const add = (p: Omit<PlantedPost, 'key' | 'id' | 'url' | 'xss' | 'listed'> & { listed?: boolean }) => {
      this.posts.push({ ...p, listed: p.listed ?? !p.forbidden, key: `${s.id}:${this.posts.length}`, id: 0, url: '', xss: null });
    };
    if (s.sellerSite !== null) {
      const k = s.sellerSite;
      const forbidden = k === siteCount;
      for (const path of ['/', '/contact.html']) {
        const shown = path === '/' ? s.personas[0]!.contacts : [...new Map([...s.personas.flatMap((p) => p.contacts)].map((c) => [`${c.kind}:${c.value}`, c])).values()];
        add({ seller: s.index, persona: 0, site: 'seller', mode: 'text', shown, pictured: null, certs: s.certs, forbidden, traditional: false, floors: 1, contactFloor: 1, bornDay: 0, goneDay: null, bucket: 0 });
        const p = this.posts[this.posts.length - 1]!;
        p.url = `${this.origin(`seller-${k}`)}${path}`;
        this.sitePosts.set(`seller-${k} ${path}`, p);
      }
    }
    const count = s.hiddenOnly ? (s.sellerSite !== null ? 0 : rng.int(1, 2)) : rng.int(3, 7);
    for (let j = 0; j < count; j++) {
      const site: SpaceSite = s.hiddenOnly ? 'classifieds' : rng.pick(['bbs', 'bbs', 'tieba', 'tieba', 'classifieds', 'classifieds', 'classifieds', 'qa', 'qa'] as const);
      const forbidden = s.hiddenOnly || (site === 'classifieds' && j > 0 && rng.chance(0.12));
      const persona = rng.int(0, s.personas.length - 1);
      const pc = s.personas[persona]!.contacts.filter((c) => c.kind !== 'url' || rng.chance(0.5));
      const shown = pc.filter((_, i) => i === 0 || rng.chance(0.55));
      const mode = this.pickMode(site, rng);
      let pictured: Contact | null = null;
      if (mode === 'image') pictured = shown.find((c) => c.kind === 'phone' || c.kind === 'qq' || c.kind === 'wechat') ?? null;
      if (mode === 'qr') pictured = shown.find((c) => c.kind === 'wechat' || c.kind === 'phone') ?? null;
      const finalMode: ContactMode = (mode === 'image' || mode === 'qr') && !pictured ? 'text' : mode === 'xhr' && !shown.some((c) => c.kind === 'phone') ? 'text' : mode;
      const first = j === 0;
      const bornDay = first || rng.chance(0.75) ? 0 : rng.int(1, LAST_PLANT_DAY);
      const goneDay = !first && bornDay < LAST_PLANT_DAY && rng.chance(0.18) ? rng.int(bornDay + 1, LAST_PLANT_DAY) : null;
      const certs = rng.sample(s.certs, rng.int(1, Math.min(3, s.certs.length)));
      const { floors, contactFloor } = floorsFor(site, finalMode, rng);
      add({
        seller: s.index, persona, site, mode: site === 'qa' && finalMode === 'text' ? 'reply' : finalMode, shown, pictured: finalMode === 'image' || finalMode === 'qr' ? pictured : null,
        certs, forbidden, traditional: rng.chance(0.1), floors, contactFloor, bornDay, goneDay, bucket: this.bucketFor(site, certs, rng),
      });
    }
  }

  /**
   * The post a seller put up on a day after the planted week, at item `id` of `site` (null when the
   * item is filler). Text, reply or phone-behind-XHR only: no picture, so nothing waits on a renderer.
   */
  private newPost(site: (typeof POSTING_SITES)[number], id: number): PlantedPost | null {
    const cacheKey = `${site}:${id}`;
    const cached = this.newPosts.get(cacheKey);
    if (cached !== undefined) return cached;
    let post: PlantedPost | null = null;
    if (isNewSellerPost(this.seed, site, id)) {
      const visible = this.sellers.filter((x) => !x.hiddenOnly);
      const s = visible[newPostSeller(this.seed, site, id, visible.length)]!;
      const space = this.spaces[site];
      const bornDay = space.bornDay(id);
      const rng = new Rng(this.seed, `newpost:${site}:${id}`);
      const persona = rng.int(0, s.personas.length - 1);
      const pc = s.personas[persona]!.contacts.filter((c) => c.kind !== 'url' || rng.chance(0.5));
      const shown = this.withRotation(s, pc.filter((_, i) => i === 0 || rng.chance(0.55)), bornDay);
      const r = rng.next();
      const mode: ContactMode = site === 'qa' ? 'reply' : site === 'classifieds' ? (r < 0.5 && shown.some((c) => c.kind === 'phone') ? 'xhr' : 'text') : r < 0.65 ? 'text' : 'reply';
      const { floors, contactFloor } = floorsFor(site, mode, rng);
      const certs = rng.sample(s.certs, rng.int(1, Math.min(3, s.certs.length)));
      const page = site === 'bbs' ? Math.ceil(contactFloor / PER_PAGE.bbsFloors) : 1;
      const bucket = space.bucketOf(id);
      post = {
        key: `${s.id}:${site}${id}`, seller: s.index, persona, site, mode, shown, pictured: null, certs, xss: null, forbidden: false,
        traditional: rng.chance(0.1), floors, contactFloor, id, url: this.origin(site) + itemPath(site, id, { page, bucket }),
        bornDay, goneDay: null, bucket, listed: true,
      };
    }
    if (this.newPosts.size >= NEW_POST_CACHE) this.newPosts.delete(this.newPosts.keys().next().value!);
    this.newPosts.set(cacheKey, post);
    return post;
  }

  /** The contacts a seller shows on `day`: a rotated phone (or WeChat) replaces the old one. */
  withRotation(s: SellerPlan, shown: Contact[], day: number): Contact[] {
    const k = rotationsBy(this.seed, s.index, day);
    if (k === 0) return shown;
    const all = s.personas.flatMap((p) => p.contacts);
    const kind = all.some((c) => c.kind === 'phone') ? 'phone' : 'wechat';
    const others = shown.filter((c) => c.kind !== kind);
    // A post that showed only the old number keeps another contact of the seller, as sellers announce a new number.
    const keep = others.length > 0 ? others : all.filter((c) => c.kind !== kind && c.kind !== 'url').slice(0, 1);
    return [rotatedContact(this.seed, s.index, kind, k), ...keep];
  }

  /** Sellers' new posts of days after the planted week, up to `day` (live or not). */
  newPostsUpTo(day: number): PlantedPost[] {
    const out: PlantedPost[] = [];
    for (const site of POSTING_SITES) {
      const space = this.spaces[site];
      for (let id = space.count(LAST_PLANT_DAY) + 1; id <= space.count(day); id++) {
        const p = space.plantedAt(id);
        if (p) out.push(p);
      }
    }
    return out;
  }

  private pickMode(site: SpaceSite, rng: Rng): ContactMode {
    const r = rng.next();
    switch (site) {
      case 'bbs': return r < 0.65 ? 'text' : 'reply';
      case 'tieba': return r < 0.5 ? 'text' : r < 0.75 ? 'reply' : r < 0.9 ? 'qr' : 'image';
      case 'classifieds': return r < 0.45 ? 'xhr' : r < 0.65 ? 'image' : r < 0.8 ? 'qr' : 'text';
      case 'qa': return r < 0.8 ? 'reply' : 'qr';
      default: return 'text';
    }
  }

  private bucketFor(site: SpaceSite, certs: string[], rng: Rng): number {
    if (site === 'bbs') {
      const b = BBS_BOARDS.findIndex((x) => (x.certs as readonly string[]).includes(certs[0]!));
      return b >= 0 && rng.chance(0.7) ? b : rng.pick([2, 2, 4]);
    }
    if (site === 'tieba') {
      const b = TIEBA_BARS.findIndex((x) => x.certs.includes(certs[0]!));
      return b >= 0 ? b : 3;
    }
    if (site === 'classifieds') return rng.pick([0, 0, 0, 0, 0, 1, 1, 3]);
    return 0;
  }

  private markXss(): void {
    const rng = new Rng(this.seed, 'xss');
    const candidates = this.posts.filter((p) => p.site !== 'seller' && !p.forbidden && p.bornDay === 0 && p.goneDay === null && p.mode !== 'image');
    const kinds: XssKind[] = ['script', 'onerror', 'javascript'];
    const n = Math.max(4, Math.round(this.posts.length * 0.02));
    rng.sample(candidates, n).forEach((p, i) => (p.xss = kinds[i % kinds.length]!));
  }

  isLive(p: PlantedPost, day = this.day): boolean {
    if (p.site === 'seller') return true;
    return this.spaces[p.site].state(p.id, day) === 'live';
  }

  /** First day the post is gone (planted to vanish or deleted by the daily churn), or null. */
  goneDayOf(p: PlantedPost): number | null {
    return p.site === 'seller' ? null : this.spaces[p.site].goneDayOf(p.id);
  }

  /** What a non-planted item is about; drives both its text and its truth kind. */
  fillerKind(site: SpaceSite, id: number): NegativeKind {
    const h = hashString(`kind:${site}:${id}`, this.seed) % 100;
    const bucket = this.spaces[site].bucketOf(id);
    switch (site) {
      case 'bbs': return bucket === 3 ? 'job' : bucket === 4 && h < 30 ? 'invoice-spam' : h < 6 ? 'invoice-spam' : 'discussion';
      case 'tieba': return h < 12 ? 'invoice-spam' : 'discussion';
      case 'classifieds': return bucket === 2 ? 'job' : bucket === 3 ? 'invoice-spam' : 'school';
      case 'qa': return 'discussion';
      case 'news': return h < 50 ? 'news' : h < 80 ? 'gov' : 'guide';
      case 'school': return 'school';
      case 'jobs': return 'job';
    }
  }

  /** Certificate a non-planted item talks about (stable per item). */
  fillerCert(site: SpaceSite, id: number): string {
    const rng = new Rng(this.seed, `cert:${site}:${id}`);
    const bucket = this.spaces[site].bucketOf(id);
    if (site === 'bbs' && BBS_BOARDS[bucket]!.certs.length) return rng.pick(BBS_BOARDS[bucket]!.certs);
    if (site === 'tieba') return rng.pick(TIEBA_BARS[bucket]!.certs);
    return rng.pick(CERT_TYPES).key;
  }
}

/** How many floors a thread or question has and which one carries the seller's contact. */
function floorsFor(site: SpaceSite, mode: ContactMode, rng: Rng): { floors: number; contactFloor: number } {
  let floors = 1;
  let contactFloor = 1;
  if (site === 'bbs' || site === 'tieba') {
    floors = rng.int(1, site === 'bbs' ? 24 : 28);
    if (mode === 'reply') {
      floors = Math.max(2, floors);
      contactFloor = rng.int(2, floors);
    }
  } else if (site === 'qa') {
    floors = rng.int(2, 7);
    contactFloor = rng.int(2, floors);
  }
  return { floors, contactFloor };
}
