// Parses labelled JSON Lines (`text` + `label`: seller_ad/not_seller_ad, 1/0 or
// true/false) into training items; bad lines are reported, not fatal.
import type { LabelledText } from './train-model.js';

export function parseLabel(label: unknown): 0 | 1 | undefined {
  if (label === 1 || label === true || label === '1' || label === 'seller_ad' || label === 'true' || label === 'positive') return 1;
  if (label === 0 || label === false || label === '0' || label === 'not_seller_ad' || label === 'false' || label === 'negative') return 0;
  return undefined;
}

export interface ParsedLabelled {
  items: LabelledText[];
  errors: Array<{ line: number; error: string }>;
}

export function parseLabelledJsonl(content: string, source: string): ParsedLabelled {
  const items: LabelledText[] = [];
  const errors: ParsedLabelled['errors'] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line);
    } catch {
      errors.push({ line: i + 1, error: 'not valid JSON' });
      return;
    }
    if (!obj || typeof obj !== 'object' || typeof obj.text !== 'string') {
      errors.push({ line: i + 1, error: 'missing string field "text"' });
      return;
    }
    const y = parseLabel(obj.label);
    if (y === undefined) {
      errors.push({ line: i + 1, error: `label must be seller_ad/not_seller_ad, 1/0 or a boolean, got ${JSON.stringify(obj.label)}` });
      return;
    }
    items.push({
      id: typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : `${source}:${i + 1}`,
      text: obj.text,
      title: typeof obj.title === 'string' ? obj.title : undefined,
      y,
      source,
      ...(typeof obj.subtype === 'string' ? { subtype: obj.subtype } : {}),
    });
  });
  return { items, errors };
}
