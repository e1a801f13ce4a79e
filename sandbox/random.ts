// Seeded randomness for the sandbox: every page is rebuilt on request from (seed, key),
// so the same seed gives byte-identical pages without storing them.
export function hashString(s: string, seed = 0): number {
  // FNV-1a mixed with the seed, then avalanche so nearby keys diverge.
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small PRNG (mulberry32) with helpers; create one per page/key, never share across requests. */
export class Rng {
  private state: number;
  constructor(seed: number, key = '') {
    this.state = hashString(key, seed) || 0x9e3779b9;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.min(n, items.length));
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** Fills `{slot}` placeholders; a slot value may be a list, from which one entry is picked. */
export function fill(template: string, slots: Record<string, string | readonly string[]>, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = slots[name];
    if (v === undefined) return whole;
    return typeof v === 'string' ? v : rng.pick(v);
  });
}
