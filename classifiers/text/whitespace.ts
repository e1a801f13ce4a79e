// Whitespace collapsing for the folded view: what replace(/\s+/g, ' ').trim() does, in one
// scan that returns the text itself when it holds nothing but single inner spaces.

// The code units JavaScript's \s and String.prototype.trim treat as white space.
const SPACE_CODES = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff];
export const IS_SPACE = new Uint8Array(0x10000);
for (const c of SPACE_CODES) IS_SPACE[c] = 1;

/** Every run of white space becomes one ' '; none is left at either end. */
export function collapseSpaces(s: string): string {
  const n = s.length;
  let needs = false;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(k);
    if (IS_SPACE[c] === 0) continue;
    if (c !== 32 || k === 0 || k === n - 1 || IS_SPACE[s.charCodeAt(k + 1)] === 1) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  let k = 0;
  while (k < n && IS_SPACE[s.charCodeAt(k)] === 1) k++;
  let out = '';
  let segment = k;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (IS_SPACE[c] === 0) {
      k++;
      continue;
    }
    let e = k + 1;
    while (e < n && IS_SPACE[s.charCodeAt(e)] === 1) e++;
    if (e === n) return out + s.slice(segment, k);
    if (e !== k + 1 || c !== 32) {
      out += s.slice(segment, k) + ' ';
      segment = e;
    }
    k = e;
  }
  return out + s.slice(segment);
}

/** collapseSpaces on units[0, n), in place: the new length. */
export function collapseSpacesUnits(units: Uint16Array, n: number): number {
  let o = 0;
  let pendingSpace = false;
  for (let k = 0; k < n; k++) {
    const c = units[k]!;
    if (IS_SPACE[c] === 1) {
      pendingSpace = o > 0;
      continue;
    }
    if (pendingSpace) {
      units[o++] = 32;
      pendingSpace = false;
    }
    units[o++] = c;
  }
  return o;
}
