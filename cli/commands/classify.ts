// `certwatch classify`: JSON Lines in ({"id","text","title"?,"url"?}) → JSON Lines out
// ({"id","score","flagged","certTypes","contacts","reasons"}); streams, a bad line gets an error line.
import { createInterface } from 'node:readline';
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { classifyPost, loadDefaultModel, loadModelFile, type Model } from '../../classifiers/index.js';

const usage = `usage: certwatch classify [--model MODEL.json] [--full] < posts.jsonl > scores.jsonl

Reads one JSON object per line: {"id","text","title"?,"url"?}. Writes one line
per input: {"id","score","flagged","certTypes","contacts","reasons"} (score is a
calibrated probability in [0,1]); --full adds "review" and "modelVersion".
A line that cannot be read gets {"id"?,"error"} and the rest go on (exit 0;
a count of bad lines goes to stderr). Exit 2 if the model cannot be loaded.`;

/** Scores one input line; never throws. */
export function classifyLine(line: string, model: Model, full = false): string {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return JSON.stringify({ error: 'not valid JSON' });
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return JSON.stringify({ error: 'expected a JSON object' });
  const o = obj as Record<string, unknown>;
  const id = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : undefined;
  if (id === undefined) return JSON.stringify({ error: 'missing "id" (string or number)' });
  if (typeof o.text !== 'string') return JSON.stringify({ id, error: 'missing "text" (string)' });
  if (o.title !== undefined && o.title !== null && typeof o.title !== 'string') return JSON.stringify({ id, error: '"title" must be a string' });
  try {
    const c = classifyPost({ id, text: o.text, title: typeof o.title === 'string' ? o.title : undefined, url: typeof o.url === 'string' ? o.url : undefined }, model);
    const out = { id: c.id, score: c.score, flagged: c.flagged, certTypes: c.certTypes, contacts: c.contacts, reasons: c.reasons };
    return JSON.stringify(full ? { ...out, review: c.review, modelVersion: c.modelVersion } : out);
  } catch (err) {
    return JSON.stringify({ id, error: `classification failed: ${(err as Error).message}` });
  }
}

const command: Command = {
  summary: 'score posts (JSON Lines on stdin → JSON Lines on stdout)',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { model: { type: 'string' }, full: { type: 'boolean' } });
    let model: Model;
    try {
      model = values.model ? loadModelFile(values.model) : loadDefaultModel();
    } catch (err) {
      throw new UsageError(`--model ${values.model ?? '(default)'}: ${(err as Error).message}`);
    }
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let failed = 0;
    for await (const line of rl) {
      if (!line.trim()) continue;
      const out = classifyLine(line, model, values.full ?? false);
      if (out.startsWith('{"error"') || out.includes('","error":"')) failed++;
      if (!process.stdout.write(out + '\n')) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
    }
    if (failed > 0) process.stderr.write(`certwatch classify: ${failed} line(s) could not be classified\n`);
    return 0;
  },
};

export default command;
