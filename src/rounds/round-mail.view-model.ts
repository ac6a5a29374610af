import { formatDate } from '../lib/format.js';
import type { OutboxRow } from '../mail/outbox.repository.js';
import type { RoundSending } from './round-mail.service.js';

// The round page's list of e-mails: to whom, which, and how it went, in plain words.

const KIND_WORDS: Record<string, string> = {
  'round-digest': 'The round’s digest',
  'round-reminder': 'Reminder',
  'round-reminder-now': 'Reminder sent from this page',
  'round-summary': 'Summary after the deadline',
};

const TAGS = {
  sent: { text: 'Sent', classes: 'govuk-tag--green' },
  logged: { text: 'Not sent', classes: 'govuk-tag--grey' },
  waiting: { text: 'Waiting', classes: 'govuk-tag--blue' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
  bounced: { text: 'Bounced', classes: 'govuk-tag--red' },
  none: { text: 'Not sent', classes: 'govuk-tag--grey' },
};

const tries = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/** One e-mail's state: a tag and what happened, with the reason when it has not gone. */
export function mailState(m: OutboxRow): { tag: { text: string; classes: string }; words: string } {
  const reason = m.failureReason ? `${m.failureReason}.` : '';
  switch (m.status) {
    case 'sent':
      return m.sentVia === 'log'
        ? {
            tag: TAGS.logged,
            words: `Written to the server log on ${formatDate(m.sentAt)} (no e-mail server is set up)`,
          }
        : { tag: TAGS.sent, words: `Sent on ${formatDate(m.sentAt)}` };
    case 'bounced':
      return { tag: TAGS.bounced, words: `${reason} Check the address ${m.recipient}.`.trim() };
    case 'failed':
      return {
        tag: TAGS.failed,
        words: `${reason} Tried ${tries(m.attempts)}; no more tries.`.trim(),
      };
    case 'sending':
      return { tag: TAGS.waiting, words: 'Being sent now' };
    default:
      return m.attempts
        ? {
            tag: TAGS.waiting,
            words: `${reason} Tried ${tries(m.attempts)}; it will be tried again.`.trim(),
          }
        : { tag: TAGS.waiting, words: 'Waiting to be sent' };
  }
}

/** The rows of the round page's "E-mails" table, people nobody wrote to last. */
export function sendingRows(sending: RoundSending) {
  return [
    ...sending.mail.map((m) => ({
      to: m.recipientName,
      kind: KIND_WORDS[m.kind] ?? 'E-mail',
      ...mailState(m),
    })),
    ...sending.stopped.map((name) => ({
      to: name,
      kind: 'The round’s digest and reminders',
      tag: TAGS.none,
      words: 'They chose to stop these e-mails',
    })),
    ...sending.noAddress.map((name) => ({
      to: name,
      kind: 'The round’s digest and reminders',
      tag: TAGS.none,
      words:
        'No e-mail address: nobody with an account holds this lead. Invite them on the council’s people page',
    })),
  ];
}
