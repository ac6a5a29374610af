import mammoth from 'mammoth';
import type { ExtractedDocument } from '../import.types.js';
import { readHtml } from './html.reader.js';

// Images carry nothing the importer uses; skipping them avoids base64-encoding every picture.
const dropImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * Reads a Word document's paragraphs and tables in order (via mammoth's HTML). A table that
 * Word split across pages may arrive as several tables. Throws what mammoth throws.
 */
export async function readDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = await mammoth.convertToHtml(
    { buffer },
    { convertImage: dropImages, externalFileAccess: false },
  );
  return { format: 'docx', blocks: readHtml(result.value).blocks };
}
