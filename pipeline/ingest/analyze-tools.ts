// The crawler and classifier functions the analyze stage calls, gathered behind one
// interface so the model is loaded once per worker and tests can count calls.
import { extractPostsChecked, type SiteSelectors, type ExtractedPost, type FetchedPage } from '../../crawlers/index.js';
import { classifyPost, decodeQrContacts, loadDefaultModel, loadModelFile, normalizeText, type Classification, type Contact, type PostInput } from '../../classifiers/index.js';

const WARM_UP_TEXT = '不用考试 包过 官网可查 薇信: abc12345 V❤ 一三八一二三四五六七八 扣扣 123456789 高处作业证 焊工証 www.example.com a@b.cc ①②③ ＡＢＣ 办正 考式';

export interface AnalyzeTools {
  /** Throws on a page it cannot read (the job then fails visibly instead of marking posts gone). */
  extractPosts(page: FetchedPage, selectors?: SiteSelectors): ExtractedPost[];
  classify(input: PostInput): Classification;
  normalize(text: string): string;
  decodeQr(png: Buffer): Contact[];
}

export async function loadAnalyzeTools(modelPath?: string): Promise<AnalyzeTools> {
  const model = modelPath ? loadModelFile(modelPath) : loadDefaultModel();
  // Builds every lazy table of the classifier now (folds, numerals, homophones, cue trie,
  // contact scanners), not inside the first analyze job while other jobs' locks wait on it.
  classifyPost({ id: 'warm-up', title: '電工證', text: WARM_UP_TEXT }, model);
  return {
    extractPosts: (page, selectors) => extractPostsChecked(page, selectors),
    classify: (input) => classifyPost(input, model),
    normalize: (text) => normalizeText(text).folded,
    decodeQr: (png) => decodeQrContacts(png),
  };
}
