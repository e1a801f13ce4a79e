// Skips regexes that cannot match a text: the characters a pattern's match can start with
// are read from its source once, so a post is scanned once instead of once per pattern.

/** Code units a match of `re` can start with, or undefined when that set is unknown or too broad. */
export function firstChars(re: RegExp): Set<number> | undefined {
  // Case folding and dotAll change what a literal or '.' matches: not worth modelling.
  if (/[imsvy]/.test(re.flags)) return undefined;
  const p = new Parser(re.source);
  try {
    const r = p.alternation();
    if (p.at !== re.source.length || r.nullable || r.any) return undefined;
    return r.chars;
  } catch {
    return undefined;
  }
}

interface First {
  chars: Set<number>;
  /** Some match may start with any character (., a negated class, \s …). */
  any: boolean;
  /** The (sub)pattern can match the empty string, so what follows it can also start the match. */
  nullable: boolean;
}

class Unsupported extends Error {}

const known = (chars: Set<number> | undefined): First => (chars ? { chars, nullable: false, any: false } : { chars: new Set(), nullable: false, any: true });

class Parser {
  at = 0;
  constructor(readonly src: string) {}

  alternation(): First {
    const out: First = { chars: new Set(), nullable: false, any: false };
    for (;;) {
      const s = this.sequence();
      for (const c of s.chars) out.chars.add(c);
      out.nullable ||= s.nullable;
      out.any ||= s.any;
      if (this.src[this.at] !== '|') return out;
      this.at++;
    }
  }

  sequence(): First {
    const out: First = { chars: new Set(), nullable: true, any: false };
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const t = this.quantified();
      if (out.nullable) {
        for (const c of t.chars) out.chars.add(c);
        out.any ||= t.any;
      }
      out.nullable &&= t.nullable;
    }
    return out;
  }

  quantified(): First {
    const t = this.term();
    const q = this.src[this.at];
    let min = 1;
    if (q === '?' || q === '*') min = 0;
    if (q === '?' || q === '*' || q === '+') this.at++;
    else if (q === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Unsupported();
      min = Number(m[1]);
      this.at += m[0].length;
    } else return t;
    if (this.src[this.at] === '?') this.at++;
    return { ...t, nullable: t.nullable || min === 0 };
  }

  term(): First {
    const ch = this.src[this.at]!;
    if (ch === '(') {
      this.at++;
      const rest = this.src.slice(this.at, this.at + 3);
      // Lookarounds consume nothing: the match starts with what follows them.
      const look = /^(?:\?=|\?!|\?<=|\?<!)/.exec(rest);
      if (look) {
        this.at += look[0].length;
        this.alternation();
        this.expect(')');
        return { chars: new Set(), nullable: true, any: false };
      }
      if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?')) throw new Unsupported();
      const inner = this.alternation();
      this.expect(')');
      return inner;
    }
    this.at++;
    if (ch === '[') return known(this.charClass());
    if (ch === '\\') return known(this.escape());
    if (ch === '^' || ch === '$') return { chars: new Set(), nullable: true, any: false };
    if (ch === '.') return { chars: new Set(), nullable: false, any: true };
    if (ch === ')' || ch === '|') throw new Unsupported();
    return known(new Set([ch.charCodeAt(0)]));
  }

  charClass(): Set<number> | undefined {
    if (this.src[this.at] === '^') {
      this.skipClass();
      return undefined;
    }
    const out = new Set<number>();
    while (this.src[this.at] !== ']') {
      if (this.at >= this.src.length) throw new Unsupported();
      const lo = this.classAtom();
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && lo.size === 1) {
        this.at++;
        const hi = this.classAtom();
        if (hi.size !== 1) throw new Unsupported();
        const [a] = lo;
        const [b] = hi;
        for (let c = a!; c <= b!; c++) out.add(c);
      } else for (const c of lo) out.add(c);
    }
    this.at++;
    return out;
  }

  skipClass(): void {
    while (this.src[this.at] !== ']') {
      if (this.at >= this.src.length) throw new Unsupported();
      if (this.src[this.at] === '\\') this.at++;
      this.at++;
    }
    this.at++;
  }

  classAtom(): Set<number> {
    const ch = this.src[this.at++]!;
    if (ch !== '\\') return new Set([ch.charCodeAt(0)]);
    const e = this.escape();
    if (!e) throw new Unsupported();
    return e;
  }

  /** undefined: an escape matching too many characters to list (\s \w \p{…}). */
  escape(): Set<number> | undefined {
    const e = this.src[this.at++];
    if (e === undefined) throw new Unsupported();
    if (e === 'd') return new Set([48, 49, 50, 51, 52, 53, 54, 55, 56, 57]);
    if (e === 'n') return new Set([10]);
    if (e === 't') return new Set([9]);
    if (e === 'r') return new Set([13]);
    // An escaped punctuation character stands for itself; classes like \s \w \b \p are too broad to list.
    if (/[\\/.*+?()[\]{}|^$\-]/.test(e)) return new Set([e.charCodeAt(0)]);
    if (/[sSwWDpP]/.test(e)) {
      if (e === 'p' || e === 'P') throw new Unsupported();
      return undefined;
    }
    throw new Unsupported();
  }

  expect(c: string): void {
    if (this.src[this.at] !== c) throw new Unsupported();
    this.at++;
  }
}

/**
 * A fixed list of patterns; `candidates(text)` marks the ones that may match `text` (their
 * first characters occur in it). Patterns whose first characters are unknown are always marked.
 */
export class PatternPrefilter {
  // Per code unit: 1 + the offset of its pattern list in `lists`, 0 when it starts no pattern.
  private readonly listAt = new Uint32Array(0x10000);
  private readonly lists: number[] = [];
  private readonly always: number[] = [];
  private readonly marks: Uint8Array;

  constructor(patterns: readonly RegExp[]) {
    this.marks = new Uint8Array(patterns.length);
    const byChar = new Map<number, number[]>();
    patterns.forEach((re, i) => {
      const chars = firstChars(re);
      if (!chars) this.always.push(i);
      else for (const c of chars) {
        let l = byChar.get(c);
        if (!l) byChar.set(c, (l = []));
        l.push(i);
      }
    });
    for (const [c, l] of byChar) {
      this.listAt[c] = this.lists.length + 1;
      this.lists.push(l.length, ...l);
    }
  }

  /** Scratch view valid until the next call: 1 where the pattern may match `text`. */
  candidates(text: string): Uint8Array {
    const marks = this.marks;
    marks.fill(0);
    for (const i of this.always) marks[i] = 1;
    const { listAt, lists } = this;
    for (let k = 0; k < text.length; k++) {
      const at = listAt[text.charCodeAt(k)]!;
      if (at === 0) continue;
      const n = lists[at - 1]!;
      for (let j = 0; j < n; j++) marks[lists[at + j]!] = 1;
    }
    return marks;
  }
}
