// The one way a URL is printed: its password masked (redis://:***@…, postgres://user:***@…),
// for every log line, error message and warning, so a secret in a connection URL never leaks.
const MASK = '***';

/** The URL with its password masked; an unparsable one is not echoed at all. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = MASK;
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

// scheme://[user]:password@ anywhere in a text (an error message that quotes a URL).
const CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s/@]+)@/gi;

/** Masks the password of every URL in a text. */
export function redactSecrets(text: string): string {
  return text.replace(CREDENTIALS, (_, scheme: string, user: string) => `${scheme}${user}:${MASK}@`);
}

/** The same for every string in a log record (nested a few levels). */
export function redactFields<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (!value || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1)) as T;
  if (value instanceof Error) return { type: value.name, message: redactSecrets(value.message), stack: redactSecrets(value.stack ?? '') } as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactFields(v, depth + 1);
  return out as T;
}
