import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { BRISTOL_FIVE_COLOUR } from '../../rag/built-in-schemes.js';
import { RagSchemeRepository } from '../../rag/rag-scheme.repository.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// The settings page's smaller forms (the RAG scheme; status confirmation and evidence) carry
// the version of what they change. Two plan managers read the page; the first saves; the
// second's save from the page as it was is refused with what the first changed, nothing of
// it saved, and the form holding what is saved with the second's change on top to re-apply.

const PASSWORD = 'a long enough password';
const ALEX = 'alex@testshire.gov.uk';
const SAM = 'sam@testshire.gov.uk';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
const settings = () => `/plans/${planId}/settings`;
const view = () => app.transaction((trx) => app.services.plans.get(trx, planId));

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  const council = await councilOf(app, planId);
  await app.transaction((trx) =>
    new RagSchemeRepository().upsertScheme(trx, {
      organisationId: council,
      key: 'testshire',
      name: 'Testshire’s statuses',
      statuses: BRISTOL_FIVE_COLOUR.statuses,
    }),
  );
  for (const [email, name] of [
    [ALEX, 'Alex Manager'],
    [SAM, 'Sam Manager'],
  ] as const) {
    await addMember(app, { email, name, password: PASSWORD }, council, { role: 'plan-manager' });
  }
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);

/** The hidden fields of the form posting to `action` on a page: what that form read. */
function formAt(client: WebClient, html: string, action: string) {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `the page has a form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  return {
    _csrf: client.csrf(form),
    version: client.field(form, 'version'),
    original: client.field(form, 'original'),
  };
}
/** The rows of the "What they changed" table: field, when opened, saved now, yours. */
function changedRows(html: string): string[][] {
  const table = html.slice(html.indexOf('What they changed'), html.indexOf('</table>'));
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map((row) =>
      [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1] ?? ''),
    )
    .filter((cells) => cells[0] !== 'Field');
}
const schemeId = (html: string, name: string) => {
  const id = new RegExp(`value="([^"]+)"[^>]*>\\s*<label[^>]*>\\s*${name}`).exec(html)?.[1];
  assert.ok(id, `${name} is offered`);
  return id;
};

describe('the settings page’s smaller forms, saved from a page someone else saved since', () => {
  test('the RAG scheme: refused, nothing of it saved, re-applied on top', async () => {
    const alex = await signedIn(ALEX);
    const sam = await signedIn(SAM);
    const alexPage = (await alex.get(settings())).body;
    const samPage = (await sam.get(settings())).body;
    const plain = schemeId(alexPage, 'Red, Amber, Green');
    const own = schemeId(samPage, 'Testshire’s statuses');
    const action = `${settings()}/scheme`;

    const first = await alex.post(action, {
      ...formAt(alex, alexPage, action),
      ragSchemeId: plain,
    });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(action, { ...formAt(sam, samPage, action), ragSchemeId: own });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.deepEqual(changedRows(stale.body), [
      [
        'RAG scheme',
        'Red, Amber, Green, Grey, Blue (Bristol)',
        'Red, Amber, Green',
        'Testshire’s statuses',
      ],
    ]);
    assert.equal((await view()).scheme.key, 'red-amber-green', 'Alex’s change stands');
    // The form holds Sam's choice at the version saved now; sent, it applies it.
    assert.match(stale.body, new RegExp(`value="${own}" checked`));
    const again = await sam.post(action, { ...formAt(sam, stale.body, action), ragSchemeId: own });
    assert.equal(again.statusCode, 303);
    assert.equal((await view()).scheme.key, 'testshire');
  });

  test('status confirmation and evidence: refused, nothing of it saved, re-applied on top', async () => {
    const alex = await signedIn(ALEX);
    const sam = await signedIn(SAM);
    const alexPage = (await alex.get(settings())).body;
    const samPage = (await sam.get(settings())).body;
    const action = `${settings()}/confirmation`;

    // Alex turns confirmation on; Sam, from the page before, asks for evidence (and leaves
    // confirmation as it showed: off).
    const first = await alex.post(action, {
      ...formAt(alex, alexPage, action),
      confirmStatuses: 'yes',
      evidenceBeforeComplete: 'no',
    });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(action, {
      ...formAt(sam, samPage, action),
      confirmStatuses: 'no',
      evidenceBeforeComplete: 'yes',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    assert.deepEqual(changedRows(stale.body), [
      ['Status changes need a plan manager’s confirmation', 'No', 'Yes', 'You did not change this'],
    ]);
    const saved = (await view()).plan;
    assert.equal(saved.confirmStatuses, true, 'Alex’s change stands');
    assert.equal(saved.evidenceBeforeComplete, false, 'nothing of Sam’s is saved');
    // The form holds Alex's "yes" with Sam's "yes" for evidence on top.
    const form = stale.body.slice(stale.body.indexOf(`action="${action}"`));
    assert.match(form, /name="confirmStatuses" type="radio" value="yes" checked/);
    assert.match(form, /name="evidenceBeforeComplete" type="radio" value="yes" checked/);
    const again = await sam.post(action, {
      ...formAt(sam, stale.body, action),
      confirmStatuses: 'yes',
      evidenceBeforeComplete: 'yes',
    });
    assert.equal(again.statusCode, 303);
    const now = (await view()).plan;
    assert.equal(now.confirmStatuses, true);
    assert.equal(now.evidenceBeforeComplete, true);
  });
});
