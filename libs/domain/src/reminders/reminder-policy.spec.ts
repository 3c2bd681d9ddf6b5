import type { Stage } from '../action/action.state';
import { readTargetDate } from '../target-date';
import {
  DEFAULT_REMINDER_POLICY,
  overdueEpisode,
  remindersFor,
  type Reminder,
  type ReminderPolicy,
  type ReportingMeeting,
  type ReminderSubject,
} from './reminder-policy';

const subject = (targetDate: string, change: Partial<ReminderSubject> = {}): ReminderSubject => ({
  actionId: 'a-2.3',
  stage: 'open',
  targetDate: readTargetDate(targetDate),
  planActive: true,
  raisedOn: '2021-01-05',
  ...change,
});
/** Each reminder as a line a reader can check against the policy. */
const lines = (reminders: Reminder[]) => reminders.map((r) => `${r.dueOn} ${r.kind} → ${r.to}: ${r.rule}`).sort();
const on = (today: string, targetDate = 'Mar-21', policy: ReminderPolicy = DEFAULT_REMINDER_POLICY, meetings: ReportingMeeting[] = []) =>
  lines(remindersFor(subject(targetDate), policy, meetings, today));
const keys = (targetDate: string, today = '2021-01-10', meetings: ReportingMeeting[] = []) =>
  remindersFor(subject(targetDate), DEFAULT_REMINDER_POLICY, meetings, today)
    .map((r) => r.key)
    .sort();
const panel: ReportingMeeting = { kind: 'panel', id: 'panel-7', date: '2021-03-10' };
const board: ReportingMeeting = { kind: 'board', id: '2021-05-12', date: '2021-05-12' };

describe('reminders before and after a target date', () => {
  const farAhead = [
    '2021-03-17 target date approaching → owners: 14 days before the target date',
    '2021-03-24 target date approaching → owners: 7 days before the target date',
    '2021-03-30 target date approaching → owners: 1 day before the target date',
    '2021-04-07 overdue → owners: overdue chase 1 (every 7 days)',
    '2021-04-14 escalation → plan manager: escalation after 14 days overdue',
  ];
  it("reminds 14, 7 and 1 days before, chases a week after and escalates two weeks after a day's date", () =>
    expect(on('2021-01-10', '31/03/2021')).toEqual(farAhead));
  it('falls due at the end of a month-precision date', () => expect(on('2021-01-10', 'Mar-21')).toEqual(farAhead));
  it('falls due at the end of a quarter', () =>
    expect(on('2021-01-10', 'Q1 2021/22')[0]).toBe('2021-06-16 target date approaching → owners: 14 days before the target date'));
  it('says which target date each is about', () =>
    expect(remindersFor(subject('Mar-21'), DEFAULT_REMINDER_POLICY, [], '2021-01-10').map((r) => r.aboutTargetDate)).toEqual(
      Array(5).fill('2021-03-31'),
    ));
  it("follows the plan's own policy", () =>
    expect(
      on('2021-01-10', 'Mar-21', { beforeDays: [28, 0], chaseEveryDays: 14, escalateAfterDays: 30, updateRequestDaysBefore: 7 }),
    ).toEqual([
      '2021-03-03 target date approaching → owners: 28 days before the target date',
      '2021-03-31 target date approaching → owners: on the target date',
      '2021-04-14 overdue → owners: overdue chase 1 (every 14 days)',
      '2021-04-30 escalation → plan manager: escalation after 30 days overdue',
    ]));
  it('keys each reminder by what makes it distinct', () =>
    expect(keys('Mar-21')).toEqual([
      'a-2.3|before-14|2021-03-31',
      'a-2.3|before-1|2021-03-31',
      'a-2.3|before-7|2021-03-31',
      'a-2.3|escalation|2021-03-31',
      'a-2.3|overdue|2021-03-31|2021-04-07',
    ]));
});

describe('a target date at the end of the calendar', () => {
  // As a target date stored before dates were bounded reads back: a day, due on the calendar's last day.
  const endOfCalendar = (due: string): ReminderSubject => ({ ...subject('Mar-21'), targetDate: { raw: due, precision: 'day', due } });
  const owed = (due: string, today: string) => lines(remindersFor(endOfCalendar(due), DEFAULT_REMINDER_POLICY, [], today));

  it('never chases or escalates a reminder whose day would fall past 9999-12-31: it is never due', () =>
    expect(owed('9999-12-31', '2026-12-10')).toEqual([
      '9999-12-17 target date approaching → owners: 14 days before the target date',
      '9999-12-24 target date approaching → owners: 7 days before the target date',
      '9999-12-30 target date approaching → owners: 1 day before the target date',
    ]));
  it('keeps a reminder that falls on 9999-12-31 itself, and drops the first one after it', () =>
    expect(owed('9999-12-17', '2026-12-10').filter((line) => !line.includes('approaching'))).toEqual([
      '9999-12-24 overdue → owners: overdue chase 1 (every 7 days)',
      '9999-12-31 escalation → plan manager: escalation after 14 days overdue',
    ]));
  it('reads a target date of 9999-12-31 written today as no readable date, for the plan manager to correct', () =>
    expect(on('2026-12-10', '9999-12-31')).toEqual(['2021-01-05 no readable target date → plan manager: no readable target date']));
});

describe('after the engine was down', () => {
  it('sends only the latest reminder before the date that is due, and keeps those to come', () =>
    expect(on('2021-03-26')).toEqual([
      '2021-03-24 target date approaching → owners: 7 days before the target date',
      '2021-03-30 target date approaching → owners: 1 day before the target date',
      '2021-04-07 overdue → owners: overdue chase 1 (every 7 days)',
      '2021-04-14 escalation → plan manager: escalation after 14 days overdue',
    ]));
  it('still sends the last reminder before the date on the day itself', () =>
    expect(on('2021-03-31').filter((line) => line.includes('approaching'))).toEqual([
      '2021-03-30 target date approaching → owners: 1 day before the target date',
    ]));
  it('sends none before the date once it has passed: the chase takes over', () =>
    expect(on('2021-04-01').filter((line) => line.includes('approaching'))).toEqual([]));
  it('sends the most recent chase due and queues the next, never a backlog', () =>
    expect(on('2021-04-27')).toEqual([
      '2021-04-14 escalation → plan manager: escalation after 14 days overdue',
      '2021-04-21 overdue → owners: overdue chase 3 (every 7 days)',
      '2021-04-28 overdue → owners: overdue chase 4 (every 7 days)',
    ]));
  it('sends a chase on its own day', () =>
    expect(on('2021-04-14').filter((line) => line.includes('overdue →'))).toEqual([
      '2021-04-14 overdue → owners: overdue chase 2 (every 7 days)',
      '2021-04-21 overdue → owners: overdue chase 3 (every 7 days)',
    ]));
  it("keeps a chase's key when the cadence changes, so a chase already sent that day is not sent again", () => {
    const chaseOn14April = (chaseEveryDays: number) =>
      remindersFor(subject('Mar-21'), { ...DEFAULT_REMINDER_POLICY, chaseEveryDays }, [], '2021-04-20').find(
        (r) => r.dueOn === '2021-04-14' && r.kind === 'overdue',
      )?.key;
    expect([chaseOn14April(7), chaseOn14April(14)]).toEqual(['a-2.3|overdue|2021-03-31|2021-04-14', 'a-2.3|overdue|2021-03-31|2021-04-14']);
  });
});

describe('recurring and unreadable target dates', () => {
  it('gives a recurring action no deadline reminders: there is no deadline to be behind', () => {
    expect(on('2021-01-10', 'Monthly activity – to be reviewed quarterly.')).toEqual([]);
    expect(on('2021-01-10', 'Ongoing', DEFAULT_REMINDER_POLICY, [panel])).toEqual([
      '2021-03-03 update request → owners: update before panel meeting on 2021-03-10',
    ]);
  });
  it('tells the plan manager once, as of the day the action was raised, that its date cannot be read', () => {
    const noDate = ['2021-01-05 no readable target date → plan manager: no readable target date'];
    expect([on('2021-01-10', 'Click here to enter a date.'), on('2022-06-01', '31.4.14'), on('2021-01-10', 'Quarter 4')]).toEqual([
      noDate,
      noDate,
      noDate,
    ]);
    expect(keys('Click here to enter a date.', '2022-06-01')).toEqual(['a-2.3|no-readable-date']);
  });
});

describe('update requests before meetings', () => {
  it('asks the owners 7 days before each panel meeting and board date still to come', () =>
    expect(on('2021-01-10', 'Ongoing', DEFAULT_REMINDER_POLICY, [panel, board])).toEqual([
      '2021-03-03 update request → owners: update before panel meeting on 2021-03-10',
      '2021-05-05 update request → owners: update before board meeting on 2021-05-12',
    ]));
  it('asks whatever the precision of the date', () => {
    expect(on('2021-01-10', 'Mar-21', DEFAULT_REMINDER_POLICY, [panel]).filter((line) => line.includes('update'))).toHaveLength(1);
    expect(on('2021-01-10', 'TBC', DEFAULT_REMINDER_POLICY, [panel]).filter((line) => line.includes('update'))).toHaveLength(1);
  });
  it("follows the plan's own notice", () =>
    expect(on('2021-01-10', 'Ongoing', { ...DEFAULT_REMINDER_POLICY, updateRequestDaysBefore: 14 }, [panel])).toEqual([
      '2021-02-24 update request → owners: update before panel meeting on 2021-03-10',
    ]));
  it('ignores meetings already held, but still asks on the day of one', () => {
    expect(on('2021-03-11', 'Ongoing', DEFAULT_REMINDER_POLICY, [panel])).toEqual([]);
    expect(on('2021-03-10', 'Ongoing', DEFAULT_REMINDER_POLICY, [panel])).toEqual([
      '2021-03-03 update request → owners: update before panel meeting on 2021-03-10',
    ]);
  });
  it('keys a request by the meeting and its date, so a moved meeting asks again', () =>
    expect(keys('Ongoing', '2021-01-10', [panel, { ...panel, date: '2021-03-17' }])).toEqual([
      'a-2.3|update|panel:panel-7|2021-03-10',
      'a-2.3|update|panel:panel-7|2021-03-17',
    ]));
});

describe('rescheduling and cancelling', () => {
  it('gives a revised target date new keys, so the old reminders stop', () => {
    const deadline = (date: string) => keys(date, '2021-01-10', [board]).filter((key) => !key.includes('|update|'));
    expect(deadline('Jun-21').filter((key) => deadline('Mar-21').includes(key))).toEqual([]);
    expect(keys('Jun-21', '2021-01-10', [board])).toContain('a-2.3|update|board:2021-05-12|2021-05-12');
  });
  it('keeps the keys when a revision names the same day in other words', () => expect(keys('31/03/2021')).toEqual(keys('Mar-21')));
  it.each<Stage>(['submitted', 'complete', 'withdrawn', 'not raised'])('sends nothing to an action %s', (stage) =>
    expect(remindersFor(subject('Mar-21', { stage }), DEFAULT_REMINDER_POLICY, [panel], '2021-03-26')).toEqual([]),
  );
  it('sends nothing in a closed plan, nor in a draft however long overdue its actions are', () =>
    expect(remindersFor(subject('Mar-21', { planActive: false }), DEFAULT_REMINDER_POLICY, [panel], '2021-03-26')).toEqual([]));
  it.each(['sign-off proposed', 'duplicate'] as const)(
    'sends nothing about an open action its history settles (%s), however overdue, nor counts it newly overdue',
    (settledBy) => {
      expect(remindersFor(subject('Mar-21', { settledBy }), DEFAULT_REMINDER_POLICY, [panel], '2021-04-26')).toEqual([]);
      expect(overdueEpisode(subject('Mar-21', { settledBy }), '2021-04-26')).toBeNull();
      expect(overdueEpisode(subject('Mar-21'), '2021-04-26')).not.toBeNull();
    },
  );
  it('owes an action overdue when its plan went live one line on that day, then chases from it, and escalates a fortnight later', () =>
    expect(lines(remindersFor(subject('Mar-21', { liveSince: '2022-06-20' }), DEFAULT_REMINDER_POLICY, [], '2022-06-20'))).toEqual(
      [
        '2022-06-20 overdue → owners: overdue when the plan went live on 2022-06-20',
        '2022-06-27 overdue → owners: overdue chase 1 since the plan went live (every 7 days)',
        '2022-07-04 escalation → plan manager: escalation: still overdue 14 days after the plan went live on 2022-06-20',
      ].sort(),
    ));
  it('keeps the clock of an action that fell due after its plan went live', () =>
    expect(on('2021-04-08', 'Mar-21')).toEqual(
      lines(remindersFor(subject('Mar-21', { liveSince: '2021-02-01' }), DEFAULT_REMINDER_POLICY, [], '2021-04-08')),
    ));
  it('without the day its plan went live, owes only the latest chase and the escalation, not every chase missed', () =>
    expect(on('2022-06-20', 'Mar-21')).toEqual(
      [
        '2022-06-15 overdue → owners: overdue chase 63 (every 7 days)',
        '2022-06-22 overdue → owners: overdue chase 64 (every 7 days)',
        '2021-04-14 escalation → plan manager: escalation after 14 days overdue',
      ].sort(),
    ));
});
