import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { ImportInputError, MAX_IMPORT_BYTES } from './errors.js';
import { readSource } from './read-source.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

interface FakeEntry {
  name: string;
  data?: Uint8Array;
  /** Overrides the uncompressed size the directory declares. */
  declaredSize?: number;
}

/** Writes a zip by hand (deflated entries), so tests can declare sizes a real tool would not. */
function makeZip(entries: FakeEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const raw = entry.data ?? new Uint8Array();
    const packed = deflateRawSync(raw);
    const size = entry.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function refusal(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    await readSource(bytes, fileName);
  } catch (error) {
    assert.ok(error instanceof ImportInputError, `expected ImportInputError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`${fileName} was read`);
}

const cell = (text: string, options: { columnSpan?: number; rowSpan?: number } = {}) =>
  new TableCell({ children: [new Paragraph(text)], ...options });

describe('readSource: Word', () => {
  it('reads paragraphs and a table with merged cells from a real .docx', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'Improvement plan', bold: true })] }),
            new Table({
              rows: [
                new TableRow({ children: [cell('Ref'), cell('Action'), cell('Lead')] }),
                new TableRow({ children: [cell('Outcomes for care leavers', { columnSpan: 3 })] }),
                new TableRow({
                  children: [
                    cell('1.1'),
                    cell('Complete plans'),
                    cell('Ann James', { rowSpan: 2 }),
                  ],
                }),
                new TableRow({ children: [cell('1.2'), cell('Review plans')] }),
              ],
            }),
            new Paragraph('Approved by Cabinet'),
          ],
        },
      ],
    });
    const result = await readSource(await Packer.toBuffer(doc), 'plan.docx');
    assert.equal(result.format, 'docx');
    assert.deepEqual(
      result.blocks.map((b) => (b.type === 'text' ? b.text : b.rows.map((r) => r.cells))),
      [
        'Improvement plan',
        [
          ['Ref', 'Action', 'Lead'],
          ['Outcomes for care leavers', '', ''],
          ['1.1', 'Complete plans', 'Ann James'],
          ['1.2', 'Review plans', ''],
        ],
        'Approved by Cabinet',
      ],
    );
  });

  it('reads a .docx that is really plain text as text', async () => {
    const result = await readSource(utf8('Ref\tAction\n1.1\tReview plans\n'), 'plan.docx');
    assert.equal(result.format, 'text');
    assert.deepEqual(result.blocks[0]?.type === 'table' && result.blocks[0].rows[1]?.cells, [
      '1.1',
      'Review plans',
    ]);
  });

  it('refuses a damaged .docx with a specific message', async () => {
    const bytes = makeZip([{ name: 'word/document.xml', data: utf8('<not really xml') }]);
    assert.match(
      await refusal(bytes, 'plan.docx'),
      /"plan\.docx" looks like a Word file but could not be read/,
    );
  });
});

describe('readSource: Excel', () => {
  it('reads every sheet, merged cells, dates, rich text, formulas and percentages', async () => {
    const workbook = new ExcelJS.Workbook();
    const plan = workbook.addWorksheet('Plan');
    plan.addRow(['Ref', 'Action', 'Due']);
    plan.addRow(['Outcomes for care leavers']);
    plan.mergeCells('A2:C2');
    plan.addRow([
      '1.1',
      {
        richText: [
          { text: 'Complete ' },
          { text: 'pathway', font: { bold: true } },
          { text: ' plans' },
        ],
      },
      new Date(Date.UTC(2016, 6, 31)),
    ]);
    plan.addRow([
      '1.2',
      { text: 'Review plans', hyperlink: 'https://example.org/plans' },
      new Date(Date.UTC(2016, 6, 1)),
    ]);
    plan.getCell('C4').numFmt = 'mmm-yy';
    const kpis = workbook.addWorksheet('KPIs');
    kpis.addRow(['Measure', 'Actual', 'Total']);
    kpis.addRow(['Assessments in 45 days', 0.61, { formula: 'B2*100', result: 61 }]);
    kpis.getCell('B2').numFmt = '0%';
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const result = await readSource(bytes, 'export.bin');
    assert.equal(result.format, 'xlsx');
    const [first, second] = result.blocks;
    assert.equal(first?.type === 'table' && first.where.sheet, 'Plan');
    assert.deepEqual(
      first?.type === 'table' && first.rows.map((r) => [r.where.sheet, r.where.line, r.cells]),
      [
        ['Plan', 1, ['Ref', 'Action', 'Due']],
        ['Plan', 2, ['Outcomes for care leavers', '', '']],
        ['Plan', 3, ['1.1', 'Complete pathway plans', '31 July 2016']],
        ['Plan', 4, ['1.2', 'Review plans', 'July 2016']],
      ],
    );
    assert.deepEqual(second?.type === 'table' && second.rows[1]?.cells, [
      'Assessments in 45 days',
      '61%',
      '61',
    ]);
  });
});

describe('readSource: damaged Word and Excel files', () => {
  /** The words of a library's own message, which must never reach a person. */
  const libraryWords =
    /xmldom|Corrupted zip|signature|Cannot read|undefined|null|\\x[0-9a-f]{2}|end of central/i;

  async function office(kind: 'docx' | 'xlsx'): Promise<Uint8Array> {
    if (kind === 'docx') {
      const doc = new Document({ sections: [{ children: [new Paragraph('Action plan')] }] });
      return new Uint8Array(await Packer.toBuffer(doc));
    }
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Plan').addRow(['Ref', 'Action']);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  for (const kind of ['docx', 'xlsx'] as const) {
    const name = kind === 'docx' ? 'Word' : 'Excel';
    const a = kind === 'docx' ? 'a' : 'an';
    it(`${a} ${name} file cut off part-way is called incomplete, in plain words`, async () => {
      const whole = await office(kind);
      const message = await refusal(whole.slice(0, Math.floor(whole.length / 2)), `plan.${kind}`);
      assert.match(message, new RegExp(`"plan\\.${kind}" looks like an? ${name} file`));
      assert.match(message, /it is incomplete: it may have been cut off/);
      assert.match(message, new RegExp(`open it in ${name}, save it again`));
      assert.doesNotMatch(message, libraryWords);
    });

    it(`${a} ${name} file with damaged bytes inside says so, not what the library said`, async () => {
      const bytes = (await office(kind)).slice();
      bytes.fill(0x41, 200, 400);
      const message = await refusal(bytes, `plan.${kind}`);
      assert.match(message, /parts of the file are damaged or missing/);
      assert.doesNotMatch(message, libraryWords);
    });
  }

  it('a Word file whose text is not well-formed XML says so, not the parser’s message', async () => {
    const bytes = makeZip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'word/document.xml', data: utf8('<w:document>&nbsp;<w:body></w:document>') },
    ]);
    const message = await refusal(bytes, 'plan.docx');
    assert.match(message, /"plan\.docx" looks like a Word file but could not be read/);
    assert.doesNotMatch(message, libraryWords);
  });

  it('an Excel file whose sheet is missing says so, not the library’s message', async () => {
    const bytes = makeZip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'xl/workbook.xml', data: utf8('<workbook><sheets><sheet name="P" r:id="rId1"/>') },
    ]);
    const message = await refusal(bytes, 'plan.xlsx');
    assert.match(message, /"plan\.xlsx" looks like an Excel file but could not be read/);
    assert.doesNotMatch(message, libraryWords);
  });
});

describe('readSource: refusals', () => {
  it('refuses an empty file', async () => {
    assert.match(await refusal(new Uint8Array(), 'plan.txt'), /The file is empty/);
    assert.match(await refusal(utf8(' \n\t\n'), 'plan.txt'), /The file is empty/);
  });

  it('refuses a file one byte over the limit, naming the limit and the size', async () => {
    const message = await refusal(new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), 'big.txt');
    assert.match(message, /10\.0 MB \(10485760 bytes\)/);
    assert.match(message, /10485761 bytes/);
  });

  it('refuses binary data and non-UTF-8 text', async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    assert.match(
      await refusal(random, 'plan.txt'),
      /does not look like a Word, Excel, CSV, HTML or text file/,
    );
    assert.match(
      await refusal(Uint8Array.from([0x41, 0xa3, 0x35, 0x0a]), 'plan.csv'),
      /not UTF-8 text/,
    );
  });

  it('refuses a PDF, suggesting the original or a .txt copy', async () => {
    assert.match(
      await refusal(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'plan.docx'),
      /PDF files cannot be read reliably: please upload the Word or Excel original/,
    );
  });

  it('refuses a zip that is neither Word nor Excel', async () => {
    const bytes = makeZip([{ name: 'notes.txt', data: utf8('hello') }]);
    assert.match(await refusal(bytes, 'plan.docx'), /zip archive but not a Word or Excel document/);
  });

  it('refuses zip bombs before inflating them', async () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const dense = makeZip([{ name: 'word/document.xml', data: zeros }]);
    assert.match(await refusal(dense, 'plan.docx'), /compressed more than 100 to 1/);
    const huge = makeZip([
      { name: 'xl/workbook.xml', data: utf8('<x/>'), declaredSize: 200 * 1024 * 1024 },
    ]);
    assert.match(await refusal(huge, 'plan.xlsx'), /over the 100 MB limit/);
    const liar = makeZip([{ name: 'word/document.xml', data: zeros, declaredSize: 40_000 }]);
    assert.match(
      await refusal(liar, 'plan.docx'),
      /word\/document\.xml unpacks to more than it declares/,
    );
    const many = makeZip(Array.from({ length: 10_001 }, (_, i) => ({ name: `word/${i}.xml` })));
    assert.match(await refusal(many, 'plan.docx'), /more than 10000 entries/);
  });
});

describe('readSource: text formats', () => {
  it('reads UTF-16 text with a byte-order mark (Excel "Unicode Text")', async () => {
    const text = '\uFEFFRef\tAction\r\n1.1\tReview plans\r\n';
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    const result = await readSource(bytes, 'plan.txt');
    assert.equal(result.format, 'text');
    const [table] = result.blocks;
    assert.deepEqual(table?.type === 'table' && table.rows.map((r) => r.cells), [
      ['Ref', 'Action'],
      ['1.1', 'Review plans'],
    ]);
  });

  it('reads CSV only when named .csv and comma-separated, HTML by its content', async () => {
    assert.equal(
      (await readSource(utf8('Ref,Action\n1.1,"Plans, reviewed"\n'), 'plan.csv')).format,
      'csv',
    );
    assert.equal(
      (await readSource(utf8('Ref,Action\n1.1,"Plans, reviewed"\n'), 'plan.txt')).format,
      'text',
    );
    assert.equal(
      (await readSource(utf8('Just a note about the plan\n'), 'plan.csv')).format,
      'text',
    );
    const html = await readSource(
      utf8('\uFEFF  <TABLE><tr><td>RED</td><td>Late</td></tr></TABLE>'),
      'plan.doc',
    );
    assert.equal(html.format, 'html');
    assert.deepEqual(html.blocks[0]?.type === 'table' && html.blocks[0].rows[0]?.cells, [
      'RED',
      'Late',
    ]);
  });
});
