import type { ExtractedDocument } from '../import.types.js';
import { decodeText, detectFormat } from './detect.js';
import { ImportInputError, importErrors, MAX_IMPORT_BYTES } from './errors.js';

// Each reader is loaded when a file of its format is read: the Word, Excel, HTML and CSV
// libraries are large, and a command line that reads one text file needs none of them.

/**
 * What was wrong with a Word or Excel file, in words a person can act on. The library's own
 * message ("Corrupted zip or bug: ...", "[xmldom error] ...", "Cannot read properties of
 * undefined ...") names its internals, so it never reaches the person; only its kind does.
 */
export function describeDamage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/zip|signature|central directory|crc|inflat|deflat|end of data/i.test(message)) {
    return 'parts of the file are damaged or missing';
  }
  if (/xml|entity|tag|attribute|unexpected|sax|parse/i.test(message)) {
    return 'some of its content is not written the way Word and Excel write it';
  }
  return 'its content is damaged or incomplete';
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
    throw importErrors.corrupt(fileName, kind, describeDamage(error), error);
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
      return readOffice(
        'Word',
        async () => (await import('./docx.reader.js')).readDocx(bytes),
        fileName,
      );
    case 'xlsx':
      return readOffice(
        'Excel',
        async () => (await import('./xlsx.reader.js')).readXlsx(bytes),
        fileName,
      );
    case 'csv':
      return readAsText(bytes, fileName, (await import('./csv.reader.js')).readCsv);
    case 'html':
      return readAsText(bytes, fileName, (await import('./html.reader.js')).readHtml);
    case 'text':
      return readAsText(bytes, fileName, (await import('./text.reader.js')).readText);
  }
}
