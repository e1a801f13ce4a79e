// Spells a regex's alternatives as the literal strings a match can start with, plus the rest of
// the alternative, so one trie of literals can find every match start and settle most patterns without a regex run.

/** One way a match can go: one of `literals`, then (when defined) what `rest` matches from right after it. */
export interface LiteralAlternative {
  literals: string[];
  rest: string | undefined;
}

/**
 * Alternatives whose union decides `re.test(text)`: it is true exactly when some literal of some
 * alternative occurs in `text` and that alternative's `rest` (a regex source) matches right after it.
 * Undefined when the pattern cannot be split that way: flags (case folding, lastIndex state), an
 * alternative that can match the empty string or starts with what literals cannot spell (., \s, ^ …).
 * `cap` bounds the literals spelled out per alternative; beyond it the remainder goes to `rest`.
 */
export function literalAlternatives(re: RegExp, cap = 256): LiteralAlternative[] | undefined {
  if (re.flags !== '') return undefined;
  try {
    const p = new Parser(re.source, cap);
    const alternatives = p.alternation();
    if (p.at !== re.source.length) return undefined;
    const out: LiteralAlternative[] = [];
    for (const seq of alternatives) {
      const alt = splitSequence(seq, re.source, cap);
      if (!alt) return undefined;
      out.push(alt);
    }
    return out;
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

interface Term {
  /** Source span, for the rest of an alternative. */
  start: number;
  end: number;
  /** Every string the unquantified term matches; undefined when not a short finite list (or zero-width with a condition). */
  base: string[] | undefined;
  min: number;
  max: number;
}

interface Sequence {
  terms: Term[];
  end: number;
}

class Unsupported extends Error {}

function splitSequence(seq: Sequence, source: string, cap: number): LiteralAlternative | undefined {
  const terms = [...seq.terms];
  // Only whether a match exists is asked: a leading x{m,n} holds wherever its last m repeats do
  // (what follows sits at the same place, and lookbehinds read the text, not the match).
  while (terms.length > 0 && terms[0]!.min === 0) terms.shift();
  if (terms.length === 0 || terms[0]!.base === undefined) return undefined;
  let literals = [''];
  let k = 0;
  for (; k < terms.length; k++) {
    const t = terms[k]!;
    const max = k === 0 ? t.min : t.max;
    const set = t.base && repeat(t.base, t.min, max, cap);
    if (!set || set.length * literals.length > cap) break;
    literals = product(literals, set);
  }
  // A literal that can be empty would let the rest start anywhere.
  if (literals.includes('')) return undefined;
  return { literals, rest: k < terms.length ? source.slice(terms[k]!.start, seq.end) : undefined };
}

function product(a: string[], b: string[]): string[] {
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/** Every concatenation of min..max strings of `base`, or undefined past `cap` strings. */
function repeat(base: string[], min: number, max: number, cap: number): string[] | undefined {
  if (max === Infinity) return undefined;
  const out = new Set<string>();
  let layer = [''];
  for (let k = 0; k <= max; k++) {
    if (k >= min) for (const s of layer) out.add(s);
    if (out.size > cap) return undefined;
    if (k < max) {
      if (layer.length * base.length > cap) return undefined;
      layer = product(layer, base);
    }
  }
  return [...out];
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

class Parser {
  at = 0;
  constructor(
    readonly src: string,
    readonly cap: number,
  ) {}

  alternation(): Sequence[] {
    const out: Sequence[] = [];
    for (;;) {
      out.push(this.sequence());
      if (this.src[this.at] !== '|') return out;
      this.at++;
    }
  }

  sequence(): Sequence {
    const terms: Term[] = [];
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') terms.push(this.quantified());
    return { terms, end: this.at };
  }

  quantified(): Term {
    const start = this.at;
    const base = this.atom();
    const q = this.src[this.at];
    let min = 1;
    let max = 1;
    if (q === '?' || q === '*' || q === '+') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Infinity;
      this.at++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.at += m[0].length;
    }
    if (q !== undefined && '?*+{'.includes(q) && this.src[this.at] === '?') this.at++;
    return { start, end: this.at, base, min, max };
  }

  /** The strings one atom matches (undefined: not a short list). */
  atom(): string[] | undefined {
    const ch = this.src[this.at]!;
    if (ch === '(') {
      this.at++;
      const rest = this.src.slice(this.at, this.at + 3);
      const look = /^(?:\?=|\?!|\?<=|\?<!)/.exec(rest);
      if (look) this.at += look[0].length;
      else if (rest.startsWith('?:')) this.at += 2;
      else if (rest.startsWith('?')) throw new Unsupported();
      const inner = this.alternation();
      if (this.src[this.at] !== ')') throw new Unsupported();
      this.at++;
      // A lookaround consumes nothing but still decides: it stays with the regex.
      return look ? undefined : this.union(inner);
    }
    this.at++;
    if (ch === '[') return this.charClass();
    if (ch === '\\') return this.escape(false);
    if (ch === '.' || ch === '^' || ch === '$') return undefined;
    if ('|)*+?{'.includes(ch)) throw new Unsupported();
    return [ch];
  }

  /** A group's strings: each alternative spelled out in full. */
  union(seqs: Sequence[]): string[] | undefined {
    const out = new Set<string>();
    for (const seq of seqs) {
      let strings = [''];
      for (const t of seq.terms) {
        const set = t.base && repeat(t.base, t.min, t.max, this.cap);
        if (!set || set.length * strings.length > this.cap) return undefined;
        strings = product(strings, set);
      }
      for (const s of strings) out.add(s);
    }
    return out.size > this.cap ? undefined : [...out];
  }

  charClass(): string[] | undefined {
    let negated = false;
    if (this.src[this.at] === '^') {
      negated = true;
      this.at++;
    }
    const out = new Set<string>();
    let broad = false;
    while (this.src[this.at] !== ']') {
      if (this.at >= this.src.length) throw new Unsupported();
      const lo = this.classAtom();
      if (lo === undefined) {
        broad = true;
        continue;
      }
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && lo.length === 1) {
        this.at++;
        const hi = this.classAtom();
        if (hi?.length !== 1) throw new Unsupported();
        const a = lo[0]!.charCodeAt(0);
        const b = hi[0]!.charCodeAt(0);
        if (b - a > this.cap) broad = true;
        else for (let c = a; c <= b; c++) out.add(String.fromCharCode(c));
      } else for (const c of lo) out.add(c);
    }
    this.at++;
    return negated || broad || out.size > this.cap ? undefined : [...out];
  }

  /** One class member: a code unit, or \d's ten (undefined: \s \w … too broad to list). */
  classAtom(): string[] | undefined {
    const ch = this.src[this.at++]!;
    if (ch !== '\\') return [ch];
    return this.escape(true);
  }

  escape(inClass: boolean): string[] | undefined {
    const e = this.src[this.at++];
    if (e === undefined) throw new Unsupported();
    if (e === 'd') return DIGITS;
    if (e === 'n') return ['\n'];
    if (e === 't') return ['\t'];
    if (e === 'r') return ['\r'];
    // An escaped punctuation character stands for itself.
    if (/[\\/.*+?()[\]{}|^$\-]/.test(e)) return [e];
    // \b is a backspace inside a class and a word boundary outside: neither is worth modelling.
    if (/[sSwWD]/.test(e) || (e === 'b' && !inClass) || (e === 'B' && !inClass)) return undefined;
    throw new Unsupported();
  }
}
