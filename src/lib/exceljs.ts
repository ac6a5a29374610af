import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded the first time a spreadsheet is made or read: loading it adds about 16 MB
 * to the resident memory of a process that may never need it (the server, most CLI runs).
 */
export async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
