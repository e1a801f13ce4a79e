// Times as a person reads them: stored UTC instants shown on the analysts' clock (Asia/Shanghai
// unless configured otherwise), the one formatter the pages, XLSX, PDF report and custody display use.
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name Node's ICU knows (config validation). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function toDate(v: Date | string | number | null | undefined): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

interface WallClock { y: string; mo: string; d: string; h: string; mi: string; s: string }

function wall(d: Date, timeZone: string): WallClock {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(d)) p[part.type] = part.value;
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

export interface LocalTimeOptions {
  /** Add seconds (custody entries, capture times). @default false */
  seconds?: boolean;
  /** Only the date part. @default false */
  dateOnly?: boolean;
}

/** `2026-12-03 16:40` on the given zone's clock; '—' for a missing time, the input for a bad one. */
export function formatLocalTime(v: Date | string | number | null | undefined, timeZone: string = DEFAULT_TIME_ZONE, o: LocalTimeOptions = {}): string {
  const d = toDate(v);
  if (!d) return v === null || v === undefined || v === '' ? '—' : String(v);
  const w = wall(d, timeZone);
  if (o.dateOnly) return `${w.y}-${w.mo}-${w.d}`;
  return `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}${o.seconds ? `:${w.s}` : ''}`;
}

/** Minutes the zone is ahead of UTC at that instant (480 for Beijing). */
export function zoneOffsetMinutes(d: Date, timeZone: string = DEFAULT_TIME_ZONE): number {
  const w = wall(d, timeZone);
  const asUtc = Date.UTC(+w.y, +w.mo - 1, +w.d, +w.h, +w.mi, +w.s);
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A Date whose UTC fields are the local wall clock: spreadsheet cells have no zone, and ExcelJS
 * writes a Date's UTC fields, so this makes a real date cell that reads in local time.
 */
export function localWallDate(v: Date | string | number | null | undefined, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  const d = toDate(v);
  if (!d) return null;
  return new Date(d.getTime() + zoneOffsetMinutes(d, timeZone) * 60_000);
}

/** How the zone is named beside times: 北京时间 for Asia/Shanghai, else the IANA name and offset. */
export function zoneLabel(timeZone: string = DEFAULT_TIME_ZONE, lang: 'zh' | 'en' = 'zh', at: Date = new Date()): string {
  if (timeZone === 'Asia/Shanghai') return lang === 'zh' ? '北京时间' : 'Beijing time';
  const m = zoneOffsetMinutes(at, timeZone);
  const sign = m < 0 ? '-' : '+';
  const a = Math.abs(m);
  return `${timeZone} (UTC${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')})`;
}
