import type { AppContext } from '../composition.js';
import type { Role } from '../db/schema.js';
import { parseFuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';
import { BRISTOL_FIVE_COLOUR } from '../rag/built-in-schemes.js';

const period = { start: '2026-01-01', end: '2027-12-31' };

/** A small, valid plan document in canonical form (what export returns); override any part. */
export function buildPlanDocument(overrides: Partial<PlanDocumentParsed> = {}): PlanDocumentParsed {
  return {
    format: 'g2g-plan',
    formatVersion: 1,
    organisation: { slug: 'testshire', name: 'Testshire County Council' },
    plan: {
      title: 'Testshire Children’s Services Improvement Plan',
      versionLabel: 'V1',
      status: 'draft',
      periodStart: period.start,
      periodEnd: period.end,
      statementKind: 'statement-of-action',
      deadlineOverride: null,
      deadlineOverrideReason: null,
      confirmStatuses: false,
      openAsAt: null,
      impactTolerance: null,
    },
    inspection: {
      framework: 'ILACS',
      startedOn: '2025-11-03',
      endedOn: '2025-11-14',
      publishedOn: '2025-12-19',
      receivedOn: '2025-12-19',
      judgements: [{ area: 'Overall effectiveness', grade: 'requires-improvement' }],
    },
    ragScheme: BRISTOL_FIVE_COLOUR,
    boards: [
      { name: 'Improvement Board', cadence: 'Monthly', chair: 'Director of Children’s Services' },
    ],
    sections: [
      {
        id: 's1',
        ref: 'Section One',
        title: 'Priority and immediate action',
        category: 'priority',
      },
    ],
    themes: [
      {
        id: 't1',
        kind: 'theme',
        ref: null,
        title: 'Outcomes for care leavers',
        sponsor: null,
        lead: null,
        commitments: [],
        successCriteria: [],
      },
    ],
    recommendations: [
      {
        id: 'r1',
        ref: '1',
        text: 'Ensure that each care leaver has a pathway plan.',
        category: 'priority',
        judgementArea: null,
        sectionId: 's1',
        themeId: 't1',
        leads: [{ name: 'Head of Service, Care Leavers', kind: 'role' }],
        due: parseFuzzyDate('Jul 2027', period),
      },
    ],
    actions: [
      {
        id: 'a1',
        recommendationId: 'r1',
        themeId: null,
        ref: '1.1',
        text: 'Complete pathway plans for care leavers without a plan',
        outcomes: 'Care leavers have a needs assessment and a pathway plan',
        leads: [{ name: 'Service Manager, Leaving Care', kind: 'role' }],
        due: parseFuzzyDate('March 2026', period),
        status: 'AMBER',
        proposedStatus: null,
        evidence: 'Through case audit process',
      },
    ],
    updates: [],
    measures: [
      {
        id: 'm1',
        ref: null,
        name: 'Care leavers with a pathway plan',
        unit: '%',
        direction: 'higher',
        rangeLow: null,
        rangeHigh: null,
        lead: 'Service Manager, Leaving Care',
        baseline: { value: 61, date: '2025-10-31', text: '61% at October 2025' },
        targets: [
          {
            value: 90,
            text: '90% of care leavers have a pathway plan',
            due: parseFuzzyDate('Jul 2026', period),
            lead: null,
          },
        ],
        frequency: null,
        actionIds: ['a1'],
        recommendationIds: ['r1'],
      },
    ],
    measureValues: [
      {
        id: 'm1-england-2025',
        measureId: 'm1',
        series: 'England',
        period: '2025-03-31',
        periodLabel: '2024/25',
        value: 88,
        missing: null,
        provisional: false,
        note: null,
        source: 'Children looked after in England, 2025',
        enteredBy: null,
        enteredAt: null,
      },
    ],
    risks: [
      {
        id: 'k1',
        ref: '1',
        threat: 'The targets are very challenging in a context of reducing resources',
        impactBefore: 'high',
        probabilityBefore: 'medium',
        controls: 'Re-modelling social work phase 2',
        controlActionIds: ['a1'],
        impactAfter: 'high',
        probabilityAfter: 'medium',
        owner: 'Director of Children’s Services',
      },
    ],
    costs: [
      {
        id: 'c1',
        actionId: 'a1',
        themeId: null,
        item: 'Agency social workers',
        amountPence: 6_796_100,
        recurrence: 'one-off',
        financialYear: '2026/27',
        staffing: 'agency',
        notes: null,
      },
    ],
    ...overrides,
  };
}

/** A person with a password and one role in a council (or in one plan, with `grant.planId`). */
export async function addMember(
  app: AppContext,
  person: { email: string; name: string; password: string },
  organisationId: string,
  grant: { role: Role; planId?: string; leadNames?: string[]; expiresAt?: string },
): Promise<string> {
  return app.transaction(async (trx) => {
    const existing = await app.services.accounts.findUserByEmail(trx, person.email);
    const user = existing ?? (await app.services.accounts.addUser(trx, person));
    await app.services.access.grant(
      trx,
      { userId: null, at: app.clock.now() },
      user.id,
      organisationId,
      grant,
    );
    return user.id;
  });
}

/** The council a plan belongs to. */
export async function councilOf(app: AppContext, planId: string): Promise<string> {
  const scope = await app.transaction((trx) => app.services.plans.scope(trx, planId));
  if (!scope) throw new Error(`no plan ${planId}`);
  return scope.organisationId;
}
