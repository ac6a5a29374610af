import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Actor, type Grant, leadsAction, policy } from './policy.js';

const A = 'council-a';
const B = 'council-b';
const planA = { id: 'plan-a1', organisationId: A };
const otherPlanA = { id: 'plan-a2', organisationId: A };
const planB = { id: 'plan-b1', organisationId: B };

const person = (
  grants: Array<Partial<Grant> & Pick<Grant, 'role'>>,
  name = 'Pat Example',
): Actor => ({
  userId: 'u1',
  name,
  grants: grants.map((g) => ({ organisationId: A, planId: null, leadNames: [], ...g })),
});

describe('who may see a plan', () => {
  test('every role of the council sees its plans; nobody sees another council’s', () => {
    for (const role of ['administrator', 'plan-manager', 'action-lead', 'viewer'] as const) {
      const actor = person([{ role }]);
      assert.equal(policy.viewPlan(actor, planA), 'allow', role);
      assert.equal(policy.viewPlan(actor, planB), 'not-found', role);
    }
  });

  test('an adviser sees only the plans they were given', () => {
    const adviser = person([{ role: 'adviser', planId: planA.id }]);
    assert.equal(policy.viewPlan(adviser, planA), 'allow');
    assert.equal(policy.viewPlan(adviser, otherPlanA), 'not-found');
    assert.equal(policy.editPlan(adviser, planA), 'forbidden');
  });

  test('someone with no roles at all sees nothing', () => {
    assert.equal(policy.viewPlan(person([]), planA), 'not-found');
  });
});

describe('who may change a plan', () => {
  test('only plan managers edit; other members are refused, other councils do not learn it exists', () => {
    assert.equal(policy.editPlan(person([{ role: 'plan-manager' }]), planA), 'allow');
    for (const role of ['administrator', 'action-lead', 'viewer'] as const) {
      assert.equal(policy.editPlan(person([{ role }]), planA), 'forbidden', role);
    }
    assert.equal(policy.editPlan(person([{ role: 'plan-manager' }]), planB), 'not-found');
  });

  test('a plan manager of one plan does not manage the council’s other plans', () => {
    const actor = person([{ role: 'plan-manager', planId: planA.id }]);
    assert.equal(policy.editPlan(actor, planA), 'allow');
    assert.equal(policy.editPlan(actor, otherPlanA), 'not-found');
  });

  test('roles in one council give nothing in another', () => {
    const actor = person([{ role: 'plan-manager' }, { role: 'viewer', organisationId: B }]);
    assert.equal(policy.editPlan(actor, planA), 'allow');
    assert.equal(policy.editPlan(actor, planB), 'forbidden');
    assert.equal(policy.viewPlan(actor, planB), 'allow');
  });
});

describe('who may give an update', () => {
  const leads = [{ name: 'Head of Service, Early Help', kind: 'role' as const }];

  test('an action lead updates the actions that name them or a role title they answer for', () => {
    const byName = person([{ role: 'action-lead' }], 'Jean Pollard');
    assert.equal(
      policy.updateAction(byName, planA, [{ name: 'jean  pollard', kind: 'person' }]),
      'allow',
    );
    const byTitle = person([{ role: 'action-lead', leadNames: ['Head of Service, Early Help'] }]);
    assert.equal(policy.updateAction(byTitle, planA, leads), 'allow');
  });

  test('a lead cannot update someone else’s action; a viewer cannot update any', () => {
    const lead = person([{ role: 'action-lead' }], 'Jean Pollard');
    assert.equal(policy.updateAction(lead, planA, leads), 'forbidden');
    const viewer = person([{ role: 'viewer', leadNames: ['Head of Service, Early Help'] }]);
    assert.equal(policy.updateAction(viewer, planA, leads), 'forbidden');
  });

  test('plan managers update any action of their plans, not of other councils', () => {
    const manager = person([{ role: 'plan-manager' }]);
    assert.equal(policy.updateAction(manager, planA, leads), 'allow');
    assert.equal(policy.updateAction(manager, planB, leads), 'not-found');
  });

  test('a role title a lead answers for in one council does not count in another', () => {
    const actor = person([
      { role: 'action-lead', leadNames: ['Head of Service, Early Help'] },
      { role: 'action-lead', organisationId: B },
    ]);
    assert.equal(leadsAction(actor, B, leads), false);
    assert.equal(policy.updateAction(actor, planB, leads), 'forbidden');
  });
});

describe('council administration', () => {
  test('only the council’s administrators manage it', () => {
    assert.equal(policy.manageCouncil(person([{ role: 'administrator' }]), A), 'allow');
    assert.equal(policy.manageCouncil(person([{ role: 'plan-manager' }]), A), 'forbidden');
    assert.equal(policy.manageCouncil(person([{ role: 'administrator' }]), B), 'not-found');
  });

  test('plan managers and administrators create plans and read a plan’s audit trail', () => {
    for (const role of ['administrator', 'plan-manager'] as const) {
      assert.equal(policy.createPlan(person([{ role }]), A), 'allow');
      assert.equal(policy.viewPlanAudit(person([{ role }]), planA), 'allow');
    }
    assert.equal(policy.createPlan(person([{ role: 'viewer' }]), A), 'forbidden');
    assert.equal(policy.viewPlanAudit(person([{ role: 'action-lead' }]), planA), 'forbidden');
    assert.equal(
      policy.createPlan(person([{ role: 'adviser', planId: planA.id }]), A),
      'forbidden',
    );
  });
});
