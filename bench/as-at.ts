// "As at" pages of a 300-action plan with 36 months of history (issues 17 and 14): the plan is
// saved 36 months before today, on a clock the bench moves, and then lived month by month
// through the services the web uses (progress updates proposing statuses, due dates moved),
// each change at its own instant. The pages are then served by the real server on the
// embedded database and viewed as at a day about 12 months back: the first (uncached) view
// of a day, many days each viewed for the first time, and one day viewed again and again.
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { performance } from 'node:perf_hooks';
import { type AppContext, createAppContext } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import type { Clock } from '../src/lib/clock.js';
import { MONTH_NAMES } from '../src/lib/fuzzy-date/calendar.js';
import { parseFuzzyDate } from '../src/lib/fuzzy-date/fuzzy-date.js';
import { buildServer } from '../src/web/server.js';
import { largePlan } from './large-plan.js';
import { addBenchUser, measure, percentile, signIn, type PageResult } from './pages.js';

/** The target: an as-at view renders in under this, on the embedded database. */
export const AS_AT_TARGET_MS = 200;
export const HISTORY_MONTHS = 36;
/** How far back the pages are viewed. */
export const BACK_MONTHS = 12;
/** Days viewed one after another, each for the first time (so each is rendered afresh). */
export const FIRST_VIEW_DAYS = 15;
/** Uncached days asked for at once, and how many such rounds. */
export const AT_ONCE = 10;
export const AT_ONCE_ROUNDS = 3;
/** Repeated views of one day: warm-up and measured seconds per row (shorter than pages'). */
export const REPEAT_SECONDS = { warmUp: 2, measure: 5 };
const ACTION = 'a150';

/** The scheme of largePlan (Bristol's five colours) and how an action moves between them. */
const NEXT: Record<string, Array<[string, number]>> = {
  GREY: [['AMBER', 0.25]],
  AMBER: [
    ['RED', 0.06],
    ['GREEN', 0.06],
  ],
  RED: [['AMBER', 0.3]],
  GREEN: [
    ['BLUE', 0.15],
    ['AMBER', 0.03],
  ],
  BLUE: [],
};

const WORDS = [
  'Audit of case files completed; findings shared with team managers.',
  'Recruitment to two posts is under way; interim cover is in place.',
  'Training delivered to 40 practitioners; attendance is tracked monthly.',
  'Performance report reviewed at the improvement board; actions agreed.',
  'Partnership protocol drafted and out for comment with health and police.',
  'Backlog reduced from 64 to 31 cases; weekly tracking continues.',
  'Quality assurance framework refreshed; first themed audit scheduled.',
  'Caseloads remain above target in two teams; mitigation agreed with the head of service.',
];

/** A small seeded generator, so every run builds the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `day` (YYYY-MM-DD) moved by whole months (UTC; the 29th-31st are not used). */
export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Month YYYY" of the month `months` after `day`'s. */
function monthText(day: string, months: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** A clock the bench sets while it builds history, and that runs in real time after. */
export function benchClock(): Clock & { set(instant: string | null): void } {
  let current: string | null = null;
  return {
    now: () => current ?? new Date().toISOString(),
    today: () => (current ?? new Date().toISOString()).slice(0, 10),
    set: (instant) => (current = instant),
  };
}

export interface History {
  planId: string;
  start: string;
  updates: number;
  statusChanges: number;
  dueMoves: number;
  changeLogRows: number;
  buildSeconds: number;
}

/**
 * Saves a 300-action plan 36 months before `today` and lives it month by month: in each
 * month about one update per action (fewer for completed ones), on its own day, proposing a
 * status of the scheme (mostly the one it has; now and then the next one along), and a few
 * due dates moved on. Each month is one transaction, each change at its own instant.
 */
export async function buildHistory(
  app: AppContext,
  clock: ReturnType<typeof benchClock>,
  today: string,
  months = HISTORY_MONTHS,
): Promise<History> {
  const started = performance.now();
  const rand = random(17);
  const start = addMonths(today, -months);
  const period = { start, end: addMonths(today, 6) };
  const base = largePlan(300);
  const status = new Map<string, string>();
  const actions = base.actions.map((a, i) => {
    const initial = i % 3 === 0 ? 'AMBER' : 'GREY';
    status.set(a.id, initial);
    // Due dates spread over the plan's life, from its third month to its 26th.
    const due = parseFuzzyDate(monthText(start, 3 + (i % 24)), period);
    return { ...a, status: initial, due };
  });
  const doc = {
    ...base,
    plan: { ...base.plan, status: 'approved' as const, periodStart: start, periodEnd: period.end },
    actions,
    updates: [],
  };
  const ids = actions.map((a) => a.id);
  const dueMonth = new Map(actions.map((a, i) => [a.id, 3 + (i % 24)]));

  clock.set(`${start}T09:00:00.000Z`);
  const planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('bench', null, clock.now()), doc),
  );

  let updates = 0;
  let statusChanges = 0;
  let dueMoves = 0;
  for (let month = 0; month < months; month++) {
    const from = addMonths(start, month);
    const to = addMonths(start, month + 1);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    // This month's changes, each on a day of the month and at its own minute of that day.
    const changes: Array<{ at: string; run: (at: string) => Promise<unknown> }> = [];
    ids.forEach((actionId, n) => {
      const current = status.get(actionId) ?? 'GREY';
      if (rand() > (current === 'BLUE' ? 0.4 : 0.95)) return;
      let proposed = current;
      let roll = rand();
      for (const [next, p] of NEXT[current] ?? []) {
        if (roll < p) {
          proposed = next;
          break;
        }
        roll -= p;
      }
      if (proposed !== current) statusChanges++;
      status.set(actionId, proposed);
      const day = addDays(from, Math.floor(rand() * days));
      const minute = String(n % 60).padStart(2, '0');
      const words = WORDS[Math.floor(rand() * WORDS.length)] ?? '';
      const evidence =
        rand() < 0.2
          ? [
              {
                kind: 'link' as const,
                title: 'Audit summary',
                url: `https://intranet.bench.gov.uk/audits/${actionId}/${day}`,
              },
            ]
          : [];
      updates++;
      changes.push({
        at: `${day}T${String(9 + Math.floor(n / 60)).padStart(2, '0')}:${minute}:00.000Z`,
        run: (at) =>
          app.transaction((trx) =>
            app.services.updates.add(
              trx,
              app.changeBy('lead@bench.gov.uk', null, at),
              planId,
              {
                actionId,
                date: day,
                author: 'Service Manager',
                text: `${words} Next steps agreed for ${monthText(day, 1)}.`,
                proposedStatus: proposed,
                evidence,
              },
              null,
            ),
          ),
      });
    });
    // A few actions slip: their due date moves on two or three months.
    for (let k = 0; k < 5; k++) {
      const actionId = ids[Math.floor(rand() * ids.length)] ?? 'a0';
      const moved = (dueMonth.get(actionId) ?? 0) + 2 + Math.floor(rand() * 2);
      dueMonth.set(actionId, moved);
      const day = addDays(from, 20 + Math.floor(rand() * Math.max(1, days - 20)));
      dueMoves++;
      changes.push({
        at: `${day}T15:0${k}:00.000Z`,
        run: (at) =>
          app.transaction(async (trx) => {
            await app.services.content.update(
              trx,
              app.changeBy('manager@bench.gov.uk', 'Timescale agreed at the board', at),
              planId,
              'action',
              actionId,
              { due: parseFuzzyDate(monthText(start, moved), period) },
            );
          }),
      });
    }
    changes.sort((a, b) => a.at.localeCompare(b.at));
    for (const change of changes) {
      if (change.at.slice(0, 10) >= today) continue;
      clock.set(change.at);
      await change.run(change.at);
    }
  }
  clock.set(null);
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from change_log where plan_id = ${planId}
  `.execute(app.db);
  return {
    planId,
    start,
    updates,
    statusChanges,
    dueMoves,
    changeLogRows: rows[0]?.n ?? 0,
    buildSeconds: (performance.now() - started) / 1000,
  };
}

export interface Timing {
  label: string;
  count: number;
  p50: number;
  p95: number;
  max: number;
}

function summarise(label: string, samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    label,
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1) ?? NaN,
  };
}

export interface AsAtResult {
  history: History;
  day: string;
  /** The first view of the day, one per page. */
  first: Timing[];
  /** Other days, each viewed for the first time, one after another and ten at once. */
  uncached: Timing[];
  /** One day viewed again and again (kept in memory after its first view). */
  repeated: Array<Omit<PageResult, 'target'>>;
  /** The parts of an uncached view, timed in the process. */
  parts: Timing[];
}

/** Builds the history, serves the plan and measures its as-at pages. */
export async function benchAsAt(): Promise<AsAtResult> {
  const clock = benchClock();
  const app = await createAppContext(loadConfig({ LOG_LEVEL: 'silent' }), {
    clock,
    open: { inMemory: true },
  });
  const server = await buildServer(app);
  try {
    const today = clock.today();
    const history = await buildHistory(app, clock, today);
    const { planId } = history;
    await addBenchUser(app, planId);
    await server.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const cookie = await signIn(base);
    const day = addMonths(today, -BACK_MONTHS);
    const overview = (d: string) => `/plans/${planId}?asAt=${d}`;
    const action = (d: string) => `/plans/${planId}/actions/${ACTION}?asAt=${d}`;
    const pages = [
      { name: 'plan overview', path: overview, mustContain: 'This plan has 300 actions' },
      { name: `action page (${ACTION})`, path: action, mustContain: 'as it stood on' },
    ];

    const get = async (path: string, mustContain: string): Promise<number> => {
      const begun = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
      const body = await response.text();
      const ms = performance.now() - begun;
      if (response.status !== 200 || !body.includes(mustContain)) {
        throw new Error(`${path} gave ${response.status} without "${mustContain}"`);
      }
      return ms;
    };

    // The server has shown today's pages first, so its templates are compiled: what is
    // measured is the view of a past day, not the server's first request.
    await get(`/plans/${planId}`, 'This plan has 300 actions');
    await get(`/plans/${planId}/actions/${ACTION}`, 'Service Manager');

    const first: Timing[] = [];
    for (const page of pages) {
      first.push(
        summarise(`${page.name}, first view`, [await get(page.path(day), page.mustContain)]),
      );
    }

    // Days before `day`, none viewed yet: each view reads and renders afresh.
    let back = 1;
    const freshDay = () => addDays(day, -back++);
    const uncached: Timing[] = [];
    for (const page of pages) {
      const samples: number[] = [];
      for (let i = 0; i < FIRST_VIEW_DAYS; i++) {
        samples.push(await get(page.path(freshDay()), page.mustContain));
      }
      uncached.push(summarise(`${page.name}, one at a time`, samples));
    }
    for (const page of pages) {
      const samples: number[] = [];
      for (let round = 0; round < AT_ONCE_ROUNDS; round++) {
        const days = Array.from({ length: AT_ONCE }, freshDay);
        samples.push(...(await Promise.all(days.map((d) => get(page.path(d), page.mustContain)))));
      }
      uncached.push(summarise(`${page.name}, ${AT_ONCE} at once`, samples));
    }

    // The parts of an uncached view, in the process, on more unviewed days.
    const parts = await timeParts(app, planId, Array.from({ length: FIRST_VIEW_DAYS }, freshDay));

    const repeated: Array<Omit<PageResult, 'target'>> = [];
    for (const page of pages) {
      for (const connections of [1, AT_ONCE]) {
        repeated.push(
          await measure(
            base,
            cookie,
            page.name,
            page.path(day),
            page.mustContain,
            connections,
            REPEAT_SECONDS,
          ),
        );
      }
    }
    return { history, day, first, uncached, repeated, parts };
  } finally {
    await server.close();
    await app.close();
  }
}

/** The as-at rebuild, its history query and the overview's own history read, on their own. */
async function timeParts(app: AppContext, planId: string, days: string[]): Promise<Timing[]> {
  const states: number[] = [];
  const rebuild: number[] = [];
  const recent: number[] = [];
  for (const d of days) {
    const at = `${d}T23:59:59.999Z`;
    await app.transaction(async (trx) => {
      let begun = performance.now();
      await app.services.history.statesAt(trx, planId, at);
      states.push(performance.now() - begun);
      begun = performance.now();
      await app.services.documents.exportAsAt(trx, planId, at);
      rebuild.push(performance.now() - begun);
      begun = performance.now();
      await app.services.history.list(trx, planId, { from: addMonths(d, -1), until: at });
      recent.push(performance.now() - begun);
    });
  }
  return [
    summarise('the latest state of everything at that day (history.statesAt: one query)', states),
    summarise('rebuild the plan at that day (documents.exportAsAt: that query and more)', rebuild),
    summarise("the overview's month of history (history.list)", recent),
  ];
}
