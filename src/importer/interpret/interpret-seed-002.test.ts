import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueText } from '../../plans/content/form-fields.js';
import { planDocumentSchema } from '../../plans/document/plan-document.schema.js';
import { groupWarnings } from '../import-warning-groups.js';
import { interpretPlan } from './interpret-plan.js';
import { seed } from './seed-blocks.test-helper.js';

const draft = interpretPlan(seed('seed-002.txt'));
const doc = draft.document;
const workstreams = doc.themes.filter((t) => t.kind === 'workstream');

describe('interpretPlan on seed 002 (West Berkshire)', () => {
  it('produces a valid plan document for West Berkshire Council', () => {
    const parsed = planDocumentSchema.safeParse(doc);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
    assert.equal(doc.organisation.slug, 'west-berkshire-council');
  });

  it('reads the five workstreams with sponsors, leads and commitments', () => {
    assert.deepEqual(
      workstreams.map((w) => w.ref),
      ['A', 'B', 'C', 'D', 'E'],
    );
    assert.equal(workstreams[1]?.title, 'Improving the Quality of our Practice');
    assert.equal(workstreams[1]?.sponsor, 'Corporate Director - Communities');
    assert.equal(workstreams[1]?.lead, 'Head of Children and Families Services');
    for (const w of workstreams)
      assert.ok(w.commitments.length > 0, `workstream ${w.ref} commitments`);
    assert.ok(
      (workstreams[1]?.successCriteria ?? []).includes('Single assessments within 45 days'),
    );
  });

  it('maps the 17 Ofsted recommendations to workstreams, 1-4 as priority', () => {
    assert.deepEqual(
      doc.recommendations.map((r) => r.ref),
      Array.from({ length: 17 }, (_, i) => String(i + 1)),
    );
    for (const r of doc.recommendations) {
      assert.equal(r.category, Number(r.ref) <= 4 ? 'priority' : 'improvement', `rec ${r.ref}`);
      assert.ok(
        workstreams.some((w) => w.id === r.themeId),
        `rec ${r.ref} has a workstream`,
      );
    }
    assert.match(
      doc.recommendations[0]?.text ?? '',
      /^Implement the following areas for improvement/,
    );
  });

  it('reads actions with By When, By Whom, status updates and costs in their workstream', () => {
    assert.ok(doc.actions.length >= 95);
    const first = doc.actions[0];
    assert.equal(first?.themeId, workstreams[0]?.id);
    assert.equal(dueText(first?.due), 'End May 2015');
    // Beside the words, what they were understood as: the month's window as ISO dates.
    assert.deepEqual(
      typeof first?.due === 'object' ? [first.due?.kind, first.due?.start, first.due?.end] : null,
      ['month', '2015-05-01', '2015-05-31'],
    );
    assert.deepEqual(first?.leads, [
      { name: 'Catherine Parry (Interim HoS, Children and Families)', kind: 'person' },
    ]);
    const update = doc.updates.find((u) => u.actionId === first?.id);
    assert.match(update?.text ?? '', /Review completed 19 May 2015/);
    assert.equal(update?.date, '2015-07-01');
    assert.ok(doc.costs.some((c) => c.actionId !== null && c.amountPence === 2_000_000));
  });

  it('keeps status words found in the RAG column as the status update, and a cost moved left as the cost', () => {
    const actionAt = (start: string) => doc.actions.find((a) => a.text.startsWith(start));
    const updateOf = (start: string) =>
      doc.updates.find((u) => u.actionId === actionAt(start)?.id)?.text ?? '';
    assert.equal(updateOf('Permanency Policy drafted'), 'Not yet started.');
    assert.match(updateOf("Council's Executive to review"), /^Subject to ongoing consultation/);
    const executive = actionAt("Council's Executive to review");
    assert.ok(
      doc.costs.some((c) => c.actionId === executive?.id && /In total the cost/.test(c.item)),
    );
    // None of it is called a RAG status that the scheme does not have.
    assert.ok(
      !draft.warnings.some((w) => /is not a status of the plan's RAG scheme/.test(w.message)),
    );
  });

  it('gives the one action with a RAG value its status: a lone "A" that slipped into the update column', () => {
    // Every other RAG cell of the text is empty or holds words with no RAG word in them, and
    // no status update opens or ends with one (the colours of the original were lost).
    const rated = doc.actions.filter((a) => a.status);
    // 97: the two page-break fragments ("Team)", "Conferences.") join the rows above them
    // instead of becoming actions of their own (they did, and 99 was expected, before).
    assert.equal(doc.actions.length, 97);
    assert.ok(!doc.actions.some((a) => /^(Team\)|Conferences\.)$/.test(a.text.trim())));
    assert.deepEqual(
      rated.map((a) => [a.status, a.text.slice(0, 40)]),
      [['AMBER', 'SMART Care Plans for looked after childr']],
    );
    assert.ok(doc.updates.every((u) => u.proposedStatus === null));
    assert.ok(!doc.updates.some((u) => u.actionId === rated[0]?.id), 'the "A" is not an update');
  });

  it('links actions to the recommendation when their workstream serves exactly one', () => {
    const recOf = (ref: string) => doc.recommendations.find((r) => r.ref === ref);
    const underC = doc.actions.filter((a) => a.recommendationId === recOf('4')?.id);
    const underD = doc.actions.filter((a) => a.recommendationId === recOf('3')?.id);
    assert.ok(
      underC.some((a) => /^Work with TMP to deliver the recruitment campaign/.test(a.text)),
    );
    assert.ok(underD.some((a) => /"Signs of Safety" framework/.test(a.text)));
    assert.ok(underC.length >= 5 && underD.length >= 5);
    // Workstreams A, B and E serve several recommendations and the source does not say which
    // action serves which: those actions stay under their workstream, with no invented link.
    const several = workstreams.filter((w) => !['C', 'D'].includes(w.ref ?? ''));
    const unlinked = doc.actions.filter((a) => several.some((w) => w.id === a.themeId));
    assert.ok(unlinked.length > 50);
    assert.ok(unlinked.every((a) => a.recommendationId === null));
    assert.equal(
      doc.actions.filter((a) => a.recommendationId === null && a.themeId === null).length,
      0,
    );
  });

  it('realigns columns cut or shifted by the extraction, warning at the header', () => {
    // "Ву" / "When?" and "Ву" / "Whom?" are headers cut over two rows.
    const policy = doc.actions.find(
      (a) => a.text === 'Permanency Policy drafted and issued for annual review.',
    );
    assert.equal(policy?.leads[0]?.name, 'Sandie Dopson (SM, FPT)');
    assert.match(JSON.stringify(policy?.due), /2015/);
    // A header that lost "Status Update": the last column holds the costs.
    const tmp = doc.actions.find((a) => /^Work with TMP/.test(a.text));
    assert.deepEqual(
      doc.costs.filter((c) => c.actionId === tmp?.id).map((c) => c.amountPence),
      [3_000_000],
    );
    assert.ok(
      draft.warnings.some((w) =>
        /realigned by their content: column 6 holds the costs/.test(w.message),
      ),
    );
    // Headings of single commitments are not read as actions, and what cannot be placed is warned.
    assert.ok(doc.actions.every((a) => !/^Improvement Commitment/.test(a.text)));
    assert.ok(draft.warnings.filter((w) => w.code === 'unplaced-row').length <= 1);
  });

  it('keeps words in the cost column that give no amount, beside their action, instead of dropping them', () => {
    const kept = draft.warnings.filter((w) =>
      /cost column has words but no amount/.test(w.message),
    );
    assert.ok(kept.some((w) => /Costs embedded in service's pressures to date/.test(w.text ?? '')));
    for (const w of kept) assert.equal(w.concerns?.kind, 'action');
  });

  it('reads the cost summary by financial year and checks its totals', () => {
    const summary = doc.costs.filter((c) => c.actionId === null);
    const agency = summary.filter((c) => c.item === 'Agency Staff');
    assert.deepEqual(
      agency.map((c) => [c.financialYear, c.amountPence, c.staffing]),
      [
        ['2015/16', 47_836_100, 'agency'],
        ['2016/17', 49_836_100, 'agency'],
      ],
    );
    assert.equal(summary.find((c) => c.item === 'Audit')?.recurrence, 'one-off');
    assert.equal(summary.find((c) => c.item === 'CSE Coordinator')?.recurrence, 'recurrent');
    // Every item of the summary is read (a label cut over three rows included), so the
    // stated totals disagree with the document's own items, and a warning says so.
    assert.equal(summary.length, 12);
    const sum = (year: string) =>
      summary.filter((c) => c.financialYear === year).reduce((t, c) => t + c.amountPence, 0);
    assert.deepEqual([sum('2015/16'), sum('2016/17')], [64_756_100, 59_996_100]);
    const totals = draft.warnings.filter((w) => /stated 20\d\d\/\d\d total/.test(w.message));
    assert.match(totals[0]?.message ?? '', /£667,961/);
    assert.match(totals[1]?.message ?? '', /£600,361/);
  });

  it('reads leads as people, roles, teams and boards: never words from the cost column, several roles as several leads', () => {
    const names = doc.actions.flatMap((a) => a.leads.map((l) => l.name));
    for (const name of names) {
      assert.ok(!/span 2016|^Note\b|supernumerary|Further escalation/i.test(name), name);
      assert.match(name, /\p{L}/u, `"${name}" has letters`);
    }
    const executive = doc.actions.find((a) => a.text.startsWith("Council's Executive to review"));
    assert.deepEqual(executive?.leads, [{ name: 'Mac Heath (HoS)', kind: 'person' }]);
    // "Social workers, ATMs and Team Managers" names three roles, not one.
    assert.ok(!names.some((n) => /^Social workers, ATMs/.test(n)));
    assert.ok(
      doc.actions.some(
        (a) => a.leads.map((l) => l.name).join('|') === 'Social workers|ATMs|Team Managers',
      ),
    );
    // "All Service and Team Managers" is one group of managers, not "All Service".
    assert.ok(!names.includes('All Service'));
  });

  it('reads "£1.3 m" as £1,300,000', () => {
    const executive = doc.actions.find((a) => a.text.startsWith("Council's Executive to review"));
    assert.deepEqual(
      doc.costs.filter((c) => c.actionId === executive?.id).map((c) => c.amountPence),
      [130_000_000],
    );
  });

  it('drops warnings that are not problems: "No additional cost" is an answer, agreeing totals and kept commitments are not mentioned', () => {
    assert.ok(!draft.warnings.some((w) => /^No additional cost/i.test(w.text ?? '')));
    // The answer with more words keeps them, as a cost of £0.
    assert.ok(
      doc.costs.some(
        (c) =>
          c.amountPence === 0 && /^No additional cost with support from Corporate HR/.test(c.item),
      ),
    );
    assert.ok(
      !draft.warnings.some((w) => /improvement commitment above its actions/.test(w.message)),
    );
    assert.ok(!draft.warnings.some((w) => /matches the items/.test(w.message)));
    // What is left is grouped by kind, each group saying what was assumed.
    const groups = groupWarnings(draft.warnings);
    assert.equal(
      groups.reduce((n, g) => n + g.count, 0),
      draft.warnings.length,
    );
    assert.ok(draft.warnings.length < 50, `${draft.warnings.length} warnings`);
    const noLead = groups.find((g) => g.kind === 'no-lead');
    assert.match(noLead?.title ?? '', /^\d+ actions with no lead$/);
    assert.equal(noLead?.assumed, 'Left without a lead: add one to each.');
    assert.deepEqual(groups.map((g) => g.kind).slice(0, 2), ['no-lead', 'lead-not-a-person']);
  });
});
