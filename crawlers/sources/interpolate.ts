// `${VAR}` and `${VAR:-default}` substitution for source YAML, so one file serves
// every deployment (ports, hosts and tokens come from the environment).
export class MissingVariableError extends Error {
  override name = 'MissingVariableError';
  constructor(readonly variable: string) {
    super(`environment variable ${variable} is not set and has no default`);
  }
}

/** Replaces variables in one string; `$${` escapes a literal `${`. */
export function interpolate(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/(\$?)\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, escape: string, name: string, fallback?: string) => {
    if (escape) return whole.slice(1);
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new MissingVariableError(name);
  });
}

/** Walks parsed YAML and interpolates every string; reports the key path of a failure. */
export function interpolateTree(node: unknown, env: NodeJS.ProcessEnv, path: (string | number)[] = []): unknown {
  if (typeof node === 'string') {
    try {
      return interpolate(node, env);
    } catch (err) {
      if (err instanceof MissingVariableError) throw Object.assign(err, { path });
      throw err;
    }
  }
  if (Array.isArray(node)) return node.map((v, i) => interpolateTree(v, env, [...path, i]));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = interpolateTree(v, env, [...path, k]);
    return out;
  }
  return node;
}
