import { AppError } from '../../lib/errors.js';

/** The largest file the importer will read. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Largest total uncompressed size a .docx/.xlsx may declare. */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
/** Largest compression ratio a .docx/.xlsx may declare. */
export const MAX_ZIP_RATIO = 100;
/** Most entries a .docx/.xlsx may hold. */
export const MAX_ZIP_ENTRIES = 10_000;

/** The uploaded file cannot be read; the message says why in words a user can act on. */
export class ImportInputError extends AppError {}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function named(fileName: string): string {
  return fileName ? `"${fileName}"` : 'The file';
}

/** Ready-made errors, one per reason a file is refused. */
export const importErrors = {
  empty: (fileName: string) => new ImportInputError(`${named(fileName)}: The file is empty`),
  tooLarge: (fileName: string, size: number) =>
    new ImportInputError(
      `${named(fileName)} is ${megabytes(size)} (${size} bytes); the limit is ` +
        `${megabytes(MAX_IMPORT_BYTES)} (${MAX_IMPORT_BYTES} bytes)`,
    ),
  unknown: (fileName: string, detail: string) =>
    new ImportInputError(
      `${named(fileName)} does not look like a Word, Excel, CSV, HTML or text file (${detail})`,
    ),
  pdf: (fileName: string) =>
    new ImportInputError(
      `${named(fileName)}: PDF files cannot be read reliably: please upload the Word or Excel ` +
        'original, or copy the text out of the PDF into a .txt file',
    ),
  zipBomb: (fileName: string, detail: string) =>
    new ImportInputError(
      `${named(fileName)} was refused because it would expand too much when unpacked (${detail}); ` +
        'please save it again from Word or Excel',
    ),
  corrupt: (fileName: string, kind: 'Word' | 'Excel', detail: string, cause?: unknown) =>
    new ImportInputError(
      `${named(fileName)} looks like ${kind === 'Excel' ? 'an' : 'a'} ${kind} file but could ` +
        `not be read (${detail}); please open it in ${kind}, save it again and upload the ` +
        'new copy',
      cause,
    ),
};
