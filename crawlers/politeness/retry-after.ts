// Parses a Retry-After header (delta-seconds or HTTP-date) into a bounded delay,
// so a hostile server cannot park the crawler for a day.
export function parseRetryAfter(value: string | string[] | undefined | null, now = Date.now(), maxMs = 120_000): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return null;
  const trimmed = raw.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 0), maxMs);
}
