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
];

// Real words that share pinyin with a domain word and must stay as written.
const STOP = new Set(['包裹', '科长', '政府', '正式', '正在', '整理', '出征', '正常', '真是', '真事', '真石', '考察', '证实', '正时', '代办处']);

// Characters sellers actually swap in for each character of the vocabulary. Pinyin finds the
// candidates; this list keeps ordinary words (证建 in 证建筑, 科长) from being rewritten.
const VARIANTS: Record<string, string> = {
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

// The scan below works on code units, never on one-character strings (each `text[i]` of a
// Han character allocates): syllables become small integers, filled lazily (0 = not yet known).
const syllableIds = new Map<string, number>();
const syllableOf = new Int32Array(0x10000);

function syllable(code: number): number {
  let id = syllableOf[code]!;
  if (id === 0) {
    const py = charPinyin(String.fromCharCode(code));
    id = syllableIds.get(py) ?? syllableIds.size + 1;
    syllableIds.set(py, id);
    syllableOf[code] = id;
  }
  return id;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  word?: string;
}
let root: TrieNode | undefined;

// A trie over toneless syllables: one Map lookup per character instead of one per window.
function buildTrie(): TrieNode {
  const r: TrieNode = { next: new Map() };
  for (const w of DOMAIN_WORDS) {
    let node = r;
    for (let q = 0; q < w.length; q++) {
      const py = syllable(w.charCodeAt(q));
      let child = node.next.get(py);
      if (!child) node.next.set(py, (child = { next: new Map() }));
      node = child;
    }
    node.word ??= w;
  }
  root = r;
  return r;
}

const isHan = (code: number) => code >= 0x3400 && code <= 0x9fff;

// Per code unit, once the trie is built: 1 when its syllable starts a domain word, 2 when it
// does not, 0 not yet asked. Most characters start none, and this skips their Map lookup.
const startsWord = new Uint8Array(0x10000);

// Characters that appear in VARIANTS: a window without one of them can never change.
let isVariant: Uint8Array | undefined;
// canonical code × 0x10000 + variant code, for every pair VARIANTS allows.
const variantPairs = new Set<number>();

function variantTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const [canonical, chars] of Object.entries(VARIANTS)) for (const c of chars) {
    t[c.charCodeAt(0)] = 1;
    variantPairs.add(canonical.charCodeAt(0) * 0x10000 + c.charCodeAt(0));
  }
  isVariant = t;
  return t;
}

// A text being rewritten, as code units (not an array of one-character strings).
function codeUnits(text: string): Uint16Array {
  const out = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

function fromCodeUnits(units: Uint16Array): string {
  let out = '';
  for (let k = 0; k < units.length; k += 4096) out += String.fromCharCode.apply(null, units.subarray(k, k + 4096) as unknown as number[]);
  return out;
}

/** Rewrites homophone/near-glyph spellings of DOMAIN_WORDS; text must already be simplified. */
export function foldDomainHomophones(text: string): string {
  const r = root ?? buildTrie();
  const variant = isVariant ?? variantTable();
  const n = text.length;
  // Only starts up to 3 characters before a variant character can produce a change.
  let nextVariant = -1;
  for (let k = 0; k < n; k++) if (variant[text.charCodeAt(k)] === 1) {
    nextVariant = k;
    break;
  }
  if (nextVariant < 0) return text;
  // Matches may overlap (毕业证 + 证书 in 毕业证输), so every position is tried and fixes are written in place.
  let chars: Uint16Array | undefined;
  for (let i = Math.max(0, nextVariant - 3); i < n; i++) {
    if (i > nextVariant) {
      nextVariant = -1;
      for (let k = i; k < n; k++) if (variant[text.charCodeAt(k)] === 1) {
        nextVariant = k;
        break;
      }
      if (nextVariant < 0) break;
      if (i < nextVariant - 3) i = nextVariant - 3;
    }
    const code = text.charCodeAt(i);
    if (!isHan(code)) continue;
    let starts = startsWord[code]!;
    if (starts === 0) {
      starts = r.next.has(syllable(code)) ? 1 : 2;
      startsWord[code] = starts;
    }
    if (starts === 2) continue;
    let node: TrieNode | undefined = r.next.get(syllable(code));
    if (!node) continue;
    let bestWord = '';
    let bestExact = false;
    for (let k = i; ; ) {
      const word = node.word;
      if (word !== undefined) {
        let exact = true;
        let variantsOk = true;
        for (let q = 0; q < word.length; q++) {
          const have = text.charCodeAt(i + q);
          const want = word.charCodeAt(q);
          if (have === want) continue;
          exact = false;
          if (!variantPairs.has(want * 0x10000 + have)) {
            variantsOk = false;
            break;
          }
        }
        // Every differing character must be a known variant of the one it stands for (科长 never turns into 刻章).
        if (exact || (variantsOk && !STOP.has(text.slice(i, k + 1)))) {
          bestWord = word;
          bestExact = exact;
        }
      }
      k++;
      if (k >= n || k - i >= 4 || !isHan(text.charCodeAt(k))) break;
      node = node.next.get(syllable(text.charCodeAt(k)));
      if (!node) break;
    }
    if (bestWord && !bestExact) {
      chars ??= codeUnits(text);
      for (let q = 0; q < bestWord.length; q++) chars[i + q] = bestWord.charCodeAt(q);
    }
  }
  return chars ? fromCodeUnits(chars) : text;
}

/** Toneless pinyin of one Han character (cached), for pinyin n-gram features. */
export function pinyinOf(ch: string): string {
  return charPinyin(ch);
}
