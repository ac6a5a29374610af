import type { FastifyInstance } from 'fastify';
import { registerAuditRoutes } from '../access/audit.routes.js';
import { registerAccountRoutes } from '../accounts/account.routes.js';
import { registerCouncilPeopleRoutes } from '../accounts/council-people.routes.js';
import { registerOidcRoutes } from '../accounts/oidc.routes.js';
import { registerPasswordLinkRoutes } from '../accounts/password-link.routes.js';
import { registerActionEditRoutes } from '../actions/action-edit.routes.js';
import { registerActionRoutes } from '../actions/action.routes.js';
import { registerRecommendationRoutes } from '../actions/recommendation.routes.js';
import { registerHomeRoutes } from '../home/home.routes.js';
import { registerFiguresRoutes } from '../measures/figures.routes.js';
import { registerMeasureRoutes } from '../measures/measure.routes.js';
import { registerValueUploadRoutes } from '../measures/upload/value-upload.routes.js';
import { registerIndicatorLibraryRoutes } from '../measures/library/indicator-library.routes.js';
import { registerImportRoutes } from '../importer/import.routes.js';
import { registerPlanEditRoutes } from '../plans/content/plan-edit.routes.js';
import { registerPlanRoutes } from '../plans/plan.routes.js';
import { registerSettingsRoutes } from '../plans/settings/settings.routes.js';
import { registerClockRoutes } from '../plans/clock/clock.routes.js';
import { registerBoardRoutes } from '../boards/board.routes.js';
import { registerEvidenceRoutes } from '../updates/evidence.routes.js';
import { registerStatusRoutes } from '../updates/status.routes.js';
import { registerUpdateRoutes } from '../updates/update.routes.js';
import { registerBoardPackRoutes } from '../reports/board-pack.routes.js';
import { registerPublishedPackRoutes } from '../reports/published-pack.routes.js';
import { registerPlanChangesRoutes } from '../reports/plan-changes.routes.js';
import { registerBudgetRoutes } from '../reports/budget.routes.js';
import { registerPlanVersionRoutes } from '../reports/plan-version.routes.js';
import { registerPlanStatementRoutes } from '../reports/plan-statement.routes.js';
import { registerMyUpdatesRoutes } from '../rounds/my-updates.routes.js';
import { registerRoundRoutes } from '../rounds/round.routes.js';
import { registerRoundWorkbookRoutes } from '../rounds/workbook/workbook.routes.js';
import { registerMailPreferenceRoutes } from '../rounds/mail-preferences.routes.js';
import type { RouteContext } from './route-context.js';

/**
 * The route table: every concept's routes, in the order they are registered. A new concept
 * adds its registrar here; each route declares its access policy (guard.ts), or the server
 * refuses to start.
 */
export const ROUTE_MODULES: ReadonlyArray<
  (server: FastifyInstance, context: RouteContext) => void
> = [
  registerAccountRoutes,
  registerOidcRoutes,
  registerCouncilPeopleRoutes,
  registerPasswordLinkRoutes,
  registerHomeRoutes,
  registerPlanRoutes,
  registerRecommendationRoutes,
  registerMeasureRoutes,
  registerFiguresRoutes,
  registerValueUploadRoutes,
  registerIndicatorLibraryRoutes,
  registerActionRoutes,
  registerActionEditRoutes,
  registerUpdateRoutes,
  registerStatusRoutes,
  registerRoundRoutes,
  registerMyUpdatesRoutes,
  registerRoundWorkbookRoutes,
  registerMailPreferenceRoutes,
  registerEvidenceRoutes,
  registerPlanEditRoutes,
  registerSettingsRoutes,
  registerClockRoutes,
  registerBoardRoutes,
  registerImportRoutes,
  registerAuditRoutes,
  registerBoardPackRoutes,
  registerPublishedPackRoutes,
  registerPlanChangesRoutes,
  registerBudgetRoutes,
  registerPlanVersionRoutes,
  registerPlanStatementRoutes,
];
