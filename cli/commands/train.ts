// `certwatch train`: fits the hashed logistic-regression model on labelled JSON Lines
// (corpus, real-world data, analyst labels) and writes the compact model file.
import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { parseOptions, intOption, fractionOption, choiceOption } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { readLabelledFile } from '../labelled-files.js';
import { sandboxLabelledPosts } from '../../sandbox/index.js';
import { trainModel, type LabelledText, toModelFile, atThreshold, averagePrecision, precisionAtRecall, splitFrozen, webListingsCheck, DEFAULT_WINDOW, DEFAULT_LBFGS_L2, DEFAULT_BAGS, OPTIMIZERS, SURFACE_SHARE, DEFAULT_CUT_COPIES, isRealSource } from '../../classifiers/training/index.js';

const usage = `usage: certwatch train --data FILE [--data FILE …] --out MODEL.json [--hold-frozen DEV.jsonl] [--seed N] [--folds K] [--epochs N] [--bits B] [--window W] [--surface-share S] [--l2 X] [--surface-l2 X] [--optimizer adagrad|lbfgs|blend] [--surface-optimizer adagrad|lbfgs|blend] [--bags N] [--cut-copies N] [--oof FILE.jsonl]

Trains the seller-ad classifier on JSON Lines with "text" and "label"
(seller_ad/not_seller_ad, 1/0 or true/false). Runs grouped K-fold
cross-validation (near-duplicates kept together) to calibrate scores and
choose the flag/review thresholds, then fits on all data. Progress on stderr;
a summary JSON on stdout. --oof writes the out-of-fold scores.

--hold-frozen DEV.jsonl (one of the --data files) leaves out its frozen fold
(classifiers/evaluation/frozen-fold.ts) and the texts of the other real-world
files near it, so \`certwatch eval --frozen\` still scores the shipped model on
texts it never saw. --window W: window width for long posts (0: whole posts).
--surface-share S: weight 0..1 of the surface n-gram view in the mix (default
0.5; 0 trains the folded view alone, as models before 2026-12-04).
--optimizer / --surface-optimizer: each view's learner: adagrad (ten seeded
epochs), lbfgs (the optimum under a plain L2 penalty) or blend (their mean,
the default for both since 2026-12-06). --l2 / --surface-l2: their penalties
(AdaGrad's, 1e-5 by default; the optimum's λ, ${DEFAULT_LBFGS_L2} by default,
which is what they set under blend). --bags N: AdaGrad fits averaged per view, each on its own
shuffle (default 1). --cut-copies N: copies of each real-world or analyst text
with a fifth of it cut out, trained on beside it (default 2; 0 for none).`;

const command: Command = {
  summary: 'train the classifier on labelled JSON Lines',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      seed: { type: 'string' },
      folds: { type: 'string' },
      epochs: { type: 'string' },
      bits: { type: 'string' },
      oof: { type: 'string' },
      'hold-frozen': { type: 'string' },
      window: { type: 'string' },
      'surface-share': { type: 'string' },
      l2: { type: 'string' },
      'surface-l2': { type: 'string' },
      optimizer: { type: 'string' },
      'surface-optimizer': { type: 'string' },
      bags: { type: 'string' },
      'cut-copies': { type: 'string' },
    });
    if (!values.data?.length) throw new UsageError('--data FILE is required (repeatable)');
    if (!values.out) throw new UsageError('--out MODEL.json is required');
    let items: LabelledText[] = [];
    const byFile = new Map<string, LabelledText[]>();
    for (const file of values.data) {
      const read = readLabelledFile(file);
      process.stderr.write(`${file}: ${read.length} labelled texts\n`);
      byFile.set(file, read);
      items.push(...read);
    }
    const hold = values['hold-frozen'];
    if (hold) {
      const dev = byFile.get(hold);
      if (!dev) throw new UsageError('--hold-frozen must name one of the --data files');
      const others = [...byFile].filter(([f]) => f !== hold).flatMap(([, v]) => v).filter((it) => isRealSource(it.source));
      const split = splitFrozen(dev, others);
      const out = new Set([...split.frozen, ...split.secondNearFrozen]);
      items = items.filter((it) => !out.has(it));
      process.stderr.write(`--hold-frozen: ${split.frozen.length} frozen texts of ${hold} and ${split.secondNearFrozen.length} near them left out\n`);
    }
    const folds = intOption(values.folds, 'folds', 5);
    if (folds < 2) throw new UsageError('--folds must be at least 2');
    const bags = intOption(values.bags, 'bags', DEFAULT_BAGS);
    if (bags < 1) throw new UsageError('--bags must be at least 1');
    if (items.filter((i) => i.y === 1).length < 2 || items.filter((i) => i.y === 0).length < 2) {
      throw new UsageError('--data must hold at least two texts of each label');
    }
    const optimizer = choiceOption(values.optimizer, 'optimizer', OPTIMIZERS);
    const surfaceOptimizer = choiceOption(values['surface-optimizer'], 'surface-optimizer', OPTIMIZERS);
    const optimizers = { ...(optimizer ? { optimizer } : {}), ...(surfaceOptimizer ? { surfaceOptimizer } : {}) };
    const started = Date.now();
    const { model, oof } = trainModel(items, {
      seed: intOption(values.seed, 'seed', 20261127),
      folds,
      epochs: intOption(values.epochs, 'epochs', 10),
      bits: intOption(values.bits, 'bits', 18),
      window: intOption(values.window, 'window', DEFAULT_WINDOW),
      surfaceShare: fractionOption(values['surface-share'], 'surface-share', SURFACE_SHARE),
      ...(values.l2 ? { l2: fractionOption(values.l2, 'l2', 0) } : {}),
      ...(values['surface-l2'] ? { surfaceL2: fractionOption(values['surface-l2'], 'surface-l2', 0) } : {}),
      ...optimizers,
      bags,
      cutCopies: { ...DEFAULT_CUT_COPIES, copies: intOption(values['cut-copies'], 'cut-copies', DEFAULT_CUT_COPIES.copies) },
      progress: (m) => process.stderr.write(`[train ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
    });
    const bySource: Record<string, unknown> = {};
    for (const source of new Set(oof.map((o) => o.source))) {
      const part = oof.filter((o) => o.source === source);
      bySource[source] = {
        count: part.length,
        positives: part.filter((o) => o.y === 1).length,
        averagePrecision: round(averagePrecision(part)),
        precisionAtRecall90: round(precisionAtRecall(part, 0.9).precision),
        atFlag: atThreshold(part, model.thresholds.flag),
      };
    }
    // Real texts are mostly SMS and e-mail; the bureau's posts are web listings: checked, never trained on.
    const webListings = webListingsCheck(model, sandboxLabelledPosts());
    model.metrics = { ...model.metrics, outOfFoldBySource: bySource as never, webListings: webListings as never };
    writeFileSync(values.out, JSON.stringify(toModelFile(model)) + '\n');
    if (values.oof) writeFileSync(values.oof, oof.map((o) => JSON.stringify(o)).join('\n') + '\n');
    process.stdout.write(JSON.stringify({ out: values.out, version: model.version, count: items.length, thresholds: model.thresholds, calibration: model.calibration, webListings, outOfFold: bySource }, null, 2) + '\n');
    return 0;
  },
};

const round = (x: number) => Math.round(x * 10000) / 10000;
export default command;
