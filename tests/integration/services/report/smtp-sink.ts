/**
 * A real SMTP server on loopback for the report tests (smtp-server), which parses every mail it accepts
 * (mailparser) and can be told to refuse the next ones with a temporary error.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the server received it. */
export interface ReceivedMail {
  envelopeTo: string[];
  auth: { user: string; password: string } | null;
  mail: ParsedMail;
}

/** A running sink. */
export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** refuse the next `count` mails with 451 */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** Starts the sink on 127.0.0.1 at a free port; plain SMTP with optional AUTH PLAIN/LOGIN. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusals = 0;
  const logins = new Map<string, { user: string; password: string }>();
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, session, callback) {
      logins.set(session.id, { user: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (refusals > 0) {
            refusals -= 1;
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          received.push({
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            auth: logins.get(session.id) ?? null,
            mail,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    refuseNext: (count) => {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
