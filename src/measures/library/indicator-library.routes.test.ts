import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { measureSchema } from '../measure.schema.js';
import { addMember, buildPlanDocument, councilOf } from '../../test-support/factories.js';
import { testContext } from '../../test-support/test-context.js';
import { WebClient } from '../../test-support/web-client.js';
import { buildServer } from '../../web/server.js';
import { INDICATORS, measureFrom } from './indicator-library.js';

// The library of standard indicators: each is a valid measure with a named source; a plan
// manager adds one to the plan (once, however often the button is sent) and adapts it in
// the measure form; a viewer cannot.

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId: string;
const PASSWORD = 'a long enough password';
const MANAGER = 'manager@testshire.gov.uk';
const VIEWER = 'member@testshire.gov.uk';

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('setup'), buildPlanDocument()),
  );
  const council = await councilOf(app, planId);
  await addMember(app, { email: MANAGER, name: 'Performance Lead', password: PASSWORD }, council, {
    role: 'plan-manager',
  });
  await addMember(app, { email: VIEWER, name: 'Scrutiny Member', password: PASSWORD }, council, {
    role: 'viewer',
  });
  server = await buildServer(app);
});
after(async () => {
  await server.close();
  await app.close();
});

const library = () => `/plans/${planId}/indicators`;
const measures = async () =>
  (await app.transaction((trx) => app.services.documents.export(trx, planId))).measures;

describe('the library of standard indicators', () => {
  test('each indicator is a measure the plan can hold, with a usual source named', () => {
    assert.equal(new Set(INDICATORS.map((i) => i.key)).size, INDICATORS.length);
    for (const i of INDICATORS) {
      assert.ok(measureSchema.safeParse({ id: 'x', ...measureFrom(i) }).success, i.name);
      assert.match(i.source, /census \(DfE\)|SSDA903|local/, i.name);
      assert.doesNotMatch(i.source + i.definition, /https?:/, i.name);
    }
    const directions = new Set(INDICATORS.map((i) => i.direction));
    assert.deepEqual([...directions].sort(), ['higher', 'lower', 'range']);
  });

  test('a plan manager adds one, adapts it in the measure form, and cannot add it twice', async () => {
    const manager = await new WebClient(server).signIn(MANAGER, PASSWORD);
    assert.match((await manager.get(`/plans/${planId}/measures`)).body, /Add a standard indicator/);
    const page = await manager.get(library());
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Re-referrals within 12 months/);
    assert.match(page.body, /SSDA903 children looked after return \(DfE\)/);
    assert.match(page.body, /Children’s social work workforce census \(DfE\)/);
    assert.match(page.body, /Kept within a range \(suggested 15 cases to 18 cases\)/);
    const csrf = manager.csrf(page.body);
    const added = await manager.post(`${library()}/caseloads`, { _csrf: csrf });
    assert.equal(added.statusCode, 303);
    const edit = await manager.get(String(added.headers.location));
    assert.match(edit.body, /The indicator is now a measure of this plan: adapt it here/);
    assert.match(edit.body, /name="rangeLow" type="text" spellcheck="false" value="15"/);
    const again = await manager.post(`${library()}/caseloads`, { _csrf: csrf });
    assert.equal(again.headers.location, added.headers.location);
    const caseloads = (await measures()).filter(
      (m) => m.name === 'Average caseload per social worker',
    );
    assert.equal(caseloads.length, 1);
    assert.deepEqual(
      [
        caseloads[0]?.direction,
        caseloads[0]?.rangeLow,
        caseloads[0]?.rangeHigh,
        caseloads[0]?.frequency,
      ],
      ['range', 15, 18, 'monthly'],
    );
    // Adapted to the council's own band.
    const adapted = await manager.submit(String(added.headers.location), {
      ref: 'W1',
      name: 'Average caseload per social worker',
      unit: 'cases',
      direction: 'range',
      rangeLow: '12',
      rangeHigh: '16',
    });
    assert.equal(adapted.statusCode, 303);
    const after = (await measures()).find((m) => m.ref === 'W1');
    assert.deepEqual([after?.rangeLow, after?.rangeHigh], [12, 16]);
    assert.match((await manager.get(library())).body, /Already in this plan/);
    assert.equal(
      (await manager.post(`${library()}/no-such-indicator`, { _csrf: csrf })).statusCode,
      404,
    );
  });

  test('someone who may only read the plan cannot open the library or add from it', async () => {
    const viewer = await new WebClient(server).signIn(VIEWER, PASSWORD);
    assert.equal((await viewer.get(library())).statusCode, 403);
    const home = await viewer.get('/');
    const before = (await measures()).length;
    const sent = await viewer.post(`${library()}/turnover`, { _csrf: viewer.csrf(home.body) });
    assert.equal(sent.statusCode, 403);
    assert.equal((await measures()).length, before);
  });
});
