// Serves the contact pictures of planted posts: /img/phone/N.png and /img/qr/N.png, where
// N is the post's public number on that site. Only live posts with such a picture answer.
import { binary, notFound, type Reply } from '../http/reply.js';
import { itemId, type SpaceSite } from '../layout.js';
import type { World } from '../world.js';
import { digitsPng } from './digit-png.js';
import { qrPng, qrText } from './qr-png.js';
import { contactPicture } from './world-pictures.js';

export async function pictureRoute(world: World, site: SpaceSite, path: string): Promise<Reply | null> {
  const m = /^\/img\/(phone|qr)\/(\d{1,12})\.png$/.exec(path);
  if (!m) return null;
  const id = itemId(site, m[2]!);
  const post = id === null ? undefined : world.spaces[site].plantedAt(id);
  if (!post || !post.pictured || world.spaces[site].state(post.id, world.day) !== 'live') return notFound();
  const wanted = post.mode === 'image' ? 'phone' : 'qr';
  if (m[1] !== wanted) return notFound();
  const png = wanted === 'phone' ? ((await contactPicture(world, post.key)) ?? digitsPng(post.pictured.value, world.seed)) : await qrPng(qrText(post.pictured));
  return { ...binary(png, 'image/png'), headers: { 'content-type': 'image/png', 'cache-control': 'max-age=86400' } };
}
