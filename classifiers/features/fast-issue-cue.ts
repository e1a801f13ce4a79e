// The fast-issue cue (直接出证, 3天拿证, 速拿 …) by one scan that looks only at its first characters,
// instead of the regex's tries at every digit ([0-9]+天 lets any digit start a match).

/** The lexicon regex this scanner answers test() for; featurize uses the scanner only while they agree. */
export const FAST_ISSUE_CUE_SOURCE = '直接(?:出|拿|发)证|快速(?:拿|出|取|办)证|当天(?:拿|出)证|[0-9]+天(?:拿|出)证|拿证快|出证快|速拿|速获|轻松获取|不出家门|一个月拿证';

// The literal alternatives spelled out, by their first code unit (IS_FIRST spares the Map lookup
// for the other code units).
const LITERALS = new Map<number, string[]>();
const IS_FIRST = new Uint8Array(0x10000);
for (const w of ['直接出证', '直接拿证', '直接发证', '快速拿证', '快速出证', '快速取证', '快速办证', '当天拿证', '当天出证', '拿证快', '出证快', '速拿', '速获', '轻松获取', '不出家门', '一个月拿证']) {
  const c = w.charCodeAt(0);
  LITERALS.set(c, [...(LITERALS.get(c) ?? []), w]);
  IS_FIRST[c] = 1;
}

/** new RegExp(FAST_ISSUE_CUE_SOURCE).test(text); [0-9]+天(拿|出)证 holds when 天拿证/天出证 follows a digit. */
export function hasFastIssueCue(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5929) {
      // 天
      if (i > 0 && i + 2 < n) {
        const d = text.charCodeAt(i - 1);
        const a = text.charCodeAt(i + 1);
        if (d >= 48 && d <= 57 && (a === 0x62ff || a === 0x51fa) && text.charCodeAt(i + 2) === 0x8bc1) return true;
      }
      continue;
    }
    if (IS_FIRST[c] === 0) continue;
    const words = LITERALS.get(c)!;
    for (let k = 0; k < words.length; k++) if (text.startsWith(words[k]!, i)) return true;
  }
  return false;
}
