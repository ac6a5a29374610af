import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { createAppContext } from '../composition.js';
import { runG2g } from '../test-support/cli.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { ColumnMappingRepository } from './column-mapping.repository.js';
import { headerSignature } from './interpret/column-mapping.js';
import { StatusMappingRepository } from './status-mapping.repository.js';

// g2g import FILE --council SLUG: the file is read with the choices the council made in the
// import review (a column's role, a status word's meaning), and --dry-run --json says which
// of them were applied.

const HEADER = ['Ref', 'Action', 'Champion', 'Milestone', 'Status'];
const CSV = [
  'Eastfield Council improvement plan',
  HEADER.join(','),
  '1.1,Recruit two permanent team managers,Head of Assessment,June 2026,On track',
  '1.2,Audit every child in need plan,Principal Social Worker,September 2026,Behind plan',
  '',
].join('\n');

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
const files = mkdtempSync(join(tmpdir(), 'g2g-import-files-'));
const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args);
const file = join(files, 'eastfield.csv');

before(async () => {
  database = await freshDatabaseEnv();
  writeFileSync(file, CSV);
  const setup = await createAppContext(loadConfig(database.env));
  try {
    await setup.transaction(async (trx) => {
      const council = await setup.services.access.addCouncil(trx, {
        slug: 'eastfield',
        name: 'Eastfield Borough Council',
      });
      const chosen = { organisationId: council.id, chosenBy: null, chosenAt: setup.clock.now() };
      await new ColumnMappingRepository().save(trx, {
        ...chosen,
        signature: headerSignature(HEADER),
        mapping: { roles: ['ref', 'action', 'lead', 'due', 'rag'] },
      });
      await new StatusMappingRepository().save(trx, {
        ...chosen,
        words: 'behind plan',
        code: 'AMBER',
      });
    });
  } finally {
    await setup.close();
  }
});
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await database.cleanup();
});

interface DryRun {
  document: {
    organisation: { slug: string };
    actions: Array<{ ref: string; leads: Array<{ name: string }>; status: string | null }>;
  };
  applied: {
    council: string | null;
    columns: Array<{ tables: number[]; header: string; roles: string[] }>;
    statuses: Array<{ words: string; status: string | null }>;
  };
}

const dryRun = async (...extra: string[]) => {
  const run = await g2g('import', file, '--dry-run', '--json', ...extra);
  assert.equal(run.code, 0, run.err.join('\n'));
  return { json: JSON.parse(run.out.join('\n')) as DryRun, err: run.err.join('\n') };
};

const leadsAndStatuses = (doc: DryRun['document']) =>
  doc.actions.map((a) => [a.ref, a.leads.map((l) => l.name).join('; '), a.status]);

describe('g2g import with a council’s saved choices', () => {
  test('without --council the importer reads the file its own way, and says nothing was applied', async () => {
    const { json } = await dryRun();
    assert.deepEqual(leadsAndStatuses(json.document), [
      ['1.1', '', 'GREEN'],
      ['1.2', '', null],
    ]);
    assert.deepEqual(json.applied, { council: null, columns: [], statuses: [] });
  });

  test('with --council the saved column roles and status meanings are applied, and listed', async () => {
    const { json, err } = await dryRun('--council', 'eastfield');
    assert.deepEqual(leadsAndStatuses(json.document), [
      ['1.1', 'Head of Assessment', 'GREEN'],
      ['1.2', 'Principal Social Worker', 'AMBER'],
    ]);
    assert.equal(json.document.organisation.slug, 'eastfield');
    assert.deepEqual(json.applied, {
      council: 'eastfield',
      columns: [
        {
          tables: [1],
          header: 'ref | action | champion | milestone | status',
          roles: ['ref', 'action', 'lead', 'due', 'rag'],
        },
      ],
      statuses: [{ words: 'Behind plan', status: 'AMBER' }],
    });
    assert.match(
      err,
      /Read with the choices saved for Eastfield Borough Council: 1 table layout, 1 status word/,
    );
  });

  test('a council that does not exist is refused with its name', async () => {
    const run = await g2g('import', file, '--dry-run', '--council', 'nowhere');
    assert.notEqual(run.code, 0);
    assert.match(run.err.join('\n'), /There is no council with the short name nowhere/);
  });
});
