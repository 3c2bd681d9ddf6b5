import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  /** The Subject header, unfolded (long headers are wrapped over several lines on the wire). */
  subject: string | undefined;
}

const subjectOf = (raw: string) =>
  raw
    .split(/\r?\n\r?\n/, 1)[0]
    .replace(/\r?\n(?=[ \t])/g, '')
    .match(/^Subject: (.*)$/im)?.[1];

/**
 * A real SMTP server on loopback that keeps what it receives; `refuse` makes it answer 451 to
 * every recipient (a mail server that is down or refusing), and `hang` makes it never accept a
 * message (a delivery caught in the middle). `dropped` keeps the errors of connections that
 * broke off, such as a client killed in the middle of a message.
 */
export async function startSmtpServer(): Promise<{
  url: string;
  received: ReceivedMail[];
  dropped: Error[];
  refuse: boolean;
  hang: boolean;
  receiving: number;
  stop(): Promise<void>;
}> {
  const state = { refuse: false, hang: false, receiving: 0, received: [] as ReceivedMail[], dropped: [] as Error[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A test stops the server when it is done with it. smtp-server would otherwise give clients
    // still connected (a mailer's idle pool, a worker not killed yet) 30 s to leave first.
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (state.refuse) {
        const refusal = Object.assign(new Error('mailbox temporarily unavailable'), { responseCode: 451 });
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      state.receiving += 1;
      // Hanging: the message is read but never accepted, as a server that stalls mid-delivery.
      if (state.hang) {
        stream.on('data', () => undefined);
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        state.received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, subject: subjectOf(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client killed in the middle of a message resets its connection (the kernel sends RST when
  // the dead process left a reply unread, which depends on timing: it happens on a busy machine).
  // smtp-server re-emits a reset inside a mail transaction as an 'error' on the server, and with
  // no listener that would crash the test process ("Test suite failed to run: read ECONNRESET").
  // For this server a client going away is part of what the tests do, so it is kept, not thrown.
  server.on('error', (error) => state.dropped.push(error));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: state.received,
    dropped: state.dropped,
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    get hang() {
      return state.hang;
    },
    set hang(value: boolean) {
      state.hang = value;
    },
    get receiving() {
      return state.receiving;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
