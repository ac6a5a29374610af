import { checkDecision, type DecisionFacts } from './status-decision.js';
import { actionLabels, labelRows } from '../actions/action-label.js';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { ChangeContext } from '../history/history.service.js';
import type { Lead } from '../db/schema.js';
import type { PlanContentService } from '../plans/content/plan-content.service.js';
import type { PlanService } from '../plans/plan.service.js';
import type { RoundService, UpdateCount } from '../rounds/round.service.js';
import { type EvidenceFileRepository, type EvidenceFileRow } from './evidence-file.repository.js';
import { formatSize } from './evidence-file.js';
import { ValidationError } from '../lib/errors.js';
import { isCompleteStatus } from './status-suggestion.js';
import type { StatusSuggestionService } from './status-suggestion.service.js';

export interface EvidenceUpload {
  fileName: string;
  mediaType: string;
  label: string;
  bytes: Uint8Array;
}

/** A progress update as the form gives it (validated by the content service). */
export interface UpdateInput {
  /** A chosen id (a form's once-only key), else one is made up. */
  id?: string;
  actionId: string;
  date: string;
  author: string;
  text: string;
  proposedStatus: string | null;
  evidence: Array<{ kind: 'link' | 'file' | 'note'; title: string; url: string | null }>;
}

/** Where a plan's evidence file is served. */
export const evidenceHref = (planId: string, fileId: string) =>
  `/plans/${planId}/evidence/${fileId}`;

/** Progress updates on actions, with their evidence: links, and files saved with the update. */
export class UpdateService {
  constructor(
    private readonly content: PlanContentService,
    private readonly plans: PlanService,
    private readonly files: EvidenceFileRepository,
    private readonly rounds: RoundService,
    private readonly suggestions: StatusSuggestionService,
  ) {}

  /** The action an update is for, its leads and the plan's status scheme (for the form). */
  async target(trx: Db, planId: string, actionId: string) {
    const action = await this.content.get(trx, planId, 'action', actionId);
    const view = await this.plans.get(trx, planId);
    // Its label needs the plan's structure, not its updates.
    const rows = await this.content.listAll(trx, planId, []);
    return {
      planId,
      label: actionLabels(labelRows(rows)).get(actionId) ?? 'Action',
      action: {
        id: action.id,
        ref: (action.ref as string | null) ?? null,
        text: String(action.text),
        leads: action.leads as Lead[],
      },
      scheme: view.scheme,
    };
  }

  /**
   * Adds a progress update and, if given, its file, in the caller's transaction. The file
   * becomes one evidence item of the update: a link to where it is served, titled with its
   * name, type and size ("audit.pdf (PDF, 240 KB)"). Returns where the update counts: in
   * the open round, or waiting for the next one when the last round has closed.
   */
  async add(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    update: UpdateInput,
    file: EvidenceUpload | null,
  ): Promise<UpdateCount> {
    const fileId = randomUUID();
    const name =
      file && file.fileName.length > 150 ? `${file.fileName.slice(0, 147)}...` : file?.fileName;
    const evidence = file
      ? [
          ...update.evidence,
          {
            kind: 'file',
            title: `${name} (${file.label}, ${formatSize(file.bytes.length)})`,
            url: evidenceHref(planId, fileId),
          },
        ]
      : update.evidence;
    await this.checkCompletionEvidence(trx, planId, update.proposedStatus, evidence);
    // The rules' suggestion is kept with the update, beside the lead's proposal.
    const suggested = await this.suggestions.withUpdate(trx, planId, { ...update, evidence });
    const row = await this.content.add(trx, ctx, planId, 'update', {
      ...update,
      evidence,
      suggestedStatus: suggested?.code ?? null,
    });
    if (update.proposedStatus)
      await this.propose(trx, ctx, planId, update.actionId, update.proposedStatus);
    const counted = await this.rounds.countUpdate(trx, planId, update.actionId, String(row.id));
    if (!file) return counted;
    await this.files.insert(trx, {
      id: fileId,
      planId,
      updateId: String(row.id),
      actionId: update.actionId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      size: file.bytes.length,
      bytes: file.bytes,
      createdAt: ctx.at,
    });
    return counted;
  }

  /**
   * A plan that needs evidence before an action is marked complete refuses an update that
   * proposes a complete status with no link or file.
   */
  private async checkCompletionEvidence(
    trx: Db,
    planId: string,
    proposed: string | null,
    evidence: ReadonlyArray<{ kind: string }>,
  ) {
    const { plan, scheme } = await this.plans.get(trx, planId);
    if (!plan.evidenceBeforeComplete || !isCompleteStatus(scheme.statuses, proposed)) return;
    if (evidence.some((e) => e.kind === 'link' || e.kind === 'file')) return;
    const label = scheme.statuses.find((s) => s.code === proposed)?.label ?? 'complete';
    throw new ValidationError(
      [
        {
          path: 'completionEvidence',
          message: `Give a link or attach a file as evidence: this plan needs evidence before an action is marked ${label}`,
        },
      ],
      'update',
    );
  }

  /**
   * A status proposed in an update becomes the action's status, unless the plan asks for a
   * manager's confirmation: then it waits beside the action's status (proposedStatus) until
   * confirmed or changed. Proposing the status the action already has leaves nothing waiting.
   */
  private async propose(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    actionId: string,
    code: string,
  ) {
    const { plan } = await this.plans.get(trx, planId);
    const action = await this.content.get(trx, planId, 'action', actionId);
    const patch = !plan.confirmStatuses
      ? { status: code, proposedStatus: null }
      : { proposedStatus: code === action.status ? null : code };
    if (Object.entries(patch).every(([k, v]) => (action[k] ?? null) === v)) return;
    await this.content.update(trx, ctx, planId, 'action', actionId, patch);
  }

  /**
   * A manager's decision on a proposed status: `status` (the proposal, or another status of
   * the scheme) becomes the action's, and nothing is left waiting. With `version` (what the
   * form read, decisionVersion), an action whose status or proposal changed since is refused
   * (EditConflict); without, one with nothing waiting is (someone else has decided).
   */
  async decide(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    actionId: string,
    status: string,
    options: { version?: string } = {},
  ) {
    const action = await this.content.get(trx, planId, 'action', actionId, { lock: true });
    checkDecision(action as DecisionFacts & typeof action, options.version);
    await this.content.update(trx, ctx, planId, 'action', actionId, {
      status,
      proposedStatus: null,
    });
  }

  /** One file of a plan; undefined when the plan has no such file. */
  find(trx: Db, planId: string, fileId: string): Promise<EvidenceFileRow | undefined> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fileId)) {
      return Promise.resolve(undefined);
    }
    return this.files.find(trx, planId, fileId);
  }
}
