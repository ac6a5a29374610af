import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';

// Updates by spreadsheet through the real server: a manager downloads a round's workbook
// (per lead or whole), fills it in, uploads it, sees the preview with each row that cannot be
// saved, and confirms; the updates are then in the round, authored by the row's lead, once.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
let otherPlanId = '';
let roundId = '';
const PASSWORD = 'a long enough password';
const MANAGER = 'improvement@eastfold.gov.uk';
const period = { start: '2026-01-01', end: '2027-12-31' };

function plan(title: string, ids: string[]) {
  const base = buildPlanDocument();
  const first = base.actions[0];
  assert.ok(first);
  const action = (
    id: string,
    ref: string,
    lead: string,
    status: string,
    text: string,
    due: string,
  ) => ({
    ...first,
    id,
    ref,
    text,
    leads: [{ name: lead, kind: 'role' as const }],
    due: parseFuzzyDate(due, period),
    status,
  });
  return buildPlanDocument({
    organisation: { slug: 'eastfold', name: 'Eastfold Borough Council' },
    plan: { ...base.plan, title },
    actions: [
      action(
        ids[0] ?? 'x1',
        '3.1',
        'Head of Early Help',
        'AMBER',
        'Run weekly multi-agency triage',
        'End June 2026',
      ),
      action(
        ids[1] ?? 'x2',
        '3.2',
        'Head of Early Help',
        'RED',
        'Publish the early help offer',
        'Summer 2026',
      ),
      action(
        ids[2] ?? 'x3',
        '3.3',
        'Principal Social Worker',
        'GREY',
        'Launch the practice standards, with training for every team',
        'tba',
      ),
    ],
    measures: [],
    measureValues: [],
    risks: [],
    costs: [],
  });
}

before(async () => {
  app = await testContext();
  app.clock.set('2026-05-04T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      plan('Eastfold plan', ['e1', 'e2', 'e3']),
    ),
  );
  otherPlanId = await app.transaction((trx) =>
    app.services.documents.import(
      trx,
      app.changeBy('setup'),
      plan('Eastfold second plan', ['e1', 'e2', 'e3']),
    ),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Sam Rahman', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  for (const id of [planId, otherPlanId]) {
    await app.transaction((trx) =>
      app.services.rounds.open(trx, app.changeBy('setup'), id, {
        name: 'May 2026 update',
        deadline: '2026-05-20',
      }),
    );
  }
  roundId = (await app.transaction((trx) => app.services.rounds.current(trx, planId)))?.id ?? '';
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const signedIn = () => new WebClient(server).signIn(MANAGER, PASSWORD);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
const roundPath = (plan = planId, round = roundId) => `/plans/${plan}/rounds/${round}`;

async function download(client: WebClient, query = '', plan = planId, round = roundId) {
  const response = await client.get(`${roundPath(plan, round)}/workbook${query}`);
  assert.equal(response.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  return { response, workbook };
}

function sheetOf(workbook: ExcelJS.Workbook) {
  const sheet = workbook.getWorksheet('Updates');
  assert.ok(sheet, 'the workbook has an Updates sheet');
  return sheet;
}

const str = (value: ExcelJS.CellValue) => (typeof value === 'string' ? value : '');

/** The column number of a heading in row 1. */
function col(sheet: ExcelJS.Worksheet, heading: string): number {
  let found = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (str(cell.value).startsWith(heading) && !found) found = n;
  });
  assert.ok(found, `a column headed ${heading}`);
  return found;
}

/** Fills rows (by action reference) with an update, status and link. */
function fill(sheet: ExcelJS.Worksheet, rows: Record<string, [string, string?, string?]>) {
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = rows[str(row.getCell(1).value)];
    if (!values) return;
    row.getCell(col(sheet, 'Update for')).value = values[0];
    row.getCell(col(sheet, 'Proposed status')).value = values[1] ?? null;
    row.getCell(col(sheet, 'Evidence link')).value = values[2] ?? null;
  });
}

async function upload(client: WebClient, bytes: Uint8Array, name = 'returned.xlsx') {
  const page = await client.get(roundPath());
  return client.upload(`${roundPath()}/workbook/upload`, {
    _csrf: client.csrf(page.body),
    workbook: [{ name, bytes }],
  });
}
const bytesOf = async (workbook: ExcelJS.Workbook) =>
  new Uint8Array(await workbook.xlsx.writeBuffer());

describe('downloading a round workbook', () => {
  test('the round page offers the whole round and each lead', async () => {
    const manager = await signedIn();
    const page = await manager.get(roundPath());
    assert.match(text(page.body), /Download the workbook for the whole round/);
    assert.match(text(page.body), /Download the workbook for Head of Early Help/);
    assert.match(page.body, /workbook\?lead=Principal%20Social%20Worker/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
  });

  test('a lead’s workbook: header frozen, their rows, the status list, hidden keys, instructions', async () => {
    const manager = await signedIn();
    const { response, workbook } = await download(manager, '?lead=Head%20of%20Early%20Help');
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="May 2026 update - Head of Early Help\.xlsx"/,
    );
    const sheet = sheetOf(workbook);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    const headings = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    assert.deepEqual(headings.slice(0, 11), [
      'Reference',
      'Recommendation',
      'Action',
      'Lead',
      'Due date',
      'Current status',
      'Last update date',
      'Last update',
      'Update for May 2026 update',
      'Proposed status',
      'Evidence link',
    ]);
    // Only this lead's two actions, with what people wrote, never an id in sight.
    assert.equal(sheet.actualRowCount, 3);
    const row2 = sheet.getRow(2);
    assert.equal(row2.getCell(3).value, 'Run weekly multi-agency triage');
    assert.equal(row2.getCell(5).value, 'End June 2026');
    assert.equal(row2.getCell(6).value, 'Amber');
    for (const n of [12, 13, 14]) assert.equal(sheet.getColumn(n).hidden, true);
    for (let n = 1; n <= 11; n++) assert.notEqual(sheet.getColumn(n).hidden, true);
    const validation = row2.getCell(10).dataValidation;
    assert.equal(validation.type, 'list');
    const instructions = workbook.getWorksheet('Instructions');
    assert.ok(instructions);
    const listed: string[] = [];
    instructions.eachRow((row) => listed.push(str(row.getCell(1).value)));
    assert.ok(listed.some((l) => l.includes('write what has happened since the last update')));
    for (const label of ['Red', 'Amber', 'Green', 'Grey', 'Blue'])
      assert.ok(listed.includes(label));
  });

  test('the whole round’s workbook has every action; an unknown lead is not found', async () => {
    const manager = await signedIn();
    const { workbook } = await download(manager);
    assert.equal(sheetOf(workbook).actualRowCount, 4);
    const missing = await manager.get(`${roundPath()}/workbook?lead=Nobody`);
    assert.equal(missing.statusCode, 404);
  });
});

describe('uploading a returned workbook', () => {
  test('the preview lists what will be saved and each bad row by its number; nothing is saved yet', async () => {
    const manager = await signedIn();
    const { workbook } = await download(manager);
    const sheet = sheetOf(workbook);
    fill(sheet, {
      '3.1': [
        'Triage ran every week in April; 41 referrals seen.',
        'Green',
        'https://intranet.eastfold.gov.uk/triage',
      ],
      '3.2': ['', 'Amber'],
      '3.3': ['Standards drafted.', 'Purple'],
    });
    const extra = sheet.addRow(['3.9', '', 'A new action typed in', 'Someone']);
    extra.getCell(9).value = 'Did it';
    sheet.addRow(['3.10']);
    const response = await upload(manager, await bytesOf(workbook));
    assert.equal(response.statusCode, 303);
    const preview = await manager.get(String(response.headers.location));
    assert.equal(preview.statusCode, 200);
    const page = text(preview.body);
    assert.match(page, /1 row will be saved as updates in this round/);
    assert.match(page, /Triage ran every week in April; 41 referrals seen\./);
    assert.match(page, /Head of Early Help Green https:\/\/intranet\.eastfold\.gov\.uk\/triage/);
    assert.match(
      page,
      /Row 3: enter the update on Action 3\.2 in the column ‘Update for May 2026 update’/,
    );
    assert.match(
      page,
      /Row 4: ‘Purple’ is not a status of this plan\. Choose one of: Red, Amber, Green, Grey, Blue/,
    );
    assert.match(page, /Row 5: this row was not in the workbook as downloaded/);
    assert.match(page, /Row 6: this row was not in the workbook as downloaded/);
    assert.match(preview.body, /govuk-error-summary/);
    assert.match(page, /Save 1 update/);
    const round = await manager.get(roundPath());
    assert.doesNotMatch(text(round.body), /4 May 2026, Head of Early Help/);
    assert.match(text(round.body), /Updated 0 of 3 actions/);
  });

  test('an edited action text is refused by row; the upload is kept in the database, not memory', async () => {
    const manager = await signedIn();
    const { workbook } = await download(manager, '?lead=Head%20of%20Early%20Help');
    const sheet = sheetOf(workbook);
    fill(sheet, { '3.1': ['Weekly triage continues.'], '3.2': ['Offer drafted.', 'Amber'] });
    sheet.getRow(3).getCell(3).value = 'Publish the early help offer by June';
    const response = await upload(manager, await bytesOf(workbook));
    const href = String(response.headers.location);
    // Another server on the same database shows the same preview.
    const second = await buildServer(app);
    try {
      const again = await new WebClient(second).signIn(MANAGER, PASSWORD);
      const preview = await again.get(href);
      assert.equal(preview.statusCode, 200);
      assert.match(
        text(preview.body),
        /Row 3: the text of Action 3\.2 has been changed\. Put back the text as it was downloaded/,
      );
      assert.match(text(preview.body), /Weekly triage continues\./);
    } finally {
      await second.close();
    }
  });

  test('an update holding a child’s NHS number is refused by row, with what was found', async () => {
    const manager = await signedIn();
    const { workbook } = await download(manager, '?lead=Head%20of%20Early%20Help');
    const sheet = sheetOf(workbook);
    fill(sheet, {
      '3.1': ['Triage saw the child with NHS number 943 476 5919 twice.', 'Amber'],
      '3.2': ['Offer drafted.', 'Amber'],
    });
    const response = await upload(manager, await bytesOf(workbook));
    const preview = text((await manager.get(String(response.headers.location))).body);
    assert.match(
      preview,
      /Row 2: the update for Action 3\.1 cannot be saved\. This looks like an NHS number: ‘943 476 5919’/,
    );
    assert.match(preview, /1 row will be saved as updates in this round/);
    assert.doesNotMatch(preview, /Triage saw the child/);
  });

  test('confirming saves every valid row once, as the row’s lead, in the round', async () => {
    const manager = await signedIn();
    const { workbook } = await download(manager);
    fill(sheetOf(workbook), {
      '3.1': ['Triage met every Tuesday.', 'Green', 'https://intranet.eastfold.gov.uk/triage'],
      '3.3': ['Training booked for June.'],
    });
    const response = await upload(manager, await bytesOf(workbook));
    const previewHref = String(response.headers.location);
    const preview = await manager.get(previewHref);
    assert.match(text(preview.body), /2 rows will be saved/);
    assert.match(text(preview.body), /1 row has no update and will be left out/);
    const token = manager.csrf(preview.body);
    const confirmed = await manager.post(`${previewHref}/confirm`, { _csrf: token });
    assert.equal(confirmed.statusCode, 303);
    const twice = await manager.post(`${previewHref}/confirm`, { _csrf: token });
    assert.equal(twice.statusCode, 303);
    const round = await manager.get(roundPath());
    const page = text(round.body);
    assert.match(page, /The updates from the workbook have been saved/);
    assert.match(page, /Updated 2 of 3 actions/);
    assert.match(page, /Action 3\.1 Head of Early Help 4 May 2026, Head of Early Help/);
    assert.match(page, /Action 3\.3 Principal Social Worker 4 May 2026, Principal Social Worker/);
    const doc = await app.transaction((trx) => app.services.documents.export(trx, planId));
    const saved = doc.updates.filter((u) => u.text === 'Triage met every Tuesday.');
    assert.equal(saved.length, 1);
    assert.equal(saved[0]?.author, 'Head of Early Help');
    assert.equal(saved[0]?.proposedStatus, 'GREEN');
    assert.equal(saved[0]?.evidence[0]?.url, 'https://intranet.eastfold.gov.uk/triage');
    assert.equal(doc.actions.find((a) => a.id === 'e1')?.status, 'GREEN');
    // The same workbook uploaded again saves nothing twice.
    const again = await upload(manager, await bytesOf(workbook));
    const second = await manager.get(String(again.headers.location));
    assert.match(
      text(second.body),
      /2 rows were saved from an earlier upload and will not be saved again/,
    );
    assert.match(text(second.body), /Nothing in this workbook can be saved/);
  });
});

describe('a file that cannot be a round workbook', () => {
  test('another plan’s workbook, another round’s, and files that are not workbooks', async () => {
    const manager = await signedIn();
    const { workbook } = await download(
      manager,
      '',
      otherPlanId,
      (await app.transaction((trx) => app.services.rounds.current(trx, otherPlanId)))?.id ?? '',
    );
    fill(sheetOf(workbook), { '3.1': ['From the other plan.'] });
    const other = await upload(manager, await bytesOf(workbook));
    assert.equal(other.statusCode, 400);
    assert.match(text(other.body), /This workbook was downloaded for another plan/);

    const mine = (await download(manager)).workbook;
    fill(sheetOf(mine), { '3.1': ['Old round.'] });
    sheetOf(mine).eachRow((row, n) => {
      if (n > 1) row.getCell(13).value = '00000000-0000-4000-8000-000000000000';
    });
    const wrongRound = await upload(manager, await bytesOf(mine));
    assert.equal(wrongRound.statusCode, 400);
    assert.match(text(wrongRound.body), /This workbook was not downloaded for ‘May 2026 update’/);

    const csv = await upload(
      manager,
      new TextEncoder().encode('Reference,Update\n3.1,Done\n'),
      'updates.csv',
    );
    assert.equal(csv.statusCode, 400);
    assert.match(
      text(csv.body),
      /‘updates\.csv’ is not an Excel workbook\. Upload the \.xlsx file/,
    );
    assert.match(csv.body, /govuk-error-summary/);

    const good = await bytesOf(mine);
    const broken = new Uint8Array(good.subarray(0, Math.floor(good.length / 2)));
    const damaged = await upload(manager, broken, 'half.xlsx');
    assert.equal(damaged.statusCode, 400);
    assert.match(
      text(damaged.body),
      /‘half\.xlsx’ looks like an Excel workbook but could not be read\. Open it in Excel, save it again/,
    );
    assert.doesNotMatch(damaged.body, /exceljs|stack|end of central|undefined/i);

    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1').addRow(['Anything']);
    const foreign = await upload(manager, await bytesOf(blank), 'mine.xlsx');
    assert.equal(foreign.statusCode, 400);
    assert.match(text(foreign.body), /‘mine\.xlsx’ is not an update workbook from this service/);

    const nothing = await upload(manager, await bytesOf((await download(manager)).workbook));
    assert.equal(nothing.statusCode, 400);
    assert.match(text(nothing.body), /The workbook has no updates filled in/);

    const page = await manager.get(roundPath());
    const none = await manager.upload(`${roundPath()}/workbook/upload`, {
      _csrf: manager.csrf(page.body),
    });
    assert.equal(none.statusCode, 400);
    assert.match(text(none.body), /Select the filled-in workbook \(\.xlsx\) to upload/);
  });
});
