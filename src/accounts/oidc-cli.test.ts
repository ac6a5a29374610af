import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// `g2g council set-sso` reads the client secret from standard input, so these tests run the
// real command in a child process with a pipe, against a database of their own.

const ENTRA = 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0';
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;

before(async () => {
  database = await freshDatabaseEnv();
  const app = await createAppContext(loadConfig(database.env));
  try {
    await app.transaction((trx) =>
      app.services.access.addCouncil(trx, { slug: 'northshire', name: 'Northshire Council' }),
    );
  } finally {
    await app.close();
  }
});
after(() => database.cleanup());

/** Runs g2g in a child process with `input` on its standard input. */
function g2g(args: string[], input = '') {
  return new Promise<{ code: number | null; out: string[]; err: string[] }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: {
        PATH: process.env.PATH,
        ...database.env,
        PUBLIC_URL: 'https://g2g.example.gov.uk',
        G2G_ACTOR: 'ops',
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) =>
      resolve({ code, out: out.trim().split('\n'), err: err.trim().split('\n').filter(Boolean) }),
    );
    child.stdin.end(input);
  });
}

async function settings() {
  const app = await createAppContext(loadConfig(database.env));
  try {
    return await app.db.selectFrom('oidcConfig').selectAll().execute();
  } finally {
    await app.close();
  }
}

describe('g2g council set-sso and disable-sso', () => {
  test('set-sso stores the provider, reads the secret from stdin and prints the redirect URI', async () => {
    const result = await g2g(
      [
        'council',
        'set-sso',
        'northshire',
        '--issuer',
        ENTRA,
        '--client-id',
        'b6a1c3e0-client',
        '--client-secret-stdin',
      ],
      'the-secret-value\n',
    );
    assert.equal(result.code, 0, result.err.join('\n'));
    assert.equal(result.out.at(-1), 'https://g2g.example.gov.uk/sign-in/northshire/sso/callback');
    assert.ok(result.out.includes('Scopes requested: openid email profile'));
    assert.ok(!result.out.join('\n').includes('the-secret-value'), 'the secret is not printed');
    const [row] = await settings();
    assert.equal(row?.issuer, ENTRA);
    assert.equal(row?.clientId, 'b6a1c3e0-client');
    assert.equal(row?.clientSecret, 'the-secret-value');
    assert.equal(row?.enabled, true);
  });

  test('bad settings are refused with a clear reason and change nothing', async () => {
    const base = ['council', 'set-sso', 'northshire', '--client-id', 'x', '--client-secret-stdin'];
    const noSecret = await g2g([...base, '--issuer', ENTRA], '');
    assert.notEqual(noSecret.code, 0);
    assert.deepEqual(noSecret.err, [
      'g2g: Invalid option: --client-secret-stdin: no client secret was given on standard input',
    ]);
    const app = await createAppContext(loadConfig(database.env));
    try {
      const by = { actor: 'ops', at: app.clock.now() };
      const set = (slug: string, issuer: string) =>
        app.transaction((trx) =>
          app.services.oidc.configure(trx, by, slug, {
            issuer,
            clientId: 'x',
            clientSecret: 's',
          }),
        );
      await assert.rejects(
        set('northshire', 'http://idp.example.com'),
        /must start with https:\/\//,
      );
      await assert.rejects(set('northshire', 'not a url'), /issuer/);
      await assert.rejects(
        set('no-such', ENTRA),
        /There is no council with the short name no-such/,
      );
    } finally {
      await app.close();
    }
    assert.equal((await settings())[0]?.clientId, 'b6a1c3e0-client');
  });

  test('both commands have --help', async () => {
    for (const command of ['set-sso', 'disable-sso']) {
      const result = await runG2g(database.env, ['council', command, '--help']);
      assert.equal(result.code, 0);
      assert.match(result.out.join('\n'), new RegExp(`Usage: g2g council ${command}`));
    }
  });

  test('disable-sso turns it off and keeps the settings', async () => {
    const result = await g2g(['council', 'disable-sso', 'northshire']);
    assert.equal(result.code, 0, result.err.join('\n'));
    const [row] = await settings();
    assert.equal(row?.enabled, false);
    assert.equal(row?.issuer, ENTRA);
  });
});
