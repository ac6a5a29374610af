import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { HttpBrowser, type ServeProcess, serveProcess } from '../test-support/http-browser.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// A real `g2g serve` killed with SIGKILL again and again while people give updates through
// the web form. Every update whose save was acknowledged (its "saved" redirect arrived) must
// be there after a restart, and nothing may be half-written: no update without the history
// row that records it, no history row for an update that is not there. Both databases: the
// embedded one in a data directory, or a new database on the DATABASE_URL server.

const ROUNDS = 3;
const WRITERS = 3;
const EMAIL = 'manager@testshire.gov.uk';
const PASSWORD = 'a long enough password';
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let planId = '';
let running: ServeProcess | null = null;

before(async () => {
  database = await freshDatabaseEnv();
  const app = await createAppContext(loadConfig(database.env));
  try {
    planId = await app.transaction((trx) =>
      app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
    );
    await addMember(
      app,
      { email: EMAIL, name: 'Manager', password: PASSWORD },
      await councilOf(app, planId),
      {
        role: 'plan-manager',
      },
    );
  } finally {
    await app.close();
  }
});
after(async () => {
  if (running) {
    running.child.kill('SIGKILL');
    await running.exited;
  }
  await database.cleanup();
});

/** One person giving updates one after another until the server goes; the texts acknowledged. */
async function writeUntilGone(
  browser: HttpBrowser,
  server: string,
  label: string,
  acknowledged: Set<string>,
  tried: Set<string>,
): Promise<void> {
  const form = `${server}/plans/${planId}/actions/a1/updates/new`;
  for (let n = 1; ; n++) {
    const text = `${label} update ${n}`;
    try {
      tried.add(text);
      const saved = await browser.submit(form, { text, proposedStatus: 'AMBER', evidenceUrl: '' });
      assert.equal(saved.status, 303, `${text}: ${saved.body.slice(0, 200)}`);
      assert.equal(saved.location, `/plans/${planId}/actions/a1`);
      acknowledged.add(text);
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      return; // the connection went with the server: this one was not acknowledged
    }
  }
}

describe('killing the server while updates are written', () => {
  test('every acknowledged update survives kill -9 and nothing is half-written', async () => {
    const acknowledged = new Set<string>();
    const tried = new Set<string>();
    const people = Array.from({ length: WRITERS }, () => new HttpBrowser());
    for (let round = 1; round <= ROUNDS; round++) {
      const server = await serveProcess(database.env);
      running = server;
      // Sessions are kept in the database: signed in once, still signed in after each restart.
      if (round === 1) {
        for (const person of people) {
          const signedIn = await person.signIn(server.url, EMAIL, PASSWORD);
          assert.equal(signedIn.status, 303, 'signed in');
        }
      }
      const before = acknowledged.size;
      const writing = people.map((person, i) =>
        writeUntilGone(person, server.url, `round ${round} person ${i + 1}`, acknowledged, tried),
      );
      // Killed at a moment that falls inside writing: once a few saves have come back.
      while (acknowledged.size < before + 3 + round * 2) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      server.child.kill('SIGKILL');
      assert.equal(await server.exited, 'SIGKILL');
      running = null;
      await Promise.all(writing);
    }
    assert.ok(tried.size > acknowledged.size, 'some saves were cut off by a kill');

    const app = await createAppContext(loadConfig(database.env));
    try {
      const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
      const saved = new Map(doc.updates.map((u) => [u.id, u.text]));
      const texts = new Set(saved.values());
      const lost = [...acknowledged].filter((text) => !texts.has(text));
      assert.deepEqual(lost, [], 'no acknowledged update is lost');
      for (const text of texts) assert.ok(tried.has(text), `an update nobody sent: ${text}`);
      const history = await app.transaction((trx) =>
        app.services.history.list(trx, planId, { entity: 'update' }),
      );
      const recorded = new Set(history.filter((h) => h.op === 'create').map((h) => h.entityId));
      assert.deepEqual(
        [...saved.keys()].filter((id) => !recorded.has(id)),
        [],
        'every update has its history row',
      );
      assert.deepEqual(
        [...recorded].filter((id) => !saved.has(id)),
        [],
        'every history row has its update',
      );
      assert.equal(doc.actions.length, 1, 'the plan is whole');
    } finally {
      await app.close();
    }
  });
});
