// The classifier functions the analyze stage calls, gathered behind one interface so
// the model is loaded once per worker and tests can count calls.
import { classifyPost, decodeQrContacts, decodeQrText, loadDefaultModel, loadModelFile, type ClassificationWithText, type Contact, type PostInput } from '../../classifiers/index.js';

const WARM_UP_TEXT = '不用考试 包过 官网可查 薇信: abc12345 V❤ 一三八一二三四五六七八 扣扣 123456789 高处作业证 焊工証 www.example.com a@b.cc ①②③ ＡＢＣ 办正 考式';

export interface AnalyzeTools {
  /** The verdict and the folded text it was read from, which the listing stores for search. */
  classify(input: PostInput): ClassificationWithText;
  decodeQr(png: Buffer): Contact[];
  /** A QR code's whole text: the full address a certificate's code points at (fake verification sites). */
  qrText?(png: Buffer): string | undefined;
}

export async function loadAnalyzeTools(modelPath?: string): Promise<AnalyzeTools> {
  const model = modelPath ? loadModelFile(modelPath) : loadDefaultModel();
  // Builds every lazy table of the classifier now (folds, numerals, homophones, cue trie,
  // contact scanners), not inside the first analyze job while other jobs' locks wait on it.
  classifyPost({ id: 'warm-up', title: '電工證', text: WARM_UP_TEXT }, model);
  return {
    classify: (input) => classifyPost(input, model, { withFoldedText: true }),
    decodeQr: (png) => decodeQrContacts(png),
    qrText: (png) => decodeQrText(png),
  };
}
