import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { LAYOUT_CSV } from './column-layout.test-helper.js';

// "Check the columns" over HTTP: the role the importer gave each column, with a sample of its
// cells; change a role or the header row, read the same upload again, and the council's next
// upload in that layout is read the same way.

const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const UPLOAD = '/councils/testshire/import';

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
    {
      role: 'plan-manager',
    },
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
    file: [{ name: 'eastfield.csv', bytes: LAYOUT_CSV }],
  });
  assert.equal(sent.statusCode, 303);
  return sent.headers.location ?? '';
}

const selected = (html: string, name: string) =>
  new RegExp(`<select[^>]*name="${name}"[^>]*>[\\s\\S]*?<option value="([a-z]+)" selected`).exec(
    html,
  )?.[1];

describe('checking the columns of an import', () => {
  test('shows each column’s role and cells, reads the file again as chosen, and keeps the choice for the council', async () => {
    const browser = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const review = await upload(browser);
    const before = await browser.get(review);
    assert.match(before.body, /3 actions with no lead/);
    assert.match(before.body, new RegExp(`href="${review}/columns"`));

    const page = await browser.get(`${review}/columns`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Check the columns/);
    // The header row is the second row (a title sits above it), each column has its role.
    assert.match(
      page.body,
      /value="1" checked[^>]*>\s*<label[^>]*>\s*Row 2: “Ref”, “Action”, “Champion”, “Milestone”/,
    );
    assert.equal(selected(page.body, 'role-0-0'), 'ref');
    assert.equal(selected(page.body, 'role-0-1'), 'action');
    assert.equal(selected(page.body, 'role-0-2'), 'auto');
    assert.equal(selected(page.body, 'role-0-3'), 'due');
    assert.match(
      page.body,
      /Column 3: “Champion”[\s\S]*?Not read: neither its heading nor its cells say what it holds\. For example: “Head of Assessment”, “Principal Social Worker”/,
    );
    // Each role says where it came from: the heading's words, or what the cells hold.
    assert.match(page.body, /Column 2: “Action”[\s\S]*?Read from its heading\. For example/);
    assert.match(
      page.body,
      /Column 4: “Milestone”[\s\S]*?Read from what its cells hold: they are dates\. For example: “June 2026”/,
    );

    // Two columns cannot both be the action: the form says so and nothing changes.
    const form = {
      _csrf: browser.csrf(page.body),
      'header-0': '1',
      'role-0-0': 'ref',
      'role-0-1': 'action',
      'role-0-2': 'action',
      'role-0-3': 'due',
      'role-0-4': 'ignore',
    };
    const refused = await browser.post(`${review}/columns`, form);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /There is a problem/);
    assert.match(
      refused.body,
      /<a href="#role-0-2">Columns 2 and 3 of table 1 cannot both be “Action”/,
    );
    assert.equal(await mappings(), 0);

    const reread = await browser.post(`${review}/columns`, { ...form, 'role-0-2': 'lead' });
    assert.equal(reread.statusCode, 303);
    assert.equal(reread.headers.location, review);
    const after = await browser.get(review);
    assert.match(after.body, /The file has been read again with the columns you chose/);
    assert.doesNotMatch(after.body, /actions with no lead/);
    assert.doesNotMatch(after.body, /X-17/);
    assert.match(after.body, /Head of Assessment/);
    assert.equal(await mappings(), 1);

    // The next upload in the same layout is read the same way, and the page says why.
    const next = await upload(browser);
    const nextReview = await browser.get(next);
    assert.match(nextReview.body, /Principal Social Worker/);
    assert.doesNotMatch(nextReview.body, /actions with no lead/);
    const nextColumns = await browser.get(`${next}/columns`);
    assert.match(nextColumns.body, /Read as you chose/);
    assert.equal(selected(nextColumns.body, 'role-0-2'), 'lead');
    assert.equal(selected(nextColumns.body, 'role-0-4'), 'ignore');
    assert.match(nextColumns.body, /Column 3: “Champion”[\s\S]*?Read as you chose\./);
  });

  test('a role worked out from the cells can be changed, and the file is read again by it', async () => {
    const browser = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const review = await upload(browser);
    const noDue = /<td class="govuk-table__cell">None<br>|<td class="govuk-table__cell">None<\/td>/;
    assert.doesNotMatch((await browser.get(review)).body, noDue);
    const page = await browser.get(`${review}/columns`);
    assert.equal(selected(page.body, 'role-0-3'), 'due');
    // The dates column read as progress updates instead: no action has a due date now.
    const reread = await browser.post(`${review}/columns`, {
      _csrf: browser.csrf(page.body),
      'header-0': '1',
      'role-0-0': 'ref',
      'role-0-1': 'action',
      'role-0-2': 'lead',
      'role-0-3': 'update',
      'role-0-4': 'ignore',
    });
    assert.equal(reread.statusCode, 303);
    const after = await browser.get(review);
    assert.match(after.body, noDue);
    const columns = await browser.get(`${review}/columns`);
    assert.equal(selected(columns.body, 'role-0-3'), 'update');
    assert.match(columns.body, /Column 4: “Milestone”[\s\S]*?Read as you chose\./);
  });

  test('a choice that leaves no plan table is refused and kept nowhere; “none of these” leaves the draft as read', async () => {
    const browser = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const review = await upload(browser);
    const page = await browser.get(`${review}/columns`);
    const form = (header: string, roles: string[]) => ({
      _csrf: browser.csrf(page.body),
      'header-0': header,
      ...Object.fromEntries(roles.map((r, i) => [`role-0-${i}`, r])),
    });
    // Every column ignored: no plan table is left, so nothing is read again or kept.
    const before = await mappings();
    const refused = await browser.post(
      `${review}/columns`,
      form('1', ['ignore', 'ignore', 'lead', 'ignore', 'ignore']),
    );
    assert.equal(refused.statusCode, 400);
    assert.match(
      refused.body,
      /With the columns you chose, the file cannot be read as a plan\. Found 1 table and 1 paragraph of text but the table has no recommendation or action column/,
    );
    assert.equal(await mappings(), before);
    // No header row chosen and nothing changed: the draft stays as it was read.
    const none = await browser.post(
      `${review}/columns`,
      form('none', ['ref', 'action', 'lead', 'due', 'ignore']),
    );
    assert.equal(none.statusCode, 303);
  });
});

const mappings = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from import_column_mapping`.execute(app.db))
    .rows[0]?.n ?? -1;
