// Phone finding as regexes over the digit runs, every check in its regex form: what the probing
// scan findPhones in classifiers/contacts/phone-numbers.ts is held to.
import { DECOY_BEFORE, MAX_SEPS, REGISTRATION_WORD, RUN_SEP, type PhoneHit } from '../../../classifiers/contacts/phone-numbers.js';

const DIGIT_RUN = new RegExp(String.raw`\d+(?:${RUN_SEP}{1,${MAX_SEPS}}\d+)*`, 'g');
// Price, count and date units just after a number: it is no phone.
const DECOY_AFTER = /^\s*(?:元|块|万|人|次|个|件|%|天|年|月|日|本|张|套|位|名|份|期|kg|米|平)/;
// The groupings phones are written in, by group lengths.
const SHAPES = new Set(['11', '3,4,4', '3,8', '7,4', '3,3,5', '4,3,4']);
const MOBILE = /^1[3-9]\d{9}$/;

function shapeOk(groups: string[]): boolean {
  if (groups.every((g) => g.length === 1)) return true;
  return SHAPES.has(groups.map((g) => g.length).join(','));
}

/** Reads one digit run: may hold several phones ("138… 159…") or none (dates, ID numbers). */
function phonesInRun(run: string, runStart: number): PhoneHit[] {
  const groups: Array<{ digits: string; start: number; end: number }> = [];
  for (const m of run.matchAll(/\d+/g)) groups.push({ digits: m[0], start: runStart + m.index, end: runStart + m.index + m[0].length });
  const hits: PhoneHit[] = [];
  let i = 0;
  while (i < groups.length) {
    let accepted = false;
    // Country-code prefix as its own group: "+86 138 1234 5678", "0086-138…".
    const skip = groups[i]!.digits === '86' || groups[i]!.digits === '0086' ? 1 : 0;
    for (let j = i + skip; j < groups.length; j++) {
      const parts = groups.slice(i + skip, j + 1).map((g) => g.digits);
      let joined = parts.join('');
      if (parts.length === 1 && /^(?:0086|86)1[3-9]\d{9}$/.test(joined)) joined = joined.slice(joined.length - 11);
      else if (joined.length > 11) break;
      if (joined.length === 11) {
        if (MOBILE.test(joined) && (parts.length === 1 || shapeOk(parts))) {
          hits.push({ value: joined, start: groups[i]!.start, end: groups[j]!.end });
          i = j + 1;
          accepted = true;
        }
        break;
      }
    }
    if (!accepted) i++;
  }
  return hits;
}

/** The phones in every digit run DIGIT_RUN matches, unless glued to an id or next to a decoy word. */
export function findPhonesReference(text: string): PhoneHit[] {
  const out: PhoneHit[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 12), start);
    if (/[a-z_]$/.test(before) && !/(?:tel|phone|mobile|dh|call)[:：]?$/.test(before)) continue;
    // Letters after the digits glue them to an id unless the letters end on no digit, '_' or '-'.
    if (/^[a-z_]/.test(text.slice(end, end + 1)) && !/^[a-z]+(?![a-z0-9_-])/.test(text.slice(end))) continue;
    for (const hit of phonesInRun(m[0], start)) {
      const before = text.slice(Math.max(0, hit.start - 12), hit.start);
      if (DECOY_BEFORE.test(before) && !REGISTRATION_WORD.test(before)) continue;
      if (DECOY_AFTER.test(text.slice(hit.end, hit.end + 3))) continue;
      out.push(hit);
    }
  }
  return out;
}
