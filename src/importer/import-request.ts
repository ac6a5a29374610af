import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, policy } from '../access/policy.js';
import type { AppContext } from '../composition.js';
import { ForbiddenError, NotFoundError } from '../lib/errors.js';
import { actorOf, enforce } from '../web/guard.js';
import type { DraftKey } from './import-draft.service.js';

// What every import route reads from its request: the council it imports into (after the
// one access check), the draft it names, and where to go when that draft is no longer open.

/** Councils where this person may create plans (plan manager or administrator of the council). */
export function creatableCouncils<T extends { id: string }>(actor: Actor, councils: T[]): T[] {
  return councils.filter((c) => policy.createPlan(actor, c.id) === 'allow');
}

/** The council named in the URL, if this person may import into it (else 404 or 403). */
export async function authoriseImport(app: AppContext, request: FastifyRequest) {
  const actor = actorOf(request);
  const { councilSlug } = request.params as { councilSlug: string };
  const council = (await app.transaction((trx) => app.services.access.listCouncils(trx))).find(
    (c) => c.slug === councilSlug,
  );
  if (!council) throw new NotFoundError('There is no such council');
  enforce(policy.createPlan(actor, council.id), 'council');
  const user = request.signedIn?.user;
  if (!user) throw new ForbiddenError('Sign in to import a plan');
  const href = `/councils/${encodeURIComponent(council.slug)}/import`;
  return { actor, council, user, href };
}

/** The person and council an import route acts for, and the council's import address. */
export type Importer = Awaited<ReturnType<typeof authoriseImport>>;

/** The draft the URL names, as this person's in this council. */
export const draftKeyOf = (request: FastifyRequest, who: Importer): DraftKey => ({
  id: (request.params as { draftId: string }).draftId,
  userId: who.user.id,
  organisationId: who.council.id,
});

/** The review page of the draft the URL names. */
export const reviewHrefOf = (request: FastifyRequest, who: Importer): string =>
  `${who.href}/${draftKeyOf(request, who).id}`;

/** Where to send someone whose draft is not (or no longer) open. */
export function elsewhere(
  reply: FastifyReply,
  who: Importer,
  found: { kind: string; planId?: string },
) {
  if (found.kind === 'confirmed' && found.planId)
    return reply.redirect(`/plans/${found.planId}`, 303);
  return reply.redirect(`${who.href}?notice=gone`, 303);
}
