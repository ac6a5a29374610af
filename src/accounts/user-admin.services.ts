import type { AppContext } from '../composition.js';
import { InvitationService } from './invitation.service.js';
import { OneTimeLinks } from './one-time-link.js';
import { PasswordResetService } from './password-reset.service.js';
import { PeopleService } from './people.service.js';
import { UserAdminRepository } from './user-admin.repository.js';

export interface UserAdminServices {
  invitations: InvitationService;
  resets: PasswordResetService;
  people: PeopleService;
}

/** Invitations, password resets and council people, over the app's accounts, access and mailer. */
export function userAdminServices(app: AppContext): UserAdminServices {
  const repository = new UserAdminRepository();
  const links = new OneTimeLinks(repository);
  const { accounts, access } = app.services;
  return {
    invitations: new InvitationService(repository, accounts, access, links, app.mailer),
    resets: new PasswordResetService(accounts, access, links, app.mailer),
    people: new PeopleService(repository, accounts, access),
  };
}
