// The homophone fold read straight off the word lists, by brute force over every window: what
// the trie scan in classifiers/text/domain-homophones.ts is held to.
import { DOMAIN_WORDS, STOP, VARIANTS, pinyinOf } from '../../../classifiers/text/domain-homophones.js';

const isHan = (code: number) => code >= 0x3400 && code <= 0x9fff;

/**
 * At each start the longest window of Han characters whose pinyin spells a domain word (the first
 * listed, of those spelled alike) and which is that word or differs only by its known variants
 * (and is no stop word); every start reads the text as it was.
 */
export function foldDomainHomophonesReference(text: string): string {
  const out = text.split('');
  const chars = text.split('');
  for (let i = 0; i < chars.length; i++) {
    let best = '';
    let bestExact = false;
    for (let len = 1; len <= 4 && i + len <= chars.length; len++) {
      const window = chars.slice(i, i + len);
      if (!window.every((ch) => isHan(ch.charCodeAt(0)))) break;
      const spelled = window.map(pinyinOf).join(' ');
      const word = DOMAIN_WORDS.find((w) => w.length === len && [...w].map(pinyinOf).join(' ') === spelled);
      if (!word) continue;
      const exact = word === window.join('');
      const variantsOk = [...word].every((want, q) => want === window[q] || (VARIANTS[want] ?? '').includes(window[q]!));
      if (exact || (variantsOk && !STOP.has(window.join('')))) {
        best = word;
        bestExact = exact;
      }
    }
    if (best && !bestExact) for (let q = 0; q < best.length; q++) out[i + q] = best[q]!;
  }
  return out.join('');
}
