import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../composition.js';
import { redirectSaved } from '../web/banner.js';
import { type FormIssue, formErrors, formValues, readForm } from '../web/forms.js';
import {
  type SchemeStatus,
  chosenStatuses,
  statusesForm,
  statusesPage,
  statusesValues,
} from './import-statuses.form.js';
import {
  authoriseImport,
  draftKeyOf,
  elsewhere,
  type Importer,
  reviewHrefOf,
} from './import-request.js';
import type { StatusReading } from './import.types.js';

// "Check the statuses": each status word or colour the document uses ("On track", a green
// fill) and the RAG status of the plan's scheme it was read as; the person changes one and
// the same upload is read again. The choice is kept with the council for the next upload.

const NO_SOURCE =
  'This import was uploaded before its statuses could be checked. Upload the file again to check its statuses.';

function renderStatuses(
  reply: FastifyReply,
  request: FastifyRequest,
  who: Importer,
  page: { fileName: string; readings: StatusReading[]; scheme: readonly SchemeStatus[] },
  values: Record<string, string>,
  issues: FormIssue[] = [],
) {
  const review = reviewHrefOf(request, who);
  const errors = formErrors(issues);
  return reply.code(issues.length ? 400 : 200).render('import-statuses.njk', {
    title: 'Check the statuses',
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...errors,
    council: who.council.name,
    fileName: page.fileName,
    statuses: statusesPage(page.readings, page.scheme, values, errors.fieldErrors),
    backHref: review,
    postHref: `${review}/statuses`,
  });
}

async function findStatuses(app: AppContext, request: FastifyRequest, who: Importer) {
  return app.transaction((trx) =>
    app.services.importColumns.statuses(trx, app.clock.now(), draftKeyOf(request, who)),
  );
}

export async function showStatuses(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const found = await findStatuses(app, request, who);
  if (found.kind !== 'open') return elsewhere(reply, who, found);
  const page = { fileName: found.fileName, readings: found.readings ?? [], scheme: found.scheme };
  if (!found.readings)
    return renderStatuses(reply, request, who, page, {}, [{ field: 'statuses', text: NO_SOURCE }]);
  return renderStatuses(reply, request, who, page, statusesValues(page.readings));
}

/** Reads the upload again with the meanings chosen; the review page then shows the new draft. */
export async function saveStatuses(app: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = await authoriseImport(app, request);
  const found = await findStatuses(app, request, who);
  if (found.kind !== 'open') return elsewhere(reply, who, found);
  const page = { fileName: found.fileName, readings: found.readings ?? [], scheme: found.scheme };
  const values = formValues(request);
  const read = readForm(statusesForm(page.readings, page.scheme), values);
  if (!read.ok) return renderStatuses(reply, request, who, page, values, read.issues);
  const outcome = await app.transaction((trx) =>
    app.services.importColumns.chooseStatuses(
      trx,
      app.clock.now(),
      draftKeyOf(request, who),
      chosenStatuses(page.readings, read.value as Record<string, string>),
    ),
  );
  if (outcome.kind !== 'open') return elsewhere(reply, who, outcome);
  return redirectSaved(reply, reviewHrefOf(request, who), 'statuses');
}
