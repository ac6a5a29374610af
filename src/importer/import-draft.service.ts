import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.js';
import type { ChangeContext } from '../history/history.service.js';
import type { ImportDraftRepository, DraftState } from './import-draft.repository.js';
import type { ImportService } from './import.service.js';
import type { DraftPlan } from './import.types.js';

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

export type ConfirmOutcome = { kind: 'created'; planId: string } | OpenDraft;

/**
 * Drafts under review: kept for their person only, until confirmed (the plan is saved and
 * the draft emptied), abandoned (deleted) or expired (purged). Nothing of the plan exists
 * before confirmation.
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

  async saveState(trx: Db, id: string, state: DraftState): Promise<void> {
    await this.drafts.saveState(trx, id, state);
  }

  /**
   * Saves the draft as a new plan of the draft's council, in the caller's transaction. The
   * row is locked first, so a second "Confirm" waits and then finds the plan already made.
   * The council comes from the draft's owner, never from the document.
   */
  async confirm(
    trx: Db,
    ctx: ChangeContext,
    key: DraftKey,
    council: { slug: string; name: string },
  ): Promise<ConfirmOutcome> {
    const found = await this.open(trx, ctx.at, key, true);
    if (found.kind !== 'open') return found;
    const { document, warnings } = found.state;
    const planId = await this.importer.save(trx, ctx, {
      document: { ...document, organisation: { slug: council.slug, name: council.name } },
      warnings,
    });
    await this.drafts.markConfirmed(trx, key.id, planId);
    return { kind: 'created', planId };
  }

  /** Deletes the draft; nothing of it remains. */
  async abandon(trx: Db, key: DraftKey): Promise<void> {
    if (!UUID.test(key.id)) return;
    const row = await this.drafts.find(trx, key);
    if (row?.state) await this.drafts.remove(trx, key.id);
  }
}
