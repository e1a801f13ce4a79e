// Text as UTF-16 code units in a reusable typed array: normalisation runs its passes over one
// post in place here, instead of every pass building a new string.

/** A buffer of at least `need` code units: `buf` itself when it is large enough. */
export function ensureUnits(buf: Uint16Array, need: number): Uint16Array {
  if (buf.length >= need) return buf;
  let size = buf.length || 1024;
  while (size < need) size *= 2;
  return new Uint16Array(size);
}

/** Copies `text` into `buf` (grown when short); the buffer that holds it. */
export function loadUnits(text: string, buf: Uint16Array): Uint16Array {
  const out = ensureUnits(buf, text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

// utf-16le decoding turns a buffer into a string in one native call; it would replace a lone
// surrogate with U+FFFD, so text holding any surrogate takes String.fromCharCode instead.
const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The string held by units[0, n); `bmpOnly` when the caller knows they hold no surrogate. */
export function unitsToString(units: Uint16Array, n: number, bmpOnly = false): string {
  let surrogates = false;
  for (let k = 0; k < n && !bmpOnly; k++) {
    if ((units[k]! & 0xf800) === 0xd800) {
      surrogates = true;
      break;
    }
  }
  if (!surrogates) return decoder.decode(new Uint8Array(units.buffer, units.byteOffset, 2 * n));
  let out = '';
  for (let k = 0; k < n; k += 4096) out += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return out;
}

/** Whether units[0, n) holds exactly `text`. */
export function unitsEqual(units: Uint16Array, n: number, text: string): boolean {
  if (n !== text.length) return false;
  for (let k = 0; k < n; k++) if (units[k] !== text.charCodeAt(k)) return false;
  return true;
}
