import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { parseFuzzyDate } from '../../lib/fuzzy-date/fuzzy-date.js';
import { BUILT_IN_SCHEMES } from '../../rag/built-in-schemes.js';
import { testContext } from '../../test-support/test-context.js';
import { planDocumentSchema, type PlanDocumentParsed } from './plan-document.schema.js';

let app: Awaited<ReturnType<typeof testContext>>;
before(async () => {
  app = await testContext();
});
after(() => app.close());

// Arbitrary valid plan documents in canonical form (due dates already normalised).
const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .filter((s) => s.trim().length > 0 && !s.includes('\u0000'));
const optText = fc.option(text, { nil: null });
const day = fc
  .date({ min: new Date('2010-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const optDay = fc.option(day, { nil: null });
const num = fc.option(
  fc
    .double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 })
    .map((x) => (Object.is(x, -0) ? 0 : x)),
  { nil: null },
);
const dueWords = [
  'By December 2017',
  'Jul 2016',
  'Ongoing',
  'Quarterly',
  'tba',
  '29 June 2015',
  'Autumn 2015',
  'Jan 2015 Apr 2015',
  'By',
  'With immediate effect',
];
const due = fc.option(
  fc
    .constantFrom(...dueWords)
    .map((w) => parseFuzzyDate(w, { start: '2015-01-01', end: '2017-12-31' })),
  { nil: null },
);
const lead = fc.record({
  name: text,
  kind: fc.constantFrom('person' as const, 'role' as const, 'team' as const, 'board' as const),
});
const ids = (prefix: string, max: number) =>
  fc.integer({ min: 0, max }).map((n) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`));
const pick = (pool: string[]) =>
  pool.length ? fc.option(fc.constantFrom(...pool), { nil: null }) : fc.constant(null);
const some = (pool: string[]) =>
  pool.length
    ? fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 3 })
    : fc.constant<string[]>([]);

const documentArbitrary: fc.Arbitrary<PlanDocumentParsed> = fc
  .record({
    s: ids('s', 2),
    t: ids('t', 2),
    r: ids('r', 3),
    a: ids('a', 4),
    scheme: fc.constantFrom(...BUILT_IN_SCHEMES),
  })
  .chain(({ s, t, r, a, scheme }) => {
    const status = fc.option(fc.constantFrom(...scheme.statuses.map((x) => x.code)), { nil: null });
    return fc.record({
      format: fc.constant('g2g-plan' as const),
      formatVersion: fc.constant(1 as const),
      // A new council each run: an existing council (matched by slug) keeps its own name.
      organisation: fc.record({ slug: fc.constant('council'), name: text }),
      plan: fc.record({
        title: text,
        versionLabel: optText,
        status: fc.constantFrom('draft' as const, 'monitoring' as const, 'closed' as const),
        periodStart: fc.constant('2015-01-01'),
        periodEnd: fc.constant('2017-12-31'),
        statementKind: fc.constantFrom(
          'statement-of-action' as const,
          'priority-action-draft' as const,
        ),
        deadlineOverride: fc.constant(null),
        deadlineOverrideReason: fc.constant(null),
        confirmStatuses: fc.boolean(),
        openAsAt: fc.constant(null),
        impactTolerance: fc.constantFrom(null, 2.5, 10),
      }),
      inspection: fc.option(
        fc.record({
          framework: fc.constantFrom('SIF' as const, 'ILACS' as const, 'JTAI' as const),
          startedOn: fc.constant(null),
          endedOn: fc.constant(null),
          publishedOn: optDay,
          receivedOn: optDay,
          judgements: fc.array(
            fc.record({
              area: text,
              grade: fc.constantFrom('good' as const, 'inadequate' as const),
            }),
            { maxLength: 3 },
          ),
        }),
        { nil: null },
      ),
      ragScheme: fc.constant(scheme),
      boards: fc.uniqueArray(fc.record({ name: text, cadence: optText, chair: optText }), {
        maxLength: 3,
        selector: (b) => b.name,
      }),
      sections: fc.tuple(
        ...s.map((id) =>
          fc.record({
            id: fc.constant(id),
            ref: optText,
            title: text,
            category: fc.constantFrom('priority' as const, 'improvement' as const, null),
          }),
        ),
      ),
      themes: fc.tuple(
        ...t.map((id) =>
          fc.record({
            id: fc.constant(id),
            kind: fc.constantFrom('theme' as const, 'workstream' as const),
            ref: optText,
            title: text,
            sponsor: optText,
            lead: optText,
            commitments: fc.array(text, { maxLength: 2 }),
            successCriteria: fc.array(text, { maxLength: 2 }),
          }),
        ),
      ),
      recommendations: fc.tuple(
        ...r.map((id) =>
          fc.record({
            id: fc.constant(id),
            ref: optText,
            text,
            category: fc.constantFrom('priority' as const, null),
            judgementArea: optText,
            sectionId: pick(s),
            themeId: pick(t),
            leads: fc.array(lead, { maxLength: 2 }),
            due,
          }),
        ),
      ),
      actions: fc.tuple(
        ...a.map((id) =>
          fc.record({
            id: fc.constant(id),
            recommendationId: pick(r),
            themeId: pick(t),
            ref: optText,
            text,
            outcomes: optText,
            leads: fc.array(lead, { maxLength: 3 }),
            due,
            status,
            proposedStatus: status,
            evidence: optText,
          }),
        ),
      ),
      updates: a.length
        ? fc
            .array(
              fc.record({
                id: fc.constant(''),
                actionId: fc.constantFrom(...a),
                date: day,
                author: text,
                text,
                proposedStatus: status,
                evidence: fc.array(
                  fc.record({
                    kind: fc.constantFrom('link' as const, 'note' as const),
                    title: text,
                    url: fc.option(fc.webUrl(), { nil: null }),
                  }),
                  { maxLength: 2 },
                ),
              }),
              { maxLength: 3 },
            )
            .map((us) => us.map((u, i) => ({ ...u, id: `u${i + 1}` })))
        : fc.constant([]),
      measures: fc
        .array(
          fc.record({
            id: fc.constant(''),
            ref: optText,
            name: text,
            unit: optText,
            direction: fc.constantFrom('higher' as const, 'lower' as const),
            rangeLow: fc.constant(null),
            rangeHigh: fc.constant(null),
            lead: optText,
            baseline: fc.option(fc.record({ value: num, date: optDay, text: optText }), {
              nil: null,
            }),
            targets: fc.array(fc.record({ value: num, text, due, lead: optText }), {
              maxLength: 2,
            }),
            frequency: fc.constantFrom(null, 'monthly' as const, 'annually' as const),
            actionIds: some(a),
            recommendationIds: some(r),
          }),
          { minLength: 1, maxLength: 3 },
        )
        .map((ms) => ms.map((m, i) => ({ ...m, id: `m${i + 1}` }))),
      risks: fc
        .array(
          fc.record({
            id: fc.constant(''),
            ref: optText,
            threat: text,
            impactBefore: fc.constantFrom('high' as const, 'low' as const, null),
            probabilityBefore: fc.constantFrom('medium' as const, null),
            controls: optText,
            controlActionIds: some(a),
            impactAfter: fc.constantFrom('low' as const, null),
            probabilityAfter: fc.constantFrom('low' as const, null),
            owner: optText,
          }),
          { maxLength: 2 },
        )
        .map((ks) => ks.map((k, i) => ({ ...k, id: `k${i + 1}` }))),
      // Values of the first measure, one per series and period (or with no period stated).
      measureValues: fc
        .uniqueArray(
          fc.record({
            id: fc.constant(''),
            measureId: fc.constant('m1'),
            series: fc.constantFrom('actual', 'England', 'Statistical neighbours'),
            period: optDay,
            periodLabel: optText,
            value: num,
            missing: fc.constant(null),
            provisional: fc.boolean(),
            note: optText,
            source: optText,
            enteredBy: optText,
            enteredAt: fc.constantFrom(null, '2026-02-03T10:15:00.000Z'),
          }),
          {
            maxLength: 4,
            selector: (v) => (v.period === null ? v : `${v.series} ${v.period}`),
          },
        )
        .map((vs) => vs.map((v, i) => ({ ...v, id: `v${i + 1}` }))),
      costs: fc
        .array(
          fc.record({
            id: fc.constant(''),
            actionId: pick(a),
            themeId: pick(t),
            item: text,
            amountPence: fc.integer({ min: 0, max: 1e12 }),
            recurrence: fc.constantFrom('one-off' as const, 'recurrent' as const),
            financialYear: fc.constantFrom('2015/16', '2016/17', null),
            staffing: fc.constantFrom('agency' as const, 'permanent' as const, null),
            notes: optText,
          }),
          { maxLength: 2 },
        )
        .map((cs) => cs.map((c, i) => ({ ...c, id: `c${i + 1}` }))),
    });
  });

let councils = 0;
test('any valid plan document survives import then export unchanged', async () => {
  await fc.assert(
    fc.asyncProperty(documentArbitrary, async (generated) => {
      const doc = {
        ...generated,
        organisation: { ...generated.organisation, slug: `council-${++councils}` },
      };
      assert.ok(planDocumentSchema.safeParse(doc).success, 'the generator makes valid documents');
      const id = await app.transaction((trx) =>
        app.services.documents.import(trx, app.changeBy('property test'), doc),
      );
      const exported = await app.transaction((trx) => app.services.documents.export(trx, id));
      // Compared as the JSON a file would hold (fast-check may build null-prototype objects).
      assert.deepEqual(exported, JSON.parse(JSON.stringify(doc)));
    }),
    { numRuns: 60 },
  );
});

test('text PostgreSQL cannot store is refused with a clear message', async () => {
  const doc = fc.sample(documentArbitrary, { numRuns: 1, seed: 1 })[0];
  assert.ok(doc);
  const bad = { ...doc, plan: { ...doc.plan, title: 'Plan\u0000' } };
  await assert.rejects(
    app.transaction((trx) => app.services.documents.import(trx, app.changeBy('x'), bad)),
    /plan\.title: must not contain NUL characters/,
  );
});
