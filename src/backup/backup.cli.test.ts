import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createAppContext } from '../composition.js';
import { loadConfig } from '../config.js';
import { fixedClock } from '../lib/clock.js';
import { runG2g } from '../test-support/cli.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// g2g backup and g2g restore, through the command line as an operator runs them. The source
// is always the embedded database, and each target a fresh database of the run's kind: under
// DATABASE_URL this moves councils from the embedded database to a PostgreSQL server.

const files = mkdtempSync(join(tmpdir(), 'g2g-backup-'));
const sourceDir = mkdtempSync(join(tmpdir(), 'g2g-backup-source-'));
const source = { G2G_DATA_DIR: sourceDir };
const targets: Array<Awaited<ReturnType<typeof freshDatabaseEnv>>> = [];
const PASSWORD = 'a long enough password';
const FILE_BYTES = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31 + 7) % 256);
let testshirePlan = '';

const g2g = (env: Record<string, string>, ...args: string[]) =>
  runG2g({ ...env, G2G_ACTOR: 'operator' }, args);
const path = (name: string) => join(files, name);
/** A backup's lines, without the first line's moment of making. */
const linesOf = (file: string) =>
  gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .map((line, i) => (i === 0 ? line.replace(/"madeAt":"[^"]*"/, '') : line));

async function target() {
  const fresh = await freshDatabaseEnv();
  targets.push(fresh);
  return fresh.env;
}

/** Opens an instance for a moment, to look at it the way the app would. */
async function opened<T>(
  env: Record<string, string>,
  look: (app: AppCtx) => Promise<T>,
  clock = fixedClock('2026-06-15T09:00:00Z'),
) {
  const app = await createAppContext(loadConfig(env), { clock });
  try {
    return await look(app);
  } finally {
    await app.close();
  }
}
type AppCtx = Awaited<ReturnType<typeof createAppContext>>;

before(async () => {
  const clock = fixedClock('2026-05-01T09:00:00Z');
  await opened(
    source,
    async (app) => {
      testshirePlan = await app.transaction((trx) =>
        app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
      );
      clock.set('2026-06-15T09:00:00Z');
      await app.transaction((trx) =>
        app.services.updates.add(
          trx,
          app.changeBy('lead'),
          testshirePlan,
          {
            actionId: 'a1',
            date: '2026-06-15',
            author: 'Service Manager',
            text: 'Audit of twenty files done.',
            proposedStatus: 'GREEN',
            evidence: [],
          },
          { fileName: 'audit.pdf', mediaType: 'application/pdf', label: 'PDF', bytes: FILE_BYTES },
        ),
      );
      await addMember(
        app,
        { email: 'manager@testshire.gov.uk', name: 'Improvement Manager', password: PASSWORD },
        await councilOf(app, testshirePlan),
        { role: 'plan-manager' },
      );
      const other = await app.transaction((trx) =>
        app.services.documents.import(
          trx,
          app.changeBy('setup'),
          buildPlanDocument({
            organisation: { slug: 'otherham', name: 'Otherham Borough Council' },
            plan: { ...buildPlanDocument().plan, title: 'Otherham Improvement Plan' },
          }),
        ),
      );
      await addMember(
        app,
        { email: 'manager@otherham.gov.uk', name: 'Other Manager', password: PASSWORD },
        await councilOf(app, other),
        { role: 'plan-manager' },
      );
    },
    clock,
  );
});
after(async () => {
  for (const t of targets) await t.cleanup();
  rmSync(files, { recursive: true, force: true });
  rmSync(sourceDir, { recursive: true, force: true });
});

describe('g2g backup and g2g restore', () => {
  test('a whole instance restored into an empty database backs up as the same file', async () => {
    const made = await g2g(source, 'backup', '--out', path('whole.g2g.gz'));
    assert.equal(made.code, 0, made.err.join('\n'));
    assert.match(made.last, /^Wrote .*whole\.g2g\.gz: the whole instance, \d+ rows in \d+ tables$/);

    const empty = await target();
    const restored = await g2g(empty, 'restore', path('whole.g2g.gz'));
    assert.equal(restored.code, 0, restored.err.join('\n'));
    assert.match(restored.last, /^Restored the whole instance: \d+ rows in \d+ tables$/);
    assert.equal((await g2g(empty, 'backup', '--out', path('again.g2g.gz'))).code, 0);
    assert.deepEqual(linesOf(path('again.g2g.gz')), linesOf(path('whole.g2g.gz')));
  });

  test('what was restored works: people sign in, plans show, files download, history holds', async () => {
    const empty = await target();
    assert.equal((await g2g(empty, 'restore', path('whole.g2g.gz'))).code, 0);
    await opened(empty, async (app) => {
      const server = await buildServer(app);
      try {
        const manager = await new WebClient(server).signIn('manager@testshire.gov.uk', PASSWORD);
        const overview = await manager.get(`/plans/${testshirePlan}`);
        assert.equal(overview.statusCode, 200);
        assert.match(overview.body, /Testshire Children’s Services Improvement Plan/);
        const action = (await manager.get(`/plans/${testshirePlan}/actions/a1`)).body;
        assert.match(action, /Audit of twenty files done\./);
        const link = action.match(/href="(\/plans\/[^"]+\/evidence\/[^"]+)"/)?.[1];
        assert.ok(link, 'the update links its file');
        const file = await manager.get(link);
        assert.equal(file.statusCode, 200);
        assert.deepEqual(new Uint8Array(file.rawPayload), FILE_BYTES);
        // The plan as it stood before the update, rebuilt from the restored history.
        const before = await manager.get(`/plans/${testshirePlan}/actions/a1?asAt=2026-06-14`);
        assert.equal(before.statusCode, 200);
        assert.match(before.body, /Complete pathway plans for care leavers without a plan/);
        assert.doesNotMatch(before.body, /Audit of twenty files done\./);
      } finally {
        await server.close();
      }
    });
  });

  test('one council moves to another database with its plans and people, and no one else', async () => {
    const made = await g2g(source, 'backup', '--council', 'testshire', '--out', path('t.g2g.gz'));
    assert.equal(made.code, 0, made.err.join('\n'));
    assert.match(made.last, /the council testshire/);
    const elsewhere = await target();
    const restored = await g2g(elsewhere, 'restore', path('t.g2g.gz'));
    assert.equal(restored.code, 0, restored.err.join('\n'));
    assert.match(restored.last, /^Restored Testshire County Council \(testshire\): \d+ rows/);
    const councils = await g2g(elsewhere, 'council', 'list', '--json');
    assert.deepEqual(
      (JSON.parse(councils.last) as Array<{ slug: string }>).map((c) => c.slug),
      ['testshire'],
    );
    await opened(elsewhere, async (app) => {
      const server = await buildServer(app);
      try {
        const manager = await new WebClient(server).signIn('manager@testshire.gov.uk', PASSWORD);
        assert.equal(
          (await manager.get(`/plans/${testshirePlan}?asAt=2026-06-14`)).statusCode,
          200,
        );
        const stranger = new WebClient(server);
        const form = await stranger.get('/sign-in');
        const other = await stranger.post('/sign-in', {
          _csrf: stranger.csrf(form.body),
          email: 'manager@otherham.gov.uk',
          password: PASSWORD,
          returnTo: '/',
        });
        assert.notEqual(other.statusCode, 303, 'Otherham’s people did not move');
      } finally {
        await server.close();
      }
    });
    // Moved again into the same place: refused, nothing written twice.
    const twice = await g2g(elsewhere, 'restore', path('t.g2g.gz'));
    assert.equal(twice.code, 1);
    assert.equal(
      twice.err[0],
      'g2g: The council "testshire" is already here; nothing was restored',
    );
  });

  test('a council joins an instance that has councils of its own', async () => {
    const shared = await target();
    assert.equal(
      (await g2g(shared, 'council', 'add', '--slug', 'northam', '--name', 'Northam')).code,
      0,
    );
    const restored = await g2g(shared, 'restore', path('t.g2g.gz'));
    assert.equal(restored.code, 0, restored.err.join('\n'));
    const slugs = (
      JSON.parse((await g2g(shared, 'council', 'list', '--json')).last) as Array<{
        slug: string;
      }>
    ).map((c) => c.slug);
    assert.deepEqual(slugs.sort(), ['northam', 'testshire']);
    // The plan uses the instance's own built-in status scheme, today and in its history.
    await opened(shared, async (app) => {
      const doc = await app.transaction((trx) =>
        app.services.documents.exportAsAt(trx, testshirePlan, '2026-06-14T23:59:59Z'),
      );
      assert.equal(doc.ragScheme.statuses.length, 5);
    });
  });

  test('refusals say what is wrong, and nothing is restored', async () => {
    assert.equal((await g2g(source, 'backup', '--out', path('whole.g2g.gz'))).code, 0);
    const whole = await g2g(source, 'restore', path('whole.g2g.gz'));
    assert.equal(whole.code, 1);
    assert.match(
      whole.err[0] ?? '',
      /^g2g: A whole-instance backup can only be restored into an empty database/,
    );

    const bytes = readFileSync(path('whole.g2g.gz'));
    writeFileSync(path('cut.g2g.gz'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const empty = await target();
    const cut = await g2g(empty, 'restore', path('cut.g2g.gz'));
    assert.equal(cut.code, 1);
    assert.match(cut.err[0] ?? '', /is not a g2g backup, or it is damaged|is incomplete/);
    const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
    writeFileSync(path('short.g2g.gz'), gzipSync(`${lines.slice(0, -3).join('\n')}\n`));
    const short = await g2g(empty, 'restore', path('short.g2g.gz'));
    assert.equal(short.code, 1);
    assert.equal(
      short.err[0],
      'g2g: The backup is incomplete: it ends before its last line (was the file cut off while it was copied?); nothing was restored',
    );
    writeFileSync(path('notes.g2g.gz'), gzipSync('Minutes of the Improvement Board\n'));
    assert.equal(
      (await g2g(empty, 'restore', path('notes.g2g.gz'))).err[0],
      'g2g: This is not a g2g backup (its first line is not one); nothing was restored',
    );
    assert.match(
      (await g2g(empty, 'restore', path('missing.g2g.gz'))).err[0] ?? '',
      /^g2g: Cannot read \S+missing\.g2g\.gz: there is no such file$/,
    );
    // After all of that the database is still empty: a whole backup goes in.
    assert.deepEqual(JSON.parse((await g2g(empty, 'council', 'list', '--json')).last), []);
    assert.equal((await g2g(empty, 'restore', path('whole.g2g.gz'))).code, 0);

    const unknown = await g2g(source, 'backup', '--council', 'nowhere', '--out', path('n.g2g.gz'));
    assert.equal(unknown.code, 1);
    assert.equal(
      unknown.err[0],
      'g2g: There is no council "nowhere" here; g2g council list shows their short names',
    );
    const folder = await g2g(source, 'backup', '--out', join(files, 'no-such-folder', 'b.g2g.gz'));
    assert.equal(folder.code, 1);
    assert.match(
      folder.err[0] ?? '',
      /^g2g: Cannot write \S+b\.g2g\.gz: its folder does not exist$/,
    );
  });
});
