import { AccountRepository } from './accounts/account.repository.js';
import { AccountService } from './accounts/account.service.js';
import { AccessRepository } from './access/access.repository.js';
import { AccessService } from './access/access.service.js';
import { AccessLogWriter } from './access/access-log-writer.js';
import type { Config } from './config.js';
import { ImportService } from './importer/import.service.js';
import { type DatabaseHandle, type Db, type OpenOptions, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { HistoryRepository } from './history/history.repository.js';
import { type ChangeContext, HistoryService } from './history/history.service.js';
import { type Clock, systemClock } from './lib/clock.js';
import { PlanContentRepository } from './plans/content/plan-content.repository.js';
import { PlanContentService } from './plans/content/plan-content.service.js';
import { PlanDocumentService } from './plans/document/plan-document.service.js';
import { PlanRepository } from './plans/plan.repository.js';
import { PlanService } from './plans/plan.service.js';
import { BoardRepository } from './boards/board.repository.js';
import { BoardService } from './boards/board.service.js';
import { RagSchemeRepository } from './rag/rag-scheme.repository.js';
import { ensureBuiltInSchemes, RagSchemeService } from './rag/rag-scheme.service.js';
import { createMailer, type Mailer } from './mail/mailer.js';
import { OidcRepository } from './accounts/oidc.repository.js';
import { OidcService } from './accounts/oidc.service.js';
import { InvitationService } from './accounts/invitation.service.js';
import { OneTimeLinks } from './accounts/one-time-link.js';
import { PasswordResetService } from './accounts/password-reset.service.js';
import { PeopleService } from './accounts/people.service.js';
import { UserAdminRepository } from './accounts/user-admin.repository.js';
import { ImportDraftRepository } from './importer/import-draft.repository.js';
import { ImportDraftService } from './importer/import-draft.service.js';
import { ColumnMappingRepository } from './importer/column-mapping.repository.js';
import { StatusMappingRepository } from './importer/status-mapping.repository.js';
import { ImportColumnsService } from './importer/import-columns.service.js';
import { EvidenceFileRepository } from './updates/evidence-file.repository.js';
import { UpdateService } from './updates/update.service.js';
import { StatusSuggestionService } from './updates/status-suggestion.service.js';
import { HomeRepository } from './home/home.repository.js';
import { HomeService } from './home/home.service.js';
import { BoardPackRepository } from './reports/board-pack.repository.js';
import { BoardPackService } from './reports/board-pack.service.js';
import { BudgetRepository } from './reports/budget.repository.js';
import { BudgetService } from './reports/budget.service.js';
import { PlanVersionRepository } from './reports/plan-version.repository.js';
import { PlanVersionService } from './reports/plan-version.service.js';
import { MeasureValueService } from './measures/measure-value.service.js';
import { ValueUploadRepository } from './measures/upload/value-upload.repository.js';
import { ValueUploadService } from './measures/upload/value-upload.service.js';
import { RoundRepository } from './rounds/round.repository.js';
import { RoundService } from './rounds/round.service.js';
import { RoundMailRepository } from './rounds/round-mail.repository.js';
import { RoundMailService } from './rounds/round-mail.service.js';
import { VersionSlippageRepository } from './actions/version-slippage.repository.js';
import { VersionSlippageService } from './actions/version-slippage.service.js';
import { ClockRepository } from './plans/clock/clock.repository.js';
import { StatutoryClockService } from './plans/clock/clock.service.js';
import { RoundWorkbookService } from './rounds/workbook/round-workbook.service.js';
import { WorkbookUploadRepository } from './rounds/workbook/workbook-upload.repository.js';
import { OutboxRepository } from './mail/outbox.repository.js';
import { OutboxService } from './mail/outbox.service.js';
import { WeeklyDigestRepository } from './rounds/weekly-digest.repository.js';
import { WeeklyDigestService } from './rounds/weekly-digest.service.js';

export interface Services {
  plans: PlanService;
  schemes: RagSchemeService;
  boards: BoardService;
  content: PlanContentService;
  documents: PlanDocumentService;
  history: HistoryService;
  accounts: AccountService;
  access: AccessService;
  /** Access-log rows of downloads, written together (see AccessLogWriter). */
  accessLog: AccessLogWriter;
  importer: ImportService;
  importDrafts: ImportDraftService;
  importColumns: ImportColumnsService;
  updates: UpdateService;
  suggestions: StatusSuggestionService;
  rounds: RoundService;
  /** Slippage across a plan's imported versions, for the action page. */
  versionSlippage: VersionSlippageService;
  roundMail: RoundMailService;
  roundWorkbooks: RoundWorkbookService;
  clock: StatutoryClockService;
  home: HomeService;
  measureValues: MeasureValueService;
  valueUploads: ValueUploadService;
  oidc: OidcService;
  invitations: InvitationService;
  resets: PasswordResetService;
  people: PeopleService;
  packs: BoardPackService;
  budgets: BudgetService;
  versions: PlanVersionService;
}

/** Everything the web app, the CLI and the tests share, built in one place. */
export interface AppContext {
  /** The settings it was built with (the server may set publicUrl once it listens). */
  config: Config;
  database: DatabaseHandle;
  services: Services;
  clock: Clock;
  /** Sends invitation and password-reset e-mails (SMTP_URL; see createMailer). */
  mailer: Mailer;
  /** Runs one user action in one transaction. */
  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction. */
  db: Db;
  /** The who/when of a change made now by `actor`: a signed-in person, or a label (CLI, demo data). */
  changeBy(
    actor: string | { id: string; email: string },
    reason?: string | null,
    /** When it happened, if not now (demo data replayed in its own time). */
    at?: string,
  ): ChangeContext;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  open?: OpenOptions;
  /** A database already open (g2g serve opens it first to see whether it needs preparing). */
  database?: DatabaseHandle;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** The mailer to use instead of the one the configuration describes. */
  mailer?: Mailer;
  /** Where the e-mail queue logs each e-mail's outcome (default: nowhere). */
  mailLog?: (line: string) => void;
}

/** The composition root: database, then repositories, then services. */
export async function createAppContext(
  config: Config,
  options: ContextOptions = {},
): Promise<AppContext> {
  const database = options.database ?? (await openDatabase(config, options.open));
  const clock = options.clock ?? systemClock;
  try {
    if (options.migrate !== false) await migrateToLatest(database.db);
    const planRepository = new PlanRepository();
    const schemeRepository = new RagSchemeRepository();
    const boardRepository = new BoardRepository();
    const history = new HistoryService(new HistoryRepository());
    const content = new PlanContentService(
      new PlanContentRepository(),
      planRepository,
      schemeRepository,
      history,
    );
    const documents = new PlanDocumentService(
      planRepository,
      schemeRepository,
      boardRepository,
      content,
      history,
    );
    const access = new AccessService(new AccessRepository());
    const accounts = new AccountService(new AccountRepository(), access);
    const plans = new PlanService(
      planRepository,
      schemeRepository,
      boardRepository,
      history,
      database.writes,
    );
    const importer = new ImportService(documents);
    const draftRows = new ImportDraftRepository();
    const importDrafts = new ImportDraftService(draftRows, importer);
    const budgets = new BudgetService(planRepository, new BudgetRepository(), history);
    const mailer = options.mailer ?? createMailer(config);
    const userAdmin = new UserAdminRepository();
    const links = new OneTimeLinks(userAdmin);
    const measureValues = new MeasureValueService(content);
    const rounds = new RoundService(new RoundRepository(), content, plans, history);
    const suggestions = new StatusSuggestionService(content, plans, documents);
    const updates = new UpdateService(
      content,
      plans,
      new EvidenceFileRepository(),
      rounds,
      suggestions,
    );
    const outbox = new OutboxService(new OutboxRepository(), mailer, clock, options.mailLog);
    const home = new HomeService(new HomeRepository(), plans, documents);
    const services: Services = {
      plans,
      schemes: new RagSchemeService(planRepository, schemeRepository, history),
      boards: new BoardService(planRepository, boardRepository, history),
      content,
      documents,
      history,
      accounts,
      access,
      accessLog: new AccessLogWriter(new AccessRepository(), (work) =>
        database.db.transaction().execute(work),
      ),
      importer,
      importDrafts,
      importColumns: new ImportColumnsService(
        new ColumnMappingRepository(),
        new StatusMappingRepository(),
        importDrafts,
        draftRows,
        importer,
      ),
      updates,
      suggestions,
      rounds,
      roundWorkbooks: new RoundWorkbookService(
        new WorkbookUploadRepository(),
        rounds,
        updates,
        plans,
        documents,
      ),
      clock: new StatutoryClockService(new ClockRepository(), planRepository, plans, history),
      versionSlippage: new VersionSlippageService(new VersionSlippageRepository()),
      roundMail: new RoundMailService(
        new RoundMailRepository(),
        outbox,
        rounds,
        plans,
        mailer,
        clock,
        new WeeklyDigestService(new WeeklyDigestRepository(), access, home, outbox, mailer, clock),
        history,
      ),
      home,
      measureValues,
      valueUploads: new ValueUploadService(new ValueUploadRepository(), documents, measureValues),
      oidc: new OidcService(new OidcRepository(), accounts, access),
      invitations: new InvitationService(userAdmin, accounts, access, links, mailer),
      resets: new PasswordResetService(accounts, access, links, mailer),
      people: new PeopleService(userAdmin, accounts, access),
      packs: new BoardPackService(
        planRepository,
        boardRepository,
        documents,
        history,
        new BoardPackRepository(),
        clock,
        budgets,
      ),
      budgets,
      versions: new PlanVersionService(
        planRepository,
        new PlanVersionRepository(),
        documents,
        history,
        clock,
      ),
    };
    await database.db.transaction().execute((trx) => ensureBuiltInSchemes(trx, schemeRepository));
    return {
      config,
      database,
      services,
      clock,
      mailer,
      db: database.db,
      transaction: (work) => database.db.transaction().execute(work),
      changeBy: (actor, reason = null, at = clock.now()) =>
        typeof actor === 'string'
          ? { actor, at, reason }
          : { actor: actor.email, actorUserId: actor.id, at, reason },
      close: async () => {
        await services.accessLog.drain();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
