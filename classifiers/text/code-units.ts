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
  // One native copy (lone surrogates kept) instead of a charCodeAt per code unit, which costs
  // about as much as a whole pass over the buffer.
  bytesOf(out).write(text, 0, 'utf16le');
  return out;
}

// Each buffer's memory as a Buffer, whose utf16le reads and writes match Uint16Array's code
// units on a little-endian machine (every platform Node ships for but s390x).
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('code-units: needs a little-endian machine');
const byteViews = new WeakMap<Uint16Array, Buffer>();

function bytesOf(units: Uint16Array): Buffer {
  let bytes = byteViews.get(units);
  if (!bytes) byteViews.set(units, (bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength)));
  return bytes;
}

/** The string held by units[0, n): one native copy, lone surrogates kept. */
export function unitsToString(units: Uint16Array, n: number): string {
  return bytesOf(units).toString('utf16le', 0, 2 * n);
}
