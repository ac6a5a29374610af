import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { DEMO_USER, loadDemoData } from './demo-data.js';

// The demo plans show their statutory clock when their text dates the report to the day:
// West Berkshire's draft plan (seed 002) answers "their report dated 13 May 2015" and opens on
// 1 July 2015, still being written. The others give no such day, and say so.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;

before(async () => {
  app = await testContext();
  assert.equal(await loadDemoData(app), 4);
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');

async function overview(client: WebClient, planId: string) {
  let response = await client.get(`/plans/${planId}`);
  if (response.statusCode === 303 || response.statusCode === 302)
    response = await client.get(String(response.headers.location));
  assert.equal(response.statusCode, 200);
  return text(response.body);
}

describe('the demo plans’ statutory clock', () => {
  test('a plan dated to the day shows its deadline and the working days left, in its own time', async () => {
    const client = await new WebClient(server).signIn(DEMO_USER.email, DEMO_USER.password);
    const plans = await app.transaction((trx) => app.services.plans.list(trx));
    const berkshire = plans.find((p) => /OFSTED ACTION PLAN July 2015/.test(p.title));
    assert.ok(berkshire, 'the West Berkshire demo plan');
    const page = await overview(client, berkshire.id);
    assert.match(page, /Inspection report received on 13 May 2015/);
    // 70 working days after 13 May 2015 (the late May bank holiday skipped), from 1 July.
    assert.match(page, /Statement of action due 20 August 2015: 36 working days left/);
    const bath = plans.find((p) => /Bath and North-East Somerset/.test(p.title));
    assert.ok(bath);
    assert.match(
      await overview(client, bath.id),
      /No deadline yet: the day the inspection report was received has not been recorded/,
    );
  });
});
