// Serves the contact pictures of planted posts: /img/phone/N.png and /img/qr/N.png or .jpg, where
// N is the post's public number on that site. Only live posts with such a picture answer.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { binary, notFound, type Reply } from '../http/reply.js';
import { itemId, type SpaceSite } from '../layout.js';
import type { World } from '../world.js';
import { digitsPng } from './digit-png.js';
import { qrPng, qrText } from './qr-png.js';
import { contactPicture } from './world-pictures.js';

/** A picture's path on its site: half the QR cards are JPEG, as forums save phone screenshots. */
export function picturePath(kind: 'phone' | 'qr', n: number | string): string {
  return `/img/${kind}/${n}.${kind === 'qr' && Number(n) % 2 === 1 ? 'jpg' : 'png'}`;
}

function asJpeg(png: Buffer): Buffer {
  const img = PNG.sync.read(png);
  return jpeg.encode({ data: img.data, width: img.width, height: img.height }, 75).data;
}

export async function pictureRoute(world: World, site: SpaceSite, path: string): Promise<Reply | null> {
  const m = /^\/img\/(phone|qr)\/(\d{1,12})\.(png|jpg)$/.exec(path);
  if (!m) return null;
  if (path !== picturePath(m[1] as 'phone' | 'qr', m[2]!)) return notFound();
  const id = itemId(site, m[2]!);
  const post = id === null ? undefined : world.spaces[site].plantedAt(id);
  if (!post || !post.pictured || world.spaces[site].state(post.id, world.day) !== 'live') return notFound();
  const wanted = post.mode === 'image' ? 'phone' : 'qr';
  if (m[1] !== wanted) return notFound();
  const png = wanted === 'phone' ? ((await contactPicture(world, post.key)) ?? digitsPng(post.pictured.value, world.seed)) : await qrPng(qrText(post.pictured));
  const type = m[3] === 'jpg' ? 'image/jpeg' : 'image/png';
  return { ...binary(type === 'image/jpeg' ? asJpeg(png) : png, type), headers: { 'content-type': type, 'cache-control': 'max-age=86400' } };
}
