// CSV for spreadsheets: RFC 4180 quoting, and no cell that a spreadsheet would run as a formula.
export function toCsv(rows: (string | number | boolean | undefined)[][]): string {
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/u.test(text)) text = `'${text}`; // CSV injection: =HYPERLINK(…) stays text
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}
