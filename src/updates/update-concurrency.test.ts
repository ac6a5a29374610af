import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// "Give an update" adds; it never changes what is saved. Two people with the form open at
// once both have their update kept, and the action's own fields are left as they were.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  const council = await councilOf(app, planId);
  for (const email of ['one@testshire.gov.uk', 'two@testshire.gov.uk']) {
    await addMember(app, { email, name: email.split('@')[0] ?? '', password: PASSWORD }, council, {
      role: 'plan-manager',
    });
  }
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

describe('giving updates at the same time', () => {
  test('two forms open at once both save their update, and nothing else changes', async () => {
    const form = `/plans/${planId}/actions/a1/updates/new`;
    const one = await new WebClient(server).signIn('one@testshire.gov.uk', PASSWORD);
    const two = await new WebClient(server).signIn('two@testshire.gov.uk', PASSWORD);
    const before = await app.transaction((trx) => app.services.documents.export(trx, planId));
    const pageOne = await one.get(form);
    const pageTwo = await two.get(form);
    const send = (who: WebClient, page: string, text: string) =>
      who.post(form, {
        _csrf: who.csrf(page),
        token: who.field(page, 'token'),
        text,
        proposedStatus: 'RED',
        evidenceUrl: '',
      });
    assert.equal((await send(two, pageTwo.body, 'The second person’s update')).statusCode, 303);
    assert.equal((await send(one, pageOne.body, 'The first person’s update')).statusCode, 303);
    // The first form sent again (a double click): still one update from it.
    assert.equal((await send(one, pageOne.body, 'The first person’s update')).statusCode, 303);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.deepEqual(doc.updates.map((u) => u.text).sort(), [
      'The first person’s update',
      'The second person’s update',
    ]);
    const [was] = before.actions;
    const [now] = doc.actions;
    assert.ok(was && now);
    assert.deepEqual(
      { text: now.text, outcomes: now.outcomes, due: now.due },
      { text: was.text, outcomes: was.outcomes, due: was.due },
      'the action itself is as it was',
    );
  });

  test('a status changed by someone after the form was opened is not overwritten unseen', async () => {
    // This plan takes a proposal as the status (no confirmation asked).
    const form = `/plans/${planId}/actions/a1/updates/new`;
    const lead = await new WebClient(server).signIn('one@testshire.gov.uk', PASSWORD);
    const opened = await lead.get(form);
    const status = async () =>
      (await app.transaction((trx) => app.services.content.get(trx, planId, 'action', 'a1')))
        .status;
    const seen = await status();
    await app.transaction((trx) =>
      app.services.content.update(trx, app.changeBy('someone else'), planId, 'action', 'a1', {
        status: 'GREEN',
      }),
    );
    const text = 'Written before the status was changed';
    const sent = {
      _csrf: lead.csrf(opened.body),
      token: lead.field(opened.body, 'token'),
      statusSeen: lead.field(opened.body, 'statusSeen'),
      text,
      proposedStatus: seen === 'AMBER' ? 'AMBER' : 'RED',
      evidenceUrl: '',
    };
    const refused = await lead.post(form, sent);
    assert.equal(refused.statusCode, 409);
    assert.match(
      refused.body,
      /Someone changed this action’s status from \w+ to Green after you opened this page/,
    );
    assert.match(refused.body, new RegExp(text));
    assert.equal(await status(), 'GREEN', 'their status stands');
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    assert.ok(!doc.updates.some((u) => u.text === text), 'nothing was saved');
    // Sent again from the page that said so: saved, as this person now chose knowingly.
    const again = await lead.post(form, {
      ...sent,
      _csrf: lead.csrf(refused.body),
      statusSeen: lead.field(refused.body, 'statusSeen'),
    });
    assert.equal(again.statusCode, 303);
    assert.equal(await status(), sent.proposedStatus);
  });
});
