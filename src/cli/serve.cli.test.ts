import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import type { CliIoWithStdin } from './commands/user.js';
import { runCli } from './program.js';

// g2g serve as someone starts it: which address it prints, and where e-mailed links lead.

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
const EMAIL = 'jo.bloggs@testshire.gov.uk';

before(async () => {
  database = await freshDatabaseEnv();
  smtp = await startSmtpTestServer();
  const added = await runG2g(database.env, [
    'council',
    'add',
    '--slug',
    'testshire',
    '--name',
    'Testshire',
  ]);
  assert.equal(added.code, 0, added.err.join('\n'));
  const err: string[] = [];
  const io: CliIoWithStdin = {
    out: () => {},
    err: (l) => err.push(l),
    env: database.env,
    stdin: () => Promise.resolve('walnut harbour lantern\n'),
  };
  const args = ['user', 'add', '--email', EMAIL, '--name', 'Jo Bloggs', '--council', 'testshire'];
  assert.equal(await runCli([...args, '--role', 'viewer', '--password-stdin'], io), 0, err.join());
});
after(async () => {
  await smtp.stop();
  await database.cleanup();
});

/** Starts g2g serve; resolves to what it printed, its port and how to stop it. */
async function serve(env: Record<string, string>) {
  const printed: string[] = [];
  let stop: () => Promise<void> = () => Promise.resolve();
  let port = 0;
  const code = await runCli(['serve', '--port', '0'], {
    out: (line) => printed.push(line),
    err: (line) => printed.push(line),
    env: { ...database.env, SMTP_URL: smtp.url, ...env },
    onServe: (s, address) => {
      stop = s;
      port = Number(new URL(address).port);
    },
  });
  assert.equal(code, 0, printed.join('\n'));
  return { printed, port, stop };
}

/** Asks for a password reset through the server's form, as a browser does. */
async function askForReset(base: string): Promise<void> {
  const form = await fetch(`${base}/password-reset`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const asked = await fetch(`${base}/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: token, email: EMAIL }),
  });
  assert.equal(asked.status, 200);
}

describe('g2g serve and the address in e-mailed links', () => {
  test('without PUBLIC_URL, links use the address it listens on, and it says so', async () => {
    const server = await serve({});
    try {
      const base = `http://localhost:${server.port}`;
      assert.ok(server.port > 0);
      assert.ok(
        server.printed.includes(
          `Links in e-mails start with ${base}: set PUBLIC_URL if people reach it at another address`,
        ),
        server.printed.join('\n'),
      );
      assert.match(server.printed.join('\n'), new RegExp(`Getting to Good is running at ${base} `));

      await askForReset(base);
      const link = (await smtp.next()).link ?? '';
      assert.ok(link.startsWith(`${base}/password-reset/`), link);
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Choose a new password/);
    } finally {
      await server.stop();
    }
  });

  test('with PUBLIC_URL, links use it, and it says so', async () => {
    const server = await serve({ PUBLIC_URL: 'https://plans.testshire.example/' });
    try {
      assert.ok(
        server.printed.includes(
          'Links in e-mails start with https://plans.testshire.example (PUBLIC_URL)',
        ),
        server.printed.join('\n'),
      );
      await askForReset(`http://localhost:${server.port}`);
      assert.match(
        (await smtp.next()).link ?? '',
        /^https:\/\/plans\.testshire\.example\/password-reset\//,
      );
    } finally {
      await server.stop();
    }
  });
});
