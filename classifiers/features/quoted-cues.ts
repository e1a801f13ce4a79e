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

/** `saleCues`: indices into CUES of the sale cues the whole post's folded view matched. */
export function quotedSaleCues(raw: string, saleCues: readonly number[]): QuotedSale {
  if (saleCues.length === 0 || !QUOTE_OPEN.test(raw)) return NONE;
  let spans = 0;
  for (const m of raw.matchAll(QUOTED_SPANS)) {
    const folded = normalizeText(m[1]!).folded;
    if (saleCues.some((k) => CUES[k]!.pattern.test(folded))) spans++;
  }
  if (spans === 0) return NONE;
  // Each stretch between quotes is folded alone: folding joins Han across any separator, and
  // 包“…”过 is no 包过.
  const outside = raw.split(QUOTED_SPANS).filter((_, i) => i % 2 === 0).map((part) => normalizeText(part).folded);
  return { spans, only: !outside.some((part) => saleCues.some((k) => CUES[k]!.pattern.test(part))) };
}
