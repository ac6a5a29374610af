import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

/**
 * How each kept table finds the councils a change touches, from its changed rows (the
 * statement's transition table, `changed`). Tables not listed here change nothing a page
 * shows: sessions, the audit trail and access log, sign-in attempts in flight, the weekly
 * digest's bookkeeping and the migrations' own tables.
 */
const COUNCILS_OF: Record<string, string> = {
  organisation: `select id from changed`,
  app_user: `select m.organisation_id from changed c join membership m on m.user_id = c.id
             union select d.organisation_id from changed c join deactivated_member d on d.user_id = c.id`,
  rag_scheme: `select organisation_id from changed where organisation_id is not null
               union select p.organisation_id from changed c join plan p on p.rag_scheme_id = c.id`,
  board_pack_file: `select p.organisation_id from changed c join board_pack b on b.id = c.pack_id
                    join plan p on p.id = b.plan_id`,
};
const BY_ORGANISATION = [
  'plan',
  'board',
  'inspection',
  'membership',
  'deactivated_member',
  'import_draft',
  'import_column_mapping',
  'import_status_mapping',
  'oidc_config',
];
const BY_PLAN = [
  'action',
  'board_pack',
  'change_log',
  'cost',
  'evidence_file',
  'mail_outbox',
  'measure',
  'measure_upload',
  'measure_value',
  'plan_board',
  'plan_budget',
  'plan_stage',
  'plan_version',
  'progress_update',
  'recommendation',
  'risk',
  'round_update',
  'round_workbook_upload',
  'section',
  'theme',
  'update_round',
  'update_round_action',
];
const BY_USER = ['mail_preference', 'user_identity', 'one_time_token'];

function councilsOf(table: string): string {
  if (COUNCILS_OF[table]) return COUNCILS_OF[table];
  if (BY_ORGANISATION.includes(table)) return `select organisation_id from changed`;
  if (BY_PLAN.includes(table)) {
    return `select p.organisation_id from changed c join plan p on p.id = c.plan_id`;
  }
  return `select m.organisation_id from changed c join membership m on m.user_id = c.user_id
          union select d.organisation_id from changed c join deactivated_member d on d.user_id = c.user_id`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A number per council that moves whenever a change to anything its pages show commits,
    -- so that a server process can keep a page it made and know, with one read by key, that
    -- it is still true (other processes on the same database included). It is moved at
    -- commit (a deferred trigger), so writers take its row lock only for the moment their
    -- transaction ends, after every other lock they need: no deadlock, no waiting behind a
    -- long transaction. Not data: a backup leaves it out and a restore moves it on.
    create table organisation_revision (
      organisation_id uuid primary key,
      revision bigint not null
    );

    -- The councils a transaction has changed so far, one row per transaction and council;
    -- each row, at commit, moves its council's revision and is removed.
    create table revision_pending (
      txid bigint not null,
      organisation_id uuid not null,
      primary key (txid, organisation_id)
    );

    create function g2g_move_revision() returns trigger language plpgsql as $$
    begin
      insert into organisation_revision (organisation_id, revision)
      values (new.organisation_id, 1)
      on conflict (organisation_id)
        do update set revision = organisation_revision.revision + 1;
      delete from revision_pending
      where txid = new.txid and organisation_id = new.organisation_id;
      return null;
    end $$;

    create constraint trigger revision_at_commit
      after insert on revision_pending
      deferrable initially deferred
      for each row execute function g2g_move_revision();

    -- An action's own updates, for its page and a lead's round page, without reading the
    -- plan's others (36 a year against 10,800 in three years of a 300-action plan).
    create index progress_update_action_idx on progress_update (plan_id, action_id, position);
  `.execute(db);

  for (const table of [...Object.keys(COUNCILS_OF), ...BY_ORGANISATION, ...BY_PLAN, ...BY_USER]) {
    const fn = `g2g_changed_${table}`;
    await sql`
      create function ${sql.id(fn)}() returns trigger language plpgsql as $$
      begin
        insert into revision_pending (txid, organisation_id)
        select distinct txid_current(), organisation_id
        from (${sql.raw(councilsOf(table))}) as touched (organisation_id)
        where organisation_id is not null
        on conflict do nothing;
        return null;
      end $$;
    `.execute(db);
    for (const [event, rows] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      await sql`
        create trigger ${sql.id(`${table}_${event}_revision`)}
          after ${sql.raw(event)} on ${sql.id(table)}
          referencing ${sql.raw(rows)} table as changed
          for each statement execute function ${sql.id(fn)}();
      `.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...Object.keys(COUNCILS_OF), ...BY_ORGANISATION, ...BY_PLAN, ...BY_USER]) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger ${sql.id(`${table}_${event}_revision`)} on ${sql.id(table)}`.execute(
        db,
      );
    }
    await sql`drop function ${sql.id(`g2g_changed_${table}`)}()`.execute(db);
  }
  await sql`
    drop index progress_update_action_idx;
    drop table revision_pending;
    drop function g2g_move_revision();
    drop table organisation_revision;
  `.execute(db);
}
