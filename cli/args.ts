// Option parsing shared by the subcommands: node's parseArgs, with parse errors
// turned into UsageError so they exit 2 with a message.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
}

/** A number from 0 to 1 (a share, a penalty). */
export function fractionOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0 || x > 1) throw new UsageError(`--${name} must be a number from 0 to 1`);
  return x;
}

/** One of a fixed set of words (`--optimizer lbfgs`). */
export function choiceOption<C extends string>(value: string | undefined, name: string, choices: readonly C[]): C | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} is one of ${choices.join(', ')}, got '${value}'`);
  return value as C;
}
