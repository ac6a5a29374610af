// The formats the statement of action is made in: a list with no code of its own, so that the
// CLI can name them without loading the libraries that make them.

export const STATEMENT_FORMATS = [
  {
    ext: 'docx',
    label: 'Word document',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  { ext: 'pdf', label: 'PDF', type: 'application/pdf' },
] as const;

export type StatementFormat = (typeof STATEMENT_FORMATS)[number]['ext'];
