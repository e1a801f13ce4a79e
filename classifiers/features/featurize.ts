// Turns a normalised post into hashed sparse features: char 1–3-grams of the
// entity-masked folded view, pinyin bigrams, lexicon cues and their pairs, contact and obfuscation signs.
import type { Contact } from '../types.js';
import { CUES, type Cue } from './lexicon.js';
import { maskEntities } from './entity-mask.js';
import { NS, finish, hashString, mix } from './feature-hash.js';
import { pinyinOf } from '../text/domain-homophones.js';
import { foldedPatterns } from './folded-patterns.js';
import { countWordSplits } from '../text/separators.js';
import { quotedSaleCues } from './quoted-cues.js';
import { loadUnits } from '../text/code-units.js';

export interface SparseFeatures {
  idx: Int32Array;
  val: Float32Array;
  /**
   * Parallel to idx: what each feature is, for `reasons`. ≥ 0: an n-gram at
   * start*8+length in `masked`; < 0: names[-what-1] (a cue's reason, a contact kind …).
   */
  what: Int32Array;
  names: string[];
  cues: Cue[];
  /** The n-gram features come first: idx[0..grams) (the named ones follow). */
  grams: number;
  /** Parallel to the n-gram features: the position in the gram sequence each starts at (windows read it). */
  gramSeq: Int32Array;
  /** Length of the gram sequence the n-grams were read from. */
  seqLength: number;
}

const isHan = (c: number) => c >= 0x3400 && c <= 0x9fff;
// Per-character pinyin hash, filled lazily (0 = not yet computed).
const pyHash = new Int32Array(0x10000);

function pinyinHash(code: number): number {
  let h = pyHash[code]!;
  if (h === 0) {
    h = hashString(NS.pinyinGram, pinyinOf(String.fromCharCode(code))) | 1;
    pyHash[code] = h;
  }
  return h;
}

/** A named feature: its hash (before masking to the table size) and the reason it reads as. */
interface Named {
  hash: number;
  label: string;
}

const namedFeature = (name: string, label: string): Named => ({ hash: hashString(NS.named, name), label });

export const ENCLOSED_SIGN = 1;
export const FULLWIDTH_SIGN = 2;

/**
 * One pass over the raw view for two obfuscation signs: enclosed letters/digits sellers use
 * (➀ ⓿ 🅥 Ⓥ ❶: /[\u2460-\u24ff\u2776-\u2793\u3280-\u32ff]|[\u{1F100}-\u{1F1FF}]/u) and full-width digits
 * and letters (/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/). Most code units are below or between those ranges.
 */
// The code units obfuscationSigns looks at (0xd83c starts U+1F100–1F1FF); no u flag, so a surrogate matches alone.
const OBFUSCATION_HINT = /[\u2460-\u24ff\u2776-\u2793\u3280-\u32ff\ud83c\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;

export function obfuscationSigns(raw: string): number {
  // Most posts hold none of these code units: one native search rules them out.
  if (!OBFUSCATION_HINT.test(raw)) return 0;
  let signs = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x2460 || (c > 0x32ff && c < 0xd83c)) continue;
    if (c <= 0x32ff) {
      if (c <= 0x24ff || (c >= 0x2776 && c <= 0x2793) || c >= 0x3280) signs |= ENCLOSED_SIGN;
    } else if (c === 0xd83c) {
      // U+1F100–1F1FF is the pair D83C DD00–DDFF.
      if (i + 1 < raw.length) {
        const d = raw.charCodeAt(i + 1);
        if (d >= 0xdd00 && d <= 0xddff) signs |= ENCLOSED_SIGN;
      }
    } else if (c >= 0xff10 && c <= 0xff5a && (c <= 0xff19 || (c >= 0xff21 && c <= 0xff3a) || c >= 0xff41)) signs |= FULLWIDTH_SIGN;
    if (signs === (ENCLOSED_SIGN | FULLWIDTH_SIGN)) break;
  }
  return signs;
}

export interface FeatureInput {
  raw: string;
  folded: string;
  contacts: Contact[];
}

/**
 * The character sequence n-grams are read from: Han, latin letters, '#' and the entity
 * tokens; every run of anything else (punctuation, spaces) collapses to one space.
 */
export function gramSequence(masked: string): { codes: number[]; pos: number[] } {
  const n = fillGramSequence(masked);
  return { codes: Array.from(seqCodes.subarray(0, n)), pos: Array.from(seqPos.subarray(0, n)) };
}

// The sequence of the post being featurised, in scratch arrays (never longer than the text).
let seqCodes = new Int32Array(4096);
let seqPos = new Int32Array(4096);

// The masked text's code units, by one native copy: a charCodeAt per position costs more than the scan.
let maskedUnits: Uint16Array = new Uint16Array(4096);

/** Writes the gram sequence of `masked` into seqCodes/seqPos; returns its length. */
function fillGramSequence(masked: string): number {
  if (seqCodes.length < masked.length) {
    seqCodes = new Int32Array(masked.length * 2);
    seqPos = new Int32Array(masked.length * 2);
  }
  maskedUnits = loadUnits(masked, maskedUnits);
  const units = maskedUnits;
  const codes = seqCodes;
  const pos = seqPos;
  let n = 0;
  let lastSpace = true;
  for (let i = 0; i < masked.length; i++) {
    const c = units[i]!;
    const keep = isHan(c) || (c >= 97 && c <= 122) || c === 35 || c > 0x2000;
    if (keep && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xffef)) {
      codes[n] = c;
      pos[n++] = i;
      lastSpace = false;
    } else if (!lastSpace) {
      codes[n] = 32;
      pos[n++] = i;
      lastSpace = true;
    }
  }
  return n;
}

// Named features hashed once, not per post. A count's label says the real count; its name caps it.
const CUE_FEATURES = CUES.map((cue) => namedFeature(`cue:${cue.id}`, cue.reason));
// Up to every cue counted: sale and counter counts index these directly.
const countFeatures = (name: string, cap: number, label: string) => Array.from({ length: CUES.length + 1 }, (_, k) => namedFeature(`${name}:${Math.min(k, cap)}`, `${label} ${k} 类`));
const SALE_COUNT_FEATURES = countFeatures('cue:sale-count', 5, '销售话术');
const COUNTER_COUNT_FEATURES = countFeatures('cue:counter-count', 3, '反向线索');
const CONTACT_COUNT_FEATURES = [0, 1, 2, 3].map((k) => namedFeature(`contact:count:${k}`, k ? '留有联系方式' : '无联系方式'));
const LENGTH_FEATURES = [0, 1, 2, 3, 4].map((k) => namedFeature(`len:${k}`, '篇幅'));
const QUOTED_SALE = [1, 2].map((k) => namedFeature(`quote:sale:${k}`, '引号内的销售话术'));
const SALE_ONLY_QUOTED = namedFeature('quote:sale-only', '销售话术只见于引号内');
// Every pair of cues the post holds, weighed by the fit: one cue cannot tell the genres apart that
// two together do (包过 with 报名 is a school, with 可后付 exam fraud; 代开发票 with 办证 a seller).
// Named neutrally (组合: A + B), since a pair's weight may point either way.
const CUE_PAIRS = CUES.map((a, i) => CUES.map((b, j) => (j > i ? namedFeature(`cue-pair:${a.id}+${b.id}`, `组合: ${a.what} + ${b.what}`) : undefined)));
// Indices of the post's cues in CUES order, so each pair is named one way round.
const cueSeen: number[] = [];
const SALE_AND_CONTACT = namedFeature('conj:sale+contact', '销售话术并留联系方式');
const SALES_AND_CONTACT_NO_COUNTER = namedFeature('conj:sale2+contact-no-counter', '多种销售话术并留联系方式');
const ENCLOSED = namedFeature('obf:enclosed', '混淆: 带圈字符');
const FULLWIDTH = namedFeature('obf:fullwidth', '混淆: 全角字符');
const HAN_SPLIT = namedFeature('obf:han-split', '混淆: 汉字间插入符号');
const PHONE_VARIANT = namedFeature('obf:phone', '混淆: 电话号码变形');
const CONTACT_LABEL: Record<string, string> = { phone: '电话', wechat: '微信', qq: 'QQ', email: '邮箱', url: '网址' };
const contactKindFeature = (kind: string) => namedFeature(`contact:${kind}`, `联系方式: ${CONTACT_LABEL[kind]}`);
const CONTACT_KIND_FEATURES = new Map(Object.keys(CONTACT_LABEL).map((kind) => [kind, contactKindFeature(kind)]));
// Kinds of the post's contacts, each once in order of first appearance (a post has a handful).
const kindsSeen: string[] = [];
const saleSeen: number[] = [];

let scratchIdx = new Int32Array(4096);
let scratchVal = new Float32Array(4096);
let scratchWhat = new Int32Array(4096);
let scratchSeq = new Int32Array(4096);
// The post being featurised: its next free feature slot, its names and the table-size mask.
let count = 0;
let names: string[] = [];
let tableMask = 0;

function addNamed(f: Named): void {
  scratchIdx[count] = f.hash & tableMask;
  scratchVal[count] = 1;
  names.push(f.label);
  scratchWhat[count++] = -names.length;
}

/**
 * Features of one post. With `copy` false the arrays are views into scratch space that the
 * next call overwrites — fine for scoring one post, wrong for keeping features (training).
 */
export function featurize(input: FeatureInput, bits: number, copy = true): SparseFeatures & { masked: string } {
  const mask = (1 << bits) - 1;
  const masked = maskEntities(input.folded);
  const n = fillGramSequence(masked);
  const codes = seqCodes;
  const pos = seqPos;
  // Shared scratch arrays sized for the worst case; the caller gets copies (or views with copy=false).
  const cap = n * 3 + 64 + (CUES.length * (CUES.length - 1)) / 2;
  if (scratchIdx.length < cap) {
    const size = Math.max(cap, scratchIdx.length * 2);
    scratchIdx = new Int32Array(size);
    scratchVal = new Float32Array(size);
    scratchWhat = new Int32Array(size);
    scratchSeq = new Int32Array(size);
  }
  const idx = scratchIdx;
  const val = scratchVal;
  const what = scratchWhat;
  const gramSeq = scratchSeq;
  let m = 0;

  // Bigrams, trigrams and pinyin bigrams; each scaled so a post's n-gram block has unit length.
  // A character's pinyin hash is looked up once and carried to the next bigram (0: not Han).
  const w = 1 / Math.sqrt(Math.max(1, n * 2.5));
  let py0 = n > 0 && isHan(codes[0]!) ? pinyinHash(codes[0]!) : 0;
  for (let i = 0; i + 1 < n; i++) {
    const c0 = codes[i]!;
    const c1 = codes[i + 1]!;
    const py1 = isHan(c1) ? pinyinHash(c1) : 0;
    if (c0 !== 32 && c1 !== 32) {
      const h2 = mix(mix(NS.charGram, c0), c1);
      const p = pos[i]! * 8;
      gramSeq[m] = i;
      idx[m] = finish(h2) & mask;
      what[m++] = p + 2;
      if (i + 2 < n && codes[i + 2] !== 32) {
        gramSeq[m] = i;
        idx[m] = finish(mix(h2, codes[i + 2]!)) & mask;
        what[m++] = p + 3;
      }
      if (py0 !== 0 && py1 !== 0) {
        gramSeq[m] = i;
        idx[m] = finish(mix(mix(NS.pinyinGram, py0), py1)) & mask;
        what[m++] = p + 2;
      }
    }
    py0 = py1;
  }
  // Every n-gram has the same value: one native fill instead of a store per feature.
  val.fill(w, 0, m);
  const grams = m;

  count = m;
  names = [];
  tableMask = mask;
  const cues: Cue[] = [];
  let sale = 0;
  let counter = 0;
  saleSeen.length = 0;
  cueSeen.length = 0;
  // Most posts carry a few cues: one scan of the folded view picks the patterns worth running.
  const maybeCue = foldedPatterns.candidates(input.folded);
  for (let k = 0; k < CUES.length; k++) {
    const cue = CUES[k]!;
    if (maybeCue[k] === 1 && foldedPatterns.test(k, input.folded)) {
      cues.push(cue);
      addNamed(CUE_FEATURES[k]!);
      cueSeen.push(k);
      if (cue.side === 'sale') saleSeen[sale++] = k;
      else counter++;
    }
  }
  const firstPair = count;
  for (let a = 0; a < cueSeen.length; a++) for (let b = a + 1; b < cueSeen.length; b++) addNamed(CUE_PAIRS[cueSeen[a]!]![cueSeen[b]!]!);
  // The pairs are one block of unit length, as the n-grams are: k cues make k(k−1)/2 pairs, and at
  // value 1 each a post with many cues would be pushed by the sum of pairs no training post had together.
  if (count > firstPair) scratchVal.fill(1 / Math.sqrt(count - firstPair), firstPair, count);
  addNamed(SALE_COUNT_FEATURES[sale]!);
  addNamed(COUNTER_COUNT_FEATURES[counter]!);

  const raw = input.raw;
  const quoted = quotedSaleCues(raw, input.folded, saleSeen);
  if (quoted.spans > 0) addNamed(QUOTED_SALE[Math.min(quoted.spans, 2) - 1]!);
  if (quoted.only) addNamed(SALE_ONLY_QUOTED);
  const contacts = input.contacts;
  const kinds = kindsSeen;
  kinds.length = 0;
  // A phone the raw view does not hold as written was spelled in disguise.
  let disguisedPhone = false;
  for (let k = 0; k < contacts.length; k++) {
    const c = contacts[k]!;
    if (!kinds.includes(c.kind)) kinds.push(c.kind);
    if (!disguisedPhone && c.kind === 'phone' && !raw.includes(c.value)) disguisedPhone = true;
  }
  for (let k = 0; k < kinds.length; k++) addNamed(CONTACT_KIND_FEATURES.get(kinds[k]!) ?? contactKindFeature(kinds[k]!));
  addNamed(CONTACT_COUNT_FEATURES[Math.min(contacts.length, 3)]!);
  if (kinds.length > 0 && sale > 0) addNamed(SALE_AND_CONTACT);
  if (kinds.length > 0 && sale >= 2 && counter === 0) addNamed(SALES_AND_CONTACT_NO_COUNTER);

  const signs = obfuscationSigns(raw);
  if ((signs & ENCLOSED_SIGN) !== 0) addNamed(ENCLOSED);
  if ((signs & FULLWIDTH_SIGN) !== 0) addNamed(FULLWIDTH);
  if (countWordSplits(raw, 2) >= 2) addNamed(HAN_SPLIT);
  if (disguisedPhone) addNamed(PHONE_VARIANT);

  const len = input.folded.length;
  addNamed(LENGTH_FEATURES[len < 20 ? 0 : len < 50 ? 1 : len < 120 ? 2 : len < 300 ? 3 : 4]!);
  m = count;
  return copy
    ? { idx: idx.slice(0, m), val: val.slice(0, m), what: what.slice(0, m), names, cues, masked, grams, gramSeq: gramSeq.slice(0, grams), seqLength: n }
    : { idx: idx.subarray(0, m), val: val.subarray(0, m), what: what.subarray(0, m), names, cues, masked, grams, gramSeq: gramSeq.subarray(0, grams), seqLength: n };
}
