import type { Db } from '../../db/database.js';
import type { ChangeContext } from '../../history/history.service.js';
import type { PlanDocumentService } from '../../plans/document/plan-document.service.js';
import type { MeasureValueService } from '../measure-value.service.js';
import { readValueCsv, UnreadableCsv } from './value-csv.js';
import { type CheckedRows, checkRows, type UploadEntry } from './value-rows.js';
import type { MeasureUploadRow, ValueUploadRepository } from './value-upload.repository.js';

// A file of measure values: checked against the plan, kept (web) until the person confirms
// the rows that can be saved, then saved in the caller's one transaction. The CLI checks and
// saves the same way, without keeping the file.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a file held for a plan: its rows checked, or why it could not be read at all. */
export type FileCheck = ({ kind: 'read' } & CheckedRows) | { kind: 'unreadable'; message: string };

export interface UploadKey {
  id: string;
  planId: string;
  userId: string;
}

/** What saving rows did: values added, values corrected, and rows that held what was there. */
export interface Saved {
  added: number;
  corrected: number;
  unchanged: number;
}

export type Confirmed =
  ({ kind: 'saved' } & Saved) | { kind: 'already'; saved: number } | { kind: 'gone' };

export class ValueUploadService {
  constructor(
    private readonly uploads: ValueUploadRepository,
    private readonly documents: PlanDocumentService,
    private readonly values: MeasureValueService,
  ) {}

  /** The file's rows checked against the plan's measures and time; nothing is saved. */
  async check(trx: Db, planId: string, bytes: Uint8Array): Promise<FileCheck> {
    let read;
    try {
      read = readValueCsv(bytes);
    } catch (error) {
      if (error instanceof UnreadableCsv) return { kind: 'unreadable', message: error.message };
      throw error;
    }
    const doc = await this.documents.export(trx, planId);
    const facts = {
      measures: doc.measures,
      series: [...new Set(doc.measureValues.map((v) => v.series))],
      span: doc.plan,
    };
    return { kind: 'read', ...checkRows(read, facts) };
  }

  /** Checks the file and keeps what was found until it is confirmed; returns its id. */
  async preview(
    trx: Db,
    now: string,
    key: Omit<UploadKey, 'id'>,
    fileName: string,
    bytes: Uint8Array,
  ): Promise<{ kind: 'kept'; id: string } | { kind: 'unreadable'; message: string }> {
    const checked = await this.check(trx, key.planId, bytes);
    if (checked.kind === 'unreadable') return checked;
    const id = await this.uploads.insert(trx, {
      ...key,
      fileName,
      entries: checked.entries,
      problems: checked.problems,
      createdAt: now,
    });
    return { kind: 'kept', id };
  }

  /** This person's upload to this plan, if there is one. */
  async open(trx: Db, key: UploadKey): Promise<MeasureUploadRow | null> {
    if (!UUID.test(key.id)) return null;
    return (await this.uploads.find(trx, key)) ?? null;
  }

  /** Saves the upload's rows once: a second confirmation finds it already saved. */
  async confirm(
    trx: Db,
    ctx: ChangeContext,
    key: UploadKey,
    enteredBy: string,
  ): Promise<Confirmed> {
    if (!UUID.test(key.id)) return { kind: 'gone' };
    const row = await this.uploads.find(trx, key, true);
    if (!row) return { kind: 'gone' };
    if (row.confirmedAt !== null) return { kind: 'already', saved: row.saved ?? 0 };
    const saved = await this.save(trx, ctx, key.planId, row.entries, enteredBy);
    await this.uploads.markConfirmed(trx, row.id, ctx.at, saved.added + saved.corrected);
    return { kind: 'saved', ...saved };
  }

  /** Records each entry (adding, or correcting the value held for its period and series). */
  async save(
    trx: Db,
    ctx: ChangeContext,
    planId: string,
    entries: readonly UploadEntry[],
    enteredBy: string,
  ): Promise<Saved> {
    const saved: Saved = { added: 0, corrected: 0, unchanged: 0 };
    for (const e of entries) {
      const { corrected, unchanged } = await this.values.record(trx, ctx, planId, {
        measureId: e.measureId,
        series: e.series,
        period: e.period,
        periodLabel: e.periodLabel,
        value: e.value,
        missing: e.missing,
        provisional: e.provisional,
        note: e.note,
        source: 'CSV upload',
        enteredBy,
      });
      if (corrected) saved.corrected += 1;
      else if (unchanged) saved.unchanged += 1;
      else saved.added += 1;
    }
    return saved;
  }
}
