// The crawler and classifier functions the analyze stage calls, gathered behind one
// interface so the model is loaded once per worker and tests can count calls.
import { extractPostsChecked } from '../../crawlers/index.js';
import { classifyPost, decodeQrContacts, loadDefaultModel, loadModelFile, normalizeText } from '../../classifiers/index.js';
import type { SiteSelectors } from '../../crawlers/sources/schema.js';
import type { ExtractedPost, FetchedPage } from '../../crawlers/types.js';
import type { Classification, Contact, PostInput } from '../../classifiers/types.js';

export interface AnalyzeTools {
  /** Throws on a page it cannot read (the job then fails visibly instead of marking posts gone). */
  extractPosts(page: FetchedPage, selectors?: SiteSelectors): ExtractedPost[];
  classify(input: PostInput): Classification;
  normalize(text: string): string;
  decodeQr(png: Buffer): Contact[];
}

export async function loadAnalyzeTools(modelPath?: string): Promise<AnalyzeTools> {
  const model = modelPath ? loadModelFile(modelPath) : loadDefaultModel();
  return {
    extractPosts: (page, selectors) => extractPostsChecked(page, selectors),
    classify: (input) => classifyPost(input, model),
    normalize: (text) => normalizeText(text).folded,
    decodeQr: (png) => decodeQrContacts(png),
  };
}
