import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpServer, tempDir } from '@actionplans/testing';
import { OutboxMailer, SmtpMailer, type ReminderMail } from './mailer';

const mail: ReminderMail = {
  reminderKey: 'a-2.3|before-7|2021-03-31',
  to: 'cyps.training@rotherham.example',
  subject: 'Action 2.3 is due in 7 days (31 March 2021)',
  text: 'Hold workshops for staff across CYPS and partnership.\nhttp://localhost:3000/actions/a-2.3',
};

describe('SMTP delivery to a real server on loopback', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => (smtp = await startSmtpServer()));
  afterAll(() => smtp.stop());

  it('hands the reminder over with its subject, recipient and a message id naming the reminder', async () => {
    const mailer = new SmtpMailer(smtp.url, 'Action plans <reminders@rotherham.example>');
    await mailer.send(mail);
    await mailer.close();
    const [received] = smtp.received;
    expect(received.to).toEqual(['cyps.training@rotherham.example']);
    expect(received.subject).toBe('Action 2.3 is due in 7 days (31 March 2021)');
    expect(received.raw).toMatch(/Message-ID: <[0-9a-f]{32}@actionplans>/i);
    expect(received.raw).toContain('X-Actionplans-Reminder: a-2.3|before-7|2021-03-31');
  });

  it('rejects when the server refuses, so the delivery is retried rather than recorded', async () => {
    smtp.refuse = true;
    const mailer = new SmtpMailer(smtp.url, 'reminders@rotherham.example');
    await expect(mailer.send(mail)).rejects.toThrow(/451/);
    await mailer.close();
    smtp.refuse = false;
  });
});

describe('the outbox folder', () => {
  const dir = tempDir('outbox');
  afterAll(() => dir.remove());

  it('writes one .eml per reminder and recipient, however often it is handed over', async () => {
    const mailer = new OutboxMailer(join(dir.path, 'outbox'), 'reminders@localhost');
    await mailer.send(mail);
    await mailer.send(mail);
    await mailer.send({ ...mail, to: 'plan.manager@rotherham.example' });
    const files = readdirSync(join(dir.path, 'outbox')).filter((file) => !file.startsWith('.'));
    expect(files).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    expect(readFileSync(join(dir.path, 'outbox', files[0]), 'utf8')).toContain('Subject: Action 2.3 is due in 7 days');
  });
});
