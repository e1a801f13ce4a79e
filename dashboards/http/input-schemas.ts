// The building blocks of every dashboard route's input schema (zod), and the one error a bad
// value raises: a 400 naming the parameter, which the app's error handler answers, never a 500.
import { z, type ZodTypeAny } from 'zod';

/** A bad parameter: answered 400 with this message by the app's error handler. */
export class InputError extends Error {
  override name = 'InputError';
  readonly statusCode = 400;
}

/** Database ids are PostgreSQL integers: larger numbers name nothing and must not reach SQL. */
export const MAX_ID = 2 ** 31 - 1;

// C0 controls and DEL: PostgreSQL refuses NUL in text, and none belongs in a filter or a name.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** True for a string PostgreSQL and our views can take as text (no NUL or other control characters). */
export function isCleanText(s: string): boolean {
  return !CONTROL.test(s);
}

export const cleanText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine(isCleanText, 'control characters are not allowed');

export const id = z.coerce
  .number({ invalid_type_error: 'not a number' })
  .int('not a whole number')
  .min(1, 'must be positive')
  .max(MAX_ID, `at most ${MAX_ID}`);

/** A calendar day written YYYY-MM-DD that exists (2024-13-45 does not). */
export const day = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}, 'not a calendar day (YYYY-MM-DD)');

/** A comma-separated list of ids, as `/api/claims?ids=1,2,3` sends them. */
export const idList = (max: number) =>
  z
    .string()
    .max(max * 11)
    .transform((s, c) => {
      const out: number[] = [];
      for (const part of s.split(',')) {
        if (part.trim() === '') continue;
        const r = id.safeParse(part.trim());
        if (!r.success) {
          c.addIssue({ code: z.ZodIssueCode.custom, message: `"${part.slice(0, 20)}": ${r.error.issues[0]!.message}` });
          return z.NEVER;
        }
        out.push(r.data);
      }
      return out.slice(0, max);
    });

/** Parses one input object (query, params or body) with its schema, or throws an InputError naming the field. */
export function parseInput<S extends ZodTypeAny>(schema: S, value: unknown, where: 'query' | 'params' | 'body' = 'query'): z.infer<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const name = issue.path.join('.') || where;
  const message = issue.code === 'unrecognized_keys' ? `unknown ${where} parameter(s): ${issue.keys.join(', ')}` : `${where} parameter ${name}: ${issue.message}`;
  throw new InputError(message.slice(0, 200));
}

/** An optional parameter; an empty form field (`?seller=`) counts as absent. */
export function optional<S extends ZodTypeAny>(schema: S) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}
