// The sandbox's posts as labelled texts: its own seller-ad bank and look-alike negatives, which no
// model is trained on — the web-listing check beside the real sets, which are mostly SMS and e-mail.
import { fillerDoc } from './filler-text.js';
import { sellerDoc } from './seller-text.js';
import { World } from './world.js';
import type { SpaceSite } from './layout.js';

/** One post as the classifier meets it: a floor's text, with the thread's title on the opening floor. */
export interface LabelledPost {
  id: string;
  text: string;
  title?: string;
  y: 0 | 1;
  source: 'sandbox-web';
  /** Genre: the site and, for seller ads, `-trad` (traditional characters) and `-reply` (an ad in a later floor); for negatives their kind. */
  subtype: string;
}

export interface LabelledPostsOptions {
  /** Worlds to draw from; each seed plants other sellers with other fills of the same templates. */
  seeds?: readonly number[];
  scale?: number;
}

/** Seeds the sandbox's own tests and demo do not use (they run seed 1 and a few small ones). */
export const CHECK_SEEDS = [101, 102, 103, 104, 105] as const;

/**
 * Every seller floor of every planted post (seller sites' own pages left out: whole pages, not posts)
 * and every floor of the filler items of day 0. Repeated texts are kept once, so the forums' stock
 * replies ("顶", "谢谢分享") do not outnumber what they are measured on; a text met as both is dropped.
 */
export function sandboxLabelledPosts(o: LabelledPostsOptions = {}): LabelledPost[] {
  const out = new Map<string, LabelledPost | null>();
  const add = (p: LabelledPost) => {
    const key = `${p.title ?? ''}\n${p.text}`;
    const had = out.get(key);
    if (had === undefined) out.set(key, p);
    else if (had && had.y !== p.y) out.set(key, null);
  };
  for (const seed of o.seeds ?? CHECK_SEEDS) {
    // The port only enters URLs, which are not part of a post's text here.
    const world = new World(seed, o.scale ?? 3, 8000, 0);
    for (const p of world.posts) {
      if (p.site === 'seller') continue;
      const doc = sellerDoc(world, p);
      doc.floors.forEach((f, i) => {
        if (!f.seller) return;
        const subtype = `${p.site}${p.traditional ? '-trad' : ''}${i === 0 ? '' : '-reply'}`;
        add({ id: `sandbox-${seed}-${p.key}-${i}`, text: f.text, ...(i === 0 ? { title: doc.title } : {}), y: 1, source: 'sandbox-web', subtype });
      });
    }
    for (const site of Object.keys(world.spaces) as SpaceSite[]) {
      const space = world.spaces[site];
      for (let id = 1; id <= space.count(0); id++) {
        if (space.plantedAt(id)) continue;
        const doc = fillerDoc(world, site, id);
        const kind = world.fillerKind(site, id);
        doc.floors.forEach((f, i) => {
          add({ id: `sandbox-${seed}-${site}-${id}-${i}`, text: f.text, ...(i === 0 ? { title: doc.title } : {}), y: 0, source: 'sandbox-web', subtype: `${kind}${i === 0 ? '' : '-reply'}` });
        });
      }
    }
  }
  return [...out.values()].filter((p): p is LabelledPost => p !== null);
}
