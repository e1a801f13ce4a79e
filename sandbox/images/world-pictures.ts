// The drawn pictures of one sandbox world, made once at start: each image-mode post's contact
// drawn among ad text, and contact-free pictures (logo, certificate sample, photo) on seller sites.
import type { Contact } from '../contacts.js';
import { OFFSETS } from '../layout.js';
import type { World } from '../world.js';
import { contactDesign, negativeDesign, type NegativePictureKind, type PictureDesign } from './picture-designs.js';
import { photoPng, renderPictures } from './picture-render.js';

/** The seller-site paths of the contact-free pictures, by kind. */
export const NEGATIVE_PATHS: Record<NegativePictureKind, string> = { logo: '/img/logo.png', certificate: '/img/sample.png', photo: '/img/office.png' };

interface WorldPictures {
  /** Planted post key → its drawn contact picture. */
  contacts: Map<string, Buffer>;
  /** `seller-k path` → a contact-free picture. */
  negatives: Map<string, Buffer>;
}

const made = new WeakMap<World, WorldPictures>();

/** Where an image-mode post's picture is served. */
export function pictureUrl(world: World, p: { site: string; id: number }): string {
  const site = p.site as keyof typeof OFFSETS;
  return `${world.origin(site)}/img/phone/${OFFSETS[site] + p.id}.png`;
}

function brandOf(k: number): string {
  return ['安证', '鑫达', '众安', '宏业', '诚信'][k % 5]! + '培训';
}

/** Renders (or takes from the disk cache) every picture of the world; safe to call again. */
export async function preparePictures(world: World): Promise<void> {
  if (made.has(world)) return;
  const designs = new Map<string, PictureDesign>();
  for (const p of world.posts) if (p.mode === 'image' && p.pictured) designs.set(`contact:${p.key}`, contactDesign(p.pictured, world.seed, p.key));
  const sellerSites = [...new Set(world.sellers.map((s) => s.sellerSite).filter((k): k is number => k !== null))];
  for (const k of sellerSites) {
    designs.set(`seller-${k} ${NEGATIVE_PATHS.logo}`, negativeDesign('logo', world.seed, `logo:${k}`, brandOf(k)));
    designs.set(`seller-${k} ${NEGATIVE_PATHS.certificate}`, negativeDesign('certificate', world.seed, `certificate:${k}`, brandOf(k)));
  }
  const rendered = await renderPictures(designs);
  const pictures: WorldPictures = { contacts: new Map(), negatives: new Map() };
  for (const [key, png] of rendered) {
    if (key.startsWith('contact:')) pictures.contacts.set(key.slice('contact:'.length), png);
    else pictures.negatives.set(key, png);
  }
  for (const k of sellerSites) pictures.negatives.set(`seller-${k} ${NEGATIVE_PATHS.photo}`, photoPng(world.seed, `office:${k}`));
  made.set(world, pictures);
}

/** The drawn picture of an image-mode post, if one was rendered (else the caller draws bitmap digits). */
export function contactPicture(world: World, postKey: string): Buffer | undefined {
  return made.get(world)?.contacts.get(postKey);
}

/** A seller site's contact-free picture at `path`. */
export function negativePicture(world: World, k: number, path: string): Buffer | undefined {
  return made.get(world)?.negatives.get(`seller-${k} ${path}`);
}

export interface PictureTruth {
  /** Contacts drawn in pictures (the only place those posts show them), live today. */
  contacts: Array<{ url: string; kind: Contact['kind']; value: string; sellerId: string; post: string; /** False when the post is robots-forbidden. */ reachable: boolean }>;
  /** Pictures with no contact, shown beside seller ads. */
  negatives: Array<{ url: string; kind: NegativePictureKind }>;
}

export function pictureTruth(world: World): PictureTruth {
  const contacts: PictureTruth['contacts'] = [];
  for (const p of world.posts) {
    if (p.mode !== 'image' || !p.pictured || p.site === 'seller' || !world.isLive(p)) continue;
    contacts.push({ url: pictureUrl(world, p), kind: p.pictured.kind, value: p.pictured.value, sellerId: world.sellers[p.seller]!.id, post: p.url, reachable: !p.forbidden });
  }
  const negatives: PictureTruth['negatives'] = [];
  for (const s of world.sellers) {
    if (s.sellerSite === null) continue;
    for (const [kind, path] of Object.entries(NEGATIVE_PATHS) as Array<[NegativePictureKind, string]>) negatives.push({ url: `${world.origin(`seller-${s.sellerSite}`)}${path}`, kind });
  }
  return { contacts, negatives };
}
