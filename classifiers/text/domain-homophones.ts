// Homophone and near-glyph spellings of the trade's vocabulary (办正, 考式, 毕业政,
// 钢章): matched by toneless pinyin (pinyin-pro) and rewritten to the canonical word.
import { pinyin } from 'pinyin-pro';

/** Canonical words sellers respell; a window is rewritten only when it shares ≥1 character with the word. */
export const DOMAIN_WORDS = [
  '办证', '证件', '证书', '刻章', '印章', '公章', '毕业证', '文凭', '学历', '资格证', '操作证', '上岗证', '电工证', '焊工证',
  '登高证', '驾驶证', '考试', '免考', '包过', '保过', '可查', '出证', '拿证', '发票', '代开', '代办', '流水', '特种作业',
  '官网', '查询', '全国通用', '身份证', '房产证', '职称', '建造师', '不用考', '办理', '联网', '真实', '学信网',
];

// Real words that share pinyin with a domain word and must stay as written.
const STOP = new Set(['包裹', '科长', '政府', '正式', '正在', '整理', '出征', '正常', '真是', '真事', '真石', '考察', '证实', '正时', '代办处']);

// Characters sellers actually swap in for each character of the vocabulary. Pinyin finds the
// candidates; this list keeps ordinary words (证建 in 证建筑, 科长) from being rewritten.
const VARIANTS: Record<string, string> = {
  证: '正政証症挣郑整徵', 办: '班半扮辦拌伴瓣', 考: '烤靠拷铐', 试: '式事是市示拭', 章: '张彰樟獐蟑', 刻: '克可课客', 印: '引饮',
  凭: '平评瓶苹', 历: '力立厉莉丽', 毕: '必比币笔', 业: '页叶夜', 资: '姿滋咨', 格: '个隔各', 驾: '架嫁价', 驶: '使史', 票: '漂飘瞟嫖',
  查: '茶察插', 过: '锅果国裹', 包: '保宝', 免: '面勉', 书: '输树叔', 件: '见健键', 公: '工功攻', 文: '闻纹问', 学: '雪穴', 网: '往王',
  官: '关观冠', 发: '法乏', 开: '凯楷', 代: '带待袋戴', 流: '留刘', 水: '谁', 职: '植直值', 称: '程成', 建: '健见', 造: '早照',
  师: '湿诗狮', 操: '曹草', 作: '做座坐', 岗: '港钢', 焊: '汗汉旱', 电: '点店垫', 工: '公功攻', 理: '里礼李', 通: '同桶', 用: '拥',
  真: '针珍镇', 实: '时食识', 身: '深申', 份: '分粉', 产: '铲', 房: '防', 登: '灯等', 高: '搞稿', 联: '连莲', 种: '钟众', 特: '忑',
  拿: '哪那', 出: '初', 全: '权泉', 国: '果过', 可: '克课刻',
};

// Pinyin per BMP code unit, filled lazily; pinyin-pro is too slow to call per character per post.
const pyCache: Array<string | undefined> = new Array(0x10000);
// 1 = this character's syllable starts some vocabulary word, 2 = it does not, 0 = not yet known.
const startsWord = new Uint8Array(0x10000);

function charPinyin(ch: string): string {
  const code = ch.charCodeAt(0);
  let p = pyCache[code];
  if (p === undefined) {
    p = pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch;
    pyCache[code] = p;
  }
  return p;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  word?: string;
}
let root: TrieNode | undefined;

// A trie over toneless syllables: one Map lookup per character instead of one per window.
function buildTrie(): TrieNode {
  const r: TrieNode = { next: new Map() };
  for (const w of DOMAIN_WORDS) {
    let node = r;
    for (const ch of w) {
      const py = charPinyin(ch);
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

/** Rewrites homophone/near-glyph spellings of DOMAIN_WORDS; text must already be simplified. */
export function foldDomainHomophones(text: string): string {
  const r = root ?? buildTrie();
  const n = text.length;
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isHan(code)) {
      i++;
      continue;
    }
    let starts = startsWord[code]!;
    if (starts === 0) {
      starts = r.next.has(charPinyin(text[i]!)) ? 1 : 2;
      startsWord[code] = starts;
    }
    if (starts === 2) {
      i++;
      continue;
    }
    // Walk the trie as far as the syllables allow and remember the longest acceptable word.
    let node: TrieNode | undefined = r;
    let bestLen = 0;
    let bestWord = '';
    for (let k = i; k < n && k - i < 4; k++) {
      if (!isHan(text.charCodeAt(k))) break;
      node = node.next.get(charPinyin(text[k]!));
      if (!node) break;
      if (node.word !== undefined) {
        const len = k - i + 1;
        const win = text.slice(i, k + 1);
        if (win === node.word) {
          bestLen = len;
          bestWord = win;
          continue;
        }
        let samePlace = false;
        let variantsOk = true;
        for (let q = 0; q < len; q++) {
          const want = node.word[q]!;
          if (win[q] === want) samePlace = true;
          else if (!VARIANTS[want]?.includes(win[q]!)) variantsOk = false;
        }
        // At least one character in the same place (科长 never turns into 刻章), every other a known variant.
        if (samePlace && variantsOk && !STOP.has(win)) {
          bestLen = len;
          bestWord = node.word;
        }
      }
    }
    if (bestLen > 0) {
      if (bestWord !== text.slice(i, i + bestLen)) {
        parts.push(text.slice(start, i), bestWord);
        start = i + bestLen;
      }
      i += bestLen;
    } else i++;
  }
  if (start === 0) return text;
  parts.push(text.slice(start));
  return parts.join('');
}

/** Toneless pinyin of one Han character (cached), for pinyin n-gram features. */
export function pinyinOf(ch: string): string {
  return charPinyin(ch);
}
