import type { AppContext } from '../composition.js';
import type { InvitationService } from './invitation.service.js';
import type { PasswordResetService } from './password-reset.service.js';
import type { PeopleService } from './people.service.js';

export interface UserAdminServices {
  invitations: InvitationService;
  resets: PasswordResetService;
  people: PeopleService;
}

/** Invitations, password resets and council people, as built by the composition root. */
export function userAdminServices(app: AppContext): UserAdminServices {
  const { invitations, resets, people } = app.services;
  return { invitations, resets, people };
}
