// Mobile numbers in the contact view: digit groups joined by separators are read
// as one number only in the groupings people write phones in (3-4-4, 3-8, 7-4 …).
const SEP = String.raw`[\s\-_.·•*~/\\|,，、。:;'"()（）\[\]【】★☆♥♡❤♦◆●○■□▲△→^=+#]`;
export const DIGIT_RUN = new RegExp(String.raw`\d+(?:${SEP}{1,2}\d+)*`, 'g');

// Words just before a number that make it an identifier, not a contact.
const DECOY_BEFORE = /(?:身份证|证号|证书|编号|单号|订单|运单|快递|流水号|工号|学号|卡号|账号|帐号|icp|备案|序列号|批号|准考证|档案|合同号|发票号|税号|代码|尾号|no\.?|#)\s*[:：]?\s*[号码为是]?\s*$/;
const DECOY_AFTER = /^\s*(?:元|块|万|人|次|个|件|%|天|年|月|日|本|张|套|位|名|份|期|kg|米|平)/;

const SHAPES = new Set(['11', '3,4,4', '3,8', '7,4', '3,3,5', '4,3,4']);
const MOBILE = /^1[3-9]\d{9}$/;

function shapeOk(groups: string[]): boolean {
  if (groups.every((g) => g.length === 1)) return true;
  return SHAPES.has(groups.map((g) => g.length).join(','));
}

export interface PhoneHit {
  value: string;
  start: number;
  end: number;
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

const isDigit = (c: number) => c >= 48 && c <= 57;

// DIGIT_RUN's separator class per code unit, read from the regex once.
let runSeparators: Uint8Array | undefined;

function buildRunSeparators(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const re = new RegExp(`^${SEP}$`);
  for (let c = 0; c < 0x10000; c++) if (re.test(String.fromCharCode(c))) t[c] = 1;
  runSeparators = t;
  return t;
}

/** The digit runs DIGIT_RUN matches, for tests of the scan in findPhones. */
export function findPhonesReference(text: string): PhoneHit[] {
  const out: PhoneHit[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 12), start);
    if (/[a-z_]$/.test(before) && !/(?:tel|phone|mobile|dh|call)[:：]?$/.test(before)) continue;
    if (/^[a-z_]/.test(text.slice(end, end + 1))) continue;
    for (const hit of phonesInRun(m[0], start)) {
      if (DECOY_BEFORE.test(text.slice(Math.max(0, hit.start - 12), hit.start))) continue;
      if (DECOY_AFTER.test(text.slice(hit.end, hit.end + 3))) continue;
      out.push(hit);
    }
  }
  return out;
}

/** Mobile numbers (11 digits, no +86) in `text`, skipping identifiers, prices and counts by context. */
export function findPhones(text: string): PhoneHit[] {
  const out: PhoneHit[] = [];
  const sep = runSeparators ?? buildRunSeparators();
  const n = text.length;
  // The matches of DIGIT_RUN, by a scan: digits, then while one or two separators and a digit follow, more digits.
  for (let p = 0; p < n; p++) {
    if (!isDigit(text.charCodeAt(p))) continue;
    let q = p + 1;
    let digits = 1;
    for (;;) {
      while (q < n && isDigit(text.charCodeAt(q))) {
        q++;
        digits++;
      }
      if (q + 2 < n && sep[text.charCodeAt(q)] === 1 && sep[text.charCodeAt(q + 1)] === 1 && isDigit(text.charCodeAt(q + 2))) q += 2;
      else if (q + 1 < n && sep[text.charCodeAt(q)] === 1 && isDigit(text.charCodeAt(q + 1))) q += 1;
      else break;
    }
    const start = p;
    const end = q;
    p = q - 1;
    // A run with fewer than 11 digits holds no phone: skip its context checks (most runs are prices, dates, counts).
    if (digits < 11) continue;
    const run = text.slice(start, end);
    const before = text.slice(Math.max(0, start - 12), start);
    // A letter glued to the digits makes them part of an id ("t1101…", "a596878686"), except phone cues.
    if (/[a-z_]$/.test(before) && !/(?:tel|phone|mobile|dh|call)[:：]?$/.test(before)) continue;
    if (/^[a-z_]/.test(text.slice(end, end + 1))) continue;
    for (const hit of phonesInRun(run, start)) {
      if (DECOY_BEFORE.test(text.slice(Math.max(0, hit.start - 12), hit.start))) continue;
      if (DECOY_AFTER.test(text.slice(hit.end, hit.end + 3))) continue;
      out.push(hit);
    }
  }
  return out;
}
