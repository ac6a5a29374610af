import { EditConflict, versionOf } from '../plans/content/edit-version.js';

// The "Change role" form carries the version of the person's council-wide role and lead
// titles it showed, so a change another administrator saved since is never overwritten.

type Roles = ReadonlyArray<{ role: string; planId: string | null; leadNames: string[] }>;

/** The role form's values for a person's roles in a council: the council-wide role, lead titles. */
export function roleFormValues(roles: Roles): { role: string; leadNames: string } {
  const councilWide = roles.find((r) => r.planId === null);
  return { role: councilWide?.role ?? '', leadNames: councilWide?.leadNames.join('\n') ?? '' };
}

/** The version of a person's council-wide role as the form read it. */
export function roleVersion(roles: Roles): string {
  return versionOf({ planId: '', id: '', position: 0, ...roleFormValues(roles) });
}

/** Refuses a change from a form that read another version of the person's role. */
export function checkRoleVersion(roles: Roles, version: string | undefined): void {
  if (version === undefined || version === roleVersion(roles)) return;
  throw new EditConflict({ planId: '', id: '', position: 0, ...roleFormValues(roles) }, 'role');
}
