import type { ExtractedDocument } from '../import.types.js';
import { readCsv } from './csv.reader.js';
import { decodeText, detectFormat } from './detect.js';
import { readDocx } from './docx.reader.js';
import { ImportInputError, importErrors, MAX_IMPORT_BYTES } from './errors.js';
import { readHtml } from './html.reader.js';
import { readText } from './text.reader.js';
import { readXlsx } from './xlsx.reader.js';

/** A library's error as a short phrase for the user's message. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? '';
  return firstLine.length > 160 ? `${firstLine.slice(0, 157)}...` : firstLine || 'unknown error';
}

async function readOffice(
  kind: 'Word' | 'Excel',
  read: () => Promise<ExtractedDocument>,
  fileName: string,
): Promise<ExtractedDocument> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw importErrors.corrupt(fileName, kind, describe(error));
  }
}

function readAsText(
  bytes: Uint8Array,
  fileName: string,
  read: (text: string) => ExtractedDocument,
) {
  const text = decodeText(bytes);
  if (text.trim() === '') throw importErrors.empty(fileName);
  return read(text);
}

/**
 * Reads an uploaded file into tables and paragraphs, choosing the reader by the file's
 * content (the name matters only for CSV). Throws ImportInputError, naming the file, for
 * anything it cannot or will not read: empty, over MAX_IMPORT_BYTES, binary, PDF, a zip
 * that would unpack too far, or a damaged Word/Excel file.
 */
export async function readSource(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument> {
  if (bytes.length === 0) throw importErrors.empty(fileName);
  if (bytes.length > MAX_IMPORT_BYTES) throw importErrors.tooLarge(fileName, bytes.length);
  const format = detectFormat(bytes, fileName);
  switch (format) {
    case 'pdf':
      throw importErrors.pdf(fileName);
    case 'docx':
      return readOffice('Word', () => readDocx(bytes), fileName);
    case 'xlsx':
      return readOffice('Excel', () => readXlsx(bytes), fileName);
    case 'csv':
      return readAsText(bytes, fileName, readCsv);
    case 'html':
      return readAsText(bytes, fileName, readHtml);
    case 'text':
      return readAsText(bytes, fileName, readText);
  }
}
