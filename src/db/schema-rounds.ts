import type { Generated } from 'kysely';

// Update rounds (src/rounds/): the round, the actions it covers, the updates counted in it.

export interface UpdateRoundTable {
  id: Generated<string>;
  planId: string;
  name: string;
  /** The month the round is for, YYYY-MM (its first deadline's month). */
  period: string;
  deadline: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface UpdateRoundActionTable {
  roundId: string;
  planId: string;
  actionId: string;
}

export interface RoundUpdateTable {
  planId: string;
  updateId: string;
  /** Null: given after a round closed, waiting for the next one. */
  roundId: string | null;
}

export interface MailOutboxTable {
  id: Generated<string>;
  planId: string | null;
  roundId: string | null;
  /** round-digest, round-reminder, round-summary. */
  kind: string;
  dedupeKey: string;
  userId: string | null;
  recipient: string;
  recipientName: string;
  subject: string;
  body: string;
  link: string;
  /**
   * queued, sending (claimed until lease_until), sent, failed (no more tries), bounced
   * (refused for good by the mail server).
   */
  status: Generated<'queued' | 'sending' | 'sent' | 'failed' | 'bounced'>;
  attempts: Generated<number>;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  /** Why it has not gone, in plain words (failure_reason). */
  failureReason: Generated<string | null>;
  sentAt: string | null;
  /** How a sent e-mail went: 'smtp' (a mail server took it) or 'log' (no SMTP_URL: printed). */
  sentVia: Generated<'smtp' | 'log' | null>;
  createdAt: string;
}

export interface MailPreferenceTable {
  userId: string;
  roundDigests: boolean;
}

export interface MailWeeklyDigestTable {
  userId: string;
  /** The Monday of the week, YYYY-MM-DD. */
  weekStart: string;
  consideredAt: string;
}
