import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { OidcConfigTable } from '../db/schema.js';

/** A single sign-on in progress (table oidc_sign_in, migration 2026-11-27T0410). */
export interface OidcSignInTable {
  id: string;
  organisationId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: string;
}

export type OidcConfigRow = Selectable<OidcConfigTable>;
export type OidcSignInRow = OidcSignInTable;

/** A council with its single sign-on settings. */
export interface CouncilSso extends OidcConfigRow {
  slug: string;
  name: string;
}

// The in-progress table is only used here, so its type is added locally rather than to schema.ts.
const withSignIns = (trx: Db) => trx.withTables<{ oidcSignIn: OidcSignInTable }>();

/** All SQL for single sign-on: councils' provider settings, linked identities, sign-ins in progress. */
export class OidcRepository {
  findCouncilSso(trx: Db, slug: string): Promise<CouncilSso | undefined> {
    return trx
      .selectFrom('organisation')
      .innerJoin('oidcConfig', 'oidcConfig.organisationId', 'organisation.id')
      .select([
        'organisation.slug',
        'organisation.name',
        'oidcConfig.organisationId',
        'oidcConfig.issuer',
        'oidcConfig.clientId',
        'oidcConfig.clientSecret',
        'oidcConfig.enabled',
      ])
      .where('organisation.slug', '=', slug)
      .executeTakeFirst();
  }

  enabledCouncils(trx: Db): Promise<Array<{ slug: string; name: string }>> {
    return trx
      .selectFrom('organisation')
      .innerJoin('oidcConfig', 'oidcConfig.organisationId', 'organisation.id')
      .select(['organisation.slug', 'organisation.name'])
      .where('oidcConfig.enabled', '=', true)
      .orderBy('organisation.name')
      .execute();
  }

  async saveConfig(trx: Db, row: OidcConfigRow): Promise<void> {
    await trx
      .insertInto('oidcConfig')
      .values(row)
      .onConflict((oc) =>
        oc.column('organisationId').doUpdateSet({
          issuer: row.issuer,
          clientId: row.clientId,
          clientSecret: row.clientSecret,
          enabled: row.enabled,
        }),
      )
      .execute();
  }

  async disable(trx: Db, organisationId: string): Promise<boolean> {
    const rows = await trx
      .updateTable('oidcConfig')
      .set({ enabled: false })
      .where('organisationId', '=', organisationId)
      .returning('organisationId')
      .execute();
    return rows.length > 0;
  }

  async linkedUserId(trx: Db, issuer: string, subject: string): Promise<string | undefined> {
    const row = await trx
      .selectFrom('userIdentity')
      .select('userId')
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row?.userId;
  }

  async link(trx: Db, issuer: string, subject: string, userId: string): Promise<void> {
    await trx.insertInto('userIdentity').values({ issuer, subject, userId }).execute();
  }

  findUser(trx: Db, id: string) {
    return trx.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertSignIn(trx: Db, row: OidcSignInRow, now: string): Promise<void> {
    const db = withSignIns(trx);
    await db.deleteFrom('oidcSignIn').where('expiresAt', '<', now).execute();
    await db.insertInto('oidcSignIn').values(row).execute();
  }

  /** Removes and returns the sign-in in progress: it can be used once only. */
  takeSignIn(trx: Db, id: string): Promise<OidcSignInRow | undefined> {
    return withSignIns(trx)
      .deleteFrom('oidcSignIn')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }
}
