import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Evidence files on "Give an update": checked by content, saved with the update in one
// transaction, served only to people who may see the plan, always as a download.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let otherPlanId: string;
const PASSWORD = 'a long enough password';
const LEAD = 'lead@testshire.gov.uk';
const OUTSIDER = 'manager@otherton.gov.uk';
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

before(async () => {
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  otherPlanId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ organisation: { slug: 'otherton', name: 'Otherton Council' } }),
    ),
  );
  await addMember(
    app,
    { email: LEAD, name: 'Service Manager', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'plan-manager',
    },
  );
  await addMember(
    app,
    { email: OUTSIDER, name: 'Other Manager', password: PASSWORD },
    await councilOf(app, otherPlanId),
    { role: 'plan-manager' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = (email: string) => new WebClient(server).signIn(email, PASSWORD);

const formPath = () => `/plans/${planId}/actions/a1/updates/new`;

async function giveUpdate(
  browser: WebClient,
  text: string,
  file?: { name: string; bytes: Uint8Array },
) {
  const form = await browser.get(formPath());
  assert.equal(form.statusCode, 200);
  return browser.upload(formPath(), {
    _csrf: browser.csrf(form.body),
    text,
    proposedStatus: 'AMBER',
    evidenceUrl: '',
    evidenceFile: [file ?? { name: '', bytes: new Uint8Array() }],
  });
}

async function updatesOnAction(): Promise<string[]> {
  const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
  return doc.updates.map((u) => u.text);
}

describe('evidence files on a progress update', () => {
  test('the form offers a file upload with its types and limit, as a multipart form', async () => {
    const browser = await signedIn(LEAD);
    const form = await browser.get(formPath());
    assert.match(form.body, /enctype="multipart\/form-data"/);
    assert.match(form.body, /Upload a file as evidence \(optional\)/);
    assert.match(form.body, /PDF, Word, Excel, CSV, PNG, JPEG or text, up to 5 MB/);
    assert.match(form.body, /type="file"/);
  });

  test('an update with a PDF is saved with its file, shown with its size, and downloads safely', async () => {
    const browser = await signedIn(LEAD);
    const saved = await giveUpdate(browser, 'Audit of 40 case files completed', {
      name: '<img src=x onerror=alert(1)> audit.pdf',
      bytes: PDF,
    });
    assert.equal(saved.statusCode, 303);
    const page = await browser.get(saved.headers.location ?? '');
    assert.match(page.body, /Audit of 40 case files completed/);
    const link =
      /<a class="govuk-link" href="(\/plans\/[^"]+\/evidence\/[^"]+)" download>([^<]+)<\/a>/.exec(
        page.body,
      );
    assert.ok(link, 'the file is a download link on the action page');
    assert.equal(
      link[2],
      `&lt;img src=x onerror=alert(1)&gt; audit.pdf (PDF, ${PDF.length} bytes)`,
    );
    assert.doesNotMatch(page.body, /<img src=x/);
    const file = await browser.get(link[1] ?? '');
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.equal(
      file.headers['content-disposition'],
      `attachment; filename="_img src_x onerror_alert_1__ audit.pdf"; filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%20audit.pdf`,
    );
    assert.deepEqual(new Uint8Array(file.rawPayload), PDF);
  });

  test('a PNG is accepted by its content; a file whose content is not what its name says is refused', async () => {
    const browser = await signedIn(LEAD);
    const png = await giveUpdate(browser, 'Photo of the new board', {
      name: 'board.png',
      bytes: PNG,
    });
    assert.equal(png.statusCode, 303);
    const before = await updatesOnAction();
    const disguised = await giveUpdate(browser, 'Not really a PDF', {
      name: 'report.pdf',
      bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>'),
    });
    assert.equal(disguised.statusCode, 400);
    assert.match(disguised.body, /There is a problem/);
    assert.equal(
      disguised.body.match(
        /The selected file must be a PDF, Word, Excel, CSV, PNG, JPEG or text file/g,
      )?.length,
      2,
      'in the error summary and inline, in the same words',
    );
    assert.match(disguised.body, /href="#evidenceFile"/);
    assert.match(disguised.body, /Not really a PDF/, 'what was typed is kept');
    const script = await giveUpdate(browser, 'A script', {
      name: 'run.js',
      bytes: new TextEncoder().encode('alert(1)'),
    });
    assert.equal(script.statusCode, 400);
    const untold = await giveUpdate(browser, '', { name: 'board.png', bytes: PNG });
    assert.equal(untold.statusCode, 400);
    assert.match(
      untold.body,
      /Choose your file again: files are not kept when a form has a problem/,
    );
    assert.deepEqual(await updatesOnAction(), before, 'nothing was saved');
  });

  test('an empty file and a file over 5 MB are refused with their own messages, nothing saved', async () => {
    const browser = await signedIn(LEAD);
    const before = await updatesOnAction();
    const empty = await giveUpdate(browser, 'Empty file', {
      name: 'notes.txt',
      bytes: new Uint8Array(),
    });
    // An empty part with a name is a chosen, empty file.
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.body.match(/The selected file is empty/g)?.length, 2);
    const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61);
    const large = await giveUpdate(browser, 'Big file', { name: 'big.txt', bytes: big });
    assert.equal(large.statusCode, 400);
    assert.equal(large.body.match(/The selected file must be smaller than 5 MB/g)?.length, 2);
    assert.deepEqual(await updatesOnAction(), before);
  });

  test('an update without a file still works, and a multipart post without the CSRF token is refused', async () => {
    const browser = await signedIn(LEAD);
    const plain = await giveUpdate(browser, 'No file this time');
    assert.equal(plain.statusCode, 303, plain.body.match(/error-summary__list[\s\S]*?<\/ul>/)?.[0]);
    const before = await updatesOnAction();
    const forged = await browser.upload(formPath(), {
      text: 'Forged',
      proposedStatus: 'RED',
      evidenceFile: [{ name: 'a.pdf', bytes: PDF }],
    });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.body, /Your form could not be sent/);
    assert.deepEqual(await updatesOnAction(), before);
  });

  test('another council’s people and unknown file ids get “Page not found”', async () => {
    const owner = await signedIn(LEAD);
    const saved = await giveUpdate(owner, 'With a file', {
      name: 'notes.txt',
      bytes: PDF.slice(9),
    });
    assert.equal(saved.statusCode, 303);
    const page = await owner.get(saved.headers.location ?? '');
    const href = /href="(\/plans\/[^"]+\/evidence\/[^"]+)" download/.exec(page.body)?.[1] ?? '';
    assert.ok(href);
    const outsider = await signedIn(OUTSIDER);
    const refused = await outsider.get(href);
    assert.equal(refused.statusCode, 404);
    assert.doesNotMatch(refused.body, /notes\.txt/);
    // The file's id under a plan the outsider can see is still not found.
    const fileId = href.split('/').pop() ?? '';
    const crossed = await outsider.get(`/plans/${otherPlanId}/evidence/${fileId}`);
    assert.equal(crossed.statusCode, 404);
    assert.equal((await owner.get(`/plans/${planId}/evidence/not-a-uuid`)).statusCode, 404);
    const signedOut = await new WebClient(server).get(href);
    assert.equal(signedOut.statusCode, 302);
  });
});
