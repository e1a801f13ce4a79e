// Does a second stage for the review band pay (issue 18)? A study on `eval --frozen --scores-out` rows:
// each text's nearest real texts the first stage's fit also saw, blended into its logit; β chosen on dev.
//
//   node bin/run-ts.mjs test/bench/review-band-second-stage.ts SCORES.jsonl [--k 10]
//
// Neighbours are the real texts (dev and second batch) by char-3-gram Jaccard of the folded text, the
// similarity-weighted share of seller ads among the k nearest; an out-of-fold text only meets texts of
// other folds (what its fold's fit trained on), the frozen fold and the web listings meet them all.
// The second stage adds β·(2·share − 1) to the logit of a text whose score falls in the band. β and the
// band are chosen on the cross-validated dev set alone; the other sets are read at that choice.
import { readFileSync } from 'node:fs';
import { parseLabelledJsonl } from '../../classifiers/training/labelled-jsonl.js';
import { normalizeText } from '../../classifiers/text/normalize.js';
import { jaccard, shingles } from '../../classifiers/evaluation/near-duplicates.js';
import { averagePrecision, precisionAtRecall, type Scored } from '../../classifiers/evaluation/metrics.js';
import { sharedDataDir } from '../../classifiers/evaluation/shared-data-path.js';
import { sigmoid } from '../../classifiers/model/model.js';
import { CHECK_SEEDS, sandboxLabelledPosts } from '../../sandbox/index.js';

interface Row {
  set: string;
  id: string;
  y: 0 | 1;
  score: number;
  fold?: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--k');
if (!file) {
  console.error('usage: review-band-second-stage.ts SCORES.jsonl [--k N]   (SCORES from certwatch eval --frozen --scores-out)');
  process.exit(2);
}
const k = args.includes('--k') ? Number(args[args.indexOf('--k') + 1]) : 10;
const rows: Row[] = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
if (!rows.some((r) => r.fold !== undefined)) throw new Error(`${file}: no fold on its rows (written before eval --scores-out carried folds)`);

const data = (name: string) => parseLabelledJsonl(readFileSync(`${sharedDataDir()}/${name}`, 'utf8'), name).items;
const textOf = new Map<string, string>();
for (const it of [...data('real-world-dev.jsonl'), ...data('real-world-train-2.jsonl'), ...sandboxLabelledPosts({ seeds: CHECK_SEEDS })])
  textOf.set(it.id, it.title ? `${it.title}\n${it.text}` : it.text);
const shingled = new Map(rows.map((r) => [r.id, shingles(normalizeText(textOf.get(r.id) ?? '').folded)]));
const pool = rows.filter((r) => r.set === 'dev' || r.set === 'second');

// Each row's similarity to its nearest neighbour: how close the texts a fit saw come to the ones it scores.
const nearest = new Map<string, number>();

/** Similarity-weighted share of seller ads among the k nearest texts this row's fit trained on. */
function neighbourShare(r: Row): number {
  const mine = shingled.get(r.id)!;
  const near: Array<[number, 0 | 1]> = [];
  for (const p of pool) if (p.id !== r.id && (r.fold === undefined || p.fold !== r.fold)) near.push([jaccard(mine, shingled.get(p.id)!), p.y]);
  near.sort((a, b) => b[0] - a[0]);
  nearest.set(r.id, near[0]?.[0] ?? 0);
  let weight = 0;
  let sellers = 0;
  for (const [s, y] of near.slice(0, k)) {
    weight += s;
    sellers += s * y;
  }
  return weight > 0 ? sellers / weight : 0;
}

const share = new Map(rows.map((r) => [r.id, neighbourShare(r)]));
const logit = (p: number) => Math.log(Math.max(p, 1e-12) / Math.max(1 - p, 1e-12));
const SETS = { dev: ['dev'], second: ['second', 'second-near-frozen'], frozen: ['frozen'], web: ['web'] };
type Figures = Record<keyof typeof SETS, { ap: number; atRecall90: number; atRecall95: number }>;

function figures(beta: number, band: readonly [number, number]): Figures {
  const out = {} as Figures;
  for (const [name, sets] of Object.entries(SETS) as Array<[keyof typeof SETS, string[]]>) {
    const items: Scored[] = rows
      .filter((r) => sets.includes(r.set))
      .map((r) => {
        const lift = r.score >= band[0] && r.score < band[1] ? beta * (2 * share.get(r.id)! - 1) : 0;
        return { y: r.y, score: sigmoid(logit(r.score) + lift) };
      });
    const round = (x: number) => Math.round(x * 10000) / 10000;
    out[name] = { ap: round(averagePrecision(items)), atRecall90: round(precisionAtRecall(items, 0.9).precision), atRecall95: round(precisionAtRecall(items, 0.95).precision) };
  }
  return out;
}

const BANDS = [[0, 1.01], [0.02, 0.98], [0.05, 0.7], [0.1, 0.9]] as const;
const grid = BANDS.flatMap((band) => [0, 0.5, 1, 2, 3, 5].map((beta) => ({ beta, band, ...figures(beta, band) })));
// Chosen on dev alone: its AP, then its precision at recall 0.95, then the smaller β.
const chosen = [...grid].sort((a, b) => b.dev.ap - a.dev.ap || b.dev.atRecall95 - a.dev.atRecall95 || a.beta - b.beta)[0]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
const nearestSimilarity = Object.fromEntries(
  Object.entries(SETS).map(([name, sets]) => [name, Math.round(median(rows.filter((r) => sets.includes(r.set)).map((r) => nearest.get(r.id)!)) * 1000) / 1000]),
);
process.stdout.write(JSON.stringify({ study: 'second stage for the review band: nearest real texts', k, nearestSimilarityMedian: nearestSimilarity, firstStageAlone: grid[0], chosenOnDev: chosen, grid }, null, 2) + '\n');
