import type { ReminderMail } from '@actionplans/reminders';

/** The email carrying a sign-in link. Its key names this link, so the outbox keeps one file per link. */
export function signInMail(to: string, name: string, link: { url: string; token: string }, councilName: string): ReminderMail {
  return {
    reminderKey: `sign-in-${link.token.slice(0, 16)}`,
    to,
    subject: 'Your link to sign in to Action plans',
    text: [
      `Dear ${name},`,
      '',
      `Use this link to sign in to Action plans at ${councilName}:`,
      '',
      link.url,
      '',
      'The link works once, for 15 minutes. If it has expired, ask for a new one on the sign-in page.',
      '',
      'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.',
    ].join('\n'),
  };
}
