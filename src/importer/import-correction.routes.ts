import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../composition.js';
import { type FormIssue, formErrors, formValues, readForm } from '../web/forms.js';
import type { CorrectableKind, CorrectableRow } from './import-correction.js';
import { correctionForm, correctionTyped, correctionValues } from './import-correction.form.js';
import { anchorOf } from './import-review.view-model.js';
import {
  authoriseImport,
  draftKeyOf,
  elsewhere,
  type Importer,
  reviewHrefOf,
} from './import-request.js';

// Correcting one row of a draft under review: its text, leads and due date. The correction is
// kept with the draft; the review page shows the row as corrected.

// A Map, so a URL naming an Object property ("constructor") names no kind.
const KINDS = new Map<string, CorrectableKind>([
  ['actions', 'action'],
  ['recommendations', 'recommendation'],
]);

/** The row the URL names (a 404 when the open draft has none), or why the draft is not open. */
async function findRow(app: AppContext, request: FastifyRequest, who: Importer) {
  const { kind, itemId } = request.params as { kind: string; itemId: string };
  return app.transaction((trx) =>
    app.services.importDrafts.row(
      trx,
      app.clock.now(),
      draftKeyOf(request, who),
      KINDS.get(kind) ?? null,
      itemId,
    ),
  );
}

function renderCorrection(
  reply: FastifyReply,
  request: FastifyRequest,
  who: Importer,
  kind: CorrectableKind,
  row: CorrectableRow,
  values: Record<string, string>,
  issues: FormIssue[] = [],
) {
  const review = reviewHrefOf(request, who);
  const heading = kind === 'action' ? 'Correct this action' : 'Correct this recommendation';
  return reply.code(issues.length ? 400 : 200).render('import-change.njk', {
    title: heading,
    nav: 'plans',
    csrfToken: request.signedIn?.session.csrfToken,
    ...formErrors(issues),
    form: {
      heading,
      caption: `${kind === 'action' ? 'Action' : 'Recommendation'} ${row.ref ?? row.id}`,
      backHref: `${review}#${anchorOf(kind, row.id)}`,
      postHref: `${review}/${kind}s/${encodeURIComponent(row.id)}`,
      values,
    },
  });
}

/** GET: the correction form, filled in with the row as the draft holds it. */
export async function showCorrection(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const who = await authoriseImport(app, request);
  const found = await findRow(app, request, who);
  if (found.kind !== 'open') return elsewhere(reply, who, found);
  return renderCorrection(
    reply,
    request,
    who,
    found.rowKind,
    found.row,
    correctionValues(found.row),
  );
}

/** POST: keeps the correction with the draft and goes back to the row, or shows what to fix. */
export async function saveCorrection(
  app: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const who = await authoriseImport(app, request);
  const found = await findRow(app, request, who);
  if (found.kind !== 'open') return elsewhere(reply, who, found);
  const { rowKind: kind, row } = found;
  const values = formValues(request);
  const read = readForm(correctionForm, values);
  if (!read.ok)
    return renderCorrection(reply, request, who, kind, row, correctionTyped(values), read.issues);
  const saved = await app.transaction((trx) =>
    app.services.importDrafts.correct(
      trx,
      app.clock.now(),
      draftKeyOf(request, who),
      kind,
      row.id,
      read.value,
    ),
  );
  if (saved.kind !== 'open') return elsewhere(reply, who, saved);
  return reply.redirect(`${reviewHrefOf(request, who)}#${anchorOf(kind, row.id)}`, 303);
}
