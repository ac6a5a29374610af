import { z } from 'zod';
import { describePlace } from './import-review.view-model.js';
import {
  type ChosenRole,
  type ColumnMapping,
  type LayoutView,
  ROLE_CHOICES,
  type RoleSource,
} from './interpret/column-mapping.js';
import type { ContentReason } from './interpret/column-content.js';

// "Check the columns" in an import: for each table layout, which row is its header and the
// role of each column. One schema, built for the layouts the page shows; its messages are the
// words the page shows.

const ROLES = ROLE_CHOICES.map(([role]) => role) as [ChosenRole, ...ChosenRole[]];
const LABEL = new Map(ROLE_CHOICES);
const NO_HEADER = 'none';

const headerField = (l: number) => `header-${l}`;
const roleField = (l: number, c: number) => `role-${l}-${c}`;
const tableName = (layout: LayoutView) => `table ${layout.tables[0] ?? ''}`;

/** The form's schema for these layouts: a header row and a role per column, no role twice. */
export function columnsForm(layouts: LayoutView[]) {
  const shape: Record<string, z.ZodType<string>> = {};
  layouts.forEach((layout, l) => {
    const rows: [string, ...string[]] = [NO_HEADER, ...layout.rows.map((r) => String(r.index))];
    shape[headerField(l)] = z.enum(rows, {
      message: `Select which row of ${tableName(layout)} is its header row`,
    });
    for (const column of layout.columns)
      shape[roleField(l, column.index)] = z.enum(ROLES, {
        message: `Select what column ${column.index + 1} of ${tableName(layout)} holds`,
      });
  });
  return z.object(shape).superRefine((values, ctx) => {
    layouts.forEach((layout, l) => {
      const seen = new Map<string, number>();
      for (const column of layout.columns) {
        const role = values[roleField(l, column.index)] ?? 'auto';
        const first = seen.get(role);
        if (first !== undefined && role !== 'auto' && role !== 'ignore')
          ctx.addIssue({
            code: 'custom',
            path: [roleField(l, column.index)],
            message: `Columns ${first + 1} and ${column.index + 1} of ${tableName(layout)} cannot both be “${LABEL.get(role as ChosenRole) ?? role}”: choose another role for one of them`,
          });
        if (first === undefined) seen.set(role, column.index);
      }
    });
  });
}

/**
 * The mappings a person chose, for the layouts they changed: a new header row (its own
 * words, read as the importer reads them), or new roles under the same header row.
 */
export function chosenMappings(
  layouts: LayoutView[],
  values: Record<string, string>,
): Array<{ signature: string; mapping: ColumnMapping }> {
  return layouts.flatMap((layout, l) => {
    const header = values[headerField(l)];
    if (header === NO_HEADER || header === undefined) return [];
    const row = layout.rows.find((r) => String(r.index) === header);
    if (!row) return [];
    if (row.index !== layout.headerRow)
      return [{ signature: row.signature, mapping: { roles: [] } }];
    const roles = layout.columns.map(
      (c) => (values[roleField(l, c.index)] ?? c.role) as ChosenRole,
    );
    if (!layout.chosen && roles.every((r, i) => r === layout.columns[i]?.role)) return [];
    return [{ signature: row.signature, mapping: { roles } }];
  });
}

/** The form's values as the page first shows them: the importer's reading. */
export function columnsValues(layouts: LayoutView[]): Record<string, string> {
  const values: Record<string, string> = {};
  layouts.forEach((layout, l) => {
    values[headerField(l)] = layout.headerRow === null ? NO_HEADER : String(layout.headerRow);
    for (const c of layout.columns) values[roleField(l, c.index)] = c.role;
  });
  return values;
}

const CELLS_SHOW: Record<ContentReason, string> = {
  references: 'they look like references',
  statuses: 'they are status words or colours',
  dates: 'they are dates',
  'one-value': 'every cell holds the same words, so it is left out',
};

/** Why the importer gave a column its role, as the page says it. */
export function whyText(source: RoleSource): string {
  switch (source.from) {
    case 'chosen':
      return 'Read as you chose.';
    case 'heading':
      return 'Read from its heading.';
    case 'cells':
      return `Read from what its cells hold: ${CELLS_SHOW[source.reason]}.`;
    case 'none':
      return 'Not read: neither its heading nor its cells say what it holds.';
  }
}

const quoted = (cells: string[]) =>
  cells
    .filter((c) => c.trim())
    .slice(0, 4)
    .map((c) => `“${c}”`)
    .join(', ') || 'an empty row';

/** The page's plain values: per layout, GOV.UK radios for the header and a select per column. */
export function columnsPage(
  layouts: LayoutView[],
  values: Record<string, string>,
  fieldErrors: Record<string, { text: string }>,
) {
  return layouts.map((layout, l) => {
    const more = layout.tables.length - 1;
    const heading = `Table ${layout.tables[0] ?? ''}${more ? ` and ${more} more in the same layout` : ''}`;
    return {
      heading,
      where: `In the file: ${describePlace(layout.where)}`,
      chosen: layout.chosen,
      header: {
        name: headerField(l),
        idPrefix: headerField(l),
        fieldset: {
          legend: {
            text: `Which row of ${tableName(layout)} is its header?`,
            classes: 'govuk-fieldset__legend--s',
          },
        },
        errorMessage: fieldErrors[headerField(l)],
        items: [
          ...layout.rows.map((r) => ({
            value: String(r.index),
            text: `Row ${r.index + 1}: ${quoted(r.cells)}`,
            checked: values[headerField(l)] === String(r.index),
          })),
          {
            value: NO_HEADER,
            text: 'None of these: leave this table as the importer reads it',
            checked: values[headerField(l)] === NO_HEADER,
          },
        ],
      },
      columns: layout.columns.map((c) => {
        const name = roleField(l, c.index);
        return {
          id: name,
          name,
          label: {
            text: `Column ${c.index + 1}${c.heading ? `: “${c.heading}”` : ''}`,
            classes: 'govuk-label--s',
          },
          hint: {
            text: `${whyText(c.source)} ${
              c.samples.length
                ? `For example: ${c.samples.map((s) => `“${s}”`).join(', ')}`
                : 'Its cells are empty.'
            }`,
          },
          errorMessage: fieldErrors[name],
          items: ROLE_CHOICES.map(([value, text]) => ({
            value,
            text,
            selected: values[name] === value,
          })),
        };
      }),
    };
  });
}
