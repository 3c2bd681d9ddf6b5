import { evolvePlan, initialPlanState, planDecider, RATING_SCHEMES, type PlanState, type RatingScheme } from '@actionplans/domain';
import canonicalize from 'canonicalize';
import { FormReader } from './form-reader';
import { measuresAchievedItems } from './measures-achieved';
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
    const amendment = readSettings(read, plan);
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
    expect(readSettings(read, own)).not.toHaveProperty('ratingScheme');
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
    readSettings(read, plan);
    expect(read.errors).toEqual([{ field, text }]);
  });

  it('lists the settings for the manage page in words', () => {
    const rows = Object.fromEntries(settingsRows(plan).map((row) => [row.key.text, row.value.text]));
    expect(rows).toMatchObject({
      Quorum: '2 panel members',
      'Warning days': '14 days before a target date',
      'Board dates': '14 June 2022',
    });
    expect(rows['Rating scheme']).toMatch(/^Children and young people’s plan: RAG: /);
  });

  describe('categories that need the action’s impact measures achieved', () => {
    const actor = { userId: 'u-priya', role: 'plan manager' as const };
    const now = '2022-07-01T09:00:00.000Z';
    const amend = (state: PlanState, amendment: ReturnType<typeof readSettings>) => {
      const decided = planDecider.decide({ type: 'AmendPlan', ...amendment, actor, now }, state);
      if (!Array.isArray(decided)) throw decided;
      return decided.reduce(evolvePlan, state);
    };
    const flags = (state: PlanState) =>
      state.ratingScheme!.categories.filter((category) => category.requiresMeasuresAchieved).map((category) => category.key);

    it('lists the plan’s categories by their labels, none ticked while none needs them', () => {
      expect(measuresAchievedItems(plan, settingsValues(plan, 2))).toEqual([
        { value: 'green', text: 'Green', checked: false },
        { value: 'amber', text: 'Amber', checked: false },
        { value: 'red', text: 'Red', checked: false },
        { value: 'no-update', text: 'No information available or no update provided', checked: false },
      ]);
    });

    it('sends the plan’s scheme in full with the ticked category flagged, which then reads as the plan’s own', () => {
      const read = new FormReader({
        ...settingsValues(plan, 2),
        measuresAchieved: 'green',
        reason: 'Board: complete means measures achieved',
      });
      const amendment = readSettings(read, plan);
      expect(read.errors).toEqual([]);
      const amended = amend(plan, amendment);
      expect(flags(amended)).toEqual(['green']);
      expect(amended.ratingScheme!.categories.map((category) => category.label)).toEqual(
        RATING_SCHEMES['cyp-rag'].categories.map((category) => category.label),
      );
      const values = settingsValues(amended, 3);
      expect(values.ratingScheme).toBe('');
      expect(
        measuresAchievedItems(amended, values)
          .filter((item) => item.checked)
          .map((item) => item.text),
      ).toEqual(['Green']);
      expect(Object.fromEntries(settingsRows(amended).map((row) => [row.key.text, row.value.text]))).toMatchObject({
        'Categories needing impact measures achieved': 'Green',
      });

      const again = new FormReader({ ...values, reason: 'Checked' });
      expect(readSettings(again, amended)).not.toHaveProperty('ratingScheme');
      const cleared = new FormReader({ ...values, measuresAchieved: undefined, reason: 'Board changed its mind' });
      const restored = amend(amended, readSettings(cleared, amended));
      expect(settingsValues(restored, 4).ratingScheme).toBe('cyp-rag');
    });

    it('flags a plan rating in its status labels, with the labels typed in the same form', () => {
      const labelled = { ...plan, ratingScheme: null };
      const read = new FormReader({
        ...settingsValues(labelled, 2),
        [labelField('complete')]: 'Blue: complete, impact measures achieved',
        measuresAchieved: ['complete'],
        reason: 'Board agreed',
      });
      const amended = amend(labelled, readSettings(read, labelled));
      expect(amended.ratingScheme!.categories.find((category) => category.key === 'complete')).toMatchObject({
        label: 'Blue: complete, impact measures achieved',
        requiresMeasuresAchieved: true,
      });
    });

    it('carries the ticks to the ready-made scheme chosen in the same form, by key', () => {
      // The HMIP table, its on-track category needing measures achieved.
      const hmip = {
        ...plan,
        ratingScheme: {
          ...RATING_SCHEMES['hmip-four-bucket'],
          categories: RATING_SCHEMES['hmip-four-bucket'].categories.map((c) =>
            c.key === 'on-track' ? { ...c, requiresMeasuresAchieved: true } : c,
          ),
        },
      };
      const read = new FormReader({ ...settingsValues(hmip, 2), ratingScheme: 'send-wsoa-brag', reason: 'New board, new table' });
      const amended = amend(hmip, readSettings(read, hmip));
      expect(read.errors).toEqual([]);
      expect(amended.ratingScheme!.name).toBe('send-wsoa-brag');
      expect(flags(amended)).toEqual(['on-track']);
    });

    it('sends a ready-made scheme by name, as before, when nothing is ticked', () => {
      const read = new FormReader({ ...settingsValues(plan, 2), ratingScheme: 'send-wsoa-brag', reason: 'New table' });
      expect(readSettings(read, plan).ratingScheme).toBe('send-wsoa-brag');
    });

    it('says so beside the checkboxes when the scheme chosen has no category for a tick', () => {
      const read = new FormReader({
        ...settingsValues(plan, 2),
        ratingScheme: 'send-wsoa-brag',
        measuresAchieved: 'green',
        reason: 'New table',
      });
      readSettings(read, plan);
      expect(read.errors).toEqual([
        {
          field: 'measuresAchieved',
          text: 'SEND written statement of action: BRAG has no category matching “Green”: save the new scheme first, then tick its categories that need measures achieved',
        },
      ]);
    });

    it('refuses a category the plan does not have', () => {
      const read = new FormReader({ ...settingsValues(plan, 2), measuresAchieved: 'complete', reason: 'Board' });
      readSettings(read, plan);
      expect(read.errors).toEqual([{ field: 'measuresAchieved', text: 'Select only categories of the plan’s own scheme' }]);
    });

    it('says “None” in the summary while no category needs them', () => {
      const rows = Object.fromEntries(settingsRows(plan).map((row) => [row.key.text, row.value.text]));
      expect(rows['Categories needing impact measures achieved']).toBe('None');
    });
  });
});
