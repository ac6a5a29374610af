// An invented council's plan as a CSV whose lead column has a heading the importer does not
// know ("Champion"), a date column known only by what its cells hold ("Milestone") and an
// extra column of codes, under a title row: test data for the column-mapping step.
export const LAYOUT_CSV = Buffer.from(
  [
    'Eastfield Council improvement plan',
    'Ref,Action,Champion,Milestone,Internal code',
    '1.1,Recruit two permanent team managers for the assessment service,Head of Assessment,June 2026,X-17',
    '1.2,Audit every child in need plan for a clear contingency,Principal Social Worker,September 2026,X-18',
    '1.3,Publish a practice standards guide for all social workers,Head of Quality Assurance,December 2026,X-19',
    '',
  ].join('\n'),
);
