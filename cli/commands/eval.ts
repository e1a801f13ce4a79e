// `certwatch eval`: metrics JSON for the classifier on a labelled file — with a given
// model, or by grouped cross-validation side by side with natural's Bayes baseline.
import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { choiceOption, fractionOption, intOption, parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { loadDefaultModel, loadModelFile, type Model } from '../../classifiers/index.js';
import { readLabelledFile } from '../labelled-files.js';
import { CHECK_SEEDS, sandboxLabelledPosts } from '../../sandbox/index.js';
import { type LabelledText, analyzePost, calibrate, postScore, metricsReport, crossValidate, prCurve, type Scored, prCurvePng, prCurveSvg, type Curve, honestEvaluation, OPTIMIZERS, DEFAULT_CUT_COPIES } from '../../classifiers/training/index.js';

const usage = `usage: certwatch eval --data FILE [--model MODEL.json] [--pr-curve OUT.svg|OUT.png]
       certwatch eval --data FILE --cross-validate [--with FILE …] [--baseline] [--adversarial] [--folds K] [--pr-curve OUT.svg|png]
       certwatch eval --frozen --data DEV --second-batch FILE --with CORPUS [--baseline] [--previous-model MODEL.json] [--web-seeds S,S…|none] [--seed N] [--l2 X] [--surface-l2 X] [--optimizer adagrad|lbfgs|blend] [--surface-optimizer adagrad|lbfgs|blend] [--cut-copies N] [--scores-out FILE]

Scores the labelled JSON Lines in FILE ("text" + "label") and prints metrics as
JSON: average precision, precision at recall 0.9, precision/recall/F1 and the
confusion matrix at the model's flag and review thresholds, log loss and
calibration error, count.

--cross-validate trains fresh models by grouped K-fold cross-validation over
FILE plus the --with files (near-duplicates kept in one fold) and reports
out-of-fold metrics on FILE only, so FILE is never scored by a model that saw
it. --baseline adds natural's BayesClassifier on the same folds and char
n-grams; --adversarial adds recall of obfuscated copies of FILE's positives.

--frozen is the report every model change is judged by: a fifth of DEV
(whole near-duplicate groups, chosen by hash) is frozen and scored once by the
model fitted on everything else (the rest of DEV, the --second-batch file and
the --with corpus); the rest of DEV and the second batch are reported out of
fold. Each: AP, precision at recall 0.9 and 0.95, false flags per 1,000 hard
negatives. --baseline adds natural's Bayes and a plain char n-gram logistic
regression on the same folds; --previous-model scores a shipped model beside.
Each fitted system also scores the same real texts with their key words
spelled in pinyin (banzheng, ban zheng, ban证; keyWordsInPinyin), out of fold
like the texts themselves: how many seller ads stay flagged, and false flags.
Every system is also checked on web listings it never trained on: the
sandbox's posts from the --web-seeds worlds (default ${CHECK_SEEDS.join(',')}; "none"
skips them), seller ads flagged and held for review per genre. --seed and --l2
fit ours with another seed or L2 penalty (a hyper-parameter is judged by the
cross-validated and second-batch figures over several seeds, never the frozen
fold alone). --optimizer and --surface-optimizer choose each view's learner
(adagrad: ten seeded epochs; lbfgs: the optimum under a plain L2 penalty, whose
λ --l2 / --surface-l2 then give; blend: their mean); --cut-copies N: copies
of each real text with a fifth cut out, trained on in its fold (0: the code
before 2026-12-06's fourth file); the defaults are the shipped model's.
--scores-out FILE writes our model's score of every text as JSON Lines (set, id,
label, hard negative, subtype, score: out of fold on dev and the second batch,
with the fold, by the final fit on the frozen fold and the web listings). It
holds the real files' ids, not their texts.`;


function writeCurve(path: string, curves: Curve[], title: string): void {
  if (path.endsWith('.svg')) writeFileSync(path, prCurveSvg(curves, title));
  else if (path.endsWith('.png')) writeFileSync(path, prCurvePng(curves));
  else throw new UsageError('--pr-curve must end in .svg or .png');
}

const command: Command = {
  summary: 'evaluate the classifier on labelled JSON Lines (metrics JSON, PR curve)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, {
      data: { type: 'string' },
      model: { type: 'string' },
      'pr-curve': { type: 'string' },
      'cross-validate': { type: 'boolean' },
      with: { type: 'string', multiple: true },
      baseline: { type: 'boolean' },
      adversarial: { type: 'boolean' },
      folds: { type: 'string' },
      frozen: { type: 'boolean' },
      'second-batch': { type: 'string' },
      'previous-model': { type: 'string' },
      'web-seeds': { type: 'string' },
      seed: { type: 'string' },
      l2: { type: 'string' },
      optimizer: { type: 'string' },
      'surface-optimizer': { type: 'string' },
      'cut-copies': { type: 'string' },
      'surface-l2': { type: 'string' },
      'scores-out': { type: 'string' },
    });
    if (!values.data) throw new UsageError('--data FILE is required');
    const curvePath = values['pr-curve'];
    if (curvePath && !/\.(svg|png)$/.test(curvePath)) throw new UsageError('--pr-curve must end in .svg or .png');
    const items = readLabelledFile(values.data);
    if (items.length === 0) throw new UsageError(`--data ${values.data}: no labelled texts`);

    if (values.frozen) {
      if (!values['second-batch']) throw new UsageError('--frozen needs --second-batch FILE');
      const folds = values.folds ? Number(values.folds) : 5;
      if (!Number.isInteger(folds) || folds < 2) throw new UsageError('--folds must be an integer ≥ 2');
      let previous: Model | undefined;
      if (values['previous-model']) {
        try {
          previous = loadModelFile(values['previous-model']);
        } catch (err) {
          throw new UsageError(`--previous-model ${values['previous-model']}: ${(err as Error).message}`);
        }
      }
      const seedList = values['web-seeds'] ?? CHECK_SEEDS.join(',');
      const webSeeds = seedList === 'none' ? [] : seedList.split(',').map(Number);
      if (webSeeds.some((s) => !Number.isSafeInteger(s) || s < 1)) throw new UsageError('--web-seeds takes positive integers separated by commas, or "none"');
      const optimizer = choiceOption(values.optimizer, 'optimizer', OPTIMIZERS);
      const surfaceOptimizer = choiceOption(values['surface-optimizer'], 'surface-optimizer', OPTIMIZERS);
      const started = Date.now();
      const { protocol, systems, scores } = honestEvaluation(
        {
          dev: items,
          second: readLabelledFile(values['second-batch']),
          corpus: (values.with ?? []).flatMap(readLabelledFile),
          ...(webSeeds.length ? { web: sandboxLabelledPosts({ seeds: webSeeds }) } : {}),
        },
        { folds, baselines: values.baseline, previous, ...(values.seed ? { seed: intOption(values.seed, 'seed', 0) } : {}), ...(values.l2 ? { l2: fractionOption(values.l2, 'l2', 0) } : {}), ...(values['surface-l2'] ? { surfaceL2: fractionOption(values['surface-l2'], 'surface-l2', 0) } : {}), ...(optimizer ? { optimizer } : {}), ...(surfaceOptimizer ? { surfaceOptimizer } : {}), ...(values['cut-copies'] ? { cutCopies: { ...DEFAULT_CUT_COPIES, copies: intOption(values['cut-copies'], 'cut-copies', 0) } } : {}), progress: (m) => process.stderr.write(`[eval ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`) },
      );
      if (values['scores-out']) writeFileSync(values['scores-out'], scores.map((r) => JSON.stringify(r)).join('\n') + '\n');
      process.stdout.write(JSON.stringify({ data: values.data, secondBatch: values['second-batch'], mode: 'frozen-fold', protocol, systems }, null, 2) + '\n');
      return 0;
    }

    if (values['cross-validate']) {
      const evalSource = items[0]!.source;
      const extra = (values.with ?? []).flatMap(readLabelledFile).map((it) => (it.source === evalSource ? { ...it, source: `${it.source}+with` } : it));
      const folds = values.folds ? Number(values.folds) : 5;
      if (!Number.isInteger(folds) || folds < 2) throw new UsageError('--folds must be an integer ≥ 2');
      const started = Date.now();
      const { report, oof, bayesScored } = crossValidate([...items, ...extra], {
        evaluate: (it) => it.source === evalSource,
        folds,
        baseline: values.baseline,
        adversarial: values.adversarial,
        progress: (m) => process.stderr.write(`[eval ${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`),
      });
      if (curvePath) {
        const curves: Curve[] = [{ name: `hashed logistic (AP ${(report.model as { averagePrecision: number }).averagePrecision})`, color: '#1f77b4', points: prCurve(oof) }];
        if (bayesScored) curves.push({ name: `natural Bayes (AP ${(report.naturalBayes as { averagePrecision: number }).averagePrecision})`, color: '#d62728', points: prCurve(bayesScored) });
        writeCurve(curvePath, curves, `Out-of-fold PR curve: ${values.data.replace(/^.*\//, '')}`);
      }
      process.stdout.write(JSON.stringify({ data: values.data, mode: 'grouped-cross-validation', ...report }, null, 2) + '\n');
      return 0;
    }

    let model: Model;
    try {
      model = values.model ? loadModelFile(values.model) : loadDefaultModel();
    } catch (err) {
      throw new UsageError(`--model ${values.model ?? '(default)'}: ${(err as Error).message}`);
    }
    // postScore, not the whole-post sum: a windowed model must be judged as classifyPost scores.
    const scored: Scored[] = items.map((it) => {
      const post = analyzePost(it, model.bits);
      return { score: calibrate(postScore(post.features, model), model, post.raw), y: it.y };
    });
    const report = metricsReport(scored, model.thresholds.flag, model.thresholds.review);
    if (curvePath) writeCurve(curvePath, [{ name: `${model.version} (AP ${report.averagePrecision})`, color: '#1f77b4', points: prCurve(scored) }], `PR curve: ${values.data.replace(/^.*\//, '')}`);
    process.stdout.write(JSON.stringify({ data: values.data, mode: 'fixed-model', model: model.version, ...report }, null, 2) + '\n');
    return 0;
  },
};

export default command;
