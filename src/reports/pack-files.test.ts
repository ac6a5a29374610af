import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { chromiumAvailable } from '../test-support/browser.js';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// A published pack's files, opened with their own readers: the workbook's sheets, frozen
// header rows, filters, numbers and dates; the Word document's headings and tables whose
// header rows repeat; the PDF tagged, with its title and the plan's figures in its text.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
let packHref: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'files.manager@northshire.gov.uk';
const MEMBER = 'files.member@northshire.gov.uk';
const ADVISER = 'files.adviser@dfe.gov.uk';

before(async () => {
  app = await testContext();
  app.clock.set('2026-02-01T09:00:00Z');
  const base = buildPlanDocument();
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      buildPlanDocument({
        organisation: { slug: 'northshire', name: 'Northshire Council' },
        boards: [{ name: 'Corporate Parenting Panel', cadence: 'Quarterly', chair: null }],
        measures: [
          {
            ...base.measures[0]!,
            name: 'Single assessments within 45 days',
            actuals: [
              { value: 61, date: '2026-01-31', text: null },
              { value: 68, date: '2026-02-28', text: null },
            ],
          },
        ],
        costs: [
          { ...base.costs[0]!, amountPence: 4_200_000, financialYear: '2026/27' },
          {
            ...base.costs[0]!,
            id: 'c2',
            actionId: null,
            amountPence: 990_099,
            recurrence: 'recurrent',
            financialYear: '2027/28',
          },
        ],
      }),
    ),
  );
  app.clock.set('2026-03-10T09:00:00Z');
  await addMember(
    app,
    { email: MANAGER, name: 'Sam Files', password: PASSWORD },
    await councilOf(app, planId),
    {
      role: 'plan-manager',
    },
  );
  await addMember(
    app,
    { email: MEMBER, name: 'Board Member', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'viewer' },
  );
  await addMember(
    app,
    { email: ADVISER, name: 'DfE Adviser', password: PASSWORD },
    await councilOf(app, planId),
    { role: 'adviser', planId, expiresAt: '2027-03-31T00:00:00Z' },
  );
  server = await buildServer(app);
  const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
  const published = await manager.submit(
    `/plans/${planId}/pack?asAt=2026-03-01&board=Corporate+Parenting+Panel`,
    {
      asAt: '2026-03-01',
      board: 'Corporate Parenting Panel',
      meeting: 'Panel, 5 March 2026',
      headlines: 'Assessments are faster.',
    },
    `/plans/${planId}/packs`,
  );
  assert.equal(published.statusCode, 303);
  packHref = String(published.headers.location);
});
after(async () => {
  await server?.close();
  await app.close();
});

async function download(ext: string) {
  const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
  const response = await manager.get(`${packHref}/download.${ext}`);
  assert.equal(response.statusCode, 200, `download.${ext}`);
  assert.match(
    String(response.headers['content-disposition']),
    new RegExp(
      `attachment; filename="corporate-parenting-panel-pack-2026-03-01${ext.includes('.') ? '-' : '\\.'}${ext.replace('.', '\\.')}"`,
    ),
  );
  return response.rawPayload;
}

describe('a pack’s files', () => {
  test('the workbook: a sheet per part, frozen header rows and filters, numbers and dates', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((w) => w.name),
      [
        'Summary',
        'Exceptions',
        'Changes',
        'Measures',
        'Measure figures',
        'Risks',
        'Costs',
        'Budget',
        'Actions',
      ],
    );
    for (const sheet of book.worksheets) {
      assert.equal(sheet.views[0]?.state, 'frozen', sheet.name);
      assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1, sheet.name);
      assert.ok(sheet.autoFilter, `${sheet.name} has filters`);
      assert.equal(sheet.getRow(1).font?.bold, true);
    }
    const summary = book.getWorksheet('Summary')!;
    const row = (n: number) => (summary.getRow(n).values as unknown[]).slice(1);
    assert.deepEqual(row(2), ['Whole plan', 'All actions', 1]);
    assert.deepEqual(row(3), ['Whole plan', 'Amber', 1], 'a count is a number');
    const measures = book.getWorksheet('Measures')!;
    const m = measures.getRow(2);
    assert.equal(m.getCell(1).value, 'Single assessments within 45 days');
    assert.equal(m.getCell(5).value, 68, 'the latest value on 1 March is February’s, a number');
    assert.ok(m.getCell(6).value instanceof Date);
    assert.equal((m.getCell(6).value as Date).toISOString().slice(0, 10), '2026-02-28');
    assert.equal(m.getCell(11).value, 'Higher');
    assert.equal(m.getCell(12).value, 'Off trajectory', 'the measures concept’s impact status');
    assert.equal(m.getCell(13).value, 73.7, 'what the trajectory expects, a number');
    const figures = book.getWorksheet('Measure figures')!;
    const f = (n: number) => {
      const [name, series, period, value, unit] = (figures.getRow(n).values as unknown[]).slice(1);
      return [name, series, (period as Date).toISOString().slice(0, 10), value, unit];
    };
    assert.deepEqual(f(3), ['Single assessments within 45 days', 'Actual', '2026-01-31', 61, '%']);
    assert.deepEqual(f(4), ['Single assessments within 45 days', 'Actual', '2026-02-28', 68, '%']);
    assert.equal(figures.rowCount, 4, 'no value after the pack’s day');
    const costs = book.getWorksheet('Costs')!;
    const amounts = costs.getColumn(6).values.filter((v) => typeof v === 'number');
    assert.deepEqual(amounts, [42000, 9900.99, 42000, 9900.99, 51900.99], 'lines, years, total');
    const actions = book.getWorksheet('Actions')!;
    assert.equal(actions.getRow(2).getCell(6).value, 'Amber', 'status as words');
  });

  test('the measures’ CSV: one row a measure, numbers as numbers, dates as YYYY-MM-DD', async () => {
    const text = (await download('measures.csv')).toString('utf8');
    const rows: string[][] = parse(text);
    assert.deepEqual(rows[0]?.slice(0, 8), [
      'Measure',
      'Unit',
      'Better when',
      'Baseline',
      'Baseline date',
      'Latest',
      'Latest period',
      'Target',
    ]);
    assert.equal(rows.length, 2, 'the header and the plan’s one measure');
    const [name, unit, better, , , latest, period] = rows[1] ?? [];
    assert.deepEqual(
      [name, unit, better, latest, period],
      ['Single assessments within 45 days', '%', 'Higher', '68', '2026-02-28'],
    );
    assert.match(text, /Off trajectory/);
    assert.ok(text.includes('\r\n'), 'CRLF line ends');
  });

  test('the Word document: headings, tables whose header rows repeat, statuses in words', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: await download('docx') });
    assert.match(html, /<h1>Testshire Children’s Services Improvement Plan \(V1\)<\/h1>/);
    assert.match(html, /<h2>Headline messages<\/h2><p>Assessments are faster\.<\/p>/);
    assert.match(html, /<h2>Costs<\/h2>/);
    // mammoth turns rows marked to repeat on each page into the table's head.
    assert.match(html, /<table><thead><tr><th><p><strong>Status<\/strong><\/p><\/th>/);
    assert.match(html, /<td><p>Amber<\/p><\/td>/);
    assert.match(html, /£51,900\.99/);
    assert.match(html, /Board pack as at 1 March 2026, for Panel, 5 March 2026/);
    assert.match(html, /<td><p>Off trajectory, improving<\/p><\/td>/);
    assert.match(html, /<h3>Figures: Single assessments within 45 days \(\d+\)<\/h3>/);
    assert.match(html, /<td><p>68%<\/p><\/td>/);
  });

  test('the PDF: tagged, titled, in English, with the plan’s figures', async () => {
    // Never skipped: without Chromium the download says it cannot be made, and this fails.
    assert.ok(chromiumAvailable(), 'Chromium is installed');
    const bytes = await download('pdf');
    mkdirSync('test-artifacts', { recursive: true });
    const file = 'test-artifacts/board-pack.pdf';
    writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Tagged:\s+yes/);
    assert.match(
      info,
      /Title:\s+Corporate Parenting Panel: Testshire Children’s Services Improvement Plan, as at 1 March 2026/,
    );
    const words = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    assert.match(words, /Board pack as at 1 March 2026, for Panel, 5 March 2026/);
    assert.match(words, /Single assessments within 45 days/);
    assert.match(words, /68% \(28 February/, 'February’s value, the latest on 1 March');
    assert.match(words, /Off trajectory/);
    assert.match(words, /Figures behind the chart/);
    assert.match(words, /£51,900\.99/);
    assert.doesNotMatch(
      words,
      /Sign out|Back to|Download this pack|http/,
      'no navigation or addresses',
    );
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '2',
      file,
      'test-artifacts/board-pack',
    ]);
  });
});

describe('a published pack is frozen', () => {
  const FORMATS = ['pdf', 'docx', 'xlsx', 'csv', 'measures.csv', 'html'];
  test('every file downloads byte for byte the same after the plan changes; the draft moves on', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const today = `/plans/${planId}/pack?asAt=2026-03-10&board=Corporate+Parenting+Panel`;
    const published = await manager.submit(
      today,
      {
        asAt: '2026-03-10',
        board: 'Corporate Parenting Panel',
        meeting: 'Panel, 12 March 2026',
        decisions: 'Agree the recruitment budget.',
      },
      `/plans/${planId}/packs`,
    );
    assert.equal(published.statusCode, 303);
    const href = String(published.headers.location);
    const get = async (path: string) => {
      const r = await manager.get(path);
      assert.equal(r.statusCode, 200, path);
      return r.rawPayload;
    };
    const before = new Map<string, Buffer>();
    for (const f of FORMATS) before.set(f, await get(`${href}/download.${f}`));
    const draftBefore = (
      await get(
        `/plans/${planId}/pack/download.csv?asAt=2026-03-10&board=Corporate+Parenting+Panel`,
      )
    ).toString('utf8');

    // The same day's plan changes: an action reworded, a cost removed.
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    const action = doc.actions[0]!;
    await app.transaction(async (trx) => {
      await app.services.content.update(trx, app.changeBy('manager'), planId, 'action', action.id, {
        text: 'A different action altogether',
      });
      await app.services.content.remove(trx, app.changeBy('manager'), planId, 'cost', 'c2');
    });

    for (const f of FORMATS) {
      const after = await get(`${href}/download.${f}`);
      assert.ok(after.equals(before.get(f)!), `the published ${f} is byte-identical`);
    }
    const words = (await get(href)).toString('utf8');
    assert.match(words, new RegExp(action.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.doesNotMatch(words, /A different action altogether/);
    // The measure's chart, with its figures as a table.
    assert.match(words, /<svg class="app-chart__svg"[^>]* role="img"/);
    assert.match(
      words,
      /<title id="pack-measure-1-title">Single assessments within 45 days: actual values against the target/,
    );
    assert.match(words, /Figures behind the chart/);
    const draftAfter = (
      await get(
        `/plans/${planId}/pack/download.csv?asAt=2026-03-10&board=Corporate+Parenting+Panel`,
      )
    ).toString('utf8');
    assert.notEqual(draftAfter, draftBefore, 'the draft for the same day shows the change');
    assert.match(draftAfter, /A different action altogether/);
  });

  test('publishing is in the audit trail: who, when, for which meeting', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const audit = await manager.get(`/plans/${planId}/audit?entity=boardPack`);
    assert.equal(audit.statusCode, 200);
    const words = audit.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(words, /Sam Files/);
    assert.match(words, /the board pack for ‘Panel, 12 March 2026’/);
    assert.match(words, /10 March 2026/);
  });

  test('a board member and an adviser see the published packs and download every file', async () => {
    for (const email of [MEMBER, ADVISER]) {
      const reader = await new WebClient(server).signIn(email, PASSWORD);
      const list = await reader.get(`/plans/${planId}/packs`);
      assert.equal(list.statusCode, 200, email);
      assert.match(list.body, /Panel, 5 March 2026/);
      assert.match(list.body, /Panel, 12 March 2026/);
      assert.doesNotMatch(list.body, /Make a board pack/, `${email} may not publish`);
      const page = await reader.get(packHref);
      assert.equal(page.statusCode, 200);
      for (const f of FORMATS) {
        assert.match(
          page.body,
          new RegExp(`href="${packHref}/download\\.${f}"`),
          `${email}: ${f} link`,
        );
        const file = await reader.get(`${packHref}/download.${f}`);
        assert.equal(file.statusCode, 200, `${email} downloads ${f}`);
        assert.ok(file.rawPayload.length > 100);
      }
    }
  });
});

describe('a published pack outlives its board', () => {
  test('the board can be removed; the pack and its files stay, and cannot be changed', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    const before = (await manager.get(`${packHref}/download.docx`)).rawPayload;
    const board = (await app.transaction((trx) => app.services.plans.get(trx, planId))).boards[0]!;
    await app.transaction((trx) =>
      app.services.boards.remove(trx, app.changeBy('manager'), planId, board.id),
    );
    const after = await manager.get(`${packHref}/download.docx`);
    assert.equal(after.statusCode, 200);
    assert.ok(after.rawPayload.equals(before));
    await assert.rejects(
      app.db.updateTable('boardPack').set({ meeting: 'Changed' }).execute(),
      /a published pack never changes/,
    );
    await assert.rejects(
      app.db.updateTable('boardPackFile').set({ fileName: 'changed.pdf' }).execute(),
      /a published pack's files never change/,
    );
  });
});
