// Reads certwatch.yaml (CERTWATCH_CONFIG or ./certwatch.yaml when present), applies
// env overrides and validates; a bad value becomes a ConfigError naming the key.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../core/errors.js';
import { configSchema, ENV_OVERRIDES, type CertwatchConfig } from './schema.js';

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv } = {}): CertwatchConfig {
  const env = opts.env ?? process.env;
  const explicit = opts.file ?? env.CERTWATCH_CONFIG;
  const file = explicit ?? (existsSync('certwatch.yaml') ? 'certwatch.yaml' : undefined);
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (err) {
      throw new ConfigError(`cannot read config file ${file}: ${(err as Error).message}`, 'CERTWATCH_CONFIG');
    }
    try {
      const parsed: unknown = parseYaml(text);
      if (parsed !== null && parsed !== undefined) {
        if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('top level must be a mapping');
        raw = parsed as Record<string, unknown>;
      }
    } catch (err) {
      throw new ConfigError(`${file} is not valid YAML: ${(err as Error).message}`);
    }
  }
  for (const [name, path] of Object.entries(ENV_OVERRIDES)) {
    const v = env[name];
    if (v !== undefined && v !== '') setPath(raw, path, v);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.join('.') || '(top level)';
    const envName = Object.entries(ENV_OVERRIDES).find(([, p]) => p === key)?.[0];
    throw new ConfigError(`${issue.message}${envName ? ` (or env ${envName})` : ''}${file ? ` in ${file}` : ''}`, key);
  }
  return result.data;
}
