import { evolvePlan, initialPlanState, planDecider, RATING_SCHEMES, type PlanState, type RatingScheme } from '@actionplans/domain';
import canonicalize from 'canonicalize';
import { FormReader } from './form-reader';
import { labelField, readSettings, settingsRows, settingsValues } from './plan-settings';

/** The council's plan as PlanCreated and a board's amendment left it. */
const plan: PlanState = evolvePlan(
  evolvePlan(initialPlanState, {
    type: 'PlanCreated',
    data: {
      planId: 'p-1',
      kind: 'improvement plan',
      title: 'Children’s Services Improvement Plan',
      source: { body: 'Ofsted', date: '2022-01', judgement: null },
      statusLabels: { ...initialPlanState.statusLabels, complete: 'Blue: action complete' },
      quorum: 2,
      warningDays: 14,
      reminderPolicy: initialPlanState.reminderPolicy,
      // As the store gives it back: canonical JSON, every object's keys sorted.
      ratingScheme: JSON.parse(canonicalize(RATING_SCHEMES['cyp-rag'])!) as RatingScheme,
    },
  }),
  { type: 'PlanAmended', data: { boardDates: ['2022-06-14'], reason: 'Board dates agreed' } },
);

describe('the plan settings form', () => {
  it('starts from the plan as it stands, board dates as papers write them', () => {
    const values = settingsValues(plan, 2);
    expect(values).toMatchObject({
      version: '2',
      title: 'Children’s Services Improvement Plan',
      ratingScheme: 'cyp-rag',
      warningDays: '14',
      quorum: '2',
      beforeDays: '14, 7, 1',
      boardDates: '14 June 2022',
      [labelField('complete')]: 'Blue: action complete',
    });
  });

  it('reads back, unchanged, what it was filled in with: the command then finds nothing to amend', () => {
    const read = new FormReader({ ...settingsValues(plan, 2), reason: 'Checked' });
    const amendment = readSettings(read);
    expect(read.errors).toEqual([]);
    expect(amendment).toMatchObject({
      title: plan.title,
      ratingScheme: 'cyp-rag',
      warningDays: 14,
      quorum: 2,
      statusLabels: plan.statusLabels,
      reminderPolicy: plan.reminderPolicy,
      boardDates: ['2022-06-14'],
    });
    const actor = { userId: 'u-priya', role: 'plan manager' as const };
    const decided = planDecider.decide({ type: 'AmendPlan', ...amendment, actor, now: '2022-07-01T09:00:00.000Z' }, plan);
    expect(decided).toMatchObject({ code: 'PLAN.NOTHING_TO_AMEND' });
  });

  it('offers no ready-made scheme when the plan rates in categories of its own', () => {
    const own = { ...plan, ratingScheme: { ...RATING_SCHEMES['cyp-rag'], name: 'board’s own' } };
    expect(settingsValues(own, 2).ratingScheme).toBe('');
    const read = new FormReader({ ...settingsValues(own, 2), reason: 'Checked' });
    expect(readSettings(read)).not.toHaveProperty('ratingScheme');
  });

  it.each([
    ['quorum', '0', 'The quorum must be between 1 and 50'],
    ['quorum', '', 'Enter the quorum'],
    ['warningDays', 'a fortnight', 'Warning days must be a whole number, like 1'],
    ['beforeDays', '14, 7, 7', 'Give each number of days once'],
    ['beforeDays', '14, seven', 'Give each number of days as a whole number from 0 to 365, separated by commas, like 14, 7, 1'],
    ['boardDates', '14 June 2022\nJuly 2022', '“July 2022” is not a day: give each date as a day, like 14 June 2022'],
    [labelField('at risk'), ' ', 'Enter the plan’s words for “at risk”'],
    ['reason', '', 'Enter why the settings change'],
    ['ratingScheme', 'made-up', 'Select how the board rates actions'],
  ])('says what is wrong with %s “%s” beside it', (field, typed, text) => {
    const read = new FormReader({ ...settingsValues(plan, 2), reason: 'Board asked', [field]: typed });
    readSettings(read);
    expect(read.errors).toEqual([{ field, text }]);
  });

  it('lists the settings for the manage page in words', () => {
    const rows = Object.fromEntries(settingsRows(plan).map((row) => [row.key.text, row.value.text]));
    expect(rows).toMatchObject({
      Quorum: '2 panel members',
      'Warning days': '14 days before a target date',
      'Board dates': '14 June 2022',
    });
    expect(rows['Rating scheme']).toMatch(/^cyp-rag: /);
  });
});
