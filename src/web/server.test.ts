import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../cli/program.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let stop: () => Promise<void> = async () => {};
let url = '';
const printed: string[] = [];

before(async () => {
  database = await freshDatabaseEnv();
  const code = await runCli(['serve', '--port', '0', '--demo'], {
    out: (line) => printed.push(line),
    err: (line) => printed.push(line),
    env: database.env,
    onServe: (s, address) => {
      stop = s;
      url = address;
    },
  });
  assert.equal(code, 0, printed.join('\n'));
});
after(async () => {
  await stop();
  await database.cleanup();
});

/** Signs in through the real form; returns the session cookie. */
async function signIn(email: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`);
  const csrfCookie =
    form.headers
      .getSetCookie()
      .find((c) => c.startsWith('g2g_csrf='))
      ?.split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({
      _csrf: token,
      email,
      password: 'walnut harbour lantern',
      returnTo: '/plans',
    }),
  });
  assert.equal(response.status, 303);
  return (
    response.headers
      .getSetCookie()
      .find((c) => c.startsWith('g2g_session='))
      ?.split(';')[0] ?? ''
  );
}

describe('g2g serve', () => {
  test('prints where it is running', () => {
    assert.match(printed.join('\n'), /Loaded 4 demo plans/);
    assert.match(printed.join('\n'), /Getting to Good is running at http:\/\/localhost:\d+/);
  });

  test('answers its health check with the database state', async () => {
    const response = await fetch(`${url}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    });
  });

  test('the demo sign-in shows the three seed plans, read by the importer', async () => {
    assert.match(printed.join('\n'), /Demo sign-in: demo@example\.org \/ walnut harbour lantern/);
    assert.equal((await fetch(url, { redirect: 'manual' })).headers.get('location'), '/sign-in');
    const session = await signIn('demo@example.org');
    const html = await (await fetch(`${url}/plans`, { headers: { cookie: session } })).text();
    assert.match(html, /Bristol Children’s Services Improvement Plan 2015 - 2016/);
    assert.match(html, /Bath and North-East Somerset/);
    assert.match(html, /West Berkshire Council/);
  });

  test('the demo action lead sees the actions they lead on the home page', async () => {
    assert.match(
      printed.join('\n'),
      /Demo action lead: lead@example\.org \/ walnut harbour lantern/,
    );
    const session = await signIn('lead@example.org');
    const html = await (await fetch(`${url}/`, { headers: { cookie: session } })).text();
    assert.match(html, /Your actions/);
    assert.match(html, /You lead \d+ actions?/);
  });

  test('--port is checked', async () => {
    const err: string[] = [];
    const code = await runCli(['serve', '--port', 'eighty'], {
      out: () => {},
      err: (l) => err.push(l),
      env: database.env,
    });
    assert.notEqual(code, 0);
    assert.deepEqual(err, [
      'g2g: --port must be a number from 0 to 65535, not "eighty" (usage: g2g serve [options]; more with g2g serve --help)',
    ]);
  });
});
