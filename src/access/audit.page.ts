import type { ChangeRow } from '../history/history.repository.js';
import { dateInputParams } from '../lib/date-parts.js';
import type { PlanView } from '../plans/plan.service.js';
import { formErrors } from '../web/forms.js';
import { pagination } from '../web/pagination.js';
import { eventItems, type accessAuditRows } from './access-log.view-model.js';
import { PER_PAGE, queryString } from './audit-filter.js';
import type { WordsContext } from './audit-words.js';
import { filterQuery, kindItems, type PlanAuditFilter, planAuditRows } from './audit.view-model.js';

// Everything the audit trail's and the access log's templates show, a page at a time.

/** "3 changes, newest first", or on a list of several pages "Changes 51 to 100, newest first". */
export function listCaption(noun: string, page: number, shown: number, hasNext: boolean) {
  if (shown === 0) return page > 1 ? `No ${noun}s on this page` : `No ${noun}s match`;
  if (page === 1 && !hasNext) return `${shown} ${noun}${shown === 1 ? '' : 's'}, newest first`;
  const first = (page - 1) * PER_PAGE + 1;
  const capital = noun.charAt(0).toUpperCase() + noun.slice(1);
  return `${capital}s ${first} to ${first + shown - 1}, newest first`;
}

/** The page of the items fetched (one more than a page, to know whether another follows). */
function pageOf<T>(rows: T[], page: number) {
  return {
    shown: rows.slice((page - 1) * PER_PAGE, page * PER_PAGE),
    hasNext: rows.length > page * PER_PAGE,
  };
}

/** The plan's audit trail page. */
export function planAuditPage(
  planId: string,
  loaded: { view: PlanView; rows: ChangeRow[]; words: WordsContext },
  filter: PlanAuditFilter,
  page: number,
) {
  const { shown, hasNext } = pageOf(loaded.rows, page);
  const { errors, fieldErrors } = formErrors(filter.issues, { from: 'from-day', to: 'to-day' });
  const values = filterQuery(filter);
  const href = (n: number) =>
    `/plans/${planId}/audit${queryString({ ...values, page: n > 1 ? n : undefined })}`;
  const item = filter.entityId ? loaded.words.names.find(filter.entityId) : null;
  return {
    title: `Audit trail: ${loaded.view.plan.title}`,
    nav: 'plans',
    errors,
    planHref: `/plans/${planId}`,
    planTitle: loaded.view.plan.title,
    filter: {
      entity: {
        id: 'entity',
        name: 'entity',
        label: { text: 'What' },
        items: kindItems(filter.entity),
      },
      who: {
        id: 'who',
        name: 'who',
        label: { text: 'Who (email address)' },
        value: filter.actor,
        spellcheck: false,
        autocomplete: 'off',
      },
      from: dateInputParams('from', 'From', filter.fromParts, {
        error: fieldErrors.from,
        hint: 'For example, 1 6 2026',
      }),
      to: dateInputParams('to', 'To', filter.toParts, {
        error: fieldErrors.to,
        hint: 'For example, 30 6 2026',
      }),
      item: filter.entityId ?? null,
      itemNote: filter.entityId ? `Showing only the changes to ${item ?? 'one item'}.` : null,
      any: Object.values(values).some((v) => v !== undefined) || filter.issues.length > 0,
      clearHref: `/plans/${planId}/audit`,
    },
    invalid: filter.issues.length > 0,
    caption: listCaption('change', page, shown.length, hasNext),
    rows: planAuditRows(planId, shown, loaded.words),
    pagination: pagination(page, { hasNext }, href, 'Pages of the audit trail'),
    csvHref: `/plans/${planId}/audit.csv${queryString(values)}`,
  };
}

/** A council's access log page. */
export function councilAuditPage(
  log: {
    council: { name: string; slug: string };
    kind?: string;
    email?: string;
    rows: ReturnType<typeof accessAuditRows>;
  },
  page: number,
) {
  const { shown, hasNext } = pageOf(log.rows, page);
  const base = `/councils/${log.council.slug}/audit`;
  const values = { kind: log.kind, who: log.email };
  return {
    title: `Access log: ${log.council.name}`,
    nav: 'councils',
    council: log.council,
    filter: {
      kind: { id: 'kind', name: 'kind', label: { text: 'Event' }, items: eventItems(log.kind) },
      who: {
        id: 'who',
        name: 'who',
        label: { text: 'Who (email address)' },
        value: log.email ?? '',
        spellcheck: false,
        autocomplete: 'off',
      },
      any: Boolean(log.kind || log.email),
      clearHref: base,
    },
    caption: listCaption('event', page, shown.length, hasNext),
    rows: shown,
    pagination: pagination(
      page,
      { hasNext },
      (n) => `${base}${queryString({ ...values, page: n > 1 ? n : undefined })}`,
      'Pages of the access log',
    ),
    csvHref: `/councils/${log.council.slug}/audit.csv${queryString(values)}`,
  };
}
