import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { HttpBrowser, type ServeProcess, serveProcess } from '../test-support/http-browser.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';

// A real `g2g serve` sent SIGTERM while a person's update, with a large evidence file, is
// still arriving: the update is saved and answered in full, no new connection is taken
// once the signal has come, idle kept-alive connections do not hold the stop open, and the
// process ends by itself with 0. Both databases (an embedded data directory, or a new
// database on the DATABASE_URL server).

const EMAIL = 'manager@testshire.gov.uk';
const PASSWORD = 'a long enough password';
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let planId = '';
const running: ServeProcess[] = [];

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
      { role: 'plan-manager' },
    );
  } finally {
    await app.close();
  }
});
after(async () => {
  for (const server of running) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  await database.cleanup();
});

async function serve(env: Record<string, string> = {}): Promise<ServeProcess> {
  const server = await serveProcess({ ...database.env, ...env });
  running.push(server);
  return server;
}

/** A raw connection to the server, collecting everything it sends until it closes. */
function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  let received = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    for (const wake of waiters.splice(0)) wake();
  });
  const ended = new Promise<string>((resolve, reject) => {
    socket.once('close', () => resolve(received));
    socket.once('error', reject);
  });
  return {
    socket,
    ended,
    /** Waits until what was received matches `pattern`. */
    async received(pattern: RegExp): Promise<string> {
      while (!pattern.test(received)) {
        await Promise.race([new Promise<void>((wake) => waiters.push(wake)), ended]);
        if (socket.destroyed && !pattern.test(received))
          throw new Error(`The connection closed having received: ${received.slice(0, 300)}`);
      }
      return received;
    },
  };
}

function write(socket: Socket, data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) =>
    socket.write(data, (error) => (error ? reject(error) : resolve())),
  );
}

/** Whether a new TCP connection to the server is refused. */
function connectionRefused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('stopping the server with SIGTERM', () => {
  test('an update arriving when the signal comes is saved and answered; then the process ends with 0', async () => {
    const server = await serve({ SHUTDOWN_GRACE_SECONDS: '120' });
    const manager = new HttpBrowser();
    assert.equal((await manager.signIn(server.url, EMAIL, PASSWORD)).status, 303);
    const formUrl = `${server.url}/plans/${planId}/actions/a1/updates/new`;
    const form = await manager.get(formUrl);
    assert.equal(form.status, 200);
    const hidden = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(form.body)?.[1] ?? '';

    // An idle connection kept alive after a finished request must not hold the stop open.
    const idle = rawConnection(server.url);
    await write(idle.socket, `GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
    await idle.received(/"status":"ok"/);

    // The update, sent as a browser sends a multipart form, its 2 MB file still arriving.
    const boundary = 'g2gBoundary7MA4YWxkTrZu0gW';
    const field = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const line = 'Case audit summary: 40 cases audited, 28 good or better.\n';
    const file = Buffer.from(line.repeat(Math.ceil((2 * 1024 * 1024) / line.length)));
    const head = Buffer.from(
      field('_csrf', hidden('_csrf')) +
        field('token', hidden('token')) +
        field('statusSeen', hidden('statusSeen')) +
        field('text', 'Audit finished while the server was stopping') +
        field('proposedStatus', 'AMBER') +
        field('evidenceUrl', '') +
        `--${boundary}\r\nContent-Disposition: form-data; name="evidenceFile"; filename="audit.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const body = Buffer.concat([head, file, tail]);
    const upload = rawConnection(server.url);
    await write(
      upload.socket,
      [
        `POST /plans/${planId}/actions/a1/updates/new HTTP/1.1`,
        'Host: x',
        `Cookie: ${manager.cookieHeader()}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        `Content-Length: ${body.length}`,
        'Connection: keep-alive',
        'Expect: 100-continue',
        '',
        '',
      ].join('\r\n'),
    );
    // The server has read the request's head: it is in progress.
    await upload.received(/^HTTP\/1\.1 100 Continue/);
    const half = Math.floor(body.length / 2);
    await write(upload.socket, body.subarray(0, half));

    server.child.kill('SIGTERM');
    await server.printedLine(/SIGTERM: no new connections are taken/);
    assert.equal(await connectionRefused(server.url), true, 'a new connection is refused');

    // The rest of the file arrives slowly, in small pieces.
    for (let at = half; at < body.length; at += 64 * 1024) {
      await write(upload.socket, body.subarray(at, Math.min(at + 64 * 1024, body.length)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answer = await upload.ended;
    assert.match(answer, /\r\nHTTP\/1\.1 303 See Other\r\n/);
    assert.match(answer, new RegExp(`\r\nlocation: /plans/${planId}/actions/a1\r\n`, 'i'));
    assert.match(answer, /\r\nconnection: close\r\n/i);
    await idle.ended;

    assert.equal(await server.exited, 0);
    await server.printedLine(/^Stopped$/);

    // What was acknowledged is saved, with its whole file.
    const app = await createAppContext(loadConfig(database.env));
    try {
      const { update, bytes } = await app.transaction(async (trx) => {
        const doc = await app.services.documents.export(trx, planId);
        const update = doc.updates.find(
          (u) => u.text === 'Audit finished while the server was stopping',
        );
        const fileId = update?.evidence[0]?.url?.split('/').pop() ?? '';
        return { update, bytes: (await app.services.updates.find(trx, planId, fileId))?.bytes };
      });
      assert.ok(update, 'the update is saved');
      assert.match(update.evidence[0]?.title ?? '', /^audit\.txt/);
      assert.ok(bytes && file.equals(Buffer.from(bytes)), 'the whole file is saved');
    } finally {
      await app.close();
    }
  });

  test('with SHUTDOWN_DRAIN_SECONDS, /ready answers 503 and /health 200 while requests are still taken; a second signal stops it at once', async () => {
    const server = await serve({ SHUTDOWN_DRAIN_SECONDS: '600' });
    assert.deepEqual(await (await fetch(`${server.url}/ready`)).json(), { status: 'ready' });
    server.child.kill('SIGTERM');
    await server.printedLine(/SIGTERM: \/ready now answers 503/);
    const ready = await fetch(`${server.url}/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(await ready.json(), { status: 'shutting down' });
    assert.equal((await fetch(`${server.url}/health`)).status, 200);
    assert.equal((await fetch(`${server.url}/sign-in`)).status, 200, 'pages are still served');
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 'SIGTERM');
  });
});
