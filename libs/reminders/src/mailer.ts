import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';

/** A file sent with a message: a scheduled committee pack's HTML and PDF. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
}

export interface ReminderMail {
  /** Names this message: a message handed over twice has the same id (and outbox file). */
  reminderKey: string;
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

/** Hands a reminder over for delivery; resolves once the mail server (or the outbox) has it. */
export interface Mailer {
  send(mail: ReminderMail): Promise<void>;
  close(): Promise<void>;
}

const messageId = (mail: ReminderMail) =>
  `${createHash('sha256').update(`${mail.reminderKey}\n${mail.to}`).digest('hex').slice(0, 32)}@actionplans`;

const envelope = (from: string, mail: ReminderMail) => ({
  from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  messageId: `<${messageId(mail)}>`,
  headers: { 'X-Actionplans-Reminder': mail.reminderKey },
  ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
});

/** SMTP at `SMTP_URL`. A refusal rejects, so the delivery is retried and nothing is recorded. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // A pool of connections: a reminder run hands over many messages, and a connection each is slow.
    this.transport = createTransport({ url, pool: true, maxConnections: 10 });
  }

  async send(mail: ReminderMail): Promise<void> {
    await this.transport.sendMail(envelope(this.from, mail));
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/**
 * With no SMTP server configured, each message is written as an .eml file into the outbox
 * folder, named by its message id: handing the same reminder over twice leaves one file.
 */
export class OutboxMailer implements Mailer {
  private readonly transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly folder: string,
    private readonly from: string,
  ) {}

  async send(mail: ReminderMail): Promise<void> {
    const { message } = await this.transport.sendMail(envelope(this.from, mail));
    await mkdir(this.folder, { recursive: true });
    const file = join(this.folder, `${messageId(mail).replace('@actionplans', '')}.eml`);
    // Written under a hidden name and renamed, so whatever picks mail up never sees half a message.
    const partial = join(this.folder, `.${randomUUID()}.partial`);
    await writeFile(partial, message as Buffer, { flush: true });
    await rename(partial, file);
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** SMTP at `smtpUrl` when set, else the outbox folder under `dataDir`: how reminders and sign-in links leave. */
export function openMailer(settings: { smtpUrl?: string; mailFrom: string; dataDir: string }): Mailer {
  return settings.smtpUrl
    ? new SmtpMailer(settings.smtpUrl, settings.mailFrom)
    : new OutboxMailer(join(settings.dataDir, 'outbox'), settings.mailFrom);
}
