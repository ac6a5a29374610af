/**
 * One CSV file (RFC 4180: commas, CRLF, quotes doubled). Cells that a spreadsheet would run as
 * a formula (starting =, +, -, @, tab or carriage return) get a leading apostrophe, so a
 * downloaded audit trail cannot attack the person who opens it.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const cell = (value: string | number | null): string => {
    if (value === null) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
