// Homophone and near-glyph spellings of the trade's vocabulary (办正, 考式, 毕业政,
// 钢章): matched by toneless pinyin (pinyin-pro) and rewritten to the canonical word.
import { pinyin } from 'pinyin-pro';

/** Canonical words sellers respell; a window is rewritten only when it shares ≥1 character with the word. */
export const DOMAIN_WORDS = [
  '办证', '做证', '制证', '拿证', '出证', '取证', '考证', '真证', '证件', '证书', '证明', '刻章', '刻戳', '印章', '公章', '文凭', '学历',
  '毕业证', '学位证', '资格证', '资格', '合格', '操作证', '上岗证', '电工证', '焊工证', '登高证', '叉车证', '健康证', '驾驶证', '驾驶',
  '行驶证', '准驾证', '身份证', '房产证', '结婚证', '离婚证', '出生证', '残疾证', '职称证', '职称', '会计证', '土地证', '居住证',
  '建造师', '考试', '免考', '自考', '助考', '包过', '保过', '通过', '保证', '见证', '可查', '查询', '发票', '代开', '代办', '办理', '流水',
  '特种作业', '官网', '全国通用', '不用考', '联网', '真实', '学信网', '驾照', '签证', '验证', '考生', '毕业', '牌章', '车牌', '驾行', '师证', '资质证', '查到', '能查', '给办', '另办', '不过',
  // Exam fraud's own words (the lexicon's 代考/替考 cue and 稳过 of the corpus), respelled 替烤, 代靠, 稳锅.
  '替考', '代考', '稳过', '必过', '考务',
];

// Real words that share pinyin with a domain word and must stay as written.
export const STOP = new Set(['包裹', '科长', '政府', '正式', '正在', '整理', '出征', '正常', '真是', '真事', '真石', '考察', '证实', '正时', '代办处']);

// Characters sellers actually swap in for each character of the vocabulary. Pinyin finds the
// candidates; this list keeps ordinary words (证建 in 证建筑, 科长) from being rewritten.
export const VARIANTS: Record<string, string> = {
  证: '正政証症挣郑整徵', 戳: '搓', 办: '班半扮辦拌伴瓣', 考: '烤靠拷铐', 试: '式事是市示拭', 章: '张彰樟獐蟑', 刻: '克可课客', 印: '引饮',
  凭: '平评瓶苹', 历: '力立厉莉丽', 毕: '必比币笔', 业: '页叶夜', 资: '姿滋咨', 格: '个隔各', 驾: '架嫁价', 驶: '使史', 票: '漂飘瞟嫖',
  查: '茶察插', 过: '锅果国裹', 包: '保宝煲', 免: '面勉', 书: '输树叔', 件: '见健键', 公: '工功攻', 文: '闻纹问', 学: '雪穴', 网: '往王',
  官: '关观冠', 发: '法乏', 开: '凯楷', 代: '带待袋戴', 流: '留刘', 水: '谁', 职: '植直值', 称: '程成', 建: '健见', 造: '早照',
  师: '湿诗狮', 操: '曹草', 作: '做座坐', 岗: '港钢', 焊: '汗汉旱', 电: '点店垫', 工: '公功攻', 理: '里礼李', 通: '同桶', 用: '拥',
  真: '针珍镇', 实: '时食识', 身: '深申', 份: '分粉', 产: '铲', 房: '防', 登: '灯等', 高: '搞稿', 联: '连莲', 种: '钟众', 特: '忑',
  拿: '哪那', 出: '初', 全: '权泉', 国: '果过', 可: '克课刻',
};

// Pinyin per BMP code unit, filled lazily; pinyin-pro is too slow to call per character per post.
const pyCache: Array<string | undefined> = new Array(0x10000);

function charPinyin(ch: string): string {
  const code = ch.charCodeAt(0);
  let p = pyCache[code];
  if (p === undefined) {
    p = pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch;
    pyCache[code] = p;
  }
  return p;
}

// The scan reads code units through two tables built once from the vocabulary: the index of a
// character's toneless syllable (0 when the character is in no domain word and no variant, so no
// window through it can change) and a trie over those indexes stored flat in a typed array.
interface Matcher {
  syllableIndex: Uint8Array; // per code unit: 1 + its syllable's index, 0 outside the vocabulary
  width: number; // trie row length: one column per syllable index
  next: Int16Array; // node × width + syllable index → child node, 0 = none (node 0 is the root)
  wordOf: Int16Array; // per node: the DOMAIN_WORDS index that ends there, -1 for none
  // Whether VARIANTS lets one character stand for another: canonicalIndex[want] × variantCount + variantIndex[have].
  canonicalIndex: Uint8Array;
  variantIndex: Uint8Array;
  variantCount: number;
  allowed: Uint8Array;
}
let matcher: Matcher | undefined;

const isHan = (code: number) => code >= 0x3400 && code <= 0x9fff;

function buildMatcher(): Matcher {
  const syllables = new Map<string, number>();
  for (const w of DOMAIN_WORDS) for (const ch of w) if (!syllables.has(charPinyin(ch))) syllables.set(charPinyin(ch), syllables.size + 1);
  const width = syllables.size + 1;
  const syllableIndex = new Uint8Array(0x10000);
  const vocabulary = new Set<string>(DOMAIN_WORDS.join(''));
  const canonicalIndex = new Uint8Array(0x10000);
  const variantIndex = new Uint8Array(0x10000);
  let variantCount = 1;
  for (const [canonical, chars] of Object.entries(VARIANTS)) {
    canonicalIndex[canonical.charCodeAt(0)] = Object.keys(VARIANTS).indexOf(canonical) + 1;
    for (const c of chars) {
      vocabulary.add(c);
      if (variantIndex[c.charCodeAt(0)] === 0) variantIndex[c.charCodeAt(0)] = variantCount++;
    }
  }
  const allowed = new Uint8Array((Object.keys(VARIANTS).length + 1) * variantCount);
  for (const [canonical, chars] of Object.entries(VARIANTS)) for (const c of chars) allowed[canonicalIndex[canonical.charCodeAt(0)]! * variantCount + variantIndex[c.charCodeAt(0)]!] = 1;
  for (const ch of vocabulary) if (isHan(ch.charCodeAt(0))) syllableIndex[ch.charCodeAt(0)] = syllables.get(charPinyin(ch)) ?? 0;
  let nodes = 1;
  const next = new Int16Array(width * (DOMAIN_WORDS.join('').length + 1));
  const wordOf = new Int16Array(next.length / width).fill(-1);
  DOMAIN_WORDS.forEach((w, index) => {
    let node = 0;
    for (const ch of w) {
      const at = node * width + syllables.get(charPinyin(ch))!;
      if (next[at] === 0) next[at] = nodes++;
      node = next[at]!;
    }
    if (wordOf[node] === -1) wordOf[node] = index;
  });
  matcher = { syllableIndex, width, next, wordOf, canonicalIndex, variantIndex, variantCount, allowed };
  return matcher;
}

let fixAt: Int32Array = new Int32Array(64);
let fixWord: Int32Array = new Int32Array(64);

/**
 * Rewrites homophone/near-glyph spellings of DOMAIN_WORDS in units[0, n), in place (the text must
 * already be simplified): at each start, the longest window of Han characters whose pinyin spells
 * a domain word (the first listed, of those spelled alike) and which is that word, or differs only
 * by its VARIANTS and is not in STOP (test/classifiers/references/domain-homophones.ts, by brute
 * force). Matches may overlap (毕业证 + 证书 in 毕业证输): every start is matched against the text
 * as it was, and the rewrites are applied afterwards in order.
 */
export function foldDomainHomophonesUnits(units: Uint16Array, n: number): void {
  const { syllableIndex, width, next, wordOf, canonicalIndex, variantIndex, variantCount, allowed } = matcher ?? buildMatcher();
  let fixes = 0;
  // A window changes only where it holds a variant character, so only starts up to 3 characters
  // before one are tried. nextVariant: the first variant character at or after i.
  let nextVariant = -1;
  for (let i = 0; i < n; i++) {
    if (nextVariant < i) {
      nextVariant = i;
      while (nextVariant < n && variantIndex[units[nextVariant]!] === 0) nextVariant++;
      if (nextVariant === n) break;
      if (i < nextVariant - 3) i = nextVariant - 3;
    }
    let syllable = syllableIndex[units[i]!]!;
    if (syllable === 0) continue;
    let node = next[syllable]!;
    let best = -1;
    let bestExact = false;
    for (let k = i; node !== 0; ) {
      const w = wordOf[node]!;
      if (w >= 0) {
        const word = DOMAIN_WORDS[w]!;
        let exact = true;
        let variantsOk = true;
        for (let q = 0; q < word.length; q++) {
          const have = units[i + q]!;
          const want = word.charCodeAt(q);
          if (have === want) continue;
          exact = false;
          if (allowed[canonicalIndex[want]! * variantCount + variantIndex[have]!] !== 1) {
            variantsOk = false;
            break;
          }
        }
        // Every differing character must be a known variant of the one it stands for (科长 never turns into 刻章).
        if (exact || (variantsOk && !STOP.has(String.fromCharCode.apply(null, units.subarray(i, k + 1) as unknown as number[])))) {
          best = w;
          bestExact = exact;
        }
      }
      k++;
      if (k >= n || k - i >= 4) break;
      syllable = syllableIndex[units[k]!]!;
      node = syllable === 0 ? 0 : next[node * width + syllable]!;
    }
    if (best >= 0 && !bestExact) {
      if (fixes === fixAt.length) {
        fixAt = growInts(fixAt);
        fixWord = growInts(fixWord);
      }
      fixAt[fixes] = i;
      fixWord[fixes++] = best;
    }
  }
  for (let f = 0; f < fixes; f++) {
    const word = DOMAIN_WORDS[fixWord[f]!]!;
    for (let q = 0; q < word.length; q++) units[fixAt[f]! + q] = word.charCodeAt(q);
  }
}

function growInts(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Toneless pinyin of one Han character (cached), for pinyin n-gram features. */
export function pinyinOf(ch: string): string {
  return charPinyin(ch);
}
