import { formatDate } from '../lib/format.js';

// The words of the rounds' e-mails: plain text, one link each, no tracking of any kind.

interface ListedAction {
  label: string;
  text: string;
  leads: Array<{ name: string }>;
}

/** The page where a person stops or restarts the digests. */
export const PREFERENCES_PATH = '/e-mail-preferences';

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 97)}...` : text);
const listed = (actions: ListedAction[]) => actions.map((a) => `- ${a.label}: ${short(a.text)}`);

export interface MailWords {
  subject: string;
  lines: string[];
}

/** The digest each lead gets when a round opens. */
export function digestWords(
  round: { name: string; deadline: string },
  planTitle: string,
  actions: ListedAction[],
  link: string,
): MailWords {
  return {
    subject: `${round.name}: your updates are due by ${formatDate(round.deadline)}`,
    lines: [
      `${planTitle} has a new update round: ${round.name}.`,
      `Please give an update on each of your actions by ${formatDate(round.deadline)}:`,
      '',
      ...listed(actions),
      '',
      'Give all your updates on one page:',
      link,
    ],
  };
}

/** The reminder before the deadline, listing only the lead's actions still without an update. */
export function reminderWords(
  round: { name: string; deadline: string },
  planTitle: string,
  missing: ListedAction[],
  link: string,
): MailWords {
  return {
    subject: `Reminder: ${round.name} updates are due by ${formatDate(round.deadline)}`,
    lines: [
      `These actions in ${planTitle} have no update yet in ${round.name}:`,
      '',
      ...listed(missing),
      '',
      `Please give your updates by ${formatDate(round.deadline)}, on one page:`,
      link,
    ],
  };
}

/** The summary to the plan's managers after the deadline: what is still missing, and whose. */
export function summaryWords(
  round: { name: string; deadline: string },
  planTitle: string,
  total: number,
  missing: ListedAction[],
  link: string,
): MailWords {
  return {
    subject: `${round.name}: ${missing.length} of ${total} actions without an update`,
    lines: [
      `The deadline for ${round.name} (${planTitle}) was ${formatDate(round.deadline)}.`,
      missing.length
        ? `${missing.length} of ${total} actions have no update:`
        : `Every one of its ${total} actions has an update.`,
      ...(missing.length
        ? [
            '',
            ...missing.map(
              (a) => `- ${a.label} (${a.leads.map((l) => l.name).join('; ') || 'no lead'})`,
            ),
          ]
        : []),
      '',
      'See who has updated:',
      link,
    ],
  };
}

/** The last lines of every digest and reminder: why they came, and how to stop them. */
export function stopWords(preferencesLink: string): string[] {
  return [
    '',
    'You get these e-mails because you lead actions in an improvement plan.',
    `To stop them, choose "No" on your e-mail preferences page: ${preferencesLink}`,
  ];
}
