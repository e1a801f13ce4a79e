// Spreadsheet cells from scraped text: a value starting with = + - @ (or a tab/CR) is a
// formula to Excel and LibreOffice, so it is prefixed with ' and shown as plain text.
// Full-width ＝＋－＠ are included: WPS and Excel with a CJK input method read them as formulas too.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Excel refuses cells over 32,767 characters ("repairs" the file); text is cut below that. */
export const MAX_CELL_CHARS = 32_000;

export function safeCellText(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Control characters other than newline corrupt cells and hide content.
  const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

/** One XLSX cell: numbers and dates stay typed, nothing stays blank, text is formula-safe and fits a cell. */
export function safeXlsxCell(value: unknown): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || value instanceof Date) return value;
  return safeCellText(String(value).slice(0, MAX_CELL_CHARS));
}

/** One CSV field (RFC 4180), formula-safe. */
export function csvField(value: unknown): string {
  const s = safeCellText(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
