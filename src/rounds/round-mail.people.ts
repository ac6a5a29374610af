import { type Actor, leadsAction } from '../access/policy.js';
import type { Lead } from '../db/schema.js';
import type { MemberRow } from './round-mail.repository.js';

// Who a round's e-mails go to: the council's people who lead its actions, by name or a role
// title they hold; and the leads no account answers for (no e-mail address to write to).

/** A member's grants in the council, as the access policy reads them. */
export function actorOf(members: MemberRow[], member: MemberRow, organisationId: string): Actor {
  return {
    userId: member.userId,
    name: member.name,
    grants: members
      .filter((g) => g.userId === member.userId)
      .map((g) => ({ organisationId, role: g.role, planId: g.planId, leadNames: g.leadNames })),
  };
}

/** Each person who leads at least one of `actions`, with theirs, in the members' order. */
export function leadPeople<A extends { leads: Lead[] }>(
  members: MemberRow[],
  organisationId: string,
  actions: A[],
): Array<{ member: MemberRow; actions: A[] }> {
  const people = new Map<string, { member: MemberRow; actions: A[] }>();
  for (const m of members) {
    if (people.has(m.userId)) continue;
    const actor = actorOf(members, m, organisationId);
    const theirs = actions.filter((a) => leadsAction(actor, organisationId, a.leads));
    if (theirs.length) people.set(m.userId, { member: m, actions: theirs });
  }
  return [...people.values()];
}

/** The lead names on `actions` that no member answers for, in the order first met. */
export function leadsWithoutAccount(
  members: MemberRow[],
  organisationId: string,
  actions: Array<{ leads: Lead[] }>,
): string[] {
  const actors = members.map((m) => actorOf(members, m, organisationId));
  const names = new Map<string, string>();
  for (const lead of actions.flatMap((a) => a.leads)) {
    const key = lead.name.trim().toLowerCase();
    if (names.has(key)) continue;
    const reached = actors.some((actor) => leadsAction(actor, organisationId, [lead]));
    names.set(key, reached ? '' : lead.name);
  }
  return [...names.values()].filter(Boolean);
}
