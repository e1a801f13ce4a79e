// Sale talk inside quotation marks is reported speech: crackdown news and users' warnings quote an
// ad's words (“不用考试”“包过”), where a seller writes them out plain. The model learns what that means.
import { normalizeText } from '../text/normalize.js';
import { CUES } from './lexicon.js';

// Folding drops quotation marks with the other separators, so spans are found in the raw view.
const QUOTE_OPEN = /[“"「『‘＂]/;
const QUOTED_SPANS = /[“"「『‘＂]([^“”"「」『』‘’＂\n]{1,40})[”"」』’＂]/g;

export interface QuotedSale {
  /** Quoted spans that hold a sale cue. */
  spans: number;
  /** Every sale cue of the post stands inside quotes: none in its own words. */
  only: boolean;
}

const NONE: QuotedSale = { spans: 0, only: false };

// Each cue's pattern, global, to count its matches (the lexicon's own patterns are not global).
const COUNTERS = CUES.map((c) => new RegExp(c.pattern.source, c.pattern.flags.includes('g') ? c.pattern.flags : c.pattern.flags + 'g'));

function matches(k: number, text: string): number {
  const re = COUNTERS[k]!;
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/**
 * `folded`: the whole post's folded view; `saleCues`: indices into CUES of the sale cues it matched.
 * A cue stands outside the quotes when the post holds more of its matches than its quoted spans do,
 * which spares folding the text between quotes again.
 */
export function quotedSaleCues(raw: string, folded: string, saleCues: readonly number[]): QuotedSale {
  if (saleCues.length === 0 || !QUOTE_OPEN.test(raw)) return NONE;
  let spans = 0;
  const inQuotes = new Array<number>(saleCues.length).fill(0);
  for (const m of raw.matchAll(QUOTED_SPANS)) {
    const span = normalizeText(m[1]!).folded;
    let any = false;
    for (let j = 0; j < saleCues.length; j++) {
      const n = matches(saleCues[j]!, span);
      inQuotes[j]! += n;
      if (n > 0) any = true;
    }
    if (any) spans++;
  }
  if (spans === 0) return NONE;
  return { spans, only: saleCues.every((k, j) => matches(k, folded) <= inQuotes[j]!) };
}
