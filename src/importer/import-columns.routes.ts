import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../composition.js';
import { AppError } from '../lib/errors.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, readForm } from '../web/forms.js';
import { chosenMappings, columnsForm, columnsPage, columnsValues } from './import-columns.form.js';
import {
  authoriseImport,
  draftKeyOf,
  elsewhere,
  type Importer,
  reviewHrefOf,
} from './import-request.js';
import type { LayoutView } from './interpret/column-mapping.js';

// "Check the columns": the role the importer gave each column of each table layout, with a
// few of its cells; the person changes roles or the header row and the same upload is read
// again. The choice is kept with the council for the next upload in the same layout.

const NO_SOURCE =
  'This import was uploaded before its columns could be checked. Upload the file again to check its columns.';

function renderColumns(
  reply: FastifyReply,
  request: FastifyRequest,
  who: Importer,
  fileName: string,
  layouts: LayoutView[],
  values: Record<string, string>,
  issues: FormIssue[] = [],
) {
  const review = reviewHrefOf(request, who);
  const errors = formErrors(issues);
  return reply.code(issues.length ? 400 : 200).render('import-columns.njk', {
    title: 'Check the columns',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...errors,
    council: who.council.name,
    fileName,
    layouts: columnsPage(layouts, values, errors.fieldErrors),
    backHref: review,
    postHref: `${review}/columns`,
  });
}

async function findLayouts(app: AppContext, request: FastifyRequest, who: Importer) {
  return app.transaction((trx) =>
    app.services.importColumns.layouts(trx, app.clock.now(), draftKeyOf(request, who)),
  );
}

export async function showColumns(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const found = await findLayouts(app, request, who);
  if (found.kind !== 'open') return elsewhere(reply, who, found);
  if (!found.layouts)
    return renderColumns(reply, request, who, found.fileName, [], {}, [
      { field: 'columns', text: NO_SOURCE },
    ]);
  const layouts = found.layouts;
  return renderColumns(reply, request, who, found.fileName, layouts, columnsValues(layouts));
}

/** Reads the upload again with the roles chosen; the review page then shows the new draft. */
export async function saveColumns(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const found = await findLayouts(app, request, who);
  if (found.kind !== 'open') return elsewhere(reply, who, found);
  const layouts = found.layouts ?? [];
  const values = formValues(request);
  const read = readForm(columnsForm(layouts), values);
  if (!read.ok)
    return renderColumns(reply, request, who, found.fileName, layouts, values, read.issues);
  try {
    const outcome = await app.transaction((trx) =>
      app.services.importColumns.reread(
        trx,
        app.clock.now(),
        draftKeyOf(request, who),
        chosenMappings(layouts, read.value as Record<string, string>),
      ),
    );
    if (outcome.kind !== 'open') return elsewhere(reply, who, outcome);
  } catch (error) {
    // The importer's own words (no plan table with these roles); nothing was kept.
    if (!(error instanceof AppError)) throw error;
    return renderColumns(reply, request, who, found.fileName, layouts, values, [
      {
        field: 'columns',
        text: `With the columns you chose, the file cannot be read as a plan. ${error.message}`,
      },
    ]);
  }
  return redirectSaved(reply, reviewHrefOf(request, who), 'columns');
}
