// Answers a fixed list of regexes on one text by a single walk of a trie of their literal
// spellings (regex-literals.ts): most patterns are settled without running any regex.
import { literalAlternatives } from './regex-literals.js';

// utf16le bytes read as Uint16 code units only on little-endian hosts.
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const pairHash = (c0: number, c1: number) => (Math.imul(c0, 0x9e3779b1) ^ Math.imul(c1, 0x85ebca6b)) >>> 16;
const pairSlot = (key: number, size: number) => (Math.imul(key, 0x27d4eb2f) >>> 0) & (size - 1);

/** A pattern a caller answers by its own code: it matches where one of `at` ends and `check` holds there. */
export interface CheckedPattern {
  at: readonly string[];
  check(text: string, end: number): boolean;
}

/**
 * `candidates(text)` marks the patterns that may match `text`: exactly the matching ones among
 * those the trie spells out or a check answers; always the others (not split into literals).
 * `test(i, text)` answers patterns[i].test(text), running a regex only for the others.
 */
export class PatternScanner {
  // The trie is entered two code units deep: most positions of a post start no literal, and a
  // bitset of the pairs that do (8 KB, so it stays in L1) turns them away with one test.
  private readonly pairBits = new Int32Array(0x10000 >>> 5);
  // Open-addressed: pair (c0 << 16 | c1) to its node (0: empty slot; the root is never a child).
  private readonly pairKey: Int32Array;
  private readonly pairNode: Int32Array;
  // Literals one code unit long (a few): a bitset over code units, then the map to their node.
  private readonly singleBits = new Int32Array(0x10000 >>> 5);
  private readonly singleNode = new Map<number, number>();
  // Deeper, a node's children are the range childFrom..childTo of childCode/childNode.
  private readonly childFrom: Int32Array;
  private readonly childTo: Int32Array;
  private readonly childCode: Uint16Array;
  private readonly childNode: Int32Array;
  /** Per node, bit (c & 31) set for each child code unit c. */
  private readonly childBits: Int32Array;
  // A literal ending at a node: outFrom..outTo of outPattern (whose literal it is) and outRest
  // (-1: the pattern matches; else what must hold from the literal's end: a rest regex or a check).
  private readonly outFrom: Int32Array;
  private readonly outTo: Int32Array;
  private readonly outPattern: Int32Array;
  private readonly outRest: Int32Array;
  private readonly rests: Array<(text: string, end: number) => boolean> = [];
  /** 1 for the patterns the trie does not settle: every scan starts with them marked, test() runs their regex. */
  private readonly unsettled: Uint8Array;
  private readonly marks: Uint8Array;

  /** `checked`: patterns answered by the caller's code instead of their literals. */
  constructor(
    private readonly patterns: readonly RegExp[],
    checked: ReadonlyMap<number, CheckedPattern> = new Map(),
  ) {
    this.marks = new Uint8Array(patterns.length);
    this.unsettled = new Uint8Array(patterns.length);
    const children: Array<Map<number, number>> = [new Map()];
    const outputs: Array<Array<[pattern: number, rest: number]>> = [[]];
    const add = (literal: string, pattern: number, rest: number) => {
      let node = 0;
      for (let k = 0; k < literal.length; k++) {
        const c = literal.charCodeAt(k);
        let next = children[node]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          outputs.push([]);
          children[node]!.set(c, next);
        }
        node = next;
      }
      const out = outputs[node]!;
      if (!out.some(([p, r]) => p === pattern && r === rest)) out.push([pattern, rest]);
    };
    const restIndex = new Map<string, number>();
    patterns.forEach((re, i) => {
      const own = checked.get(i);
      if (own) {
        this.rests.push(own.check);
        for (const literal of own.at) add(literal, i, this.rests.length - 1);
        return;
      }
      const alternatives = literalAlternatives(re);
      if (!alternatives) {
        this.unsettled[i] = 1;
        return;
      }
      for (const { literals, rest } of alternatives) {
        let r = -1;
        if (rest !== undefined) {
          r = restIndex.get(rest) ?? this.rests.length;
          if (r === this.rests.length) {
            restIndex.set(rest, r);
            const sticky = new RegExp(rest, 'y');
            this.rests.push((text, end) => {
              sticky.lastIndex = end;
              return sticky.test(text);
            });
          }
        }
        for (const literal of literals) add(literal, i, r);
      }
    });

    const pairs: Array<[key: number, node: number]> = [];
    for (const [c0, first] of children[0]!) {
      if (outputs[first]!.length > 0) {
        this.singleBits[c0 >>> 5]! |= 1 << (c0 & 31);
        this.singleNode.set(c0, first);
      }
      for (const [c1, second] of children[first]!) {
        const h = pairHash(c0, c1);
        this.pairBits[h >>> 5]! |= 1 << (h & 31);
        pairs.push([(c0 << 16) | c1, second]);
      }
    }
    // At most a quarter full, so a lookup rarely probes twice.
    let size = 64;
    while (size < pairs.length * 4) size *= 2;
    this.pairKey = new Int32Array(size);
    this.pairNode = new Int32Array(size);
    for (const [key, node] of pairs) {
      let slot = pairSlot(key, size);
      while (this.pairNode[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.pairKey[slot] = key;
      this.pairNode[slot] = node;
    }

    const nodes = children.length;
    this.childFrom = new Int32Array(nodes);
    this.childTo = new Int32Array(nodes);
    this.childBits = new Int32Array(nodes);
    this.outFrom = new Int32Array(nodes);
    this.outTo = new Int32Array(nodes);
    const codes: number[] = [];
    const targets: number[] = [];
    const outPattern: number[] = [];
    const outRest: number[] = [];
    for (let node = 1; node < nodes; node++) {
      this.childFrom[node] = codes.length;
      for (const [c, next] of children[node]!) {
        codes.push(c);
        targets.push(next);
        this.childBits[node]! |= 1 << (c & 31);
      }
      this.childTo[node] = codes.length;
      this.outFrom[node] = outPattern.length;
      for (const [p, r] of outputs[node]!) {
        outPattern.push(p);
        outRest.push(r);
      }
      this.outTo[node] = outPattern.length;
    }
    this.childCode = Uint16Array.from(codes);
    this.childNode = Int32Array.from(targets);
    this.outPattern = Int32Array.from(outPattern);
    this.outRest = Int32Array.from(outRest);
  }

  // The text of the last scan: asked again for the same text (a post's folded view is read by
  // tagging and by featurising), the marks are still valid.
  private last: string | undefined;

  /** Scratch view valid until the next call with another text. */
  candidates(text: string): Uint8Array {
    if (text === this.last) return this.marks;
    this.last = text;
    const marks = this.marks;
    marks.set(this.unsettled);
    const { pairBits, pairKey, pairNode, singleBits, childFrom, childTo, childCode, childNode, childBits, outFrom, outTo } = this;
    const mask = pairKey.length - 1;
    const n = text.length;
    if (n === 0) return marks;
    const units = this.codeUnits(text);
    // Shift counts are taken mod 32: `bits[c >>> 5] >>> c` is bit c of a bitset.
    let c1 = units[0]!;
    for (let i = 1; i < n; i++) {
      const c0 = c1;
      c1 = units[i]!;
      const h = pairHash(c0, c1);
      const single = singleBits[c0 >>> 5]! >>> c0;
      const pair = pairBits[h >>> 5]! >>> h;
      // One test for the common case: c0 is no literal by itself and (c0, c1) starts none.
      if (((single | pair) & 1) === 0) continue;
      if ((single & 1) !== 0) this.settle(this.singleNode.get(c0)!, text, i);
      if ((pair & 1) === 0) continue;
      const key = (c0 << 16) | c1;
      let slot = pairSlot(key, mask + 1);
      while (pairNode[slot] !== 0 && pairKey[slot] !== key) slot = (slot + 1) & mask;
      let node = pairNode[slot]!;
      let j = i + 1;
      while (node !== 0) {
        if (outFrom[node] !== outTo[node]) this.settle(node, text, j);
        if (j === n) break;
        const c = units[j++]!;
        // Most walks end here: no child's code unit agrees with c in its low five bits.
        if (((childBits[node]! >>> c) & 1) === 0) break;
        const to = childTo[node]!;
        let k = childFrom[node]!;
        while (k < to && childCode[k] !== c) k++;
        node = k < to ? childNode[k]! : 0;
      }
    }
    // The last code unit starts no pair, but may be a literal by itself.
    if (((singleBits[c1 >>> 5]! >>> c1) & 1) !== 0) this.settle(this.singleNode.get(c1)!, text, n);
    return marks;
  }

  // The text's code units, copied by one native write: charCodeAt dispatches on the string's
  // representation at every call, a typed-array read does not (the scan runs ~25% faster).
  private unitBytes = Buffer.allocUnsafeSlow(1024);
  private units = new Uint16Array(this.unitBytes.buffer, 0, 512);

  private codeUnits(text: string): Uint16Array {
    if (this.units.length < text.length) {
      this.unitBytes = Buffer.allocUnsafeSlow(text.length * 4);
      this.units = new Uint16Array(this.unitBytes.buffer, 0, text.length * 2);
    }
    if (LITTLE_ENDIAN) this.unitBytes.write(text, 0, 'utf16le');
    else for (let i = 0; i < text.length; i++) this.units[i] = text.charCodeAt(i);
    return this.units;
  }

  /** A literal ends at `end` on `node`: its patterns match unless a rest must follow and does not. */
  private settle(node: number, text: string, end: number): void {
    const marks = this.marks;
    for (let o = this.outFrom[node]!; o < this.outTo[node]!; o++) {
      const p = this.outPattern[o]!;
      if (marks[p] === 1) continue;
      const r = this.outRest[o]!;
      if (r < 0 || this.rests[r]!(text, end)) marks[p] = 1;
    }
  }

  /** patterns[i].test(text). */
  test(i: number, text: string): boolean {
    const marks = this.candidates(text);
    if (marks[i] === 0) return false;
    return this.unsettled[i] === 1 ? this.patterns[i]!.test(text) : true;
  }
}
