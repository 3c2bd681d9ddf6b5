import { created, type Client } from './api-client';

/**
 * The people of a council's children's services improvement plan, each with an email address
 * (sign-in links go there), in every role the pages serve.
 */
export const COUNCIL_PEOPLE = {
  manager: { name: 'Priya Patel', role: 'plan manager', email: 'priya.patel@council.example' },
  owner: { name: 'Owen Hughes', role: 'action owner', email: 'owen.hughes@council.example' },
  partner: { name: 'Sam Rahman', role: 'action owner', email: 'sam.rahman@council.example' },
  chair: { name: 'Suzanne Joyner', role: 'panel member', email: 'suzanne.joyner@council.example' },
  member: { name: 'Ian Atkinson', role: 'panel member', email: 'ian.atkinson@council.example' },
  member2: { name: 'David McWilliams', role: 'panel member', email: 'david.mcwilliams@council.example' },
  board: { name: 'Councillor Bola Ade', role: 'viewer', email: 'bola.ade@council.example' },
  auditor: { name: 'Internal Audit', role: 'auditor', email: 'internal.audit@council.example' },
} as const;
export type CouncilPerson = keyof typeof COUNCIL_PEOPLE;

const DAY = 86_400_000;
/** YYYY-MM-DD `days` from today (negative: in the past). */
export const fromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** What the world holds, by the names a journey refers to. */
export interface CouncilPlan {
  planId: string;
  groupingIds: { priority1: string; priority2: string };
  /** Action ids by reference: 1.1 overdue, 1.2 due soon, 1.3 on track, 1.4 sent back by the panel, 2.1 submitted and tabled, 2.2 signed off, 2.3 owned by the partner with a revision waiting. */
  actions: Record<'1.1' | '1.2' | '1.3' | '1.4' | '2.1' | '2.2' | '2.3', string>;
  /** Today's meeting, where 1.4 was sent back and 2.2 signed off. */
  pastPanelId: string;
  /** A meeting in two weeks' time with 2.1 tabled. */
  upcomingPanelId: string;
  revisionId: string;
}

/**
 * One live plan in every state a page shows: overdue, due soon, on track, sent back with a
 * challenge point, submitted and tabled, signed off, a revision waiting for the plan manager.
 * Everything goes through the API as the council's people themselves would do it.
 */
export async function buildCouncilPlan(users: Record<CouncilPerson, Client>): Promise<CouncilPlan> {
  const { manager, owner, partner } = users;
  const id = async (reply: Promise<{ status: number; body: any }>) => (await created(reply as never)).body.id as string;
  const planId = await id(
    manager.post('/plans', {
      kind: 'improvement plan',
      title: "Children's Services Improvement Plan",
      source: { body: 'Ofsted', date: fromToday(-120), judgement: 'Requires Improvement' },
      ratingScheme: 'cyp-rag',
    }),
  );
  const grouping = async (reference: string, title: string) =>
    (await created(manager.post(`/plans/${planId}/groupings`, { kind: 'priority', references: [reference], title }))).body
      .createdId as string;
  const groupingIds = { priority1: await grouping('1', 'Early help'), priority2: await grouping('2', 'Children in care') };
  const raise = (groupingId: string, reference: string, description: string, targetDate: string, lead: Client) =>
    id(
      manager.post(`/plans/${planId}/actions`, {
        groupingId,
        references: [reference],
        description,
        targetDate,
        leadOwners: [
          { kind: 'person', name: lead === partner ? COUNCIL_PEOPLE.partner.name : COUNCIL_PEOPLE.owner.name, userId: lead.userId },
        ],
        evidenceRequired: 'Minutes, audit results or case file sampling that show the change',
      }),
    );
  const actions = {
    '1.1': await raise(groupingIds.priority1, '1.1', 'Publish the early help strategy with partners', fromToday(-10), owner),
    '1.2': await raise(groupingIds.priority1, '1.2', 'Train every early help worker in the assessment framework', fromToday(7), owner),
    '1.3': await raise(groupingIds.priority1, '1.3', 'Audit 40 early help assessments each quarter', fromToday(90), owner),
    '1.4': await raise(groupingIds.priority1, '1.4', 'Hold a multi-agency threshold workshop', fromToday(30), owner),
    '2.1': await raise(groupingIds.priority2, '2.1', 'Review every care plan within 20 working days', fromToday(60), owner),
    '2.2': await raise(groupingIds.priority2, '2.2', 'Appoint a virtual school head', fromToday(45), owner),
    '2.3': await raise(groupingIds.priority2, '2.3', 'Agree a joint health assessment pathway with the ICB', fromToday(20), partner),
  };
  await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Improvement Board', submittedOn: fromToday(-90) }));

  const today = fromToday(0);
  for (const reference of ['1.3', '1.4', '2.1', '2.2'] as const) {
    await created(
      owner.post(`/actions/${actions[reference]}/progress`, {
        commentary: `Work on ${reference} is under way.`,
        assessment: 'on track',
        asOf: today,
      }),
    );
  }
  const evidence = async (reference: keyof typeof actions, title: string) => {
    await created(
      owner.post(`/actions/${actions[reference]}/evidence`, {
        title,
        kind: 'minutes',
        link: `https://council.example/evidence/${reference}`,
      }),
    );
    return (await owner.get(`/actions/${actions[reference]}`)).body.evidence.map(
      (item: { evidenceId: string }) => item.evidenceId,
    ) as string[];
  };
  for (const [reference, title] of [
    ['1.4', 'Workshop invitation list'],
    ['2.1', 'Care plan review tracker'],
    ['2.2', 'Appointment letter'],
  ] as const) {
    await created(owner.post(`/actions/${actions[reference]}/submission`, { evidenceIds: await evidence(reference, title) }));
  }

  const { chair, member, member2 } = users;
  const members = [member.userId, member2.userId];
  const pastPanelId = await id(
    manager.post('/panels', { planId, title: 'Evidence Challenge Panel', date: today, chair: chair.userId, members }),
  );
  for (const reference of ['1.4', '2.2'] as const)
    await created(chair.post(`/panels/${pastPanelId}/agenda`, { actionId: actions[reference] }));
  await created(chair.post(`/panels/${pastPanelId}/attendance`, { present: [chair.userId, ...members] }));
  await created(
    chair.post(`/panels/${pastPanelId}/decisions`, {
      actionId: actions['1.4'],
      outcome: 'more evidence required',
      rationale: 'An invitation list does not show the workshop was held',
      challengePoints: ['Show who attended and what changed in threshold decisions'],
    }),
  );
  await created(
    chair.post(`/panels/${pastPanelId}/decisions`, { actionId: actions['2.2'], outcome: 'signed off', rationale: 'Appointment confirmed' }),
  );
  const upcomingPanelId = await id(
    manager.post('/panels', { planId, title: 'Evidence Challenge Panel', date: fromToday(14), chair: chair.userId, members }),
  );
  await created(chair.post(`/panels/${upcomingPanelId}/agenda`, { actionId: actions['2.1'] }));

  await created(
    partner.post(`/actions/${actions['2.3']}/target-date-revisions`, {
      proposed: fromToday(75),
      reason: 'The ICB board meets next quarter',
    }),
  );
  const revisionId = (await partner.get(`/actions/${actions['2.3']}`)).body.revisions[0].revisionId as string;
  return { planId, groupingIds, actions, pastPanelId, upcomingPanelId, revisionId };
}
