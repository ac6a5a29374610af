// A board pack's content: plain data (numbers as numbers, dates as ISO days, words as
// written), built once from the plan's history and stored whole when it is published, so a
// published pack reads the same for ever. The page and every file are drawn from it.

/** A status as the plan's scheme named it when the pack was made. */
export interface PackStatus {
  code: string | null;
  label: string;
  colour: string;
}

export interface StatusCount extends PackStatus {
  n: number;
  /** How the count moved since the previous pack for the board; null when there is none. */
  change: number | null;
}

/** An action as a pack names it: its label ("Action 1.1"), never an id. */
export interface PackAction {
  label: string;
  text: string;
  recommendation: string | null;
  leads: string;
  /** The due date as people wrote it ('' for none). */
  due: string;
  status: PackStatus;
}

export interface PackPart {
  kind: 'Section' | 'Theme' | 'Workstream' | 'Recommendation';
  title: string;
  total: number;
  byStatus: StatusCount[];
}

export interface PackMeasure {
  name: string;
  unit: string | null;
  direction: 'higher' | 'lower' | 'range';
  baseline: { value: number | null; date: string | null; text: string | null } | null;
  target: { value: number | null; text: string; due: string } | null;
  latest: { value: number; date: string | null } | null;
  trend: string;
  targetMet: boolean | null;
  comparators: Array<{ name: string; value: number | null; date: string | null }>;
  /** The measures concept's impact status on the pack's day (absent in packs made before it). */
  impact?: { status: string; words: string; expected: number | null };
  /** The chart's shapes and the figures behind it, as they stood on the pack's day. */
  chart?: MeasureChart;
  /** Every value up to the pack's day, oldest first ('Actual' or a comparator's name). */
  values?: Array<{ series: string; period: string | null; value: number | null }>;
}

/** A measure's chart (plain shapes for the SVG template) and its table of figures. */
export interface MeasureChart {
  svg: unknown;
  title: string;
  table: { head: string[]; rows: string[][] };
}

export interface PackRisk {
  ref: string | null;
  threat: string;
  impactBefore: string | null;
  probabilityBefore: string | null;
  controls: string | null;
  impactAfter: string | null;
  probabilityAfter: string | null;
  owner: string | null;
}

export interface PackCostLine {
  item: string;
  action: string | null;
  financialYear: string | null;
  recurrence: 'one-off' | 'recurrent';
  staffing: 'agency' | 'permanent' | null;
  amountPence: number;
}

export interface PackCostTotals {
  financialYear: string | null;
  oneOffPence: number;
  recurrentPence: number;
  totalPence: number;
  /** The budget for the year (or all years' budgets), when one is given. */
  budgetPence?: number | null;
}

/** What changed between two moments of a plan (also the plan versions page). */
export interface PlanChanges {
  newUpdates: Array<{ action: string; date: string; author: string; text: string }>;
  statusChanges: Array<{ action: string; text: string; from: PackStatus; to: PackStatus }>;
  completed: PackAction[];
  datesMoved: Array<{ action: string; text: string; from: string; to: string }>;
  reworded: Array<{ action: string; from: string; to: string }>;
  leadsChanged: Array<{ action: string; text: string; from: string; to: string }>;
  added: PackAction[];
  removed: PackAction[];
}

/** The sections a plan manager writes for the meeting (as in a progress report). */
export interface PackNarrative {
  introduction: string;
  headlines: string;
  decisions: string;
}

export interface PackContent {
  version: 1;
  plan: { title: string; versionLabel: string | null; council: string };
  board: { name: string; cadence: string | null; chair: string | null };
  asAt: string;
  /** What "since" means: the previous pack for the board, or a month before. */
  since: { day: string; previousPack: boolean; meeting: string | null };
  headline: { total: number; byStatus: StatusCount[]; parts: PackPart[] };
  exceptions: {
    red: PackAction[];
    overdue: PackAction[];
    slipped: Array<PackAction & { originalDue: string }>;
    noUpdate: PackAction[];
    disagreeing: Array<PackAction & { proposed: PackStatus }>;
  };
  changes: PlanChanges;
  measures: PackMeasure[];
  risks: PackRisk[];
  costs: { lines: PackCostLine[]; byYear: PackCostTotals[]; total: PackCostTotals };
  actions: Array<PackAction & { latestUpdate: string | null; evidence: string | null }>;
  narrative: PackNarrative | null;
}

/** How a pack's files are made: for which meeting, and the page printed as its PDF. */
export interface PackFileOptions {
  /** The meeting a published pack is for (null for a draft). */
  meeting: string | null;
  /** Renders the printable page (for the PDF). */
  render: (template: string, values: Record<string, unknown>) => string;
  chromiumPath: string;
}
