// The drawn pictures of one sandbox world, made once, in the background from start: each image-mode
// post's contact drawn among ad text, and contact-free pictures (logo, certificate sample, photo) on seller sites.
import type { Contact } from '../contacts.js';
import { OFFSETS } from '../layout.js';
import type { World } from '../world.js';
import { contactDesign, negativeDesign, photoDesign, type NegativePictureKind, type PictureDesign } from './picture-designs.js';
import { renderPictures } from './picture-render.js';

/** The seller-site paths of the contact-free pictures, by kind. */
export const NEGATIVE_PATHS: Record<NegativePictureKind, string> = { logo: '/img/logo.png', certificate: '/img/sample.png', photo: '/img/office.png' };

interface WorldPictures {
  /** Planted post key → its drawn contact picture. */
  contacts: Map<string, Buffer>;
  /** `seller-k path` → a contact-free picture. */
  negatives: Map<string, Buffer>;
}

const made = new WeakMap<World, { pictures: Promise<WorldPictures>; stop: AbortController }>();

/** Where an image-mode post's picture is served. */
export function pictureUrl(world: World, p: { site: string; id: number }): string {
  const site = p.site as keyof typeof OFFSETS;
  return `${world.origin(site)}/img/phone/${OFFSETS[site] + p.id}.png`;
}

function brandOf(k: number): string {
  return ['安证', '鑫达', '众安', '宏业', '诚信'][k % 5]! + '培训';
}

/**
 * Starts rendering (or reading from the disk cache) every picture of the world, once; the promise
 * settles when all are ready. The servers answer meanwhile: a picture request waits for it.
 */
export function preparePictures(world: World): Promise<WorldPictures> {
  let p = made.get(world);
  if (!p) {
    const stop = new AbortController();
    made.set(world, (p = { pictures: makePictures(world, stop.signal), stop }));
  }
  return p.pictures;
}

/** Stops rendering the world's pictures (the sandbox is closing) and waits for the browser to go. */
export async function stopPictures(world: World): Promise<void> {
  const p = made.get(world);
  if (!p) return;
  p.stop.abort();
  await p.pictures.catch(() => undefined);
}

async function makePictures(world: World, signal: AbortSignal): Promise<WorldPictures> {
  // Not inside startSandbox's own turn of the event loop.
  await new Promise((r) => setImmediate(r));
  const designs = new Map<string, PictureDesign>();
  for (const p of world.posts) if (p.mode === 'image' && p.pictured) designs.set(`contact:${p.key}`, contactDesign(p.pictured, world.seed, p.key));
  const sellerSites = [...new Set(world.sellers.map((s) => s.sellerSite).filter((k): k is number => k !== null))];
  for (const k of sellerSites) {
    designs.set(`seller-${k} ${NEGATIVE_PATHS.logo}`, negativeDesign('logo', world.seed, `logo:${k}`, brandOf(k)));
    designs.set(`seller-${k} ${NEGATIVE_PATHS.certificate}`, negativeDesign('certificate', world.seed, `certificate:${k}`, brandOf(k)));
    designs.set(`seller-${k} ${NEGATIVE_PATHS.photo}`, photoDesign(world.seed, `office:${k}`));
  }
  const rendered = await renderPictures(designs, signal);
  const pictures: WorldPictures = { contacts: new Map(), negatives: new Map() };
  for (const [key, png] of rendered) {
    if (key.startsWith('contact:')) pictures.contacts.set(key.slice('contact:'.length), png);
    else pictures.negatives.set(key, png);
  }
  return pictures;
}

/** The drawn picture of an image-mode post, if one was rendered (else the caller draws bitmap digits). */
export async function contactPicture(world: World, postKey: string): Promise<Buffer | undefined> {
  return (await preparePictures(world)).contacts.get(postKey);
}

/** A seller site's contact-free picture at `path`. */
export async function negativePicture(world: World, k: number, path: string): Promise<Buffer | undefined> {
  return (await preparePictures(world)).negatives.get(`seller-${k} ${path}`);
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
