// Tables as CSV files, built on the device from the figures already on screen (RFC 4180: a cell holding a comma, a quote
// or a line break is quoted and its quotes doubled; lines end in CRLF), the way the server writes its own CSV.

import { h } from './dom.js';

/** One cell as CSV. A cell starting with = + - @ would run as a formula in a spreadsheet: it gets a leading apostrophe. */
export function csvCell(value) {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows (the first one the header) as CSV text. */
export function csvText(rows) {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * A link that downloads rows as a CSV file named `filename`. The UTF-8 byte order mark lets spreadsheets read Arabic and
 * French names right.
 */
export function downloadLink(text, filename, rows) {
  const blob = new Blob(['\ufeff', csvText(rows)], { type: 'text/csv;charset=utf-8' });
  return h('a', { href: URL.createObjectURL(blob), download: filename, class: 'csv-link' }, text);
}
