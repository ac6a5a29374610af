import { packCsv, packMeasuresCsv } from './pack-csv.js';
import { packDocx } from './pack-docx.js';
import { PdfUnavailable, packPdf, packPrintPage } from './pack-pdf.js';
import { packXlsx } from './pack-xlsx.js';
import type { PackContent, PackFileOptions } from './pack.types.js';
import { PACK_FORMATS, type PackFormat } from './pack-formats.js';

// A pack's files: each drawn from the pack's content alone, so a published pack's files say
// what it said when it was published.

export { PACK_FORMATS, type PackFormat } from './pack-formats.js';

export interface PackFile {
  bytes: Buffer;
  type: string;
  fileName: string;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

/** "improvement-board-pack-2018-04-30.pdf". */
export function packFileName(pack: PackContent, ext: string): string {
  // "measures.csv" names a second CSV: "…-pack-2018-04-30-measures.csv".
  const end = ext.includes('.') ? `-${ext}` : `.${ext}`;
  return `${slug(pack.board.name) || 'board'}-pack-${pack.asAt}${end}`;
}

/** The pack as a file of the given format. */
export async function packFile(
  ext: PackFormat,
  pack: PackContent,
  options: PackFileOptions,
): Promise<PackFile> {
  const format = PACK_FORMATS.find((f) => f.ext === ext) ?? PACK_FORMATS[3];
  const bytes =
    ext === 'csv'
      ? Buffer.from(packCsv(pack), 'utf8')
      : ext === 'measures.csv'
        ? Buffer.from(packMeasuresCsv(pack), 'utf8')
        : ext === 'xlsx'
          ? await packXlsx(pack, options.meeting)
          : ext === 'docx'
            ? await packDocx(pack, options.meeting)
            : await packPdf(pack, options);
  return { bytes, type: format.type, fileName: packFileName(pack, ext) };
}

/** A file made for a published pack, by format ('html' is the printable page). */
export interface MadeFile extends PackFile {
  format: PackFormat | 'html';
}

/**
 * Every file of a pack, made once to be stored when it is published: the printable page and
 * each download. Without Chromium there is no PDF; the others are made all the same.
 */
export async function packFilesToKeep(
  pack: PackContent,
  options: PackFileOptions,
): Promise<MadeFile[]> {
  const made: MadeFile[] = [
    {
      format: 'html',
      bytes: Buffer.from(packPrintPage(pack, options), 'utf8'),
      type: 'text/html; charset=utf-8',
      fileName: packFileName(pack, 'html'),
    },
  ];
  for (const { ext } of PACK_FORMATS) {
    try {
      made.push({ format: ext, ...(await packFile(ext, pack, options)) });
    } catch (error) {
      if (!(error instanceof PdfUnavailable)) throw error;
    }
  }
  return made;
}
