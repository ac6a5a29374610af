import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { ConfigError } from '../lib/errors.js';

/** One e-mail the service sends: plain text, with the one link it is about. */
export interface MailMessage {
  to: string;
  subject: string;
  /** The body; it should contain `link`. */
  text: string;
  /** The link the e-mail exists to deliver (shown on its own when mail is only logged). */
  link: string;
}

/** Sends the service's e-mails (invitations, password resets). */
export interface Mailer {
  /** 'smtp': mail really goes out; 'log': printed for a developer; 'off': sending is refused. */
  readonly mode: 'smtp' | 'log' | 'off';
  /** An absolute link to a path of the service, for e-mails and printed output. */
  link(path: string): string;
  /** Sends the message, or throws: a message is never dropped silently. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The mailer the configuration asks for: SMTP when SMTP_URL is set. Without it, development
 * and test print each e-mail's link (clearly labelled) through `log`; production refuses to
 * send, so that nobody believes an e-mail went out when it did not.
 */
export function createMailer(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'environment'>,
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Mailer {
  const link = (path: string) => `${config.publicUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      mode: 'smtp',
      link,
      async send(message) {
        await transport.sendMail({
          from: config.mailFrom,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
      },
      close: () => transport.close(),
    };
  }
  if (config.environment === 'production') {
    return {
      mode: 'off',
      link,
      send() {
        return Promise.reject(
          new ConfigError(
            'E-mail is not set up on this server (SMTP_URL), so no e-mail was sent. Ask whoever runs the server to set it, or use the g2g command there',
          ),
        );
      },
      close: () => undefined,
    };
  }
  return {
    mode: 'log',
    link,
    send(message) {
      log(
        `[g2g e-mail NOT SENT: SMTP_URL is not set] to ${message.to}: "${message.subject}"\n` +
          `[g2g e-mail NOT SENT] link: ${message.link}`,
      );
      return Promise.resolve();
    },
    close: () => undefined,
  };
}
