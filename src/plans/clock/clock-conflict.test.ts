import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// Two plan managers open the statutory clock; the first records the day the report was
// received; the second, from the form as it was, records a stage: refused with what the
// first changed, nothing of it saved, and the form holding both to save again.

const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';

before(async () => {
  app = await testContext();
  app.clock.set('2022-05-10T09:00:00Z');
  const base = buildPlanDocument();
  assert.ok(base.inspection);
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        plan: { ...base.plan, status: 'draft' },
        inspection: { ...base.inspection, publishedOn: null, receivedOn: null } as never,
      }),
    ),
  );
  const council = await councilOf(app, planId);
  for (const who of ['alex', 'sam']) {
    await addMember(
      app,
      { email: `${who}@testshire.gov.uk`, name: who, password: PASSWORD },
      council,
      { role: 'plan-manager' },
    );
  }
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const signedIn = (who: string) => new WebClient(server).signIn(`${who}@testshire.gov.uk`, PASSWORD);
/** Every field of the clock's form as the page fills it, with the hidden ones. */
const formOf = (client: WebClient, html: string) => {
  const start = html.indexOf(`action="/plans/${planId}/clock"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const values: Record<string, string> = { _csrf: client.csrf(form) };
  for (const m of form.matchAll(/name="([^"]+)" type="(?:hidden|text)"[^>]*?value="([^"]*)"/g))
    values[m[1] ?? ''] = m[2] ?? '';
  values.version = client.field(form, 'version');
  values.original = client.field(form, 'original');
  const checked = /name="priorityDraft" type="radio" value="(yes|no)" checked/.exec(form)?.[1];
  return { ...values, priorityDraft: checked ?? '' } as Record<string, string>;
};
const facts = () => app.transaction((trx) => app.services.clock.read(trx, planId));

describe('saving the statutory clock from a form someone else saved since', () => {
  test('is refused with what they changed, nothing of it saved, and re-applied on top', async () => {
    const path = `/plans/${planId}/clock`;
    const alex = await signedIn('alex');
    const sam = await signedIn('sam');
    const alexForm = formOf(alex, (await alex.get(path)).body);
    const samForm = formOf(sam, (await sam.get(path)).body);
    assert.equal(samForm['receivedOn-day'], '');

    const first = await alex.post(path, {
      ...alexForm,
      'receivedOn-day': '1',
      'receivedOn-month': '4',
      'receivedOn-year': '2022',
      priorityDraft: 'no',
    });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(path, {
      ...samForm,
      priorityDraft: 'no',
      'draft-day': '3',
      'draft-month': '5',
      'draft-year': '2022',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.match(
      stale.body,
      /<th scope="row" class="govuk-table__header">Report received<\/th>\s*<td[^>]*>Nothing<\/td>\s*<td[^>]*>1 April 2022<\/td>\s*<td[^>]*>You did not change this<\/td>/,
    );
    const kept = await facts();
    assert.equal(kept.receivedOn, '2022-04-01', 'Alex’s date stands');
    assert.equal(kept.stages.get('draft'), undefined, 'nothing of Sam’s is saved');

    // The form holds Alex's received day and Sam's stage; sent, it saves both.
    const again = formOf(sam, stale.body);
    assert.equal(again['receivedOn-day'], '1');
    assert.equal(again['draft-day'], '3');
    assert.equal((await sam.post(path, again)).statusCode, 303);
    const now = await facts();
    assert.equal(now.receivedOn, '2022-04-01');
    assert.equal(now.stages.get('draft'), '2022-05-03');
  });
});
