// Hashing of features into a fixed-size weight vector: integer mixing so that
// n-grams are hashed from character codes without building strings.
export const NS = {
  charGram: 0x9e3779b1,
  pinyinGram: 0x85ebca77,
  named: 0xc2b2ae3d,
} as const;

export function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) >>> 0;
}

/** Murmur3's finaliser: spreads the bits before masking to the table size. */
export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return finish(h);
}
