import type { Migration } from 'kysely';
import * as planModel from './2026-11-26T1900-plan-model.js';
import * as accounts from './2026-11-26T2045-accounts.js';
import * as access from './2026-11-26T2330-access.js';
import * as uploads from './2026-11-27T0300-uploads.js';
import * as councilDeactivation from './2026-11-27T0400-council-deactivation.js';
import * as oidcSignIn from './2026-11-27T0410-oidc-sign-in.js';
import * as statusConfirmationAndAsAt from './2026-12-03T0900-status-confirmation-and-as-at.js';
import * as boardPacks from './2026-12-03T1300-board-packs.js';
import * as measureValues from './2026-12-03T1300-measure-values.js';
import * as updateRounds from './2026-12-03T1300-update-rounds.js';
import * as roundMail from './2026-12-03T1330-round-mail.js';
import * as mailDelivery from './2026-12-07T0130-mail-delivery.js';
import * as measureUploads from './2026-12-07T0130-measure-uploads.js';
import * as statusRules from './2026-12-07T0130-status-rules.js';
import * as importColumnMappings from './2026-12-07T0200-import-column-mappings.js';
import * as packFiles from './2026-12-07T0200-pack-files.js';
import * as roundWorkbooks from './2026-12-07T0200-round-workbooks.js';
import * as planBudget from './2026-12-07T0210-plan-budget.js';
import * as planVersions from './2026-12-07T0220-plan-versions.js';
import * as mailSentVia from './2026-12-07T1500-mail-sent-via.js';
import * as importStatusMappings from './2026-12-07T1520-import-status-mappings.js';
import * as councilRevisions from './2026-12-08T0000-council-revisions.js';

/** Every migration, by timestamped name; the migrator applies them in name order. */
export const migrations: Record<string, Migration> = {
  '2026-11-26T1900-plan-model': planModel,
  '2026-11-26T2045-accounts': accounts,
  '2026-11-26T2330-access': access,
  '2026-11-27T0300-uploads': uploads,
  '2026-11-27T0400-council-deactivation': councilDeactivation,
  '2026-11-27T0410-oidc-sign-in': oidcSignIn,
  '2026-12-03T0900-status-confirmation-and-as-at': statusConfirmationAndAsAt,
  '2026-12-03T1300-board-packs': boardPacks,
  '2026-12-03T1300-measure-values': measureValues,
  '2026-12-03T1300-update-rounds': updateRounds,
  '2026-12-03T1330-round-mail': roundMail,
  '2026-12-07T0130-mail-delivery': mailDelivery,
  '2026-12-07T0130-measure-uploads': measureUploads,
  '2026-12-07T0130-status-rules': statusRules,
  '2026-12-07T0200-import-column-mappings': importColumnMappings,
  '2026-12-07T0200-pack-files': packFiles,
  '2026-12-07T0200-round-workbooks': roundWorkbooks,
  '2026-12-07T0210-plan-budget': planBudget,
  '2026-12-07T0220-plan-versions': planVersions,
  '2026-12-07T1500-mail-sent-via': mailSentVia,
  '2026-12-07T1520-import-status-mappings': importStatusMappings,
  '2026-12-08T0000-council-revisions': councilRevisions,
};
