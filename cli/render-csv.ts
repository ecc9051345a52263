/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function formatCsv(rows: readonly (readonly (string | number)[])[]): string {
  return (
    rows.map((row) => row.map((cell) => csvField(String(cell))).join(',')).join('\r\n') +
    (rows.length > 0 ? '\r\n' : '')
  );
}

function csvField(value: string): string {
  // A leading =, +, - or @ makes spreadsheets evaluate the cell; quote-prefix those (OWASP CSV injection).
  const safe = /^[=+\-@]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
