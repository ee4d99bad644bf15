// CSV as spreadsheets read it (RFC 4180, CRLF line ends), for every export: transcripts, tournament
// reports and standings, class scores.

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One field: quoted when it holds a comma, a quote or a line break, quotes doubled. Text that a
 * spreadsheet would run as a formula (= + - @ at the start) is kept as text with a leading `'`;
 * numbers are written plainly (at most 6 decimals), empty for null/undefined.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Number(value.toFixed(6))) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document: the header, then the rows, each line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",") + "\r\n").join("");
}
