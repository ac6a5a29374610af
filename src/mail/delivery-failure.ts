import { ConfigError } from '../lib/errors.js';

/** Why an e-mail did not go, in words a plan manager reads, and whether trying again can help. */
export interface DeliveryFailure {
  /** The receiving side refused it for good (an SMTP 5xx answer): a bounce, never retried. */
  permanent: boolean;
  /** The reason in plain words, shown on the round page. */
  reason: string;
  /** The technical detail, for the server's log only. */
  detail: string;
}

export const REASONS = {
  refused: 'The mail server refused this address: it may be mistyped or no longer in use',
  later: 'The mail server asked us to try again later',
  unreachable: 'Our mail server could not be reached',
  unknown: 'The e-mail could not be handed to our mail server',
  notSetUp: 'E-mail is not set up on this server (SMTP_URL), so it was not sent',
};

/**
 * Reads a send's error (nodemailer's, which carries the SMTP answer's code when there was
 * one): a 5xx answer is permanent, a 4xx one or a failed connection is worth another try.
 */
export function deliveryFailure(error: unknown): DeliveryFailure {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const detail = [fields.code, fields.responseCode, fields.message]
    .filter((v) => v !== undefined)
    .map(String)
    .join(' ')
    .slice(0, 500);
  if (error instanceof ConfigError) return { permanent: false, reason: REASONS.notSetUp, detail };
  const answer = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  if (answer !== null && answer >= 500) return { permanent: true, reason: REASONS.refused, detail };
  if (answer !== null && answer >= 400) return { permanent: false, reason: REASONS.later, detail };
  const code = typeof fields.code === 'string' ? fields.code : '';
  if (['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED'].includes(code))
    return { permanent: false, reason: REASONS.unreachable, detail };
  return { permanent: false, reason: REASONS.unknown, detail };
}
