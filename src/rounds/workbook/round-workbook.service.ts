import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { ChangeContext } from '../../history/history.service.js';
import { ConflictError, NotFoundError } from '../../lib/errors.js';
import { formatDate, leadNames } from '../../lib/format.js';
import type { PlanDocumentService } from '../../plans/document/plan-document.service.js';
import type { PlanService } from '../../plans/plan.service.js';
import type { UpdateService } from '../../updates/update.service.js';
import type { RoundService } from '../round.service.js';
import { updateHeader } from './round-workbook.js';
import { type CheckFacts, checkRows } from './workbook-check.js';
import type { WorkbookUploadRepository } from './workbook-upload.repository.js';
import {
  type ReadRow,
  type SheetFacts,
  UPLOAD_LIFETIME_HOURS,
  type UploadState,
} from './workbook.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface UploadKey {
  id: string;
  planId: string;
  roundId: string;
  userId: string;
}

export type OpenUpload =
  | { kind: 'open'; fileName: string; state: UploadState }
  | { kind: 'confirmed'; count: number }
  | { kind: 'gone' };

/**
 * Updates by spreadsheet: a round's workbook (per lead, or the whole round), and a returned
 * one checked, kept until its manager confirms, then saved as updates in the round, all in
 * the caller's transaction. Confirming twice saves once.
 */
export class RoundWorkbookService {
  constructor(
    private readonly uploads: WorkbookUploadRepository,
    private readonly rounds: RoundService,
    private readonly updates: UpdateService,
    private readonly plans: PlanService,
    private readonly documents: PlanDocumentService,
  ) {}

  /** The round's lead names, as the round page lists them (actions without a lead have none). */
  async leads(trx: Db, planId: string, roundId: string): Promise<string[]> {
    const { actions } = await this.rounds.progress(trx, planId, roundId);
    return [...new Set(actions.flatMap((a) => a.leads.map((l) => l.name)))].sort((a, b) =>
      a.localeCompare(b),
    );
  }

  /** What the workbook for one lead (or, with null, the whole round) holds; NotFound for an unknown lead. */
  async sheet(trx: Db, planId: string, roundId: string, lead: string | null): Promise<SheetFacts> {
    const { round, actions } = await this.rounds.progress(trx, planId, roundId);
    const mine = lead ? actions.filter((a) => a.leads.some((l) => l.name === lead)) : actions;
    if (lead && !mine.length) throw new NotFoundError('No action in this round has that lead');
    const view = await this.plans.get(trx, planId);
    const doc = await this.documents.export(trx, planId);
    const labelOf = new Map(view.scheme.statuses.map((s) => [s.code, s.label]));
    const recs = new Map(doc.recommendations.map((r) => [r.id, r]));
    const byId = new Map(doc.actions.map((a) => [a.id, a]));
    const rows = mine.map((a) => {
      const action = byId.get(a.id);
      const rec = recs.get(action?.recommendationId ?? '');
      const last = doc.updates
        .filter((u) => u.actionId === a.id)
        .sort((x, y) => x.date.localeCompare(y.date))
        .at(-1);
      return {
        actionId: a.id,
        reference: action?.ref ?? '',
        recommendation: rec ? [rec.ref, rec.text].filter(Boolean).join(': ') : '',
        action: a.text,
        lead: lead ?? (a.leads.length ? leadNames(a.leads) : ''),
        due: a.due?.text.trim() || 'No due date',
        status: a.status ? (labelOf.get(a.status) ?? a.status) : 'No status',
        lastDate: last ? formatDate(last.date) : 'No update yet',
        lastText: last?.text ?? '',
      };
    });
    return {
      planId,
      planTitle: view.plan.title,
      roundId: round.id,
      roundName: round.name,
      lead,
      deadline: round.deadline,
      statuses: view.scheme.statuses.map((s) => ({ label: s.label, meaning: s.meaning })),
      rows,
    };
  }

  /**
   * Checks a returned workbook's rows and keeps what it would save for its person (nothing
   * is saved as updates yet). Refused whole: a closed round, another plan's or round's
   * workbook, or nothing filled in.
   */
  async receive(
    trx: Db,
    now: string,
    key: Omit<UploadKey, 'id'>,
    fileName: string,
    rows: ReadRow[],
  ): Promise<{ kind: 'kept'; id: string } | { kind: 'refused'; message: string }> {
    const round = await this.rounds.get(trx, key.planId, key.roundId);
    if (round.closedAt)
      return {
        kind: 'refused',
        message: `‘${round.name}’ has closed, so its workbook can no longer be uploaded. Open the next round and upload its workbook`,
      };
    const checked = checkRows(rows, await this.checkFacts(trx, key.planId, key.roundId));
    if (checked.kind === 'refused') return checked;
    await this.uploads.purgeExpired(trx, now);
    const id = randomUUID();
    const expiresAt = new Date(Date.parse(now) + UPLOAD_LIFETIME_HOURS * 3600_000).toISOString();
    await this.uploads.insert(trx, {
      id,
      ...key,
      fileName,
      state: checked.state,
      createdAt: now,
      expiresAt,
    });
    return { kind: 'kept', id };
  }

  /** This person's upload, if it is still kept (or was confirmed, with how many it saved). */
  async open(trx: Db, now: string, key: UploadKey, lock = false): Promise<OpenUpload> {
    if (!UUID.test(key.id)) return { kind: 'gone' };
    const row = await this.uploads.find(trx, key, lock);
    if (!row) return { kind: 'gone' };
    if (row.confirmedAt) return { kind: 'confirmed', count: row.savedCount ?? 0 };
    if (row.expiresAt <= now) return { kind: 'gone' };
    return { kind: 'open', fileName: row.fileName, state: row.state };
  }

  /**
   * Saves every row that can be saved as an update in the round, authored by the lead the
   * row names, in the caller's transaction. The upload is locked first, so a second
   * confirmation waits and then finds it saved. ConflictError when the round has closed.
   */
  async confirm(trx: Db, ctx: ChangeContext, key: UploadKey): Promise<OpenUpload> {
    const found = await this.open(trx, ctx.at, key, true);
    if (found.kind !== 'open') return found;
    const round = await this.rounds.get(trx, key.planId, key.roundId);
    if (round.closedAt)
      throw new ConflictError(`‘${round.name}’ has closed: these updates were not saved`);
    const stem = `wb-${key.id.replace(/-/g, '')}`;
    for (const row of found.state.rows) {
      await this.updates.add(
        trx,
        ctx,
        key.planId,
        {
          id: `${stem}-${row.row}`,
          actionId: row.actionId,
          date: ctx.at.slice(0, 10),
          author: row.author,
          text: row.text,
          proposedStatus: row.status,
          evidence: row.evidence
            ? [
                {
                  kind: 'link',
                  title: row.evidence.length <= 200 ? row.evidence : 'Evidence link',
                  url: row.evidence,
                },
              ]
            : [],
        },
        null,
      );
    }
    await this.uploads.markConfirmed(trx, key.id, ctx.at, found.state.rows.length);
    return { kind: 'confirmed', count: found.state.rows.length };
  }

  private async checkFacts(trx: Db, planId: string, roundId: string): Promise<CheckFacts> {
    const round = await this.rounds.get(trx, planId, roundId);
    const { actions } = await this.rounds.progress(trx, planId, roundId);
    const covered = new Set(actions.map((a) => a.id));
    const all = await this.rounds.actions(trx, planId);
    const { scheme } = await this.plans.get(trx, planId);
    const rounds = await this.rounds.list(trx, planId);
    return {
      planId,
      roundId,
      roundName: round.name,
      otherRounds: new Map(rounds.filter((r) => r.id !== roundId).map((r) => [r.id, r.name])),
      actions: new Map(
        all.map((a) => [a.id, { label: a.label, text: a.text, covered: covered.has(a.id) }]),
      ),
      statuses: scheme.statuses.map((s) => ({ code: s.code, label: s.label })),
      updateHeader: updateHeader(round.name),
      saved: new Map(
        actions.map((a) => [
          a.id,
          new Set(a.updates.map((u) => u.text.replace(/\s+/g, ' ').trim())),
        ]),
      ),
    };
  }
}
