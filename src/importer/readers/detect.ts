import { importErrors, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_RATIO } from './errors.js';
import { readParsedCsv } from './csv.reader.js';
import { findOversizedEntry, readZipDirectory } from './zip.js';

export type DetectedFormat = 'docx' | 'xlsx' | 'csv' | 'html' | 'text' | 'pdf';

const SNIFF_BYTES = 8 * 1024;

function startsWith(bytes: Uint8Array, prefix: number[], offset = 0): boolean {
  return prefix.every((b, i) => bytes[offset + i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

function utf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (startsWith(bytes, UTF16LE_BOM)) return 'utf-16le';
  if (startsWith(bytes, UTF16BE_BOM)) return 'utf-16be';
  return null;
}

/**
 * Decides how to read a file from its content; the name only matters for CSV. Throws
 * ImportInputError for binary content, a zip that is not Word or Excel, or a zip that would
 * unpack too far. Returns 'pdf' so the caller can refuse it with its own message.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): DetectedFormat {
  const bom = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  const head = new TextDecoder('latin1').decode(bytes.subarray(bom, bom + 1024));
  if (head.trimStart().startsWith('%PDF')) return 'pdf';
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return detectZip(bytes, fileName);
  if (startsWith(bytes, OLE)) {
    throw importErrors.unknown(
      fileName,
      'it is an old-style .doc or .xls file: please save it as .docx or .xlsx first',
    );
  }
  // Excel's "Unicode Text" export and Notepad's "Unicode" are UTF-16 with a byte-order mark.
  if (!utf16(bytes)) assertText(bytes, fileName);
  else if (decodeText(bytes.subarray(0, SNIFF_BYTES)).includes('\0')) {
    throw importErrors.unknown(fileName, 'it contains binary data');
  }

  const lead = decodeText(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  if (['<!doctype html', '<html', '<table'].some((tag) => lead.startsWith(tag))) return 'html';
  if (/\.csv$/i.test(fileName.trim()) && looksLikeCsv(decodeText(bytes))) return 'csv';
  return 'text';
}

/** Text content of a file: UTF-8, or UTF-16 when it starts with that byte-order mark; no BOM. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(utf16(bytes) ?? 'utf-8', { ignoreBOM: false }).decode(bytes);
}

function assertText(bytes: Uint8Array, fileName: string): void {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) throw importErrors.unknown(fileName, 'it contains binary data');
  try {
    // stream: true tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    throw importErrors.unknown(
      fileName,
      'it is not UTF-8 text: if it came from Excel, save it as "CSV UTF-8"',
    );
  }
}

function looksLikeCsv(text: string): boolean {
  const parsed = readParsedCsv(text);
  return !parsed.unterminated && parsed.rows.some((row) => row.cells.length > 1);
}

function detectZip(bytes: Uint8Array, fileName: string): 'docx' | 'xlsx' {
  const directory = readZipDirectory(bytes, MAX_ZIP_ENTRIES);
  if (!directory) {
    // Word and Excel files are zip archives; one whose index is missing was cut off or damaged.
    const kind = /\.(xlsx|xlsm|xls)$/i.test(fileName)
      ? 'Excel'
      : /\.(docx|doc)$/i.test(fileName)
        ? 'Word'
        : null;
    const detail = 'it is incomplete: it may have been cut off while it was copied or uploaded';
    throw kind
      ? importErrors.corrupt(fileName, kind, detail)
      : importErrors.unknown(fileName, detail);
  }
  const count = Math.max(directory.declaredCount, directory.entries.length);
  if (count > MAX_ZIP_ENTRIES) {
    throw importErrors.zipBomb(fileName, `more than ${MAX_ZIP_ENTRIES} entries`);
  }
  const unzipped = directory.entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unzipped > MAX_UNZIPPED_BYTES) {
    throw importErrors.zipBomb(fileName, `${unzipped} bytes unpacked, over the 100 MB limit`);
  }
  if (unzipped > bytes.length * MAX_ZIP_RATIO) {
    throw importErrors.zipBomb(fileName, `compressed more than ${MAX_ZIP_RATIO} to 1`);
  }
  const names = new Set(directory.entries.map((e) => e.name));
  const format = names.has('word/document.xml')
    ? 'docx'
    : names.has('xl/workbook.xml')
      ? 'xlsx'
      : null;
  if (!format) {
    throw importErrors.unknown(fileName, 'it is a zip archive but not a Word or Excel document');
  }
  const liar = findOversizedEntry(bytes, directory.entries);
  if (liar) throw importErrors.zipBomb(fileName, `${liar} unpacks to more than it declares`);
  return format;
}
