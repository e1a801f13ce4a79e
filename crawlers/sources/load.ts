// Reads a sources YAML file into validated SourceConfig objects; any problem
// becomes a ConfigError naming the source id, the key path and the reason.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { ZodIssue } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { interpolateTree, MissingVariableError } from './interpolate.js';
import { sourceSchema, sourcesFileSchema, type SourceConfig } from './schema.js';

function keyPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

function describeIssue(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

/** Validates already-parsed YAML (also used by tests and by callers holding config in memory). */
export function parseSources(raw: unknown, env: NodeJS.ProcessEnv = process.env, file = '(inline)'): SourceConfig[] {
  const doc = Array.isArray(raw) ? { sources: raw } : raw;
  const top = sourcesFileSchema.safeParse(doc);
  if (!top.success) {
    const issue = top.error.issues[0]!;
    throw new ConfigError(`${file}: ${describeIssue(issue)}`, keyPath(issue.path));
  }
  const seen = new Map<string, number>();
  return top.data.sources.map((entry, index) => {
    const id =
      entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
        ? (entry as { id: string }).id
        : `#${index}`;
    let expanded: unknown;
    try {
      expanded = interpolateTree(entry, env, ['sources', index]);
    } catch (err) {
      if (err instanceof MissingVariableError) {
        const path = (err as MissingVariableError & { path?: (string | number)[] }).path ?? ['sources', index];
        throw new ConfigError(`${file}: source "${id}": ${err.message}`, keyPath(path));
      }
      throw err;
    }
    const parsed = sourceSchema.safeParse(expanded);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ConfigError(`${file}: source "${id}": ${describeIssue(issue)}`, keyPath(['sources', index, ...issue.path]));
    }
    const previous = seen.get(parsed.data.id);
    if (previous !== undefined) {
      throw new ConfigError(`${file}: source "${id}": duplicate id (also sources[${previous}])`, keyPath(['sources', index, 'id']));
    }
    seen.set(parsed.data.id, index);
    return parsed.data;
  });
}

/** Loads and validates a sources YAML file; `${VAR}` / `${VAR:-default}` are taken from `env`. */
export function loadSources(file: string, env: NodeJS.ProcessEnv = process.env): SourceConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read sources file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'sources');
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw new ConfigError(`${file}: invalid YAML${where}: ${(err as Error).message.split('\n')[0]}`, 'sources');
  }
  return parseSources(raw, env, file);
}

/** Expands search templates × queries into seed URLs, after the literal seeds. */
export function seedUrls(source: SourceConfig): string[] {
  const out = [...source.seeds];
  for (const template of source.search?.templates ?? []) {
    for (const query of source.search?.queries ?? []) out.push(template.split('{query}').join(encodeURIComponent(query)));
  }
  return [...new Set(out)];
}
