import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueText } from '../../plans/content/form-fields.js';
import { planDocumentSchema } from '../../plans/document/plan-document.schema.js';
import { interpretPlan } from './interpret-plan.js';
import { seed } from './seed-blocks.test-helper.js';

const draft = interpretPlan(seed('seed-001.txt'));
const doc = draft.document;

describe('interpretPlan on seed 001 (Bristol)', () => {
  it('produces a valid plan document', () => {
    const parsed = planDocumentSchema.safeParse(doc);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
  });

  it('names the council, title, version and inspection', () => {
    assert.deepEqual(doc.organisation, {
      slug: 'bristol-city-council',
      name: 'Bristol City Council',
    });
    assert.match(doc.plan.title, /Improvement Plan 2015 - 2016/);
    assert.equal(doc.plan.versionLabel, 'Final Draft (V7)');
    assert.equal(doc.inspection?.startedOn, '2014-09-30');
    assert.equal(doc.inspection?.endedOn, '2014-10-22');
    assert.deepEqual(doc.inspection?.judgements[0], {
      area: 'Overall effectiveness',
      grade: 'requires-improvement',
    });
  });

  it('finds two sections and four themes', () => {
    assert.deepEqual(
      doc.sections.map((s) => [s.title, s.category]),
      [
        ['Priority and immediate action', 'priority'],
        ['Further areas for improvement', 'improvement'],
      ],
    );
    assert.equal(doc.themes.length, 4);
    assert.equal(doc.themes[0]?.title, 'Outcomes for care leavers');
  });

  it('reads 19 recommendations with their leads, dates, sections and themes', () => {
    assert.deepEqual(
      doc.recommendations.map((r) => r.ref),
      Array.from({ length: 19 }, (_, i) => String(i + 1)),
    );
    const r1 = doc.recommendations[0];
    assert.deepEqual(r1?.leads, [{ name: 'Ann James', kind: 'person' }]);
    assert.equal(dueText(r1?.due), 'Jul 2016');
    assert.equal(r1?.category, 'priority');
    assert.equal(doc.recommendations[9]?.category, 'improvement');
    // Rejoined across a page break.
    assert.match(
      doc.recommendations[7]?.text ?? '',
      /'return interview' carried out by an appropriately independent person$/,
    );
    const themeOf = (ref: string) =>
      doc.themes.find((t) => t.id === doc.recommendations.find((r) => r.ref === ref)?.themeId)
        ?.title;
    assert.equal(themeOf('3'), 'Educational outcomes for looked after children');
    assert.equal(themeOf('13'), 'Leadership, management and governance');
  });

  it('reads 55 numbered actions under their recommendations, with outcomes', () => {
    assert.equal(doc.actions.length, 55);
    assert.equal(doc.actions[0]?.ref, '1.1');
    assert.equal(doc.actions.at(-1)?.ref, '19.2');
    for (const a of doc.actions) {
      const rec = doc.recommendations.find((r) => r.id === a.recommendationId);
      assert.equal(rec?.ref, a.ref?.split('.')[0], `action ${a.ref}`);
      assert.ok(a.outcomes, `action ${a.ref} has an outcome`);
      assert.ok(a.leads.length > 0, `action ${a.ref} has a lead`);
    }
    const a23 = doc.actions.find((a) => a.ref === '2.3');
    assert.match(a23?.text ?? '', /complete care leaver list/);
  });

  it("keeps each action's measure rows as staged targets with leads and dates", () => {
    const a11 = doc.actions.find((a) => a.ref === '1.1');
    const ms = doc.measures.filter((m) => a11 && m.actionIds.includes(a11.id));
    assert.deepEqual(
      ms.map((m) => m.targets.map((t) => [t.text, t.lead, dueText(t.due)])),
      [
        [['Establish quantitative baseline', 'Mark Wakefield', 'Jan 2015']],
        [['90% of care leavers have a pathway plan', 'Ann James', 'Jul 2015']],
      ],
    );
    const a13 = doc.actions.find((a) => a.ref === '1.3');
    const staged = doc.measures.find((m) => a13 && m.actionIds.includes(a13.id));
    assert.deepEqual(
      staged?.targets.map((t) => [t.value, dueText(t.due)]),
      [
        [60, 'Jul 2015'],
        [80, 'Jul 2016'],
      ],
    );
    const a44 = doc.actions.find((a) => a.ref === '4.4');
    const split = doc.measures.filter((m) => a44 && m.actionIds.includes(a44.id));
    assert.equal(split.flatMap((m) => m.targets).length, 3);
    const a24 = doc.actions.find((a) => a.ref === '2.4');
    assert.equal(doc.measures.find((m) => a24 && m.actionIds.includes(a24.id))?.direction, 'lower');
    // Every measure row of every action has its lead.
    for (const m of doc.measures.filter((x) => x.actionIds.length))
      for (const t of m.targets) assert.ok(t.lead, `${m.name} has a lead`);
  });

  it('splits lead cells into people', () => {
    const a19 = doc.actions.find((a) => a.ref === '1.9');
    assert.deepEqual(a19?.leads.map((l) => l.name).slice(0, 2), ['Ann James', 'Jane Taylor']);
    const a131 = doc.actions.find((a) => a.ref === '13.1');
    assert.deepEqual(a131?.leads, [{ name: 'CSE Sub-Group of BSCB', kind: 'board' }]);
  });

  it('takes the five-colour RAG scheme from its RAG table', () => {
    assert.deepEqual(
      doc.ragScheme.statuses.map((s) => [s.code, s.colour, s.category]),
      [
        ['RED', 'red', 'off-track'],
        ['AMBER', 'orange', 'on-track'],
        ['GREEN', 'green', 'complete'],
        ['GREY', 'grey', 'not-started'],
        ['BLUE', 'blue', 'complete'],
      ],
    );
    assert.equal(doc.ragScheme.statuses[3]?.meaning, 'Not yet started');
  });

  it('gives no action a status: the plan was approved before monitoring, its Status column empty', () => {
    assert.equal(doc.actions.length, 55);
    assert.equal(doc.actions.filter((a) => a.status).length, 0);
    assert.equal(doc.updates.length, 0);
  });

  it('lists the eleven headline KPIs with targets', () => {
    const kpis = doc.measures.filter((m) => m.actionIds.length === 0);
    assert.equal(kpis.length, 11);
    assert.equal(kpis[1]?.name, '90% of care leavers with a Pathway Plan');
    assert.equal(kpis[1]?.targets[0]?.value, 90);
    assert.equal(kpis[8]?.direction, 'lower');
  });

  it('reads the three risks with before and after ratings', () => {
    assert.equal(doc.risks.length, 3);
    assert.deepEqual(
      [
        doc.risks[1]?.impactBefore,
        doc.risks[1]?.probabilityBefore,
        doc.risks[1]?.impactAfter,
        doc.risks[1]?.owner,
      ],
      ['high', 'high', 'low', 'John Readman'],
    );
  });

  it('names the boards that govern the plan', () => {
    assert.deepEqual(
      doc.boards.find((b) => b.name === 'Improvement Board'),
      { name: 'Improvement Board', cadence: 'monthly', chair: 'Strategic Director of People' },
    );
    assert.deepEqual(doc.inspection?.judgements.slice(1), [
      { area: 'Bristol Safeguarding Children Board', grade: 'requires-improvement' },
      { area: 'Adoption services', grade: 'good' },
    ]);
    // "published by Ofsted in December 2014" names no day: no published date is invented.
    assert.equal(doc.inspection?.publishedOn, null);
  });

  it('does not turn narrative paragraphs into actions', () => {
    assert.ok(!doc.actions.some((a) => /Council is accountable/.test(a.text)));
  });

  it('gives "90% of pathway plans are reviewed on a six monthly basis or less" the direction higher-is-better', () => {
    const pathway = doc.measures.filter((m) =>
      /^90% of pathway plans are reviewed on a six monthly basis or less/.test(m.name),
    );
    assert.ok(pathway.length >= 1);
    for (const m of pathway) assert.equal(m.direction, 'higher');
  });
});
