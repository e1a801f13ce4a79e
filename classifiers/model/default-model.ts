// Loads the model shipped in the repo (classifiers/model/default-model.json) once;
// `certwatch classify` and the pipeline score with it unless told otherwise.
import { readFileSync } from 'node:fs';
import { fromModelFile, type Model } from './model.js';

export const DEFAULT_MODEL_URL = new URL('./default-model.json', import.meta.url);
let cached: Model | undefined;

export function loadDefaultModel(): Model {
  cached ??= fromModelFile(JSON.parse(readFileSync(DEFAULT_MODEL_URL, 'utf8')));
  return cached;
}

export function loadModelFile(path: string): Model {
  return fromModelFile(JSON.parse(readFileSync(path, 'utf8')));
}
