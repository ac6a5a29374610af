import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { ChangeContext } from '../history/history.service.js';
import { NotFoundError } from '../lib/errors.js';
import type { Progress } from '../plans/document/plan-document.service.js';
import {
  type CorrectableKind,
  type CorrectableRow,
  type Correction,
  correctableRow,
  withCorrection,
} from './import-correction.js';
import type { ImportDraftRepository, DraftState } from './import-draft.repository.js';
import type { ImportService } from './import.service.js';
import type { DraftPlan } from './import.types.js';
import { nextVersionLabel } from './plan-versions.js';

/** How long an unconfirmed draft is kept before it is purged. */
export const DRAFT_LIFETIME_HOURS = 24;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DraftKey {
  id: string;
  userId: string;
  organisationId: string;
}

export type OpenDraft =
  | { kind: 'open'; fileName: string; state: DraftState }
  | { kind: 'confirmed'; planId: string }
  | { kind: 'gone' };

/** The council already has a plan of the draft's title; `asVersion` is the label a new version would get. */
export interface Duplicate {
  kind: 'duplicate';
  title: string;
  asVersion: string;
}

/** What saving a draft as a new plan did: made it, or left it for a person to choose. */
export type SaveOutcome = { kind: 'created'; planId: string } | Duplicate;

export type ConfirmOutcome = SaveOutcome | OpenDraft;

/** A draft's row to correct, or why the draft is not open. */
export type DraftRowFound =
  | (Extract<OpenDraft, { kind: 'open' }> & { rowKind: CorrectableKind; row: CorrectableRow })
  | Exclude<OpenDraft, { kind: 'open' }>;

/**
 * Drafts under review: kept for their person only, until confirmed (the plan is saved and
 * the draft emptied), abandoned (deleted) or expired (purged). Nothing of the plan exists
 * before confirmation. Saving any draft as a plan (here, or from the CLI) checks first that
 * the council has no plan of the same title, unless it is to be a new version.
 */
export class ImportDraftService {
  constructor(
    private readonly drafts: ImportDraftRepository,
    private readonly importer: ImportService,
  ) {}

  /** Keeps a new draft for `userId` in a council; returns its id. Purges expired drafts first. */
  async create(
    trx: Db,
    now: string,
    owner: { userId: string; organisationId: string },
    fileName: string,
    draft: DraftPlan,
    places: DraftState['places'],
  ): Promise<string> {
    await this.drafts.purgeExpired(trx, now);
    const id = randomUUID();
    const expiresAt = new Date(Date.parse(now) + DRAFT_LIFETIME_HOURS * 3600_000).toISOString();
    await this.drafts.insert(trx, {
      id,
      ...owner,
      fileName,
      state: { ...draft, changed: [], places },
      createdAt: now,
      expiresAt,
    });
    return id;
  }

  /** The draft if it is this person's, in this council, and not expired. */
  async open(trx: Db, now: string, key: DraftKey, lock = false): Promise<OpenDraft> {
    if (!UUID.test(key.id)) return { kind: 'gone' };
    const row = await this.drafts.find(trx, key, lock);
    if (!row || row.expiresAt <= now) return { kind: 'gone' };
    if (!row.state)
      return row.planId ? { kind: 'confirmed', planId: row.planId } : { kind: 'gone' };
    return { kind: 'open', fileName: row.fileName, state: row.state };
  }

  /**
   * One row of this person's open draft, to correct. Throws NotFoundError when the draft is
   * open but has no such row (or `kind` is none).
   */
  async row(
    trx: Db,
    now: string,
    key: DraftKey,
    kind: CorrectableKind | null,
    rowId: string,
    lock = false,
  ): Promise<DraftRowFound> {
    const found = await this.open(trx, now, key, lock);
    if (found.kind !== 'open') return found;
    const row = correctableRow(found.state, kind, rowId);
    if (!kind || !row) throw new NotFoundError('This draft has no such row');
    return { ...found, rowKind: kind, row };
  }

  /**
   * Keeps a person's correction of one row with their open draft, in the caller's
   * transaction, and marks the row as corrected. The draft is locked first, so a correction
   * and a confirmation never cross.
   */
  async correct(
    trx: Db,
    now: string,
    key: DraftKey,
    kind: CorrectableKind,
    rowId: string,
    correction: Correction,
  ): Promise<DraftRowFound> {
    const found = await this.row(trx, now, key, kind, rowId, true);
    if (found.kind !== 'open') return found;
    await this.drafts.saveState(trx, key.id, withCorrection(found.state, kind, rowId, correction));
    return found;
  }

  /**
   * Saves the draft as a new plan of the draft's council, in the caller's transaction. The
   * row is locked first, so a second "Confirm" waits and then finds the plan already made.
   * The council comes from the draft's owner, never from the document. When the council
   * already has a plan of the same title, nothing is written unless `asNewVersion`.
   */
  async confirm(
    trx: Db,
    ctx: ChangeContext,
    key: DraftKey,
    council: { slug: string; name: string },
    asNewVersion = false,
  ): Promise<ConfirmOutcome> {
    const found = await this.open(trx, ctx.at, key, true);
    if (found.kind !== 'open') return found;
    const { document, warnings } = found.state;
    const outcome = await this.saveNew(
      trx,
      ctx,
      {
        document: { ...document, organisation: { slug: council.slug, name: council.name } },
        warnings,
      },
      { asNewVersion },
    );
    if (outcome.kind === 'created') await this.drafts.markConfirmed(trx, key.id, outcome.planId);
    return outcome;
  }

  /**
   * The plan of the same title the draft's council (`councilSlug`) already has, compared
   * without case or surrounding spaces, with the label a new version would get; else null.
   */
  async duplicateOf(
    trx: Db,
    councilSlug: string,
    plan: { title: string; versionLabel: string | null },
  ): Promise<Duplicate | null> {
    const existing = await this.drafts.plansTitled(trx, councilSlug, plan.title);
    if (existing.length === 0) return null;
    const asVersion = nextVersionLabel(existing, plan.versionLabel);
    return { kind: 'duplicate', title: plan.title, asVersion };
  }

  /**
   * Saves a draft as a new plan of the document's council, in the caller's transaction,
   * unless that council already has a plan of the same title: then nothing is written and
   * the duplicate is returned, or, with `asNewVersion`, the plan is saved as the next version.
   */
  async saveNew(
    trx: Db,
    ctx: ChangeContext,
    draft: DraftPlan,
    options: { asNewVersion: boolean; progress?: Progress },
  ): Promise<SaveOutcome> {
    const { plan, organisation } = draft.document;
    const duplicate = await this.duplicateOf(trx, organisation.slug, plan);
    if (duplicate && !options.asNewVersion) return duplicate;
    const document = duplicate
      ? { ...draft.document, plan: { ...plan, versionLabel: duplicate.asVersion } }
      : draft.document;
    const planId = await this.importer.save(trx, ctx, { ...draft, document }, options.progress);
    return { kind: 'created', planId };
  }

  /** Deletes the draft; nothing of it remains. */
  async abandon(trx: Db, key: DraftKey): Promise<void> {
    if (!UUID.test(key.id)) return;
    const row = await this.drafts.find(trx, key);
    if (row?.state) await this.drafts.remove(trx, key.id);
  }
}
