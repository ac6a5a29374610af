import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { runCli } from '../cli/program.js';
import type { CliIoWithStdin } from '../cli/commands/user.js';

// Two real `g2g serve` processes on one PostgreSQL database, as behind a load balancer: a
// person signed in through one is signed in on the other, signing out on one ends the
// session on both, and failed sign-ins counted by one slow down the other. The embedded
// database is one process by design (a second is refused), so this needs DATABASE_URL;
// .ci/run runs the suite against PostgreSQL too, where it runs.

const onServer = Boolean(process.env.DATABASE_URL);
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
const servers: Array<{ child: ChildProcess; url: string }> = [];
const EMAIL = 'jo.bloggs@testshire.gov.uk';
const PASSWORD = 'walnut harbour lantern';

/** Starts `g2g serve --port 0` as its own process; resolves once it says where it listens. */
async function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0'],
    { env: { ...process.env, ...database.env, LOG_LEVEL: 'silent' }, stdio: 'pipe' },
  );
  const lines = createInterface({ input: child.stdout });
  const printed: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      printed.push(line);
      const found = /is running at (http:\/\/\S+)/.exec(line)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) =>
      reject(new Error(`g2g serve stopped (${String(code)}): ${printed.join(' ')}`)),
    );
  });
  const server = { child, url };
  servers.push(server);
  return server;
}

/** A browser's cookie jar for one person, used against either process. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async get(url: string) {
    const response = await fetch(url, { headers: this.header(), redirect: 'manual' });
    this.keep(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  async post(url: string, form: Record<string, string>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, body: await response.text() };
  }

  async signIn(server: string, password: string) {
    const form = await this.get(`${server}/sign-in`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    return this.post(`${server}/sign-in`, { _csrf: csrf, email: EMAIL, password, returnTo: '/' });
  }

  private header(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
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
    await new Promise((resolve) => s.child.once('exit', resolve));
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
      const jo = new Browser();
      assert.equal((await jo.signIn(a.url, PASSWORD)).status, 303);
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
      const [a, b] = servers;
      assert.ok(a && b, 'both processes are running');
      const guesser = new Browser();
      for (let i = 0; i < 5; i++) {
        const wrong = await guesser.signIn(i % 2 === 0 ? a.url : b.url, 'not the password at all');
        assert.equal(wrong.status, 400, `wrong password ${i + 1} is refused`);
      }
      const right = await new Browser().signIn(a.url, PASSWORD);
      assert.notEqual(right.status, 303, 'the right password waits too, from this address');
      assert.match(right.body, /Wait 1 minute/);
    });

    test('a process stopped with SIGTERM finishes and exits; the other goes on', async () => {
      const [a, b] = servers;
      assert.ok(a && b);
      a.child.kill('SIGTERM');
      const code = await new Promise((resolve) => a.child.once('exit', resolve));
      assert.equal(code, 0);
      servers.splice(servers.indexOf(a), 1);
      const health = await fetch(`${b.url}/health`);
      assert.equal(health.status, 200);
    });
  },
);
