import { ROLE_LABELS, ROLES } from '../access/policy.js';
import { roleFormValues, roleVersion } from './role-version.js';
import type { Role } from '../db/schema.js';
import { COUNCIL_WIDE_ROLES, type DeactivatedMember, type Member } from './people.service.js';

// Plain values for the council people pages (templates hold no logic).

export const ROLE_HINTS: Record<Role, string> = {
  administrator: 'Invites people, changes their roles and sees the council’s access log',
  'plan-manager': 'Edits whole plans, runs update rounds and publishes board packs',
  'action-lead': 'Sees the plans and gives updates on the actions they lead',
  viewer: 'Sees the plans and board packs, and changes nothing',
  adviser:
    'Sees one chosen plan and changes nothing, until an end date (for example an Ofsted or DfE adviser)',
};

/** The banner after a change (Post/Redirect/Get), by the `done` query value. */
export const DONE_MESSAGES: Record<string, string> = {
  invited: 'Invitation sent. The person has been given their role.',
  'role-changed': 'Role changed.',
  unlocked: 'They can try to sign in again now.',
  deactivated:
    'Person deactivated. They have no role in this council any more and have been signed out.',
  reactivated: 'Person reactivated. Their roles in this council have been given back.',
};

interface CouncilRef {
  name: string;
  slug: string;
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

function statusOf(member: { active: boolean; invited: boolean }) {
  if (!member.active) return { text: 'Turned off on this server', classes: 'govuk-tag--red' };
  if (member.invited) return { text: 'Invited', classes: 'govuk-tag--blue' };
  return { text: 'Active', classes: 'govuk-tag--green' };
}

function roleText(role: Member['roles'][number], now: string): string {
  let text = ROLE_LABELS[role.role];
  if (role.planTitle) text += ` of ${role.planTitle}`;
  if (role.expiresAt) text += role.expiresAt > now ? ` until ${day(role.expiresAt)}` : ' (ended)';
  if (role.leadNames.length) text += ` (answers for: ${role.leadNames.join('; ')})`;
  return text;
}

export function peopleView(
  council: CouncilRef,
  people: { members: Member[]; deactivated: DeactivatedMember[] },
  now: string,
) {
  const base = `/councils/${council.slug}/people`;
  return {
    councilName: council.name,
    inviteHref: `${base}/invite`,
    auditHref: `/councils/${council.slug}/audit`,
    reactivateAction: `${base}/reactivate`,
    members: people.members.map((m) => ({
      name: m.name,
      email: m.email,
      roles: m.roles.map((r) => roleText(r, now)),
      status: statusOf(m),
      changeHref: `${base}/change?person=${encodeURIComponent(m.userId)}`,
    })),
    deactivated: people.deactivated.map((d) => ({
      userId: d.userId,
      name: d.name,
      email: d.email,
      since: day(d.deactivatedAt),
    })),
  };
}

export function councilsView(
  rows: Array<{ id: string; slug: string; name: string; role: Role }>,
  canManage: (organisationId: string) => boolean,
) {
  const byId = new Map<string, { name: string; roles: string[]; href: string | null }>();
  for (const row of rows) {
    const council = byId.get(row.id) ?? {
      name: row.name,
      roles: [],
      href: canManage(row.id) ? `/councils/${row.slug}/people` : null,
    };
    if (!council.roles.includes(ROLE_LABELS[row.role])) council.roles.push(ROLE_LABELS[row.role]);
    byId.set(row.id, council);
  }
  return [...byId.values()].map((c) => ({ ...c, roles: c.roles.join(', ') }));
}

export function inviteFormView(
  council: CouncilRef & { id: string },
  plans: Array<{ id: string; title: string; versionLabel: string | null }>,
  values: Record<string, string>,
) {
  return {
    title: `Invite a person: ${council.name}`,
    nav: 'councils',
    councilName: council.name,
    action: `/councils/${council.slug}/people/invite`,
    backHref: `/councils/${council.slug}/people`,
    values,
    roleItems: ROLES.map((role) => ({
      value: role,
      text: ROLE_LABELS[role],
      hint: { text: ROLE_HINTS[role] },
      checked: values.role === role,
    })),
    planItems: [
      { value: '', text: 'Choose a plan' },
      ...plans.map((p) => ({
        value: p.id,
        text: p.versionLabel ? `${p.title} (${p.versionLabel})` : p.title,
        selected: values.planId === p.id,
      })),
    ],
  };
}

export function personView(
  council: CouncilRef,
  member: Member,
  values: Record<string, string>,
  now: string,
) {
  const councilWide = member.roles.find((r) => r.planId === null);
  const role = values.role ?? councilWide?.role ?? '';
  return {
    title: `Change ${member.name}’s access: ${council.name}`,
    nav: 'councils',
    councilName: council.name,
    backHref: `/councils/${council.slug}/people`,
    roleAction: `/councils/${council.slug}/people/role`,
    deactivateAction: `/councils/${council.slug}/people/deactivate`,
    person: {
      userId: member.userId,
      name: member.name,
      email: member.email,
      roles: member.roles.map((r) => roleText(r, now)).join(', '),
    },
    leadNames: values.leadNames ?? councilWide?.leadNames.join('\n') ?? '',
    // What the form read (kept when it is shown again for a mistake or a conflict).
    roleVersion: values.version ?? roleVersion(member.roles),
    roleOriginal: values.original ?? JSON.stringify(roleFormValues(member.roles)),
    roleItems: COUNCIL_WIDE_ROLES.map((r) => ({
      value: r,
      text: ROLE_LABELS[r],
      hint: { text: ROLE_HINTS[r] },
      checked: role === r,
    })),
  };
}
