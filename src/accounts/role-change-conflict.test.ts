import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Two administrators open the same person's "Change access" page; the first changes their
// role; the second's change from the page as it was is refused with what the first changed,
// nothing of it saved, and the form holding this administrator's change to apply on top.

const PASSWORD = 'a long enough password';
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let council = '';
let joId = '';

before(async () => {
  app = await testContext();
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  council = await councilOf(app, planId);
  for (const who of ['alex', 'sam']) {
    await addMember(
      app,
      { email: `${who}@testshire.gov.uk`, name: who, password: PASSWORD },
      council,
      { role: 'administrator' },
    );
  }
  await addMember(app, { email: 'jo@testshire.gov.uk', name: 'Jo', password: PASSWORD }, council, {
    role: 'viewer',
  });
  joId =
    (
      await app.transaction((trx) =>
        app.services.accounts.findUserByEmail(trx, 'jo@testshire.gov.uk'),
      )
    )?.id ?? '';
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app?.close();
});

const signedIn = (who: string) => new WebClient(server).signIn(`${who}@testshire.gov.uk`, PASSWORD);
const joRole = async () => {
  const people = await app.transaction((trx) => app.services.people.people(trx, council));
  const role = people.members.find((m) => m.userId === joId)?.roles.find((r) => r.planId === null);
  return { role: role?.role, leadNames: role?.leadNames };
};
const read = (client: WebClient, html: string) => ({
  _csrf: client.csrf(html),
  person: joId,
  version: client.field(html, 'version'),
  original: client.field(html, 'original'),
});

describe('changing a person’s role from a page someone else saved since', () => {
  test('is refused with what they changed, nothing of it saved, and re-applied on top', async () => {
    const page = `/councils/testshire/people/change?person=${joId}`;
    const action = '/councils/testshire/people/role';
    const alex = await signedIn('alex');
    const sam = await signedIn('sam');
    const alexForm = read(alex, (await alex.get(page)).body);
    const samForm = read(sam, (await sam.get(page)).body);

    const first = await alex.post(action, { ...alexForm, role: 'plan-manager', leadNames: '' });
    assert.equal(first.statusCode, 303);
    const stale = await sam.post(action, {
      ...samForm,
      role: 'action-lead',
      leadNames: 'Head of Service, Early Help',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this/);
    const table = stale.body.slice(stale.body.indexOf('What they changed'));
    assert.match(
      table,
      /<th scope="row" class="govuk-table__header">Role<\/th>\s*<td[^>]*>Board member or viewer<\/td>\s*<td[^>]*>Plan manager<\/td>\s*<td[^>]*>Action lead<\/td>/,
    );
    assert.deepEqual(
      await joRole(),
      { role: 'plan-manager', leadNames: [] },
      'Alex’s change stands',
    );

    // The form holds Sam's change at the version saved now; sent, it applies it.
    assert.match(stale.body, /name="role" type="radio" value="action-lead" checked/);
    assert.match(stale.body, /Head of Service, Early Help<\/textarea>/);
    const again = await sam.post(action, {
      ...read(sam, stale.body),
      role: 'action-lead',
      leadNames: 'Head of Service, Early Help',
    });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(await joRole(), {
      role: 'action-lead',
      leadNames: ['Head of Service, Early Help'],
    });
  });
});
