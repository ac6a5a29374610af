import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runG2g } from '../test-support/cli.js';
import { HttpBrowser, type ServeProcess, serveProcess } from '../test-support/http-browser.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { runCli } from '../cli/program.js';
import type { CliIoWithStdin } from '../cli/commands/user.js';

// Two real `g2g serve` processes on one PostgreSQL database, as behind a load balancer: a
// person signed in through one is signed in on the other, signing out on one ends the
// session on both, and failed sign-ins counted by one slow down the other. The embedded
// database is one process by design (a second is refused), so this needs DATABASE_URL;
// .ci/run runs the suite against PostgreSQL too, where it runs.

const onServer = Boolean(process.env.DATABASE_URL);
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
const servers: ServeProcess[] = [];
const EMAIL = 'jo.bloggs@testshire.gov.uk';
const PASSWORD = 'walnut harbour lantern';
const viewer = new HttpBrowser();

/** Starts `g2g serve` (the build: npm ci builds it) on the shared database. */
async function serve(): Promise<ServeProcess> {
  const server = await serveProcess(database.env);
  servers.push(server);
  return server;
}

before(async () => {
  if (!onServer) return;
  database = await freshDatabaseEnv();
  const added = await runG2g(database.env, [
    'council',
    'add',
    '--slug',
    'testshire',
    '--name',
    'T',
  ]);
  assert.equal(added.code, 0, added.err.join('\n'));
  const io: CliIoWithStdin = {
    out: () => {},
    err: () => {},
    env: database.env,
    stdin: () => Promise.resolve(`${PASSWORD}\n`),
  };
  const args = ['user', 'add', '--email', EMAIL, '--name', 'Jo Bloggs', '--council', 'testshire'];
  assert.equal(await runCli([...args, '--role', 'viewer', '--password-stdin'], io), 0);
});
after(async () => {
  for (const s of servers) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
  if (onServer) await database.cleanup();
});

describe(
  'two server processes on one PostgreSQL',
  { skip: !onServer && 'needs DATABASE_URL' },
  () => {
    test('a session made by one process is known to the other, and ended on both', async () => {
      const [a, b] = await Promise.all([serve(), serve()]);
      assert.notEqual(a.url, b.url);
      const jo = new HttpBrowser();
      assert.equal((await jo.signIn(a.url, EMAIL, PASSWORD)).status, 303);
      const home = await jo.get(`${b.url}/`);
      assert.equal(home.status, 200);
      assert.match(home.body, /Sign out/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1] ?? '';
      assert.equal((await jo.post(`${b.url}/sign-out`, { _csrf: csrf })).status, 303);
      const after = await jo.get(`${a.url}/`);
      assert.equal(after.status, 302, 'signed out on B is signed out on A');
      assert.match(after.location ?? '', /^\/sign-in/);
    });

    test('failed sign-ins counted by both processes slow the account down on both', async () => {
      // A viewer signed in before, for the next test (the guesses slow down this address).
      assert.equal((await viewer.signIn(servers[0]?.url ?? '', EMAIL, PASSWORD)).status, 303);
      const [a, b] = servers;
      assert.ok(a && b, 'both processes are running');
      const guesser = new HttpBrowser();
      for (let i = 0; i < 5; i++) {
        const wrong = await guesser.signIn(
          i % 2 === 0 ? a.url : b.url,
          EMAIL,
          'not the password at all',
        );
        assert.equal(wrong.status, 400, `wrong password ${i + 1} is refused`);
      }
      const right = await new HttpBrowser().signIn(a.url, EMAIL, PASSWORD);
      assert.notEqual(right.status, 303, 'the right password waits too, from this address');
      assert.match(right.body, /Wait 1 minute/);
    });

    test('pages each process keeps show a change saved elsewhere at the next view', async () => {
      const [a, b] = servers;
      assert.ok(a && b, 'both processes are running');
      // Saved from outside both processes, as another process on the database would.
      const elsewhere = await createAppContext(loadConfig(database.env));
      const planId = await elsewhere
        .transaction((trx) =>
          elsewhere.services.documents.import(trx, elsewhere.changeBy('test'), buildPlanDocument()),
        )
        .finally(() => elsewhere.close());
      const jo = viewer;
      // Signed in before the failed sign-ins of the test before, from this address.
      const signedIn = await viewer.get(`${b.url}/`);
      assert.match(signedIn.body, /Sign out/, 'signed in');
      const overview = await jo.get(`${a.url}/plans/${planId}`);
      const actionId = new RegExp(`/plans/${planId}/actions/([^"?#]+)`).exec(overview.body)?.[1];
      assert.ok(actionId, 'the overview links to its actions');
      const actionPath = `/plans/${planId}/actions/${actionId}`;
      // Seen twice through each process, so that each has kept it.
      for (const server of [a, b, a, b]) {
        const page = await jo.get(`${server.url}${actionPath}`);
        assert.equal(page.status, 200);
        assert.doesNotMatch(page.body, /30 September 2031/);
      }
      const moved = await runG2g(database.env, [
        'action',
        'set-due',
        planId,
        actionId,
        '2031-09-30',
        '--reason',
        'Waiting for the new case recording system',
      ]);
      assert.equal(moved.code, 0, moved.err.join('\n'));
      for (const server of [a, b]) {
        const page = await jo.get(`${server.url}${actionPath}`);
        assert.match(page.body, /30 September 2031/, `${server.url} shows the new due date`);
        assert.match(page.body, /Waiting for the new case recording system/);
        const plan = await jo.get(`${server.url}/plans/${planId}?slipped=yes`);
        assert.match(plan.body, new RegExp(actionPath), 'the overview lists it as slipped');
      }
    });

    test('a process stopped with SIGTERM finishes and exits; the other goes on', async () => {
      const [a, b] = servers;
      assert.ok(a && b);
      a.child.kill('SIGTERM');
      const code = await a.exited;
      assert.equal(code, 0);
      servers.splice(servers.indexOf(a), 1);
      const health = await fetch(`${b.url}/health`);
      assert.equal(health.status, 200);
    });
  },
);
