import { type Kysely, sql } from 'kysely';

// Frozen: this migration must never import application code or change once released.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A published pack's files (PDF, Word, Excel, CSV, the printable page), made once when
    -- it was published and served from here ever after: never rebuilt, never changed.
    create table board_pack_file (
      pack_id uuid not null references board_pack(id) on delete cascade,
      format text not null,
      content_type text not null,
      file_name text not null,
      bytes bytea not null,
      sha256 text not null,
      primary key (pack_id, format)
    );
    create function board_pack_file_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'a published pack''s files never change';
    end $$;
    create trigger board_pack_file_frozen before update on board_pack_file
      for each row execute function board_pack_file_frozen();
    -- A pack may only lose its board (the board removed: board_id set null); nothing else.
    create function board_pack_frozen() returns trigger language plpgsql as $$
    begin
      if (to_jsonb(new) - 'board_id') is distinct from (to_jsonb(old) - 'board_id') then
        raise exception 'a published pack never changes';
      end if;
      return new;
    end $$;
    create trigger board_pack_frozen before update on board_pack
      for each row execute function board_pack_frozen();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger board_pack_frozen on board_pack;
    drop function board_pack_frozen();
    drop table board_pack_file;
    drop function board_pack_file_frozen();
  `.execute(db);
}
