import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Importing a plan the council already has (same title, whatever the case or spaces): the
// review page warns before anything is saved, and confirming needs a choice, a new version
// or cancel. Nothing is half-written either way.

const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const UPLOAD = '/councils/testshire/import';
const TITLE = 'Testshire Improvement Plan June 2026';

const planText = (title: string) =>
  new TextEncoder().encode(
    `${title}\n\n` +
      [
        ['Ref', 'Action', 'Lead', 'Due date', 'RAG', 'Progress update'],
        ['1.1', 'Recruit two social workers', 'Ann James', 'Jul 2026', 'Amber', 'One started'],
        ['1.2', 'Publish the supervision policy', 'Ann James', 'Aug 2026', '', 'GREEN - done'],
      ]
        .map((cells) => cells.join('\t'))
        .join('\n'),
  );

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const plan = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  const council = await councilOf(app, plan);
  await addMember(app, { email: MANAGER, name: 'Manager', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const plansTitled = async () =>
  (
    await sql<{
      versionLabel: string | null;
    }>`select version_label as "versionLabel" from plan where lower(title) = lower(${TITLE}) order by version_label nulls first`.execute(
      app.db,
    )
  ).rows.map((r) => r.versionLabel);
const drafts = async () =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from import_draft where state is not null`.execute(app.db)
  ).rows[0]?.n ?? -1;

/** Uploads a plan titled `title` and returns the review page's address and page. */
async function upload(browser: WebClient, title: string) {
  const form = await browser.get(UPLOAD);
  const sent = await browser.upload(UPLOAD, {
    _csrf: browser.csrf(form.body),
    file: [{ name: 'plan.txt', bytes: planText(title) }],
  });
  assert.equal(sent.statusCode, 303);
  const reviewUrl = sent.headers.location ?? '';
  return { reviewUrl, review: await browser.get(reviewUrl) };
}

describe('importing a plan the council already has', () => {
  test('warns on the review page and creates a new version, or nothing, only when chosen', async () => {
    const browser = await new WebClient(server).signIn(MANAGER, PASSWORD);

    // The first import: no warning, and "Create the plan" creates it.
    const first = await upload(browser, TITLE);
    assert.doesNotMatch(first.review.body, /already has a plan/);
    assert.doesNotMatch(first.review.body, /name="choice"/);
    const created = await browser.post(`${first.reviewUrl}/confirm`, {
      _csrf: browser.csrf(first.review.body),
    });
    assert.equal(created.statusCode, 303);
    assert.deepEqual(await plansTitled(), [null]);
    // The imported RAG values are the plan's statuses.
    const planId = created.headers.location?.split('/').pop() ?? '';
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.deepEqual(
      doc.actions.map((a) => a.status),
      ['AMBER', 'GREEN'],
    );

    // The same plan again, its title in other case and spacing: a GOV.UK warning.
    const again = await upload(browser, `  ${TITLE.toUpperCase()} `);
    assert.equal(again.review.statusCode, 200);
    assert.match(
      again.review.body,
      /<div class="govuk-warning-text">[\s\S]*?Testshire County Council already has a plan called “TESTSHIRE IMPROVEMENT PLAN JUNE 2026”\. Importing this file makes a second plan with the same title\./,
    );
    assert.match(again.review.body, /name="choice" type="radio" value="new-version"/);
    assert.match(again.review.body, /name="choice" type="radio" value="cancel"/);
    assert.match(again.review.body, /The new plan is labelled “Version 2”\./);
    assert.doesNotMatch(again.review.body, /<button[^>]*>\s*Create the plan\s*</);

    // Confirming without a choice saves nothing and asks again, in the GOV.UK error pattern.
    const csrf = browser.csrf(again.review.body);
    const unchosen = await browser.post(`${again.reviewUrl}/confirm`, { _csrf: csrf });
    assert.equal(unchosen.statusCode, 400);
    assert.match(unchosen.body, /There is a problem/);
    assert.match(unchosen.body, /<a href="#choice">/);
    assert.equal(
      unchosen.body.split('Select whether to import it as a new version or cancel the import')
        .length - 1,
      2,
      'in the summary and beside the radios',
    );
    assert.deepEqual(await plansTitled(), [null]);

    // Cancelling makes nothing and drops the draft.
    const draftsBefore = await drafts();
    const cancelled = await browser.post(`${again.reviewUrl}/confirm`, {
      _csrf: csrf,
      choice: 'cancel',
    });
    assert.equal(cancelled.statusCode, 303);
    assert.equal(cancelled.headers.location, `${UPLOAD}?notice=cancelled`);
    assert.deepEqual(await plansTitled(), [null]);
    assert.equal(await drafts(), draftsBefore - 1);
    assert.equal((await browser.get(again.reviewUrl)).headers.location, `${UPLOAD}?notice=gone`);

    // As a new version: a second plan whose version label says so.
    const third = await upload(browser, TITLE);
    const asVersion = await browser.post(`${third.reviewUrl}/confirm`, {
      _csrf: browser.csrf(third.review.body),
      choice: 'new-version',
    });
    assert.equal(asVersion.statusCode, 303);
    assert.deepEqual(await plansTitled(), [null, 'Version 2']);
    const plan = await browser.get(asVersion.headers.location ?? '');
    assert.match(plan.body, /Version 2/);
    // And the next one would be version 3.
    const fourth = await upload(browser, TITLE);
    assert.match(fourth.review.body, /The new plan is labelled “Version 3”\./);
  });
});
