import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import { eventually } from './poll';
import { startSmtpServer } from './smtp';

/** Speaks SMTP by hand up to the server's go-ahead for DATA, so the test decides where the client goes away. */
async function openMessage(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let replies = '';
  socket.on('data', (chunk: Buffer) => (replies += chunk.toString('utf8')));
  const reply = (code: string) => eventually(`the server's ${code} reply`, () => new RegExp(`^${code} `, 'm').test(replies), 5_000);
  await reply('220');
  for (const [command, code] of [
    ['EHLO worker', '250'],
    ['MAIL FROM:<reminders@localhost>', '250'],
    ['RCPT TO:<owner@localhost>', '250'],
    ['DATA', '354'],
  ]) {
    replies = '';
    socket.write(`${command}\r\n`);
    await reply(code);
  }
  return socket;
}

describe('the test SMTP server when a client dies in the middle of a message', () => {
  it('records the reset connection instead of crashing the test process, and goes on receiving', async () => {
    const smtp = await startSmtpServer();
    const transport = createTransport({ url: smtp.url });
    try {
      smtp.hang = true;
      const socket = await openMessage(smtp.url);
      await eventually('the server reading the message', () => smtp.receiving === 1, 5_000);
      // What the kernel does for a client killed with a reply still unread: it resets the
      // connection. The server's read fails with ECONNRESET inside a mail transaction, which
      // smtp-server re-emits as an 'error' on the server.
      socket.resetAndDestroy();
      await once(socket, 'close');
      await eventually('the reset seen by the server', () => smtp.dropped.length === 1, 5_000);
      expect((smtp.dropped[0] as NodeJS.ErrnoException).code).toBe('ECONNRESET');

      smtp.hang = false;
      await transport.sendMail({ from: 'reminders@localhost', to: 'owner@localhost', subject: 'after the reset', text: 'Still here.' });
      expect(smtp.received.map((mail) => mail.subject)).toEqual(['after the reset']);
    } finally {
      transport.close();
      await smtp.stop();
    }
  });
});
