import type { FastifyReply, FastifyRequest } from 'fastify';

// The success banner after a save: the form's handler redirects with a short-lived cookie
// naming what was saved, and the next page shown reads it, shows GOV.UK's success
// notification banner in these words, and clears it. The address stays clean.

const BANNERS = {
  update: 'Your update has been saved',
  'update-next-round':
    'Your update has been saved. The last update round has closed, so it counts towards the next round',
  updates: 'Your updates have been saved',
  'round-opened': 'The update round is open',
  'round-extended': 'The round’s deadline has been extended',
  'round-closed': 'The update round is closed',
  'round-reminded':
    'A reminder is on its way to each lead who has not updated yet. The e-mails table shows when each is sent',
  'round-reminded-log':
    'A reminder to each lead who has not updated yet has been written to the server log: no e-mail server is set up (SMTP_URL), so nobody will receive it',
  'updates-from-workbook': 'The updates from the workbook have been saved',
  status: 'The status has been saved',
  action: 'The action has been changed',
  content: 'Your changes have been saved',
  removed: 'It has been removed from the plan',
  moved: 'The order has been saved',
  settings: 'The plan’s settings have been saved',
  clock: 'The statutory clock has been saved',
  scheme: 'The plan now uses the RAG scheme you chose',
  board: 'The boards have been saved',
  imported: 'The plan has been imported',
  columns: 'The file has been read again with the columns you chose',
  statuses: 'The file has been read again with the statuses you chose',
  pack: 'The pack has been published',
  value: 'The value has been saved',
  figures: 'The figures have been saved',
  'mail-preferences': 'Your e-mail preferences have been saved',
  values: 'The values from the file have been saved',
  indicator: 'The indicator is now a measure of this plan: adapt it here',
  budget: 'The budget has been saved',
  version: 'The approval has been recorded: the plan as it stands now is kept as that version',
} as const;

export type SavedWhat = keyof typeof BANNERS;
const COOKIE = 'g2g_saved';

/** Redirects (303) after a save, with the banner to show on the page it leads to. */
export function redirectSaved(reply: FastifyReply, href: string, what: SavedWhat) {
  void reply.setCookie(COOKIE, what, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    maxAge: 60,
  });
  return reply.redirect(href, 303);
}

/** The banner's words for the page being shown, if a save just led here; shown once. */
export function takeBanner(request: FastifyRequest, reply: FastifyReply): string | null {
  const saved = request.cookies[COOKIE];
  if (!saved) return null;
  void reply.clearCookie(COOKIE, { path: '/' });
  return Object.hasOwn(BANNERS, saved) ? BANNERS[saved as SavedWhat] : null;
}
