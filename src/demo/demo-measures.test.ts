import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';
import { DEMO_USER, loadDemoData } from './demo-data.js';

// The demo's measures: Bristol's eleven headline KPIs (read by the importer) with the
// staged targets of its plan's table, and West Berkshire's timescales (which the importer
// does not read) with the figures its plan reports, shown on the measures page at the day
// each demo plan opens at.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let plans: Array<{ id: string; title: string }>;

before(async () => {
  app = await testContext();
  assert.equal(await loadDemoData(app), 4);
  plans = await app.transaction((trx) => app.services.plans.list(trx));
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const docOf = (id: string) => app.transaction((trx) => app.services.documents.export(trx, id));
const planLike = (pattern: RegExp) => {
  const found = plans.find((p) => pattern.test(p.title));
  assert.ok(found, `a demo plan like ${pattern}`);
  return found.id;
};

describe('the demo’s measures', () => {
  test('Bristol’s eleven headline KPIs with their targets, and no invented values', async () => {
    const doc = await docOf(planLike(/Bristol/i));
    const kpis = doc.measures.filter((m) => m.id.startsWith('kpi-'));
    assert.equal(kpis.length, 11);
    const planning = kpis.find((m) => /case planning/.test(m.name));
    assert.deepEqual(
      planning?.targets.map((t) => [t.value, typeof t.due === 'object' ? t.due?.end : t.due]),
      [
        [60, '2015-07-31'],
        [80, '2016-07-31'],
      ],
    );
    assert.equal(kpis.find((m) => /persistent absence/i.test(m.name))?.direction, 'lower');
    assert.equal(kpis.find((m) => /return interview/i.test(m.name))?.direction, 'higher');
    assert.equal(doc.measureValues.filter((v) => v.measureId.startsWith('kpi-')).length, 0);
  });

  test('the importer reads none of West Berkshire’s timescales, which the demo adds', async () => {
    const { readFileSync } = await import('node:fs');
    const { DEMO_SOURCES } = await import('./demo-data.js');
    const westBerkshire = DEMO_SOURCES[2];
    assert.ok(westBerkshire);
    const read = await app.services.importer.draft(readFileSync(westBerkshire), 'seed-002.txt');
    assert.ok(!read.document.measures.some((m) => /within 45 days|ICPC/i.test(m.name)));
  });

  test('West Berkshire’s figures are its measures’ values, shown on the measures page', async () => {
    const id = planLike(/OFSTED ACTION PLAN/i);
    const doc = await docOf(id);
    const assessments = doc.measureValues
      .filter((v) => v.measureId === 'timescale-1')
      .map((v) => [v.period, v.value, v.source]);
    assert.deepEqual(assessments, [
      ['2015-04-30', 61, 'Seed 002, the plan’s progress column'],
      ['2015-05-31', 68, 'Seed 002, the plan’s progress column'],
    ]);
    const client = await new WebClient(server).signIn(DEMO_USER.email, DEMO_USER.password);
    const page = await client.get(`/plans/${id}/measures`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Single assessments within 45 days/);
    assert.match(page.body, /68% \(May 2015\)/);
    assert.match(page.body, /56% \(May 2015\)/);
  });
});
