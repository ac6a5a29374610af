import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../lib/errors.js';
import { govukDist } from '../web/views.js';
import { packView } from './board-pack.view-model.js';
import type { PackFileOptions } from './pack.types.js';
import type { PackContent } from './pack.types.js';

// The pack as PDF: its printable page (the same content as the web page, with the print
// stylesheet) printed by the system Chromium, tagged, with its title, language and outline.

/** Chromium is not where the settings say: PDFs cannot be made until it is installed. */
export class PdfUnavailable extends AppError {}

let styles: string | null = null;
/** GOV.UK Frontend's styles and ours, for a page printed from memory. */
export function stylesheet(): string {
  styles ??= [
    readFileSync(join(govukDist, 'govuk/govuk-frontend.min.css'), 'utf8'),
    readFileSync(fileURLToPath(new URL('../web/public/app.css', import.meta.url)), 'utf8'),
  ]
    // The page is printed from memory: fonts and images from the server are not reachable.
    .join('\n')
    .replace(/url\([^)]*\)/g, 'none');
  return styles;
}

/** The printable page on its own (HTML), with its styles inside it. */
export function packPrintPage(pack: PackContent, options: PackFileOptions): string {
  return options.render('board-pack-print.njk', {
    pack: packView(pack),
    meeting: options.meeting,
    css: stylesheet(),
  });
}

/** Prints the pack with Chromium; PdfUnavailable when Chromium is missing. */
export function packPdf(pack: PackContent, options: PackFileOptions): Promise<Buffer> {
  return printPdf(packPrintPage(pack, options), options.chromiumPath);
}

/**
 * Prints a page (HTML with its styles inside it) as a tagged A4 landscape PDF with Chromium,
 * with the page's title and language and an outline from its headings; PdfUnavailable when
 * Chromium is missing.
 */
export async function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new PdfUnavailable(
      `PDFs are printed by Chromium, which is not installed on this server (looked for ${chromiumPath}). Ask whoever runs the service to install it (on Debian or Ubuntu: apt-get install chromium) or to set CHROMIUM_PATH. The Word, Excel and CSV files work without it.`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      tagged: true,
      outline: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
