import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { DEMO_USER, loadDemoData } from '../demo/demo-data.js';
import { chromiumAvailable } from '../test-support/browser.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Golden tests: the demo plans (three councils' published plans, read by the importer) as
// board packs at fixed days, each file opened with its own reader and compared on structure
// and key content: the page's headings, the Word document's headings and repeating header
// rows, the workbook's sheets, frozen header rows, filters, numbers and dates, and the PDF
// tagged with the plan's figures in its text (its first pages rendered for a person to see).
// Bristol's plan names its boards; West Berkshire's draft names none, so the test gives it
// one, as its manager would before the first meeting.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let client: WebClient;
const plans: Record<'bristol' | 'berkshire', string> = { bristol: '', berkshire: '' };

before(async () => {
  app = await testContext();
  app.clock.set('2026-12-01T09:00:00Z');
  assert.equal(await loadDemoData(app), 4);
  const all = await app.transaction((trx) => app.services.plans.list(trx));
  plans.bristol = all.find((p) => /^Bristol Children’s Services/.test(p.title))?.id ?? '';
  plans.berkshire = all.find((p) => /OFSTED ACTION PLAN July 2015/.test(p.title))?.id ?? '';
  assert.ok(plans.bristol && plans.berkshire, 'the Bristol and West Berkshire demo plans');
  await app.transaction((trx) =>
    app.services.boards.add(trx, app.changeBy('manager'), plans.berkshire, {
      name: 'Improvement Board',
      cadence: 'Monthly',
      chair: null,
    }),
  );
  server = await buildServer(app);
  client = await new WebClient(server).signIn(DEMO_USER.email, DEMO_USER.password);
});
after(async () => {
  await server?.close();
  await app.close();
});

const CASES = {
  bristol: {
    day: '2015-07-31',
    board: 'Improvement Board',
    file: 'improvement-board-pack-2015-07-31',
  },
  berkshire: {
    day: '2015-07-01',
    board: 'Improvement Board',
    file: 'improvement-board-pack-2015-07-01',
  },
} as const;

async function get(plan: keyof typeof CASES, file = '') {
  const { day, board } = CASES[plan];
  const q = new URLSearchParams({ asAt: day, board }).toString();
  const response = await client.get(`/plans/${plans[plan]}/pack${file ? `/${file}` : ''}?${q}`);
  assert.equal(response.statusCode, 200, `${plan} ${file}`);
  return response;
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const headings = (html: string, level: number) =>
  [...html.matchAll(new RegExp(`<h${level}[^>]*>([\\s\\S]*?)</h${level}>`, 'g'))].map((m) =>
    text(m[1] ?? '').trim(),
  );

const PARTS = ['Where the actions stand', 'Exceptions', 'Measures', 'Risks', 'Costs', 'The plan'];

describe('golden packs of the demo plans', () => {
  test('the page: its parts in order, the counts and the measures as they stood', async () => {
    const bristol = (await get('bristol')).body;
    const parts = headings(bristol, 2).filter((h) => PARTS.includes(h) || /^What changed/.test(h));
    assert.deepEqual(parts, [
      'Where the actions stand',
      'Exceptions',
      'What changed since 30 June 2015',
      'Measures',
      'Risks',
      'Costs',
      'The plan',
    ]);
    const words = text(bristol);
    assert.match(words, /Board pack as at 31 July 2015/);
    assert.match(words, /55 actions, by status/);
    // Bristol's staged target for case planning: 60% by July 2015 (seed 001).
    assert.match(words, /60% by Jul 2015/);
    const berkshire = text((await get('berkshire')).body);
    assert.match(berkshire, /97 actions, by status/);
    // West Berkshire's figures as its progress column reports them (seed 002).
    assert.match(berkshire, /Single assessments within 45 days/);
    assert.match(berkshire, /68% \(31 May 2015\)/);
    assert.match(berkshire, /56% \(31 May 2015\)/);
  });

  test('Word: the title, the parts as headings, tables whose header rows repeat', async () => {
    for (const plan of ['bristol', 'berkshire'] as const) {
      const response = await get(plan, 'download.docx');
      assert.match(
        String(response.headers['content-disposition']),
        new RegExp(`filename="${CASES[plan].file}\\.docx"`),
      );
      const { value: html } = await mammoth.convertToHtml({ buffer: response.rawPayload });
      assert.equal(headings(html, 1).length, 1, `${plan}: one title`);
      const h2 = headings(html, 2);
      for (const part of PARTS.filter((p) => p !== 'Where the actions stand'))
        assert.ok(h2.includes(part), `${plan}: ${part} in ${h2.join(' | ')}`);
      const tables = html.match(/<table>/g)?.length ?? 0;
      assert.ok(tables >= 4, `${plan}: its tables`);
      assert.equal(html.match(/<table><thead>/g)?.length, tables, `${plan}: every header repeats`);
      const everyAction = html.slice(html.indexOf('Every action ('));
      const rows = everyAction.slice(0, everyAction.indexOf('</table>')).match(/<tr>/g)?.length;
      const total = plan === 'bristol' ? 55 : 97;
      assert.equal(rows, total + 1, `${plan}: the header and every action`);
    }
  });

  test('Excel: a sheet per part, frozen header rows, filters, numbers and dates', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await get('berkshire', 'download.xlsx')).rawPayload as unknown as ArrayBuffer,
    );
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
    }
    const summary = book.getWorksheet('Summary')!;
    assert.deepEqual((summary.getRow(2).values as unknown[]).slice(1), [
      'Whole plan',
      'All actions',
      97,
    ]);
    const measures = book.getWorksheet('Measures')!;
    const row = [...Array(measures.rowCount).keys()]
      .map((i) => measures.getRow(i + 1))
      .find((r) => r.getCell(1).value === 'Single assessments within 45 days');
    assert.ok(row, 'the measure has a row');
    assert.equal(row.getCell(5).value, 68, 'the latest value, a number');
    assert.ok(row.getCell(6).value instanceof Date, 'its period, a date');
    assert.equal((row.getCell(6).value as Date).toISOString().slice(0, 10), '2015-05-31');
    const actions = book.getWorksheet('Actions')!;
    assert.equal(actions.rowCount, 98, 'the header and every action');
  });

  test('PDF: tagged, with the plan’s figures, its first pages rendered', async () => {
    assert.ok(chromiumAvailable(), 'Chromium is installed');
    mkdirSync('test-artifacts', { recursive: true });
    for (const plan of ['bristol', 'berkshire'] as const) {
      const file = `test-artifacts/golden-${plan}.pdf`;
      writeFileSync(file, (await get(plan, 'download.pdf')).rawPayload);
      assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /Tagged:\s+yes/);
      const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      assert.match(
        words,
        new RegExp(`Board pack as at ${plan === 'bristol' ? '31 July' : '1 July'} 2015`),
      );
      if (plan === 'berkshire') assert.match(words, /Single assessments within 45 days/);
      if (plan === 'berkshire') assert.match(words, /68% \(31 May 2015\)/);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '50',
        '-f',
        '1',
        '-l',
        '2',
        file,
        `test-artifacts/golden-${plan}`,
      ]);
    }
  });
});
