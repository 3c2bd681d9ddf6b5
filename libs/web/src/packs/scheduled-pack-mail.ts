import type { IssuedPack } from '@actionplans/read-models';
import type { MailAttachment, ReminderMail } from '@actionplans/reminders';
import { fileStem } from '../documents/file-name';
import { dayInWords } from '../page/dates';

/**
 * The email carrying a scheduled pack to one of its plan's managers (ADR 37): the HTML master and,
 * where Chromium could print it, the PDF attached; its hash and how a copy is checked; where to
 * issue it again with other words. Its key names the pack, so handing it over twice keeps one message id.
 */
export function scheduledPackMail(
  pack: IssuedPack,
  context: { planTitle: string; publicUrl: string; to: string; html: string; pdf: Buffer | { unavailable: string } },
): ReminderMail {
  const { planTitle, publicUrl, to, html, pdf } = context;
  const board = pack.meeting.board ?? 'the board';
  const stem = `${fileStem(planTitle).slice(0, 60) || 'plan'}-pack-${pack.inputs.asAt}`;
  const attachments: MailAttachment[] = [{ filename: `${stem}.html`, contentType: 'text/html; charset=utf-8', content: html }];
  if (Buffer.isBuffer(pdf)) attachments.push({ filename: `${stem}.pdf`, contentType: 'application/pdf', content: pdf });
  const days = pack.scheduled?.daysBefore;
  return {
    reminderKey: `scheduled-pack-${pack.packId}`,
    to,
    subject: `Committee pack for the ${board}, ${dayInWords(pack.meeting.date)}: ${planTitle}`,
    text: [
      `The committee pack of ${planTitle} for the ${board} on ${dayInWords(pack.meeting.date)} is attached, with its figures as at ${dayInWords(pack.inputs.asAt)}.`,
      '',
      `The engine made it ${days === undefined ? 'on the plan’s schedule' : `${days} ${days === 1 ? 'day' : 'days'} before the board date, as the plan’s settings ask`}, and recorded it on the plan’s pack register as issued to the ${board}.`,
      '',
      `SHA-256 of its content: ${pack.hash}`,
      'The hash is printed in the pack’s footer. Anyone can check a copy against the record by sending it to POST /packs/verify.',
      '',
      Buffer.isBuffer(pdf)
        ? 'The HTML file is the master copy; the PDF is a print of it.'
        : `The PDF could not be printed here (${pdf.unavailable}). The HTML file is the master copy and prints from any browser.`,
      '',
      `The pack as made: ${publicUrl}/app/packs/${pack.packId}`,
      `To issue it with other words on its cover, prepare it again: ${publicUrl}/app/plans/${pack.planId}/pack`,
      '',
      'You get this email as a manager of the plan.',
    ].join('\n'),
    attachments,
  };
}
