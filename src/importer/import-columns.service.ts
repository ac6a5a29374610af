import type { Db } from '../db/database.js';
import type { ColumnMappingRepository } from './column-mapping.repository.js';
import type { DraftKey, ImportDraftService, OpenDraft } from './import-draft.service.js';
import type { ImportDraftRepository } from './import-draft.repository.js';
import type { ImportService, ReadingChoices } from './import.service.js';
import type { StatusMappingRepository } from './status-mapping.repository.js';
import { placeWarnings } from './import-warning-places.js';
import {
  type ColumnMapping,
  describeLayouts,
  type LayoutView,
} from './interpret/column-mapping.js';
import type { StatusReading } from './import.types.js';

/** A draft's table layouts as the mapping step shows them, or why the draft is not open. */
export type DraftLayouts =
  | (Extract<OpenDraft, { kind: 'open' }> & { layouts: LayoutView[] | null })
  | Exclude<OpenDraft, { kind: 'open' }>;

/** A draft's status words as the review shows them, or why the draft is not open. */
export type DraftStatuses =
  | (Extract<OpenDraft, { kind: 'open' }> & {
      readings: StatusReading[] | null;
      scheme: ReadonlyArray<{ code: string; label: string }>;
    })
  | Exclude<OpenDraft, { kind: 'open' }>;

/**
 * The reading choices of an import: the roles the importer gave each table layout's columns
 * and the status each status word was read as, and a person's choices, kept with the council
 * and applied by reading the same upload again. A re-read replaces the draft (and any
 * corrections made to it).
 */
export class ImportColumnsService {
  constructor(
    private readonly mappings: ColumnMappingRepository,
    private readonly statusMappings: StatusMappingRepository,
    private readonly drafts: ImportDraftService,
    private readonly draftRows: ImportDraftRepository,
    private readonly importer: ImportService,
  ) {}

  /** The council's kept choices (column mappings and status words), to read an upload with. */
  async forCouncil(trx: Db, organisationId: string): Promise<ReadingChoices> {
    return {
      columns: await this.mappings.forCouncil(trx, organisationId),
      statuses: await this.statusMappings.forCouncil(trx, organisationId),
    };
  }

  /** The open draft's layouts (null for a draft kept before drafts held what was read). */
  async layouts(trx: Db, now: string, key: DraftKey): Promise<DraftLayouts> {
    const found = await this.drafts.open(trx, now, key);
    if (found.kind !== 'open') return found;
    const source = found.state.source;
    if (!source) return { ...found, layouts: null };
    const kept = await this.mappings.forCouncil(trx, key.organisationId);
    return { ...found, layouts: describeLayouts(source, kept) };
  }

  /**
   * The open draft's status words and how each was read, with the plan's RAG scheme to
   * choose from (null readings for a draft kept before drafts held them).
   */
  async statuses(trx: Db, now: string, key: DraftKey): Promise<DraftStatuses> {
    const found = await this.drafts.open(trx, now, key);
    if (found.kind !== 'open') return found;
    const readings = found.state.source ? (found.state.statuses ?? []) : null;
    return { ...found, readings, scheme: found.state.document.ragScheme.statuses };
  }

  /**
   * Keeps the chosen meanings of status words with the council and reads the draft's upload
   * again with all the council's choices, in the caller's transaction.
   */
  async chooseStatuses(
    trx: Db,
    now: string,
    key: DraftKey,
    chosen: Array<{ key: string; code: string | null }>,
  ): Promise<OpenDraft> {
    const found = await this.drafts.open(trx, now, key, true);
    if (found.kind !== 'open' || !found.state.source) return found;
    for (const { key: words, code } of chosen)
      await this.statusMappings.save(trx, {
        organisationId: key.organisationId,
        words,
        code,
        chosenBy: key.userId,
        chosenAt: now,
      });
    return this.readAgain(trx, key, found);
  }

  private async readAgain(
    trx: Db,
    key: DraftKey,
    found: Extract<OpenDraft, { kind: 'open' }>,
  ): Promise<OpenDraft> {
    const source = found.state.source;
    if (!source) return found;
    const all = await this.forCouncil(trx, key.organisationId);
    const draft = this.importer.reread(source, found.fileName, all);
    const state = { ...draft, source, changed: [], places: placeWarnings(draft) };
    await this.draftRows.saveState(trx, key.id, state);
    return { ...found, state };
  }

  /**
   * Keeps the chosen mappings with the council and reads the draft's upload again with all
   * the council's mappings, in the caller's transaction. The importer's refusal (no plan
   * table any more) is thrown, so the caller's transaction writes nothing.
   */
  async reread(
    trx: Db,
    now: string,
    key: DraftKey,
    chosen: Array<{ signature: string; mapping: ColumnMapping }>,
  ): Promise<OpenDraft> {
    const found = await this.drafts.open(trx, now, key, true);
    if (found.kind !== 'open' || !found.state.source) return found;
    for (const { signature, mapping } of chosen)
      await this.mappings.save(trx, {
        organisationId: key.organisationId,
        signature,
        mapping,
        chosenBy: key.userId,
        chosenAt: now,
      });
    return this.readAgain(trx, key, found);
  }
}
