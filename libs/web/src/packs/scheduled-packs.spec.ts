import type { RecordedEvent } from '@actionplans/event-store';
import type { IssuedPack, PlanEntry } from '@actionplans/read-models';
import { scheduledPackMail } from './scheduled-pack-mail';
import { packsDue, planManagersFrom } from './scheduled-packs';

const plan = (overrides: Partial<PlanEntry>): PlanEntry => ({
  planId: 'p1',
  title: 'YOT HMIP Inspection Action Plan',
  actionIds: [],
  panelIds: [],
  reminderPolicy: { beforeDays: [14, 7, 1], chaseEveryDays: 7, escalateAfterDays: 14, updateRequestDaysBefore: 14 },
  boardDates: ['2022-06-14', '2022-09-13', '2022-12-13'],
  measureIds: [],
  stage: 'active',
  packSchedule: { daysBefore: 7, board: 'YOT Management Board' },
  ...overrides,
});

describe('which board dates are owed their pack today', () => {
  it('owes a board date its pack from the set number of days before it up to the day itself', () => {
    expect(packsDue([plan({})], '2022-06-06')).toEqual([]);
    for (const today of ['2022-06-07', '2022-06-10', '2022-06-14'])
      expect(packsDue([plan({})], today)).toEqual([
        { planId: 'p1', boardDate: '2022-06-14', schedule: { daysBefore: 7, board: 'YOT Management Board' } },
      ]);
    expect(packsDue([plan({})], '2022-06-15')).toEqual([]);
  });
  it('owes nothing for a plan in draft, a closed plan or a plan with no schedule', () => {
    expect(packsDue([plan({ stage: 'draft' }), plan({ stage: 'closed' }), plan({ packSchedule: null })], '2022-06-10')).toEqual([]);
  });
  it('counts the days across month and year ends', () => {
    const winter = plan({ boardDates: ['2023-01-03'], packSchedule: { daysBefore: 10, board: 'Board' } });
    expect(packsDue([winter], '2022-12-24')).toHaveLength(1);
    expect(packsDue([winter], '2022-12-23')).toHaveLength(0);
  });
});

const event = (type: string, id: string, role: string): RecordedEvent =>
  ({ type, metadata: { actor: { id, role } } }) as unknown as RecordedEvent;

describe("the plan's managers a scheduled pack goes to", () => {
  it('are its creator, then each plan manager who recorded on the plan, once each, in order', () => {
    const events = [
      event('PlanCreated', 'u-admin', 'admin'),
      event('GroupingAdded', 'u-deputy', 'plan manager'),
      event('PlanAmended', 'u-admin', 'admin'),
      event('PlanAmended', 'u-auditor', 'auditor'),
      event('PlanActivated', 'u-deputy', 'plan manager'),
      event('PlanAmended', 'u-manager', 'plan manager'),
    ];
    expect(planManagersFrom(events)).toEqual(['u-admin', 'u-deputy', 'u-manager']);
  });
});

describe('the email carrying a scheduled pack', () => {
  const pack = {
    packId: 'pk-1',
    planId: 'p1',
    hash: 'ab'.repeat(32),
    meeting: { panelId: null, board: 'YOT Management Board', date: '2022-06-14' },
    inputs: { asAt: '2022-06-07' },
    scheduled: { daysBefore: 7 },
  } as unknown as IssuedPack;
  const context = {
    planTitle: 'YOT HMIP Inspection Action Plan',
    publicUrl: 'https://plans.example.org',
    to: 'pm@example.org',
    html: '<html></html>',
  };

  it('attaches the HTML master and the PDF, names the board and day, and gives the hash', () => {
    const mail = scheduledPackMail(pack, { ...context, pdf: Buffer.from('%PDF-1.7') });
    expect(mail.subject).toBe('Committee pack for the YOT Management Board, 14 June 2022: YOT HMIP Inspection Action Plan');
    expect(mail.attachments?.map((file) => [file.filename, file.contentType])).toEqual([
      ['yot-hmip-inspection-action-plan-pack-2022-06-07.html', 'text/html; charset=utf-8'],
      ['yot-hmip-inspection-action-plan-pack-2022-06-07.pdf', 'application/pdf'],
    ]);
    expect(mail.text).toContain(`SHA-256 of its content: ${'ab'.repeat(32)}`);
    expect(mail.text).toContain('7 days before the board date');
    expect(mail.text).toContain('https://plans.example.org/app/packs/pk-1');
    expect(mail.reminderKey).toBe('scheduled-pack-pk-1');
  });
  it('without Chromium sends the HTML alone and says why there is no PDF', () => {
    const mail = scheduledPackMail(pack, { ...context, pdf: { unavailable: 'there is no Chromium at /opt/none' } });
    expect(mail.attachments).toHaveLength(1);
    expect(mail.text).toContain('The PDF could not be printed here (there is no Chromium at /opt/none)');
  });
});
