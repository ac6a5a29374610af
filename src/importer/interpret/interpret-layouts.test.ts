import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { readCsv } from '../readers/csv.reader.js';
import { readHtml } from '../readers/html.reader.js';
import { readText } from '../readers/text.reader.js';
import { readXlsx } from '../readers/xlsx.reader.js';
import type { ExtractedDocument } from '../import.types.js';
import { headerMap } from './headers.js';
import { interpretPlan } from './interpret-plan.js';

// Layouts the held-out corpus plans (16 to 20) brought, each read by a general rule: these
// tests use other words and shapes than those plans, so a rule tuned to them would fail here.

function read(doc: ExtractedDocument) {
  const { document } = interpretPlan(doc, { today: '2025-06-01' });
  const actions = document.actions.map((a) => ({
    ref: a.ref,
    text: a.text,
    status: a.status,
    rec: document.recommendations.find((r) => r.id === a.recommendationId)?.ref ?? null,
  }));
  return { document, actions };
}

describe('interpreting layouts beyond one plain table', () => {
  it('reads a "Progress RAG" or "RAG rating" heading as the status, not the update', () => {
    const map = headerMap(['Ref', 'Action', 'Progress RAG', 'Progress so far']);
    assert.equal(map?.get(2), 'rag');
    assert.equal(map?.get(3), 'update');
    assert.equal(headerMap(['Action', 'Lead', 'RAG rating'])?.get(2), 'rag');
  });

  it('ignores a list export\'s own row number ("ID", "#") beside the plan\'s references', () => {
    const csv =
      '#,Reference,Recommendation,Action,Lead\n' +
      '41,3.1,Improve audits.,Run monthly audits.,Audit Lead\n' +
      '42,3.2,Improve audits.,Share audit themes.,Audit Lead\n';
    const { document, actions } = read(readCsv(csv));
    assert.deepEqual(
      actions.map((a) => a.ref),
      ['3.1', '3.2'],
    );
    assert.equal(document.recommendations.length, 1);
    assert.equal(document.recommendations[0]?.ref, null);
  });

  it('keeps an "Action no." column as the actions\' references beside the recommendations\' "Ref"', () => {
    const html =
      '<table><tr><th>Ref</th><th>Recommendation</th><th>Action no.</th><th>Action</th><th>Owner</th></tr>' +
      '<tr><td rowspan="2">4</td><td rowspan="2">Improve transitions.</td><td>4(i)</td><td>Agree a protocol.</td><td>Head of SEND</td></tr>' +
      '<tr><td>4(ii)</td><td>Train staff.</td><td>Head of SEND</td></tr></table>';
    const { actions } = read(readHtml(html));
    assert.deepEqual(
      actions.map((a) => [a.ref, a.rec, a.text]),
      [
        ['4(i)', '4', 'Agree a protocol.'],
        ['4(ii)', '4', 'Train staff.'],
      ],
    );
  });

  it('reads a numbered paragraph straight above a table as the recommendation it answers', () => {
    const html =
      '<p>Our plan</p><p>5) Children in care see their social worker often enough to build trust.</p>' +
      '<table><tr><th>Ref</th><th>Action</th><th>Lead</th></tr><tr><td>5.1</td><td>Set visit standards.</td><td>Head of Service</td></tr></table>' +
      '<p>1. This note is not above a table.</p>';
    const { document, actions } = read(readHtml(html));
    assert.deepEqual(
      document.recommendations.map((r) => [r.ref, r.text]),
      [['5', 'Children in care see their social worker often enough to build trust.']],
    );
    assert.equal(actions[0]?.rec, '5');
  });

  it('reads a status written only as a class naming it in words or by its letter', () => {
    const html =
      '<table><tr><th>Ref</th><th>Action</th><th>Lead</th><th>Status</th></tr>' +
      '<tr><td>1.1</td><td>One.</td><td>Lead A</td><td class="tracker__state--off-track"></td></tr>' +
      '<tr><td>1.2</td><td>Two.</td><td>Lead A</td><td class="rag-a"></td></tr>' +
      '<tr><td>1.3</td><td>Three.</td><td>Lead A</td><td class="cell is-on-track"></td></tr></table>';
    assert.deepEqual(
      read(readHtml(html)).actions.map((a) => a.status),
      ['RED', 'AMBER', 'GREEN'],
    );
  });

  it("never reads a table of another shape after the plan (contact details) as the last action's words", () => {
    const html =
      '<table><tr><th>Ref</th><th>Action</th><th>Lead</th></tr><tr><td>1.1</td><td>Last action.</td><td>Lead B</td></tr></table>' +
      '<table><tr><td>Email</td><td>plan@example.org</td></tr></table>';
    const { document } = read(readHtml(html));
    assert.deepEqual(
      document.actions.map((a) => a.text),
      ['Last action.'],
    );
    assert.deepEqual(
      document.actions[0]?.leads.map((l) => l.name),
      ['Lead B'],
    );
  });

  it("drops a page's running header caught among the rows of text from a PDF, and joins the row it cut", () => {
    const text = [
      'Ref\tAction\tLead\tDue',
      '2.1\tWrite the new\tHead of\tMay 2026',
      '\fImprovement plan\t4 / 9',
      'Ref\tAction\tLead\tDue',
      '\tguidance for schools.\tInclusion\t',
      '2.2\tCheck it is used.\tInclusion Lead\tJuly 2026',
    ].join('\n');
    const { document } = read(readText(text));
    assert.deepEqual(
      document.actions.map((a) => [a.ref, a.text, a.leads.map((l) => l.name).join('; ')]),
      [
        ['2.1', 'Write the new guidance for schools.', 'Head of Inclusion'],
        ['2.2', 'Check it is used.', 'Inclusion Lead'],
      ],
    );
  });

  it("leaves out an Excel sheet's hidden columns, which a person reading it never sees", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Plan');
    sheet.addRow(['Ref', 'Lookup', 'Action', 'Lead']);
    sheet.addRow(['1.1', 'x-17', 'Publish the policy.', 'Principal Social Worker']);
    sheet.getColumn(2).hidden = true;
    const doc = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    const rows = doc.blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => r.cells) : []));
    assert.deepEqual(rows, [
      ['Ref', 'Action', 'Lead'],
      ['1.1', 'Publish the policy.', 'Principal Social Worker'],
    ]);
  });

  it("reads a sheet's title rows and colour key above its header as the title and the RAG scheme, not as rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Tracker');
    sheet.addRow(['Brookfield City Council']);
    sheet.addRow(['RAG key']);
    sheet.addRow(['Red', 'Will not be delivered on time']);
    sheet.addRow(['Amber', 'Risk to delivery']);
    sheet.addRow(['Green', 'Delivered or on track']);
    sheet.addRow(['Ref', 'Action', 'Lead', 'RAG']);
    sheet.addRow(['1.1', 'Publish the policy.', 'Principal Social Worker', 'Amber']);
    const { document, warnings } = interpretPlan(
      await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer())),
      { today: '2025-06-01' },
    );
    assert.equal(document.organisation.name, 'Brookfield City Council');
    assert.deepEqual(
      document.ragScheme.statuses.map((st) => [st.code, st.meaning]),
      [
        ['RED', 'Will not be delivered on time'],
        ['AMBER', 'Risk to delivery'],
        ['GREEN', 'Delivered or on track'],
      ],
    );
    assert.deepEqual(
      warnings.filter((w) => w.code === 'unplaced-row').map((w) => w.text),
      [],
    );
    assert.equal(document.actions[0]?.status, 'AMBER');
  });
});
