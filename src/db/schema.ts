import type { Generated } from 'kysely';
import type { z } from 'zod';
import type { ragStatusSchema } from '../rag/rag-scheme.schema.js';
import type { FuzzyDate } from '../lib/fuzzy-date/fuzzy-date.js';

// Column types as the application sees them (CamelCasePlugin maps snake_case columns).
// Dates are ISO strings (see type-parsers.ts); jsonb columns hold plain JSON values.

import type { Json, Timestamp } from './column-types.js';
import type {
  AppUserTable,
  AuditEventTable,
  MembershipTable,
  OidcConfigTable,
  OneTimeTokenTable,
  SessionTable,
  UserIdentityTable,
} from './schema-accounts.js';
import type { BoardPackFileTable, PlanBudgetTable, PlanVersionTable } from './schema-packs.js';
import type {
  MailOutboxTable,
  MailPreferenceTable,
  MailWeeklyDigestTable,
  RoundUpdateTable,
  UpdateRoundActionTable,
  UpdateRoundTable,
} from './schema-rounds.js';

export type * from './schema-accounts.js';
export type * from './schema-rounds.js';

export interface Lead {
  name: string;
  kind: 'person' | 'role' | 'team' | 'board';
}

export type RagStatus = z.infer<typeof ragStatusSchema>;

export interface Judgement {
  area: string;
  grade: 'outstanding' | 'good' | 'requires-improvement' | 'inadequate';
}

export interface MeasureValue {
  value: number | null;
  date: string | null;
  text: string | null;
}
export interface MeasureTarget {
  value: number | null;
  text: string;
  due: FuzzyDate | null;
  lead: string | null;
}
export interface Evidence {
  kind: 'link' | 'file' | 'note';
  title: string;
  url: string | null;
}

export interface OrganisationTable {
  id: Generated<string>;
  slug: string;
  name: string;
  createdAt: Generated<string>;
}

export interface RagSchemeTable {
  id: Generated<string>;
  organisationId: string | null;
  key: string;
  name: string;
  statuses: Json<RagStatus[]>;
}

export interface BoardTable {
  id: Generated<string>;
  organisationId: string;
  name: string;
  cadence: string | null;
  chair: string | null;
}

export interface InspectionTable {
  id: Generated<string>;
  organisationId: string;
  framework: string;
  startedOn: string | null;
  endedOn: string | null;
  publishedOn: string | null;
  receivedOn: string | null;
  judgements: Json<Judgement[]>;
}

export interface PlanTable {
  id: Generated<string>;
  organisationId: string;
  inspectionId: string | null;
  ragSchemeId: string;
  title: string;
  versionLabel: string | null;
  status: 'draft' | 'approved' | 'submitted' | 'monitoring' | 'closed';
  periodStart: string | null;
  periodEnd: string | null;
  statementKind: 'statement-of-action' | 'priority-action-draft';
  deadlineOverride: string | null;
  deadlineOverrideReason: string | null;
  confirmStatuses: Generated<boolean>;
  evidenceBeforeComplete: Generated<boolean>;
  openAsAt: string | null;
  impactTolerance: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PlanBoardTable {
  planId: string;
  boardId: string;
  position: number;
}

interface PlanOwned {
  planId: string;
  id: string;
  position: number;
}

export interface SectionTable extends PlanOwned {
  ref: string | null;
  title: string;
  category: 'priority' | 'improvement' | null;
}

export interface ThemeTable extends PlanOwned {
  kind: 'theme' | 'workstream';
  ref: string | null;
  title: string;
  sponsor: string | null;
  lead: string | null;
  commitments: Json<string[]>;
  successCriteria: Json<string[]>;
}

export interface RecommendationTable extends PlanOwned {
  ref: string | null;
  text: string;
  category: 'priority' | 'improvement' | null;
  judgementArea: string | null;
  sectionId: string | null;
  themeId: string | null;
  leads: Json<Lead[]>;
  due: Json<FuzzyDate | null>;
  dueEnd: string | null;
}

export interface ActionTable extends PlanOwned {
  recommendationId: string | null;
  themeId: string | null;
  ref: string | null;
  text: string;
  outcomes: string | null;
  leads: Json<Lead[]>;
  due: Json<FuzzyDate | null>;
  dueEnd: string | null;
  status: string | null;
  proposedStatus: string | null;
  evidence: string | null;
}

export interface ProgressUpdateTable extends PlanOwned {
  actionId: string;
  date: string;
  author: string;
  text: string;
  proposedStatus: string | null;
  suggestedStatus: string | null;
  evidence: Json<Evidence[]>;
}

export interface MeasureTable extends PlanOwned {
  ref: string | null;
  name: string;
  unit: string | null;
  direction: 'higher' | 'lower' | 'range';
  rangeLow: number | null;
  rangeHigh: number | null;
  lead: string | null;
  baseline: Json<MeasureValue | null>;
  targets: Json<MeasureTarget[]>;
  frequency: 'monthly' | 'quarterly' | 'annually' | null;
  actionIds: Json<string[]>;
  recommendationIds: Json<string[]>;
}

/** One value of a measure for one period and series ('actual' or a comparator's name). */
export interface MeasureValueTable extends PlanOwned {
  measureId: string;
  series: string;
  period: string | null;
  periodLabel: string | null;
  value: number | null;
  missing: string | null;
  provisional: boolean;
  note: string | null;
  source: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
}

export interface RiskTable extends PlanOwned {
  ref: string | null;
  threat: string;
  impactBefore: string | null;
  probabilityBefore: string | null;
  controls: string | null;
  controlActionIds: Json<string[]>;
  impactAfter: string | null;
  probabilityAfter: string | null;
  owner: string | null;
}

export interface CostTable extends PlanOwned {
  actionId: string | null;
  themeId: string | null;
  item: string;
  amountPence: number;
  recurrence: 'one-off' | 'recurrent';
  financialYear: string | null;
  staffing: 'agency' | 'permanent' | null;
  notes: string | null;
}

export interface ChangeLogTable {
  id: Generated<number>;
  planId: string;
  entity: string;
  entityId: string;
  op: 'create' | 'update' | 'delete';
  before: Json<Record<string, unknown> | null>;
  after: Json<Record<string, unknown> | null>;
  actor: string;
  at: string;
  reason: string | null;
  actorUserId: string | null;
}

/** A published board pack: its content frozen as it was published (reports/pack.types.ts). */
export interface BoardPackTable {
  id: Generated<string>;
  planId: string;
  boardId: string | null;
  boardName: string;
  meeting: string;
  asAt: string;
  publishedAt: Timestamp;
  publishedBy: string;
  publishedByUserId: string | null;
  content: Json<Record<string, unknown>>;
}

export type { BoardPackFileTable, PlanBudgetTable, PlanVersionTable };

export interface Database {
  appUser: AppUserTable;
  session: SessionTable;
  organisation: OrganisationTable;
  ragScheme: RagSchemeTable;
  board: BoardTable;
  inspection: InspectionTable;
  plan: PlanTable;
  planBoard: PlanBoardTable;
  section: SectionTable;
  theme: ThemeTable;
  recommendation: RecommendationTable;
  action: ActionTable;
  progressUpdate: ProgressUpdateTable;
  measure: MeasureTable;
  measureValue: MeasureValueTable;
  risk: RiskTable;
  cost: CostTable;
  changeLog: ChangeLogTable;
  boardPack: BoardPackTable;
  boardPackFile: BoardPackFileTable;
  planBudget: PlanBudgetTable;
  planVersion: PlanVersionTable;
  membership: MembershipTable;
  oneTimeToken: OneTimeTokenTable;
  oidcConfig: OidcConfigTable;
  userIdentity: UserIdentityTable;
  auditEvent: AuditEventTable;
  updateRound: UpdateRoundTable;
  updateRoundAction: UpdateRoundActionTable;
  roundUpdate: RoundUpdateTable;
  mailOutbox: MailOutboxTable;
  mailPreference: MailPreferenceTable;
  mailWeeklyDigest: MailWeeklyDigestTable;
}
