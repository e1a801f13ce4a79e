// The classifier's offline face: training, evaluation and their metrics, for `certwatch train`
// and `certwatch eval`; kept apart from ../index.ts so scoring workers never load them.
export { trainModel, DEFAULT_WINDOW, DEFAULT_L2, DEFAULT_LBFGS_L2, DEFAULT_BAGS, SURFACE_SHARE, OPTIMIZERS, type LabelledText, type Optimizer } from './train-model.js';
export { DEFAULT_CUT_COPIES, isRealSource, type CutCopies } from './cut-copies.js';
export { splitFrozen } from '../evaluation/frozen-fold.js';
export { parseLabelledJsonl } from './labelled-jsonl.js';
export { toModelFile } from '../model/model.js';
export { analyzePost } from '../analyze-post.js';
export { calibrate, linearScore, postScore } from '../classify-post.js';
export { honestEvaluation, webListingsCheck } from '../evaluation/honest-evaluation.js';
export { metricsReport, crossValidate } from '../evaluation/cross-validate.js';
export { atThreshold, averagePrecision, precisionAtRecall, prCurve, type Scored } from '../evaluation/metrics.js';
export { prCurvePng, prCurveSvg, type Curve } from '../evaluation/pr-curve-image.js';
