// Contacts hidden in images: QR codes (a seller's WeChat card, a clone verification
// site) decoded with jsQR from PNG, JPEG or GIF bytes; garbage bytes give [] and never throw.
import jsqrModule from 'jsqr';
import { decodePicture, MAX_PICTURE_PIXELS } from './picture-pixels.js';
import type { Contact } from '../types.js';
import { extractContacts } from './extract-contacts.js';
import { linkContacts } from './link-contacts.js';
import { qrFinderPolarities } from './qr-finder.js';

// jsqr is CommonJS: depending on the loader its function arrives as the default or under .default.
type JsQr = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'attemptBoth' | 'dontInvert' }) => { data: string } | null;
/** jsQR itself, however the loader hands it over (benchmarks time it alone beside the prefilter). */
export const jsQR: JsQr = ((jsqrModule as unknown as { default?: JsQr }).default ?? jsqrModule) as unknown as JsQr;

/** The text of the QR code in a PNG, JPEG or GIF picture, or undefined (no code, or no picture). */
export function decodeQrText(picture: Buffer): string | undefined {
  const img = decodePicture(picture);
  return img ? decodeQrTextInPixels(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height) : undefined;
}

/**
 * decodeQrText for pixels decoded already (RGBA, overwritten: translucent pixels are laid on white),
 * so a caller that needs them for more than the code decodes the picture once.
 */
export function decodeQrTextInPixels(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  try {
    if (width * height > MAX_PICTURE_PIXELS || rgba.length < width * height * 4) return undefined;
    onWhite(rgba);
    // Most images hold no code, and jsQR spends as long failing as decoding: it searches only an
    // image with finder patterns, and light on dark only where those are light on dark.
    const finders = qrFinderPolarities(rgba, width, height);
    if (!finders.dark && !finders.light) return undefined;
    const code = jsQR(rgba, width, height, { inversionAttempts: finders.light ? 'attemptBoth' : 'dontInvert' });
    return code?.data || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Translucent pixels laid on white, in place: jsQR reads colour and ignores alpha, so a code drawn on
 * a transparent ground (its "light" pixels transparent black) would read as all dark.
 */
function onWhite(rgba: Uint8ClampedArray): void {
  for (let i = 3; i < rgba.length; i += 4) {
    const a = rgba[i]!;
    if (a === 255) continue;
    const w = 255 - a;
    rgba[i - 3] = (rgba[i - 3]! * a) / 255 + w;
    rgba[i - 2] = (rgba[i - 2]! * a) / 255 + w;
    rgba[i - 1] = (rgba[i - 1]! * a) / 255 + w;
    rgba[i] = 255;
  }
}

/** Contacts in a QR code inside PNG, JPEG or GIF bytes: URLs become hosts, ids and phones as in text. */
export function decodeQrContacts(picture: Buffer): Contact[] {
  const text = decodeQrText(picture);
  return text ? qrTextContacts(text) : [];
}

/** Contacts in a QR code's text already decoded (decoding is most of the cost: never twice for one image). */
export function qrTextContacts(text: string): Contact[] {
  // A bare id in a QR card ("wxid_…", a QQ number) has no cue word; give it one.
  // A card's URL holds the account itself (u.wechat.com/<token>, wpa.qq.com …uin=): kept beside its host.
  const contacts = [...new Map([...linkContacts(text), ...extractContacts(text)].map((c) => [`${c.kind}\u0000${c.value}`, c])).values()];
  if (contacts.length > 0) return contacts;
  if (/^wxid_[a-z0-9_-]{4,30}$/i.test(text.trim())) return [{ kind: 'wechat', value: text.trim().toLowerCase() }];
  return [];
}
