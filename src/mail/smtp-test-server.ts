import { SMTPServer } from 'smtp-server';

/** An e-mail as a real SMTP server received it. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  /** The plain-text body, transfer encoding undone. */
  text: string;
  /** The first http(s) link in the body. */
  link: string | null;
  /** The Content-Type header, e.g. text/plain; charset=utf-8. */
  contentType: string;
  /** The whole message as received, headers included. */
  raw: string;
}

/** How the server answers RCPT TO: accept, refuse for now (451) or refuse for good (550). */
export type SmtpAnswer = 'accept' | 'try-later' | 'refuse';

/**
 * A real SMTP server on a free local port, for tests: it keeps every message it receives.
 * `url` is an SMTP_URL for the mailer; `port` starts it again where a stopped one listened.
 */
export async function startSmtpTestServer(port = 0): Promise<{
  url: string;
  received: ReceivedMail[];
  /** The messages received since the last call. */
  take(): ReceivedMail[];
  /** The next message not yet taken, waiting for it to arrive (mail sent after a response). */
  next(): Promise<ReceivedMail>;
  /** From now on, answer every recipient so (or, with `address`, only that one). */
  answer(how: SmtpAnswer, address?: string): void;
  stop(): Promise<void>;
}> {
  const received: ReceivedMail[] = [];
  let answerAll: SmtpAnswer = 'accept';
  const answers = new Map<string, SmtpAnswer>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const how = answers.get(address.address.toLowerCase()) ?? answerAll;
      if (how === 'accept') return callback();
      const refusal = new Error(
        how === 'refuse' ? 'No such mailbox here' : 'Mailbox busy, try again later',
      ) as Error & { responseCode: number };
      refusal.responseCode = how === 'refuse' ? 550 : 451;
      return callback(refusal);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push(
          parse(
            raw,
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const listening = typeof address === 'object' && address ? address.port : 0;
  let taken = 0;
  return {
    url: `smtp://127.0.0.1:${listening}`,
    received,
    take() {
      const fresh = received.slice(taken);
      taken = received.length;
      return fresh;
    },
    async next() {
      for (let waited = 0; received.length <= taken; waited += 10) {
        if (waited > 10_000) throw new Error('No e-mail arrived within 10 seconds');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const mail = received[taken];
      taken += 1;
      if (!mail) throw new Error('No e-mail');
      return mail;
    },
    answer(how, address) {
      if (address) answers.set(address.toLowerCase(), how);
      else answerAll = how;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  if (/quoted-printable/i.test(header('Content-Transfer-Encoding'))) {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  } else if (/base64/i.test(header('Content-Transfer-Encoding'))) {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  const text = body.replace(/\r\n/g, '\n');
  return {
    to,
    from: header('From'),
    subject: header('Subject'),
    text,
    link: /https?:\/\/\S+/.exec(text)?.[0] ?? null,
    contentType: header('Content-Type'),
    raw,
  };
}
