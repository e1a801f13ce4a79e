// The sellers' obfuscations, applied on purpose: used to write obfuscated positives
// into the corpus and by the adversarial test that checks recall survives them.
import * as OpenCC from 'opencc-js';

export type Obfuscation = 'separators' | 'homophones' | 'fullwidth' | 'numeral-phone' | 'traditional' | 'cue-variants' | 'enclosed-digits' | 'zero-width';

export const ALL_OBFUSCATIONS: Obfuscation[] = ['separators', 'homophones', 'fullwidth', 'numeral-phone', 'traditional', 'cue-variants', 'enclosed-digits', 'zero-width'];

const HOMOPHONES: Record<string, string[]> = {
  证: ['正', '政', '証'], 办: ['班', '半'], 考: ['烤', '靠'], 试: ['式', '事'], 章: ['张'], 刻: ['克'], 凭: ['平'], 历: ['力'],
  票: ['漂'], 查: ['茶'], 过: ['锅', '果'], 书: ['输'], 件: ['见'], 驾: ['架'], 格: ['个'], 毕: ['必'], 焊: ['汗'],
};
const SEPARATORS = [' ', '.', '*', '-', '★', '|', '·', '~', '/', '❤'];
const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CAP_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SLANG_DIGITS = ['洞', '幺', '两', '三', '四', '五', '六', '拐', '八', '勾'];
const ENCLOSED = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const DINGBAT = ['⓿', '➀', '➁', '➂', '➃', '➄', '➅', '➆', '➇', '➈'];
const WECHAT_CUES = ['薇信', '威信', '徽信', 'V信', 'vx', 'wx', '➕V', 'V❤', 'Ⓥ信', '🅥x'];
const QQ_CUES = ['扣扣', '企鹅', 'Q Q', 'ＱＱ'];

let toTraditional: ((s: string) => string) | undefined;

const KEY_WORDS = /办证|证件|证书|考试|刻章|毕业证|资格证|操作证|电工证|焊工证|登高证|驾驶证|可查|包过|免考|出证|拿证|文凭|学历|发票|作业/g;

function fullwidth(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

export function obfuscate(text: string, kind: Obfuscation, rand: () => number): string {
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!;
  switch (kind) {
    case 'separators':
      return text.replace(KEY_WORDS, (w) => [...w].join(pick(SEPARATORS)));
    case 'homophones':
      return text.replace(/[证办考试章刻凭历票查过书件驾格毕焊]/g, (c) => (rand() < 0.7 ? pick(HOMOPHONES[c]!) : c));
    case 'fullwidth':
      return fullwidth(text);
    case 'numeral-phone':
      return text.replace(/1[3-9]\d{9}/g, (p) => {
        const table = pick([CN_DIGITS, CAP_DIGITS, SLANG_DIGITS]);
        return [...p].map((d) => table[Number(d)]).join(rand() < 0.5 ? '' : ' ');
      });
    case 'traditional':
      toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' });
      return toTraditional!(text);
    case 'cue-variants':
      return text.replace(/微信/g, () => pick(WECHAT_CUES)).replace(/qq/gi, () => pick(QQ_CUES));
    case 'enclosed-digits':
      return text.replace(/\d/g, (d) => (rand() < 0.5 ? ENCLOSED : DINGBAT)[Number(d)]!);
    case 'zero-width':
      return text.replace(KEY_WORDS, (w) => [...w].join('\u200b'));
  }
}

/** Applies `count` distinct obfuscations chosen at random; returns the text and what was applied. */
export function obfuscateRandomly(text: string, count: number, rand: () => number): { text: string; applied: Obfuscation[] } {
  const kinds = [...ALL_OBFUSCATIONS].sort(() => rand() - 0.5).slice(0, count);
  let out = text;
  for (const k of kinds) out = obfuscate(out, k, rand);
  return { text: out, applied: kinds };
}
