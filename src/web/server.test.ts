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

describe('g2g serve', () => {
  test('prints where it is running', () => {
    assert.match(printed.join('\n'), /Loaded 1 demo plan/);
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

  test('shows the demo plan from the Bristol seed on the home page', async () => {
    const html = await (await fetch(url)).text();
    assert.match(
      html,
      /Bristol City Council: Getting to Good: Bristol Children&#39;s Services Improvement Plan 2015-2016/,
    );
    assert.match(html, /4 recommendations, 27 actions/);
  });

  test('--port is checked', async () => {
    const err: string[] = [];
    const code = await runCli(['serve', '--port', 'eighty'], {
      out: () => {},
      err: (l) => err.push(l),
      env: database.env,
    });
    assert.notEqual(code, 0);
    assert.deepEqual(err, ['g2g: --port must be a number from 0 to 65535, not "eighty"']);
  });
});
