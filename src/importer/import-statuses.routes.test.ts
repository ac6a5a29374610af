import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// "Check the statuses" over HTTP: the review shows how each status word of the file was read
// against the plan's RAG scheme; the person changes one, the same upload is read again, and
// the council's next upload using those words is read the same way.

const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const UPLOAD = '/councils/testshire/import';
const CSV = Buffer.from(
  [
    'Westmoor Council improvement plan',
    'Ref,Action,Lead,Due,Status',
    '1.1,Publish the practice standards,Head of Practice,June 2026,On track',
    '1.2,Train every team manager,Workforce Lead,July 2026,Behind plan',
    '1.3,Audit twenty cases each month,Head of Quality,Monthly,On track',
    '',
  ].join('\n'),
);

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const plan = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  await addMember(
    app,
    { email: MANAGER, name: 'Manager', password: PASSWORD },
    await councilOf(app, plan),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

async function upload(browser: WebClient) {
  const form = await browser.get(UPLOAD);
  const sent = await browser.upload(UPLOAD, {
    _csrf: browser.csrf(form.body),
    file: [{ name: 'westmoor.csv', bytes: CSV }],
  });
  assert.equal(sent.statusCode, 303);
  return sent.headers.location ?? '';
}

const selected = (html: string, name: string) =>
  new RegExp(`<select[^>]*name="${name}"[^>]*>[\\s\\S]*?<option value="([A-Za-z]+)" selected`).exec(
    html,
  )?.[1];

const summaryRow = (html: string, words: string) =>
  new RegExp(`“${words}”\\s*</dt>\\s*<dd[^>]*>\\s*([^<]*?)\\s*</dd>`).exec(html)?.[1];

const kept = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from import_status_mapping`.execute(app.db))
    .rows[0]?.n ?? -1;

describe('checking the statuses of an import', () => {
  test('shows how each status word was read, reads the file again as chosen, and keeps the choice for the council', async () => {
    const browser = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const review = await upload(browser);
    const before = await browser.get(review);
    assert.equal(summaryRow(before.body, 'On track'), 'Green, in 2 rows');
    assert.equal(summaryRow(before.body, 'Behind plan'), 'No status, in 1 row');
    assert.match(before.body, new RegExp(`href="${review}/statuses"`));

    const page = await browser.get(`${review}/statuses`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Check the statuses/);
    assert.equal(selected(page.body, 'status-0'), 'GREEN');
    assert.equal(selected(page.body, 'status-1'), 'none');
    assert.match(page.body, /Read by the importer as No status, in 1 row\./);

    // A status the plan's scheme does not have is refused, with the words the page shows.
    const refused = await browser.post(`${review}/statuses`, {
      _csrf: browser.csrf(page.body),
      'status-0': 'GREEN',
      'status-1': 'PURPLE',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /<a href="#status-1">Select what “Behind plan” means, or no status/);
    assert.equal(await kept(), 0);

    const reread = await browser.post(`${review}/statuses`, {
      _csrf: browser.csrf(page.body),
      'status-0': 'GREEN',
      'status-1': 'AMBER',
    });
    assert.equal(reread.statusCode, 303);
    assert.equal(reread.headers.location, review);
    const after = await browser.get(review);
    assert.match(after.body, /The file has been read again with the statuses you chose/);
    assert.equal(summaryRow(after.body, 'Behind plan'), 'Amber (as you chose), in 1 row');
    assert.equal(summaryRow(after.body, 'On track'), 'Green, in 2 rows');
    assert.equal(await kept(), 1);

    // The next upload using the same words is read the same way.
    const next = await upload(browser);
    const nextReview = await browser.get(next);
    assert.equal(summaryRow(nextReview.body, 'Behind plan'), 'Amber (as you chose), in 1 row');
    const nextPage = await browser.get(`${next}/statuses`);
    assert.equal(selected(nextPage.body, 'status-1'), 'AMBER');
    assert.match(nextPage.body, /Read as you chose as Amber, in 1 row\./);
  });
});
