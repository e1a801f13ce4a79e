// Writes classifiers/corpus/corpus.jsonl: the labelled corpus certwatch writes itself,
// from the phrase banks and templates in this folder (seeded, so it regenerates identically).
// Run: node bin/run-ts.mjs classifiers/corpus/generate.ts [--seed N] [--out FILE]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CorpusRandom } from './corpus-random.js';
import { SELLER_TEMPLATES, type Draft } from './seller-templates.js';
import { LOOKALIKE_TEMPLATES } from './lookalike-templates.js';
import { OTHER_NEGATIVE_TEMPLATES } from './other-negative-templates.js';
import { WORKPLACE_SELLER_TEMPLATES, WORKPLACE_TEMPLATES } from './workplace-templates.js';
import { GENRE_NEGATIVE_TEMPLATES, GENRE_SELLER_TEMPLATES } from './genre-templates.js';
import { WEB_NEGATIVE_TEMPLATES, WEB_SELLER_TEMPLATES } from './web-templates.js';
import { obfuscateRandomly, obfuscate, type Obfuscation } from '../evaluation/obfuscate.js';

// 2: workplace hard negatives (short job ads with WeChat, job seekers, quoted ads) and job-ad-disguised sellers.
// 3: the genres of issue 18 (genre-templates.ts), drawn after the v2 items so their ids, texts and labels stay the same.
// 4: web-listing genres (web-templates.ts), drawn after the v3 items in the same way.
export const GENERATOR_VERSION = 4;

export interface CorpusItem {
  id: string;
  text: string;
  title?: string;
  label: 'seller_ad' | 'not_seller_ad';
  kind: string;
  style: Draft['style'];
  template: string;
  obfuscations: Obfuscation[];
  provenance: { generator: string; version: number; seed: number; index: number };
}

function weighted<T>(r: CorpusRandom, items: Array<[number, T]>): T {
  const total = items.reduce((s, [w]) => s + w, 0);
  let x = r.next() * total;
  for (const [w, t] of items) if ((x -= w) < 0) return t;
  return items[items.length - 1]![1];
}

export function generateCorpus(seed = 4, positives = 820, negatives = 1500, genrePositives = 240, genreNegatives = 360, webPositives = 260, webNegatives = 420): CorpusItem[] {
  const r = new CorpusRandom(seed);
  const out: CorpusItem[] = [];
  const seen = new Set<string>();
  const push = (d: Draft, label: CorpusItem['label'], kind: string, obfuscations: Obfuscation[]) => {
    const key = `${d.title ?? ''}\n${d.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    out.push({
      id: `corpus-${String(out.length + 1).padStart(5, '0')}`,
      text: d.text,
      ...(d.title ? { title: d.title } : {}),
      label,
      kind,
      style: d.style,
      template: d.template,
      obfuscations,
      provenance: { generator: 'classifiers/corpus/generate.ts', version: GENERATOR_VERSION, seed, index: out.length },
    });
    return true;
  };
  const SELLERS = [...SELLER_TEMPLATES, ...WORKPLACE_SELLER_TEMPLATES];
  let made = 0;
  while (made < positives) {
    const d = r.pick(SELLERS)(r);
    let applied: Obfuscation[] = [];
    if (r.chance(0.35)) {
      const o = obfuscateRandomly(d.text, r.int(1, 3), r.next);
      d.text = o.text;
      applied = o.applied;
    }
    if (push(d, 'seller_ad', 'seller', applied)) made++;
  }
  made = 0;
  const negTemplates = [...LOOKALIKE_TEMPLATES, ...OTHER_NEGATIVE_TEMPLATES, ...WORKPLACE_TEMPLATES];
  while (made < negatives) {
    const d = weighted(r, negTemplates)(r);
    let applied: Obfuscation[] = [];
    // Spammers outside the trade obfuscate too; without these the model would learn "obfuscated = seller".
    if (['fake_invoice', 'loan_spam', 'other_spam', 'chat'].includes(d.kind) && r.chance(0.2)) {
      const kind = r.pick<Obfuscation>(['separators', 'fullwidth', 'numeral-phone', 'traditional', 'cue-variants', 'enclosed-digits']);
      d.text = obfuscate(d.text, kind, r.next);
      applied = [kind];
    } else if (r.chance(0.06)) {
      d.text = obfuscate(d.text, 'traditional', r.next);
      applied = ['traditional'];
    }
    if (push(d, 'not_seller_ad', d.kind, applied)) made++;
  }
  /** Keeps drawing until `count` new items are kept; with probability `p`, one of `kinds` disguises a draft. */
  const draw = (count: number, make: () => Draft & { kind?: string }, label: CorpusItem['label'], p: number, kinds: Obfuscation[]) => {
    for (let kept = 0; kept < count; ) {
      const d = make();
      let applied: Obfuscation[] = [];
      if (r.chance(p)) {
        const kind = kinds.length === 1 ? kinds[0]! : r.pick(kinds);
        d.text = obfuscate(d.text, kind, r.next);
        applied = [kind];
      }
      if (push(d, label, label === 'seller_ad' ? 'seller' : d.kind!, applied)) kept++;
    }
  };
  // Traditional characters and separators are how the real exam-fraud SMS arrive.
  draw(genrePositives, () => r.pick(GENRE_SELLER_TEMPLATES)(r), 'seller_ad', 0.3, ['traditional', 'traditional', 'separators', 'homophones', 'cue-variants']);
  draw(genreNegatives, () => weighted(r, GENRE_NEGATIVE_TEMPLATES)(r), 'not_seller_ad', 0.15, ['traditional']);
  // Forum posts come in traditional characters too, and sellers split their key words there as in SMS.
  draw(webPositives, () => r.pick(WEB_SELLER_TEMPLATES)(r), 'seller_ad', 0.25, ['traditional', 'separators', 'cue-variants', 'homophones']);
  draw(webNegatives, () => weighted(r, WEB_NEGATIVE_TEMPLATES)(r), 'not_seller_ad', 0.1, ['traditional']);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const seed = Number(args[args.indexOf('--seed') + 1] ?? 4) || 4;
  const outPath = args.includes('--out') ? args[args.indexOf('--out') + 1]! : fileURLToPath(new URL('./corpus.jsonl', import.meta.url));
  const items = generateCorpus(seed);
  writeFileSync(outPath, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  const pos = items.filter((i) => i.label === 'seller_ad').length;
  process.stderr.write(`wrote ${items.length} items (${pos} seller_ad, ${items.length - pos} not_seller_ad) to ${outPath}\n`);
}
