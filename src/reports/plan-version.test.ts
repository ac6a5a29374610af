import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Approved versions in the browser: the list, and a version compared with the one before
// or with the plan now, reworded words marked with <ins> and <del>.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const READER = 'versions.reader@westvale.gov.uk';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

before(async () => {
  app = await testContext();
  app.clock.set('2026-01-10T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({ organisation: { slug: 'westvale', name: 'Westvale Council' } }),
    ),
  );
  app.clock.set('2026-01-20T09:00:00Z');
  await app.transaction((trx) =>
    app.services.versions.record(trx, app.changeBy('manager'), planId, {
      name: 'Final Draft (V7)',
      approvedBy: 'Cabinet',
      approvedOn: '2026-01-20',
    }),
  );
  app.clock.set('2026-02-10T09:00:00Z');
  await app.transaction(async (trx) => {
    await app.services.content.update(
      trx,
      app.changeBy('manager'),
      planId,
      'recommendation',
      'r1',
      {
        text: 'Ensure that every care leaver has an up-to-date pathway plan.',
      },
    );
  });
  app.clock.set('2026-03-01T09:00:00Z');
  await app.transaction((trx) =>
    app.services.versions.record(trx, app.changeBy('manager'), planId, {
      name: 'March 2026 update',
      approvedBy: 'Lead Member',
      approvedOn: '2026-03-01',
    }),
  );
  await addMember(
    app,
    { email: READER, name: 'Ad Viser', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'adviser', planId, expiresAt: '2027-01-01T00:00:00Z' },
  );
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('plan versions in the browser', () => {
  test('the list, and a version compared with the one before, words marked', async () => {
    const reader = await new WebClient(server).signIn(READER, PASSWORD);
    const packs = await reader.get(`/plans/${planId}/packs`);
    assert.match(packs.body, new RegExp(`href="/plans/${planId}/versions">Approved versions`));
    const list = await reader.get(`/plans/${planId}/versions`);
    assert.equal(list.statusCode, 200);
    const words = text(list.body);
    assert.match(words, /Final Draft \(V7\) Cabinet, 20 January 2026/);
    assert.match(words, /March 2026 update Lead Member, 1 March 2026/);
    const href = /href="([^"]+)">With the version before/.exec(list.body)?.[1] ?? '';
    assert.ok(href, 'a link to compare with the version before');
    const page = await reader.get(href.replace(/&amp;/g, '&'));
    assert.equal(page.statusCode, 200);
    assert.match(
      text(page.body),
      /From Final Draft \(V7\) \(approved by Cabinet, 20 January 2026\) to March 2026 update/,
    );
    assert.match(text(page.body), /Recommendations reworded \(1\) Recommendation 1 : was/);
    assert.match(page.body, /Ensure that <del>each <\/del><ins>every <\/ins>care leaver has/);
    assert.match(page.body, /<ins>an up-to-date <\/ins>pathway plan/);
  });

  test('an unknown version is named in the error summary', async () => {
    const reader = await new WebClient(server).signIn(READER, PASSWORD);
    const page = await reader.get(`/plans/${planId}/versions/compare?from=V9`);
    assert.equal(page.statusCode, 400);
    assert.match(
      page.body,
      /There is no version called V9: give a version’s name \(Final Draft \(V7\), March 2026 update\) or a date written YYYY-MM-DD/,
    );
  });
});
