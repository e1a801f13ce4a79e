// The input rules every route shares, checked once after access control: no repeated query
// keys, no control characters in any parameter or body field, ids within the database's integers,
// and the route's own query schema (`config.query`) — each failure a 400 with a message.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeAny } from 'zod';
import { id, InputError, isCleanText, parseInput } from '../http/input-schemas.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's query-string schema; parsed before the handler, a bad value answers 400. */
    query?: ZodTypeAny;
  }
}

/** Route parameters that name a database row when numeric (a source's id is a name). */
const ID_PARAMS = new Set(['id', 'pageId', 'version']);
const MAX_DEPTH = 6;

function cleanStrings(value: unknown, where: string, name: string, depth = 0): void {
  if (typeof value === 'string') {
    if (!isCleanText(value)) throw new InputError(`${where} parameter ${name}: control characters are not allowed`);
  } else if (value && typeof value === 'object' && depth < MAX_DEPTH) {
    for (const [k, v] of Object.entries(value)) cleanStrings(v, where, name ? `${name}.${k}` : k, depth + 1);
  }
}

export function checkInput(req: FastifyRequest): void {
  const query = (req.query ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) throw new InputError(`query parameter ${k.slice(0, 40)}: given more than once`);
  }
  cleanStrings(query, 'query', '');
  const params = (req.params ?? {}) as Record<string, unknown>;
  cleanStrings(params, 'path', '');
  for (const [k, v] of Object.entries(params)) {
    if (!ID_PARAMS.has(k) || typeof v !== 'string' || !/^\d+$/.test(v)) continue;
    const r = id.safeParse(v);
    if (!r.success) throw new InputError(`path parameter ${k}: ${r.error.issues[0]!.message}`);
  }
  cleanStrings(req.body, 'body', '');
  const schema = req.routeOptions.config?.query;
  if (schema) parseInput(schema, query, 'query');
}

export function registerInputChecks(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => checkInput(req));
}
