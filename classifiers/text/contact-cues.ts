// Contact cues sellers disguise (薇信, V❤, ➕V, vx, 扣扣, 企鹅 …) rewritten to one
// canonical token each ("微信", "qq"), so features and contact extraction see one word.
import { loadUnits } from './code-units.js';
import { IS_SPACE } from './whitespace.js';

const SEP = '[\\s\\-_.·•*~]?';

/** The rewrites, applied in this order; canonicalizeHinted skips those that cannot change the text. */
export const RULES: Array<[RegExp, string]> = [
  [/wei\s*xin|wei(?=信)|weixin/g, '微信'],
  [new RegExp(`[微薇威徽维卫巍]${SEP}[信芯心❤♥💗💚]`, 'g'), '微信'],
  [new RegExp(`(?<![a-z0-9])(?:v|w)${SEP}(?:x|信|芯|心|❤|♥|💗|💚)(?![a-z_])`, 'g'), '微信'],
  // The cue glued to the id ("vxhaoge_202488", "v信laowang88"): the id is 6–20 characters from a
  // letter. After the latin "vx"/"wx" it must also hold a digit or '_', so words such as vxworks,
  // wxwidgets or vxlan stay words; the tech names that take a version or number (vxworks7,
  // vxlan100, wxpython_3) are listed, but only as the whole token (vxlanxiang_88 is an id);
  // "wxid_…" is itself an id, not a cue.
  [new RegExp(`(?<![a-z0-9])(?:[vw]x(?!id_|(?:works|lan|widgets|python|windows|glade)[0-9_-]*(?![a-z0-9_-]))(?=[a-z-]*[0-9_])|[vw]${SEP}(?:信|芯|心|❤|♥|💗|💚))(?=[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-]))`, 'g'), '微信'],
  // "卫星" (satellite, wei-xing) is slang for 微信, but also a word: only right before an id.
  [/卫星(?=\s*[:：→~\-]?\s*(?:[a-z][a-z0-9_-]{5,19}|\d{6,})(?![a-z0-9_-]))/g, '微信'],
  // "➕V", "+v", "加v", "十v": add-me-on-WeChat, letter not followed by more letters.
  [/(?:\+|加|十)\s*[vw](?![a-z])/g, '加微信'],
  // A bare "v:" / "v号" / "v~" before an id.
  [/(?<![a-z0-9])v(?=\s*[:：号~→]\s*[a-z0-9])/g, '微信'],
  [/扣扣|抠抠|寇寇|蔻蔻|企鹅|(?<![a-z])q\s?q(?![a-z])|qq/g, 'qq'],
  [/(?<![a-z0-9])q(?=\s*[:：号]?\s*\d{5,})/g, 'qq'],
  // One character for the whole cue: "微：abc123", "薇:abc123", "加微 abc123" (WeChat), "扣：12345678" (QQ);
  // not the last character of a word (稍微, 折扣), so only after 加 or no Han character.
  [/(?<=加\s*)[微薇威徽](?=\s*[a-z0-9])|(?<![\u3400-\u9fff])[微薇威徽](?=\s*[:：]\s*(?:[a-z][a-z0-9_-]{5,19}|\d{5,}))/g, '微信'],
  [/(?<![\u3400-\u9fff])[扣企](?=\s*[:：]\s*\d{5,})/g, 'qq'],
];

// Most posts hold none of what the rules look for, or only the canonical "微信" / "qq" that the
// rules rewrite to itself. A scan marks the rules that could change the text; only those run.
const CUE_HINT = {
  weixin: 1 << 0, // rule 0: "wei"
  weiHeart: 1 << 1, // rule 1: one of 微薇威徽维卫巍 before a heart-ish character, other than 微信 itself
  vx: 1 << 2, // rules 2 and 3: v or w before x or a heart-ish character
  satellite: 1 << 3, // rule 4: 卫星
  plusV: 1 << 4, // rule 5: + 加 十 before v or w
  vColon: 1 << 5, // rule 6: v before : ： 号 ~ →
  penguin: 1 << 6, // rule 7: 扣扣 抠抠 寇寇 蔻蔻 企鹅 or "q q"
  qDigits: 1 << 7, // rule 8: q after no letter or digit, before white space, : ： 号 or a digit
  weiAlone: 1 << 8, // rule 9: one of 微薇威徽维卫巍 before white space and a colon, letter or digit
  penguinAlone: 1 << 9, // rule 10: one of 扣抠寇蔻企 before white space and a colon
};
const RULE_HINTS = [
  CUE_HINT.weixin, CUE_HINT.weiHeart, CUE_HINT.vx, CUE_HINT.vx, CUE_HINT.satellite, CUE_HINT.plusV, CUE_HINT.vColon, CUE_HINT.penguin, CUE_HINT.qDigits,
  CUE_HINT.weiAlone, CUE_HINT.penguinAlone,
];

// Per code unit, what it can be in the rules (a rule's character class read as code units:
// the regexes have no 'u' flag, so 💗 and 💚 stand for their surrogates).
const WEI = 1; // 微薇威徽维卫巍
const HEART = 2; // 信芯心❤♥ and the surrogates of 💗💚
const SEP_UNIT = 4; // [\s\-_.·•*~]
const SPACE = 8; // \s
const COLON = 16; // : ： 号 ~ →
const PLUS = 32; // + 加 十
const PENGUIN = 64; // 扣抠寇蔻企: the first of a pair rule 7 rewrites
const VWQ = 128; // v w q: in no class above, but never to be skipped as a character of no interest
const unitClass = new Uint8Array(0x10000);
const classes: Array<[string, number]> = [['微薇威徽维卫巍', WEI], ['信芯心❤♥💗💚', HEART], ['-_.·•*~', SEP_UNIT], [':：号~→', COLON], ['+加十', PLUS], ['扣抠寇蔻企', PENGUIN], ['vwq', VWQ]];
for (const [chars, bit] of classes) for (let k = 0; k < chars.length; k++) unitClass[chars.charCodeAt(k)]! |= bit;
for (let c = 0; c < 0x10000; c++) if (IS_SPACE[c] === 1) unitClass[c]! |= SPACE | SEP_UNIT;
const W = 119;
const V = 118;
const Q = 113;
const X = 120;

/** Which rules could change units[0, n): a CUE_HINT mask. */
export function contactCueHints(units: Uint16Array, n: number): number {
  let hints = 0;
  let afterPlus = false; // a + 加 十 and white space since
  let afterV = false; // a v and white space since
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    const cls = unitClass[c]!;
    if (cls === 0) {
      // Most characters: nothing any rule starts or continues with.
      afterPlus = afterV = false;
      continue;
    }
    const next = i + 1 < n ? units[i + 1]! : 0;
    const next2 = i + 2 < n ? units[i + 2]! : 0;
    if ((cls & SPACE) === 0) {
      if (c === V || c === W) {
        if (afterPlus) hints |= CUE_HINT.plusV;
        if (next === 101 && next2 === 105) hints |= CUE_HINT.weixin; // "wei"
        if (next === X || (unitClass[next]! & HEART) !== 0) hints |= CUE_HINT.vx;
        else if ((unitClass[next]! & SEP_UNIT) !== 0 && (next2 === X || (unitClass[next2]! & HEART) !== 0)) hints |= CUE_HINT.vx;
      } else if ((cls & WEI) !== 0) {
        const isWeixin = c === 0x5fae && next === 0x4fe1; // 微信 itself, which the rule leaves as it is
        if ((unitClass[next]! & HEART) !== 0 ? !isWeixin : (unitClass[next]! & SEP_UNIT) !== 0 && (unitClass[next2]! & HEART) !== 0) hints |= CUE_HINT.weiHeart;
        if (c === 0x536b && next === 0x661f) hints |= CUE_HINT.satellite; // 卫星
        if (colonOrAlnumAfter(units, n, i, true)) hints |= CUE_HINT.weiAlone;
      } else if (c === Q) {
        if ((unitClass[next]! & SPACE) !== 0 && next2 === Q) hints |= CUE_HINT.penguin;
        if (mayStartQqDigits(units, n, i)) hints |= CUE_HINT.qDigits;
      } else if ((cls & PENGUIN) !== 0) {
        if (c === 0x4f01 ? next === 0x9e45 : next === c) hints |= CUE_HINT.penguin; // 扣扣 … 企鹅
        if (colonOrAlnumAfter(units, n, i, false)) hints |= CUE_HINT.penguinAlone;
      }
      if (afterV && (cls & COLON) !== 0) hints |= CUE_HINT.vColon;
      afterPlus = (cls & PLUS) !== 0;
      afterV = c === V;
    }
  }
  return hints;
}

/** After units[i] and white space comes a colon (or, when `alnum`, also an ASCII letter or digit). */
function colonOrAlnumAfter(units: Uint16Array, n: number, i: number, alnum: boolean): boolean {
  let j = i + 1;
  while (j < n && IS_SPACE[units[j]!] === 1) j++;
  const c = j < n ? units[j]! : 0;
  if (c === 58 || c === 0xff1a) return true;
  return alnum && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
}

/**
 * Whether rule 8's q could be the one at units[i]: no letter or digit before it, and after
 * white space a digit or one of : ： 号. Most q's are inside a word or the canonical "qq".
 */
function mayStartQqDigits(units: Uint16Array, n: number, i: number): boolean {
  const before = i > 0 ? units[i - 1]! : 0;
  if ((before >= 97 && before <= 122) || (before >= 48 && before <= 57)) return false;
  let j = i + 1;
  while (j < n && IS_SPACE[units[j]!] === 1) j++;
  const c = j < n ? units[j]! : 0;
  return (c >= 48 && c <= 57) || c === 58 || c === 0xff1a || c === 0x53f7;
}

/** The hints when rule 8 alone can apply: qqBeforeDigitsUnits does it on code units. */
export const ONLY_QQ_BEFORE_DIGITS = CUE_HINT.qDigits;

/**
 * Rule 8 (a q before five digits, as in "q 12345", becomes "qq") from units[0, n) into
 * out, which has room for 2n: the length written.
 */
export function qqBeforeDigitsUnits(units: Uint16Array, n: number, out: Uint16Array): number {
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    out[o++] = c;
    if (c !== Q) continue;
    const before = i > 0 ? units[i - 1]! : 0;
    if ((before >= 97 && before <= 122) || (before >= 48 && before <= 57)) continue;
    // (?=\s*[:：号]?\s*\d{5,}): the three classes are disjoint, so each part takes all it can.
    let j = i + 1;
    while (j < n && IS_SPACE[units[j]!] === 1) j++;
    if (j < n && (units[j] === 58 || units[j] === 0xff1a || units[j] === 0x53f7)) j++; // : ： 号
    while (j < n && IS_SPACE[units[j]!] === 1) j++;
    let digits = 0;
    while (digits < 5 && j < n && units[j]! >= 48 && units[j]! <= 57) {
      j++;
      digits++;
    }
    if (digits === 5) out[o++] = Q;
  }
  return o;
}

let scratch: Uint16Array = new Uint16Array(1024);

function hintsOf(text: string): number {
  scratch = loadUnits(text, scratch);
  return contactCueHints(scratch, text.length);
}

/**
 * Rewrites every contact-cue variant to its canonical token, given contactCueHints of the text:
 * RULES in turn, but only those the hints allow. Expects char-folded (lower-case) text.
 */
export function canonicalizeHinted(text: string, hints: number): string {
  let out = text;
  for (let r = 0; r < RULES.length && hints !== 0; r++) {
    if ((hints & RULE_HINTS[r]!) === 0) continue;
    const next = out.replace(RULES[r]![0], RULES[r]![1]);
    // A rewrite can bring what a later rule looks for.
    if (next !== out) hints = hintsOf((out = next));
  }
  return out;
}
