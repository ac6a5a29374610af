// The formats a board pack is made in: a list with no code of its own, so that the CLI can
// name them without loading the libraries that make them.

export const PACK_FORMATS = [
  { ext: 'pdf', label: 'PDF (for printing and sending)', type: 'application/pdf' },
  {
    ext: 'docx',
    label: 'Word document',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  {
    ext: 'xlsx',
    label: 'Excel spreadsheet',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  { ext: 'csv', label: 'CSV of the actions', type: 'text/csv; charset=utf-8' },
  { ext: 'measures.csv', label: 'CSV of the measures', type: 'text/csv; charset=utf-8' },
] as const;

export type PackFormat = (typeof PACK_FORMATS)[number]['ext'];
