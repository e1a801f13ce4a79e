// Spreadsheet cells from scraped text: a value starting with = + - @ (or a tab/CR) is a
// formula to Excel and LibreOffice, so it is prefixed with ' and shown as plain text.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function safeCellText(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  // Control characters other than newline corrupt cells and hide content.
  const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return FORMULA_START.test(clean) ? `'${clean}` : clean;
}

/** One CSV field (RFC 4180), formula-safe. */
export function csvField(value: unknown): string {
  const s = safeCellText(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
