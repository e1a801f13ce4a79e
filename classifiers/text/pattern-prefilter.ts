// Skips regexes that cannot match a text: the characters a pattern's match can start with
// (and can have second) are read from its source once, so a post is scanned once instead of once per pattern.

function analyse(re: RegExp): First | undefined {
  // Case folding and dotAll change what a literal or '.' matches: not worth modelling.
  if (/[imsuvy]/.test(re.flags)) return undefined;
  const p = new Parser(re.source);
  try {
    const r = p.alternation();
    if (p.at !== re.source.length || r.nullable || r.any) return undefined;
    return r;
  } catch {
    return undefined;
  }
}

/** Code units a match of `re` can start with, or undefined when that set is unknown or too broad. */
export function firstChars(re: RegExp): Set<number> | undefined {
  return analyse(re)?.chars;
}

/**
 * The code units a match of `re` can start with, and those its second code unit can be; `second`
 * is undefined when the match may be one code unit long or its second one is not known.
 */
export function firstTwoChars(re: RegExp): { first: Set<number>; second: Set<number> | undefined } | undefined {
  const r = analyse(re);
  if (!r) return undefined;
  return { first: r.chars, second: r.one || r.anySecond ? undefined : r.second };
}

interface First {
  chars: Set<number>;
  /** Some match may start with any character (., a negated class, \s …). */
  any: boolean;
  /** The (sub)pattern can match the empty string, so what follows it can also start the match. */
  nullable: boolean;
  /** Code units a match of two or more code units can have second (over-approximated). */
  second: Set<number>;
  anySecond: boolean;
  /** The (sub)pattern may match exactly one code unit (over-approximated). */
  one: boolean;
}

const union = (a: Set<number>, b: Set<number>) => {
  for (const c of b) a.add(c);
};
const zeroWidth = (): First => ({ chars: new Set(), nullable: true, any: false, second: new Set(), anySecond: false, one: false });

class Unsupported extends Error {}

const known = (chars: Set<number> | undefined): First => ({ chars: chars ?? new Set(), nullable: false, any: !chars, second: new Set(), anySecond: false, one: true });

class Parser {
  at = 0;
  constructor(readonly src: string) {}

  alternation(): First {
    const out: First = { chars: new Set(), nullable: false, any: false, second: new Set(), anySecond: false, one: false };
    for (;;) {
      const s = this.sequence();
      union(out.chars, s.chars);
      union(out.second, s.second);
      out.nullable ||= s.nullable;
      out.any ||= s.any;
      out.anySecond ||= s.anySecond;
      out.one ||= s.one;
      if (this.src[this.at] !== '|') return out;
      this.at++;
    }
  }

  sequence(): First {
    const out = zeroWidth();
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const t = this.quantified();
      // The second code unit: the term's own second, or its first after a one-unit prefix.
      if (out.one) {
        union(out.second, t.chars);
        out.anySecond ||= t.any;
      }
      if (out.nullable) {
        union(out.chars, t.chars);
        out.any ||= t.any;
        union(out.second, t.second);
        out.anySecond ||= t.anySecond;
      }
      out.one = (out.one && t.nullable) || (out.nullable && t.one);
      out.nullable &&= t.nullable;
    }
    return out;
  }

  quantified(): First {
    const t = this.term();
    const q = this.src[this.at];
    let min = 1;
    let max = Infinity;
    if (q === '?' || q === '*') min = 0;
    if (q === '?') max = 1;
    if (q === '?' || q === '*' || q === '+') this.at++;
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.at += m[0].length;
    } else return t;
    if (this.src[this.at] === '?') this.at++;
    // A repeat of a one-unit match puts the term's first units second too.
    const second = new Set(t.second);
    if (t.one && max >= 2) union(second, t.chars);
    // Two or more required repeats of a term that cannot be empty are never one unit long.
    const one = t.one && (min <= 1 || t.nullable);
    return { ...t, second, anySecond: t.anySecond || (t.one && max >= 2 && t.any), nullable: t.nullable || min === 0, one };
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
        return zeroWidth();
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
    if (ch === '^' || ch === '$') return zeroWidth();
    if (ch === '.') return known(undefined);
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

/** Candidate start positions kept per pattern; a pattern with more is run as a whole. */
const MAX_STARTS = 8;

/**
 * A fixed list of patterns; `candidates(text)` marks the ones that may match `text`: a first
 * code unit of the pattern occurs, followed (when every match is longer than one unit) by one
 * of its second code units. Patterns whose first code units are unknown are always marked.
 * `test(i, text)` then answers patterns[i].test(text) by trying only those start positions.
 */
export class PatternPrefilter {
  // Per code unit: 1 + the offset of its pattern list in `lists`, 0 when it starts no pattern.
  private readonly listAt = new Uint32Array(0x10000);
  private readonly lists: number[] = [];
  private readonly always: number[] = [];
  private readonly marks: Uint8Array;
  // 1 where a pattern's second code unit must be checked.
  private readonly needSecond: Uint8Array;
  // Per code unit: its row in `secondBits` (0: second to no pattern); a row is a bitset over patterns.
  private readonly secondRow = new Uint16Array(0x10000);
  private readonly secondBits: Uint32Array;
  private readonly words: number;
  // Sticky copies, tried at each candidate start: a match must begin at one of them.
  private readonly sticky: Array<RegExp | undefined>;
  private readonly starts: Int32Array;
  private readonly startCount: Int32Array;

  /** `scannedElsewhere`: indices the caller answers by its own scanner; they are always marked and cost the scan nothing. */
  constructor(
    private readonly patterns: readonly RegExp[],
    scannedElsewhere: ReadonlySet<number> = new Set(),
  ) {
    this.marks = new Uint8Array(patterns.length);
    this.needSecond = new Uint8Array(patterns.length);
    this.words = Math.ceil(patterns.length / 32) || 1;
    this.sticky = patterns.map(() => undefined);
    this.starts = new Int32Array(patterns.length * MAX_STARTS);
    this.startCount = new Int32Array(patterns.length);
    const byChar = new Map<number, number[]>();
    const secondOf = new Map<number, number[]>();
    patterns.forEach((re, i) => {
      // A global regex's test() depends on its lastIndex: such a pattern is always run as it is.
      const two = re.global || scannedElsewhere.has(i) ? undefined : firstTwoChars(re);
      if (!two) {
        this.always.push(i);
        return;
      }
      this.sticky[i] = new RegExp(re.source, `${re.flags}y`);
      for (const c of two.first) {
        let l = byChar.get(c);
        if (!l) byChar.set(c, (l = []));
        l.push(i);
      }
      if (two.second) {
        this.needSecond[i] = 1;
        for (const c of two.second) {
          let l = secondOf.get(c);
          if (!l) secondOf.set(c, (l = []));
          l.push(i);
        }
      }
    });
    for (const [c, l] of byChar) {
      this.listAt[c] = this.lists.length + 1;
      this.lists.push(l.length, ...l);
    }
    this.secondBits = new Uint32Array((secondOf.size + 1) * this.words);
    let row = 0;
    for (const [c, l] of secondOf) {
      row++;
      this.secondRow[c] = row;
      for (const i of l) this.secondBits[row * this.words + (i >>> 5)]! |= 1 << (i & 31);
    }
  }

  // The text of the last scan: asked again for the same text (a post's folded view is read by
  // tagging and by featurising), the marks and starts are still valid.
  private last: string | undefined;

  /** Scratch view valid until the next call: 1 where the pattern may match `text`. */
  candidates(text: string): Uint8Array {
    if (text === this.last) return this.marks;
    this.last = text;
    const marks = this.marks;
    marks.fill(0);
    this.startCount.fill(0);
    for (const i of this.always) marks[i] = 1;
    const { listAt, lists, needSecond, secondRow, secondBits, words, starts, startCount } = this;
    const last = text.length - 1;
    for (let k = 0; k <= last; k++) {
      const at = listAt[text.charCodeAt(k)]!;
      if (at === 0) continue;
      const row = k < last ? secondRow[text.charCodeAt(k + 1)]! * words : 0;
      const n = lists[at - 1]!;
      for (let j = 0; j < n; j++) {
        const i = lists[at + j]!;
        if (needSecond[i] === 0 || (row !== 0 && (secondBits[row + (i >>> 5)]! & (1 << (i & 31))) !== 0)) {
          marks[i] = 1;
          const c = startCount[i]!;
          if (c < MAX_STARTS) starts[i * MAX_STARTS + c] = k;
          startCount[i] = c + 1;
        }
      }
    }
    return marks;
  }

  /** patterns[i].test(text), for the `text` of the last candidates() call. */
  test(i: number, text: string): boolean {
    if (this.marks[i] === 0) return false;
    const sticky = this.sticky[i];
    const count = this.startCount[i]!;
    if (sticky === undefined || count > MAX_STARTS) return this.patterns[i]!.test(text);
    for (let c = 0; c < count; c++) {
      sticky.lastIndex = this.starts[i * MAX_STARTS + c]!;
      if (sticky.test(text)) return true;
    }
    return false;
  }
}
