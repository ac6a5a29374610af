import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// The import review journey over HTTP: upload, review with warnings beside their rows,
// correct, confirm once; or cancel and leave nothing behind. Bad files get the importer's words.

const SEED = readFileSync(new URL('./interpret/fixtures/seed-001.txt', import.meta.url));
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const COLLEAGUE = 'colleague@testshire.gov.uk';
const VIEWER = 'viewer@testshire.gov.uk';
const OUTSIDER = 'manager@otherton.gov.uk';
const UPLOAD = '/councils/testshire/import';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let testshire: string;

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  const planA = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  const planB = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ organisation: { slug: 'otherton', name: 'Otherton Council' } }),
    ),
  );
  testshire = await councilOf(app, planA);
  const people: Array<[string, string, 'plan-manager' | 'viewer']> = [
    [MANAGER, testshire, 'plan-manager'],
    [COLLEAGUE, testshire, 'plan-manager'],
    [VIEWER, testshire, 'viewer'],
    [OUTSIDER, await councilOf(app, planB), 'plan-manager'],
  ];
  for (const [email, council, role] of people) {
    await addMember(
      app,
      { email, name: email.split('@')[0] ?? email, password: PASSWORD },
      council,
      {
        role,
      },
    );
  }
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

/** A browser-like client already signed in as `email`. */
const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);

async function uploadFile(browser: WebClient, name: string, bytes: Uint8Array) {
  const form = await browser.get(UPLOAD);
  assert.equal(form.statusCode, 200);
  return browser.upload(UPLOAD, { _csrf: browser.csrf(form.body), file: [{ name, bytes }] });
}

const count = async (table: 'plan' | 'import_draft') =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(app.db))
    .rows[0]?.n ?? -1;

/** The inline error and the summary say the same words. */
function assertFileError(page: LightMyRequestResponse, words: string) {
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /There is a problem/);
  assert.match(page.body, /<a href="#file">/);
  assert.equal(page.body.split(words).length - 1, 2, `“${words}” in the summary and inline`);
  assert.match(page.body, /govuk-file-upload--error/);
}

describe('importing a plan in the browser', () => {
  test('a plan manager of one council goes straight to its upload form', async () => {
    const browser = await signedIn(MANAGER);
    const choose = await browser.get('/import');
    assert.equal(choose.statusCode, 303);
    assert.equal(choose.headers.location, UPLOAD);
    const form = await browser.get(UPLOAD);
    assert.match(form.body, /<h1 class="govuk-heading-l">Import a plan<\/h1>/);
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /Testshire County Council/);
  });

  test('upload, see warnings beside their rows, correct one, confirm: the plan is the council’s', async () => {
    const browser = await signedIn(MANAGER);
    const plansBefore = await count('plan');
    const uploaded = await uploadFile(browser, 'bristol plan.txt', SEED);
    assert.equal(uploaded.statusCode, 303);
    const reviewUrl = uploaded.headers.location ?? '';
    assert.match(reviewUrl, /^\/councils\/testshire\/import\/[0-9a-f-]{36}$/);
    assert.equal(await count('plan'), plansBefore, 'nothing saved before confirming');

    const review = await browser.get(reviewUrl);
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /Check the imported plan/);
    assert.match(review.body, /19 recommendations, 55 actions/);
    assert.match(review.body, /bristol plan\.txt/);
    // The list is grouped by kind: a count, what the importer assumed, then the warnings.
    assert.match(
      review.body,
      /<h3 class="govuk-heading-s[^"]*">4 due dates read with an assumption<\/h3>\s*<p class="govuk-body-s">Each says which date was used\.<\/p>/,
    );
    // A warning in the list links to its row, and is shown beside that row.
    const link = /<a class="govuk-link" href="#(action-[^"]+)">Go to Action ([\d.]+)<\/a>/.exec(
      review.body,
    );
    assert.ok(link, 'a warning links to the action it concerns');
    const [, anchor, ref] = link;
    const row = review.body.slice(review.body.indexOf(`id="${anchor}"`));
    const nextRow = row.indexOf('<tr class="govuk-table__row" id=', 10);
    const beside = nextRow > 0 ? row.slice(0, nextRow) : row;
    assert.match(beside, /govuk-warning-text/);
    assert.match(beside, /The cell held several dates/);
    // Status as words, never colour alone.
    assert.match(review.body, /govuk-tag[^"]*">\s*No status\s*</);

    const changeHref = new RegExp(
      `href="(${reviewUrl}/actions/[^"]+)">Correct<span class="govuk-visually-hidden"> action ${ref?.replace('.', '\\.')}<`,
    ).exec(review.body)?.[1];
    assert.ok(changeHref);
    const change = await browser.get(changeHref);
    assert.equal(change.statusCode, 200);
    const bad = await browser.post(changeHref, {
      _csrf: browser.csrf(change.body),
      text: 'Recruit two more leaving care workers',
      leads: 'Ann James',
      due: 'sometime-ish',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.body.split('Enter a due date we can understand').length - 1, 2);
    const saved = await browser.post(changeHref, {
      _csrf: browser.csrf(change.body),
      text: 'Recruit two more leaving care workers <script>alert(1)</script>',
      leads: 'Ann James\nHead of Service, Leaving Care',
      due: 'End April 2015',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `${reviewUrl}#${anchor}`);
    const corrected = await browser.get(reviewUrl);
    assert.match(corrected.body, /You corrected this row/);
    assert.match(corrected.body, /Recruit two more leaving care workers &lt;script&gt;/);
    assert.doesNotMatch(corrected.body, /<script>alert/);
    assert.equal(await count('plan'), plansBefore, 'corrections are kept with the draft only');

    // Two presses of "Create the plan" make one plan, and both land on it.
    const csrf = browser.csrf(corrected.body);
    const [first, second] = await Promise.all([
      browser.post(`${reviewUrl}/confirm`, { _csrf: csrf }),
      browser.post(`${reviewUrl}/confirm`, { _csrf: csrf }),
    ]);
    assert.equal(first?.statusCode, 303);
    assert.equal(second?.statusCode, 303);
    const planUrl = first?.headers.location ?? '';
    assert.match(planUrl, /^\/plans\/[0-9a-f-]{36}$/);
    assert.equal(second?.headers.location, planUrl);
    assert.equal(await count('plan'), plansBefore + 1);
    const planId = planUrl.split('/').pop() ?? '';
    assert.equal(await councilOf(app, planId), testshire, 'the chosen council, not the document’s');
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    const action = doc.actions.find((a) => a.ref === ref);
    assert.equal(typeof action?.due === 'object' ? action.due?.text : null, 'End April 2015');
    assert.deepEqual(
      action?.leads.map((l) => l.name),
      ['Ann James', 'Head of Service, Leaving Care'],
    );
    const plan = await browser.get(planUrl);
    assert.equal(plan.statusCode, 200);
    assert.match(plan.body, /Bristol Children’s Services Improvement Plan/);
    // The confirmed draft's address now leads to the plan; its content is gone.
    assert.equal((await browser.get(reviewUrl)).headers.location, planUrl);
  });

  test('cancelling leaves nothing behind', async () => {
    const browser = await signedIn(MANAGER);
    const plansBefore = await count('plan');
    const draftsBefore = await count('import_draft');
    const uploaded = await uploadFile(browser, 'seed.txt', SEED);
    const reviewUrl = uploaded.headers.location ?? '';
    assert.equal(await count('import_draft'), draftsBefore + 1);
    const review = await browser.get(reviewUrl);
    const cancelled = await browser.post(`${reviewUrl}/cancel`, {
      _csrf: browser.csrf(review.body),
    });
    assert.equal(cancelled.statusCode, 303);
    assert.equal(cancelled.headers.location, `${UPLOAD}?notice=cancelled`);
    const notice = await browser.get(cancelled.headers.location ?? '');
    assert.match(notice.body, /The import was cancelled\. Nothing from it was saved\./);
    assert.equal(await count('import_draft'), draftsBefore);
    assert.equal(await count('plan'), plansBefore);
    const again = await browser.get(reviewUrl);
    assert.equal(again.headers.location, `${UPLOAD}?notice=gone`);
  });

  test('an unconfirmed draft expires after 24 hours and is purged', async () => {
    const browser = await signedIn(MANAGER);
    const uploaded = await uploadFile(browser, 'seed.txt', SEED);
    const reviewUrl = uploaded.headers.location ?? '';
    const start = app.clock.now();
    app.clock.set(new Date(Date.parse(start) + 25 * 3600_000).toISOString());
    try {
      const later = await signedIn(MANAGER);
      assert.equal((await later.get(reviewUrl)).headers.location, `${UPLOAD}?notice=gone`);
      // The next upload purges it.
      const expiredId = reviewUrl.split('/').pop() ?? '';
      const next = await uploadFile(later, 'seed.txt', SEED);
      const left = await sql<{
        n: number;
      }>`select count(*)::int as n from import_draft where id = ${expiredId}`.execute(app.db);
      assert.equal(left.rows[0]?.n, 0);
      await later.post(`${next.headers.location}/cancel`, {
        _csrf: later.csrf((await later.get(next.headers.location ?? '')).body),
      });
    } finally {
      app.clock.set(start);
    }
  });

  test('bad files get the importer’s own words in the GOV.UK error pattern, and nothing is kept', async () => {
    const browser = await signedIn(MANAGER);
    const draftsBefore = await count('import_draft');
    const form = await browser.get(UPLOAD);
    const none = await browser.upload(UPLOAD, {
      _csrf: browser.csrf(form.body),
      file: [{ name: '', bytes: new Uint8Array() }],
    });
    assertFileError(none, 'Select a Word, Excel, CSV, HTML or text file to import');
    assertFileError(
      await uploadFile(browser, 'empty.txt', new Uint8Array()),
      '&quot;empty.txt&quot;: The file is empty',
    );
    assertFileError(
      await uploadFile(browser, 'plan.pdf', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n')),
      'PDF files cannot be read reliably',
    );
    assertFileError(
      await uploadFile(browser, 'plan.docx', Uint8Array.from([0, 1, 2, 3, 255, 254, 0, 7])),
      'does not look like a Word, Excel, CSV, HTML or text file',
    );
    const hostile = await uploadFile(browser, '<img src=x onerror=alert(1)>.txt', new Uint8Array());
    assertFileError(
      hostile,
      '&quot;&lt;img src=x onerror=alert(1)&gt;.txt&quot;: The file is empty',
    );
    assert.doesNotMatch(hostile.body, /<img src=x/);
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
    assertFileError(
      await uploadFile(browser, 'big.txt', big),
      'The selected file must be smaller than 10 MB',
    );
    assert.equal(await count('import_draft'), draftsBefore);
  });

  test('an upload without the CSRF token is refused and nothing is kept', async () => {
    const browser = await signedIn(MANAGER);
    const draftsBefore = await count('import_draft');
    const refused = await browser.upload(UPLOAD, { file: [{ name: 'seed.txt', bytes: SEED }] });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Your form could not be sent/);
    const wrong = await browser.upload(UPLOAD, {
      _csrf: 'not-the-token',
      file: [{ name: 'seed.txt', bytes: SEED }],
    });
    assert.equal(wrong.statusCode, 403);
    assert.equal(await count('import_draft'), draftsBefore);
  });

  test('only the council’s plan managers and administrators, and only their own drafts', async () => {
    const owner = await signedIn(MANAGER);
    const uploaded = await uploadFile(owner, 'seed.txt', SEED);
    const reviewUrl = uploaded.headers.location ?? '';
    const viewer = await signedIn(VIEWER);
    assert.equal((await viewer.get(UPLOAD)).statusCode, 403);
    assert.equal((await viewer.get(reviewUrl)).statusCode, 403);
    const viewerChoice = await viewer.get('/import');
    assert.equal(viewerChoice.statusCode, 200);
    assert.match(viewerChoice.body, /Only a council’s plan managers and administrators/);
    const outsider = await signedIn(OUTSIDER);
    assert.equal((await outsider.get(UPLOAD)).statusCode, 404);
    assert.equal((await outsider.get(reviewUrl)).statusCode, 404);
    const form = await outsider.get('/councils/otherton/import');
    const crossed = await outsider.post(`${reviewUrl}/confirm`, {
      _csrf: outsider.csrf(form.body),
    });
    assert.equal(crossed.statusCode, 404);
    // A colleague in the same council cannot open or confirm someone else's draft.
    const colleague = await signedIn(COLLEAGUE);
    const peek = await colleague.get(reviewUrl);
    assert.equal(peek.headers.location, `${UPLOAD}?notice=gone`);
    const plansBefore = await count('plan');
    const colleagueForm = await colleague.get(UPLOAD);
    await colleague.post(`${reviewUrl}/confirm`, { _csrf: colleague.csrf(colleagueForm.body) });
    assert.equal(await count('plan'), plansBefore);
    assert.equal((await owner.get(reviewUrl)).statusCode, 200, 'still there for its owner');
    const unknown = await owner.get(`${UPLOAD}/not-a-draft-id`);
    assert.equal(unknown.headers.location, `${UPLOAD}?notice=gone`);
    assert.equal((await owner.get('/councils/nowhere/import')).statusCode, 404);
  });
});
