// Real texts with their key words spelled in pinyin letters (banzheng, ban zheng, ban证), the way
// short SMS ads dodge filters: what evaluation scores to see whether a fit reads the word or the letters.
import { pinyinOf } from '../text/domain-homophones.js';

/**
 * Words of both sides, so the spelling is no hint of the label: the sellers' (办证, 包过, 可查 …) and
 * the schools', recruiters' and news writers' (培训, 报名, 招聘, 考试, 证书 …).
 */
const KEY_WORDS = /办证|证件|证书|考试|刻章|毕业证|资格证|操作证|电工证|焊工证|登高证|驾驶证|可查|包过|免考|出证|拿证|代考|替考|文凭|学历|发票|培训|报名|招聘|学校|作业/g;

/**
 * Each key word of `text`, with probability `share` (and the first one always), spelled in toneless
 * pinyin: run together (banzheng), one syllable a word (ban zheng), or only its first character (ban证).
 * The same `rand` sequence gives the same text.
 */
export function spellKeyWordsInPinyin(text: string, rand: () => number, share = 0.7): string {
  let first = true;
  return text.replace(KEY_WORDS, (word) => {
    if (!first && rand() >= share) return word;
    first = false;
    const syllables = [...word].map((ch) => pinyinOf(ch).replace(/ü/g, 'v'));
    const form = rand();
    if (form < 0.5) return syllables.join('');
    if (form < 0.75) return ` ${syllables.join(' ')} `;
    return syllables[0] + word.slice(1);
  });
}
