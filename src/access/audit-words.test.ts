import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChangeRow } from '../history/history.repository.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { pagination } from '../web/pagination.js';
import { accessAuditRows } from './access-log.view-model.js';
import { dateRange } from './audit-filter.js';
import { PlanNames } from './audit-names.js';
import { safeHref, valueWords, type WordsContext } from './audit-words.js';
import { planAuditCsvRows, planAuditRows } from './audit.view-model.js';

// The audit trail's and the access log's words, without a database: names, values, sentences.

const base = buildPlanDocument();
const plan = buildPlanDocument({
  recommendations: [
    base.recommendations[0]!,
    { ...base.recommendations[0]!, id: 'r2', ref: null, text: 'Improve supervision' },
    { ...base.recommendations[0]!, id: 'r3', ref: '3', text: 'Hear children’s voices' },
  ],
  actions: [
    base.actions[0]!,
    { ...base.actions[0]!, id: 'act-7', recommendationId: 'r3', ref: null, text: 'First' },
    { ...base.actions[0]!, id: 'act-8', recommendationId: 'r3', ref: null, text: 'Second' },
    { ...base.actions[0]!, id: 'act-9', recommendationId: 'r2', ref: null, text: 'Only' },
    { ...base.actions[0]!, id: 'act-10', recommendationId: null, themeId: 't1', ref: null },
  ],
});
const ctx: WordsContext = {
  names: new PlanNames(plan),
  statuses: new Map(plan.ragScheme.statuses.map((s) => [s.code, s.label])),
  schemes: new Map([['scheme-1', 'Bristol’s five colours']]),
};

const change = (over: Partial<ChangeRow>): ChangeRow => ({
  id: 1,
  planId: 'p1',
  entity: 'action',
  entityId: 'act-8',
  op: 'update',
  before: null,
  after: null,
  actor: 'manager@testshire.gov.uk',
  actorUserId: null,
  at: '2026-06-16T14:05:00.000Z',
  reason: null,
  ...over,
});
const text = (pieces: Array<{ text: string }>) => pieces.map((p) => p.text).join('');

describe('names', () => {
  test('an action by its reference, else by its recommendation and its place there', () => {
    const { names } = ctx;
    assert.equal(names.action('a1'), 'action 1.1');
    assert.equal(names.action('act-8'), 'recommendation 3, action 2');
    assert.equal(names.action('act-9'), 'recommendation 2, action 1', 'a recommendation by place');
    assert.equal(names.action('act-10'), 'the theme ‘Outcomes for care leavers’, action 1');
    assert.equal(
      names.action('act-gone', { text: 'Run a survey', recommendationId: 'r1' }),
      'the action ‘Run a survey’ of recommendation 1',
    );
    assert.equal(
      names.item('update', 'u-x', { actionId: 'act-7', date: '2018-04-01' }),
      'the update of 1 April 2018 on recommendation 3, action 1',
    );
    assert.equal(names.item('plan', 'p1'), 'the plan');
    assert.equal(names.find('act-7'), 'recommendation 3, action 1');
  });
});

describe('values', () => {
  test('dates, leads, statuses, linked things and money in words, never JSON', () => {
    const words = (field: string, value: unknown, kind = 'action') =>
      text(valueWords(kind, field, value, ctx));
    assert.equal(words('status', 'AMBER'), 'Amber');
    assert.equal(words('status', 'monitoring', 'plan'), 'Monitoring');
    assert.equal(words('periodStart', '2026-04-01', 'plan'), '1 April 2026');
    assert.equal(words('ragSchemeId', 'scheme-1', 'plan'), 'Bristol’s five colours');
    assert.equal(words('actionId', 'act-8', 'update'), 'Recommendation 3, action 2');
    assert.equal(
      words('leads', [
        { name: 'Head of Service, CIC', kind: 'role' },
        { name: 'Team Manager', kind: 'role' },
      ]),
      'Head of Service, CIC; Team Manager',
    );
    assert.equal(words('amountPence', 6_796_100, 'cost'), '£67,961.00');
    assert.equal(words('recurrence', 'one-off', 'cost'), 'One-off');
    assert.equal(words('confirmStatuses', true, 'plan'), 'Yes');
    assert.equal(
      words(
        'judgements',
        [{ area: 'Overall effectiveness', grade: 'requires-improvement' }],
        'inspection',
      ),
      'Overall effectiveness: Requires improvement',
    );
    assert.equal(words('due', null), '');
  });

  test('evidence is its title linked to its address, only when the address is a safe one', () => {
    const pieces = valueWords(
      'update',
      'evidence',
      [
        { kind: 'link', title: 'Audit', url: 'https://example.org/a.pdf' },
        { kind: 'file', title: 'Minutes.docx', url: '/plans/p1/evidence/f1' },
        { kind: 'link', title: 'Odd', url: 'javascript:alert(1)' },
      ],
      ctx,
    );
    assert.deepEqual(pieces, [
      { text: 'Audit', href: 'https://example.org/a.pdf' },
      { text: ', ' },
      { text: 'Minutes.docx', href: '/plans/p1/evidence/f1' },
      { text: ', ' },
      { text: 'Odd' },
    ]);
    assert.equal(safeHref('//evil.example'), undefined);
  });
});

describe('sentences', () => {
  test('a change reads as what was changed from what to what', () => {
    const [row] = planAuditRows(
      'p1',
      [
        change({
          before: { due: { text: 'End June 2026' }, status: null, text: 'Second', position: 2 },
          after: { due: { text: 'Autumn 2026' }, status: 'GREEN', text: '', position: 1 },
        }),
      ],
      ctx,
    );
    assert.equal(text(row!.heading), 'Changed recommendation 3, action 2');
    assert.equal(row!.heading[0]?.href, '/plans/p1/actions/act-8');
    assert.equal(row!.when, '16 June 2026 at 2:05pm');
    assert.deepEqual(row!.sentences.map(text), [
      'Changed the due date from ‘End June 2026’ to ‘Autumn 2026’.',
      'Set the status to ‘Green’.',
      'Cleared the text, which was ‘Second’.',
      'Moved it up the list.',
    ]);
  });

  test('the CSV keeps machine columns and readable values', () => {
    const [line] = planAuditCsvRows(
      [
        change({
          before: { due: { text: 'End June 2026' } },
          after: { due: { text: 'Autumn 2026' } },
        }),
      ],
      ctx,
    );
    assert.deepEqual(line, [
      '2026-06-16T14:05:00.000Z',
      '16 June 2026 at 2:05pm',
      'manager@testshire.gov.uk',
      'action',
      'Recommendation 3, action 2',
      'Changed',
      'due',
      'End June 2026',
      'Autumn 2026',
      null,
    ]);
  });
});

describe('the access log', () => {
  test('details as facts in words, the empty ones left out', () => {
    const [row] = accessAuditRows(
      [
        {
          id: 1,
          at: '2026-06-16T09:00:00.000Z',
          kind: 'role-granted',
          userId: 'u1',
          email: null,
          organisationId: 'o1',
          planId: null,
          address: null,
          detail: { subject: 'u2', role: 'plan-manager', expiresAt: null },
        },
      ],
      new Map([
        ['u1', 'admin@testshire.gov.uk'],
        ['u2', 'manager@testshire.gov.uk'],
      ]),
    );
    assert.equal(row?.who, 'admin@testshire.gov.uk');
    assert.equal(row?.what, 'Role given');
    assert.equal(row?.subject, 'manager@testshire.gov.uk');
    assert.deepEqual(row?.facts, ['Role: Plan manager']);
    assert.equal(row?.address, '');
  });
});

describe('filters and pages', () => {
  test('a date typed in three parts, explained when it does not exist', () => {
    assert.equal(
      dateRange({ 'from-day': '1', 'from-month': '6', 'from-year': '2026' }).from,
      '2026-06-01',
    );
    assert.deepEqual(
      dateRange({ 'from-day': '30', 'from-month': '2', 'from-year': '2026' }).issues,
      [{ field: 'from', text: 'The from date must be a real date, for example 16 6 2026' }],
    );
    assert.deepEqual(dateRange({ 'to-day': '3', 'to-year': '2026' }).issues, [
      { field: 'to', text: 'The to date must include a month' },
    ]);
  });

  test('pagination shows the first, the last, the current page and its neighbours', () => {
    const href = (n: number) => `?page=${n}`;
    assert.equal(pagination(1, { hasNext: false }, href), null);
    const middle = pagination(5, { last: 9 }, href);
    assert.deepEqual(
      middle?.items.map((i) => ('ellipsis' in i ? '…' : i.number)),
      ['1', '…', '4', '5', '6', '…', '9'],
    );
    assert.equal(middle?.previous?.href, '?page=4');
    assert.equal(middle?.next?.href, '?page=6');
    const open = pagination(2, { hasNext: true }, href);
    assert.deepEqual(
      open?.items.map((i) => ('ellipsis' in i ? '…' : i.number)),
      ['1', '2', '3'],
    );
  });
});
