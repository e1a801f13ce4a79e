// Reads the labelled JSON Lines that `train` and `eval` take with --data: one reader, so a
// bad line is reported the same way by both and never stops the run.
import { readFileSync } from 'node:fs';
import { parseLabelledJsonl, type LabelledText } from '../classifiers/training/index.js';
import { UsageError } from '../core/errors.js';

export function readLabelledFile(file: string): LabelledText[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--data ${file}: ${(err as Error).message}`);
  }
  const source = file.replace(/^.*\//, '').replace(/\.jsonl?$/, '');
  const parsed = parseLabelledJsonl(content, source);
  for (const e of parsed.errors.slice(0, 10)) process.stderr.write(`${file}:${e.line}: skipped: ${e.error}\n`);
  if (parsed.errors.length > 10) process.stderr.write(`${file}: ${parsed.errors.length - 10} more bad lines skipped\n`);
  return parsed.items;
}
