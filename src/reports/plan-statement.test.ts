import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import excerpt from '../demo/bristol-improvement-plan.json' with { type: 'json' };
import { chromiumAvailable } from '../test-support/browser.js';
import { addMember, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// The plan itself as the statement of action councils send Ofsted: per recommendation its
// text, then a table of its actions (reference, action, lead, due date as written, success
// measures and outcomes, status), as Word with real tables whose header rows repeat, and as
// a tagged PDF. Plan managers download it from the plan's page; a viewer cannot.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'statement.manager@bristol.gov.uk';
const VIEWER = 'statement.viewer@bristol.gov.uk';

before(async () => {
  app = await testContext();
  app.clock.set('2026-04-01T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), excerpt),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Statement Manager', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: VIEWER, name: 'Board Member', password: PASSWORD }, council, {
    role: 'viewer',
  });
  server = await buildServer(app);
});
after(async () => {
  await server?.close();
  await app.close();
});

const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function download(email: string, ext: string) {
  const client = await new WebClient(server).signIn(email, PASSWORD);
  return client.get(`/plans/${planId}/statement-of-action.${ext}`);
}

describe('the statement of action', () => {
  test('the plan’s page offers it to a plan manager, not to a viewer', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const page = await manager.get(`/plans/${planId}`);
    assert.match(page.body, /Statement of action for Ofsted/);
    assert.match(page.body, new RegExp(`href="/plans/${planId}/statement-of-action\\.docx"`));
    assert.match(page.body, new RegExp(`href="/plans/${planId}/statement-of-action\\.pdf"`));
    const viewer = await new WebClient(server).signIn(VIEWER, PASSWORD);
    assert.doesNotMatch((await viewer.get(`/plans/${planId}`)).body, /Statement of action/);
    assert.equal((await download(VIEWER, 'docx')).statusCode, 403);
  });

  test('Word: a heading per recommendation, its text, then its actions in a table', async () => {
    const response = await download(MANAGER, 'docx');
    assert.equal(response.statusCode, 200);
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="getting-to-good-bristol-children-s-services-improv-statement-of-action\.docx"/,
    );
    const { value: html } = await mammoth.convertToHtml({ buffer: response.rawPayload });
    assert.match(html, /<h1>Getting to Good: Bristol Children(’|')s Services Improvement Plan/);
    const headings = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    assert.deepEqual(
      headings,
      excerpt.recommendations.map((r) => `Recommendation ${r.ref}`),
    );
    const first = excerpt.recommendations[0]!;
    assert.ok(words(html).includes(first.text.replace(/\s+/g, ' ').trim()), 'its text');
    // One table per recommendation, each with a header row that repeats on every page
    // (mammoth reads rows marked to repeat as the table's head).
    const tables = html.match(/<table>/g) ?? [];
    assert.equal(tables.length, excerpt.recommendations.length);
    assert.equal(
      (
        html.match(
          /<thead><tr><th><p><strong>Ref<\/strong><\/p><\/th><th><p><strong>Action<\/strong>/g,
        ) ?? []
      ).length,
      tables.length,
    );
    assert.match(html, /<strong>Success measures and outcomes<\/strong>/);
    // Action 1.1 as the plan holds it: its lead, its due date as written, its outcome and
    // the measure that shows it worked, its status in words.
    const row = html.match(/<tr><td><p>1\.1<\/p><\/td>(.*?)<\/tr>/)?.[1] ?? '';
    assert.match(row, /Complete pathway plans for care leavers without a plan/);
    assert.match(row, /<td><p>Mark Wakefield<\/p><\/td>/);
    assert.match(row, /<td><p>Jan 2015<\/p><\/td>/);
    assert.match(row, /Care leavers have a needs assessment and a pathway plan/);
    assert.match(row, /Measure: 90% of care leavers have a pathway plan/);
    assert.match(row, /<td><p>(Red|Amber|Green|Blue|Grey|No status)<\/p><\/td>$/);
    assert.equal(
      html.match(/<tr><td><p>\d+\.\d+<\/p><\/td>/g)?.length,
      excerpt.actions.length,
      'every action, once',
    );
  });

  test('PDF: tagged, titled, printed from its page, with the plan’s words', async () => {
    assert.ok(chromiumAvailable(), 'Chromium is installed');
    const response = await download(MANAGER, 'pdf');
    assert.equal(response.statusCode, 200);
    mkdirSync('test-artifacts', { recursive: true });
    const file = 'test-artifacts/statement-of-action.pdf';
    writeFileSync(file, response.rawPayload);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Tagged:\s+yes/);
    assert.match(info, /Title:\s+Getting to Good: Bristol .*: statement of action/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, /Recommendation 1 /);
    assert.match(text, /Success measures and outcomes/);
    assert.match(text, /Complete pathway plans for care leavers without a plan/);
    assert.match(text, /Mark Wakefield/);
    assert.doesNotMatch(text, /Sign out|Back to|http/, 'no navigation or addresses');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      file,
      'test-artifacts/statement-of-action',
    ]);
  });
});
