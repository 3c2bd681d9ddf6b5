import { runBuilt } from '@actionplans/testing';
import { created, startWorld, type Reply } from './support/api-world';

/**
 * Issue 14's "done when", over HTTP against the built app: the children's services evidence
 * challenge panel runs a real meeting across three plans (an HMIP inspection, an LGA peer review
 * and the youth justice plan), minutes it, and approves the minutes as a correct record at its next
 * meeting. The minutes are read as the API gives them and as the HTML document the panel circulates.
 */
const people = {
  manager: { name: "Children's services performance manager", role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  vice: { name: 'Ian Atkinson', role: 'panel member' },
  david: { name: 'David McWilliams', role: 'panel member' },
  police: { name: 'South Yorkshire Police inspector', role: 'panel member' },
  health: { name: 'Designated Nurse for Safeguarding', role: 'panel member' },
};
const PUBLIC_URL = 'https://actionplans.anytown.gov.uk';
const BEFORE = '2023-01-16';
const FIRST = '2023-02-08';
const before = { effective: { at: BEFORE, source: 'Plans as agreed by the Children and Young People Partnership, 16 January 2023' } };
const submitted = { effective: { at: '2023-02-01', source: 'Papers for the panel of 8 February 2023' } };
const fromMinutes = { effective: { at: FIRST, source: 'Minutes of 8 February 2023' } };
const today = () => new Date().toISOString().slice(0, 10);
const refusal = (reply: Reply) => [reply.status, reply.body?.code];

describe("the children's services evidence challenge panel runs a meeting across three plans, minutes it and approves the minutes", () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const plans = { inspection: '', peerReview: '', youthJustice: '' };
  const groupings: Record<string, string> = {};
  const actions = { inspection: '', peerReview: '', youthJustice: '' };
  let standingPanelId = '';
  let first = '';
  let next = '';
  let reportId = '';
  let raised = '';

  const plan = async (kind: string, title: string, body: string) => {
    const { manager } = world.users;
    const planId = (await created(manager.post('/plans', { kind, title, source: { body, date: BEFORE }, ...before }))).body.id as string;
    groupings[planId] = (
      await created(
        manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['1'], title: 'Leadership', ...before }),
      )
    ).body.createdId;
    await created(
      manager.post(`/plans/${planId}/activation`, { submittedTo: 'Children and Young People Partnership', submittedOn: BEFORE, ...before }),
    );
    return planId;
  };
  const submittedAction = async (planId: string, reference: string, description: string) => {
    const { manager, owner } = world.users;
    const actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId: groupings[planId],
          references: [reference],
          description,
          targetDate: 'Mar-23',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
          ...before,
        }),
      )
    ).body.id as string;
    const evidenceId = (
      await created(
        manager.post(`/actions/${actionId}/evidence`, {
          title: `Evidence of impact for ${reference}`,
          kind: 'audit',
          link: `https://council.example/evidence/${encodeURIComponent(reference)}`,
          ...submitted,
        }),
      )
    ).body.createdId;
    await created(manager.post(`/actions/${actionId}/submission`, { evidenceIds: [evidenceId], ...submitted }));
    return actionId;
  };
  const minutesOf = async (panelId: string) => (await world.users.manager.get(`/panels/${panelId}/minutes`)).body;

  beforeAll(async () => {
    world = await startWorld('childrens-services-panel', people, { RATE_LIMIT: '0', PUBLIC_URL });
    plans.inspection = await plan('inspection', 'HMIP inspection of youth justice services', 'HMIP');
    plans.peerReview = await plan('peer review', 'LGA peer review of children’s services', 'LGA');
    plans.youthJustice = await plan('youth justice plan', 'Youth justice plan 2023/24', 'Youth Justice Board');
    actions.inspection = await submittedAction(plans.inspection, '1.1', 'Board members understand the YOT’s priorities');
    actions.peerReview = await submittedAction(plans.peerReview, 'PR-11', 'Strengthen the voice of the child in plans');
    actions.youthJustice = await submittedAction(plans.youthJustice, 'YJS AP 4.1', 'Reduce first-time entrants');
    const { manager, chair, vice, david, police, health } = world.users;
    standingPanelId = (
      await created(
        manager.post('/standing-panels', {
          name: "Children's services evidence challenge panel",
          termsOfReference: 'A multi-agency panel of senior officers that challenges the evidence of change, outcome and impact.',
          members: [
            { userId: chair.userId, role: 'chair' },
            { userId: vice.userId, role: 'vice-chair' },
            { userId: david.userId, role: 'member' },
            { userId: police.userId, role: 'member' },
            { userId: health.userId, role: 'member' },
          ],
          quorum: 3,
          planIds: [plans.inspection, plans.peerReview, plans.youthJustice],
        }),
      )
    ).body.id;
    const meeting = (date: string, extra: object = {}) =>
      created(manager.post('/panels', { standingPanelId, title: 'Evidence challenge panel', date, ...extra }));
    first = (await meeting(FIRST, before)).body.id;
    next = (await meeting(today())).body.id;
  }, 240_000);
  afterAll(() => world?.stop());

  it('tables actions of all three plans and a progress report, and takes attendance with apologies and a guest', async () => {
    const { manager, chair, vice, david, police, health } = world.users;
    for (const actionId of Object.values(actions)) await created(manager.post(`/panels/${first}/agenda`, { actionId }));
    reportId = (
      await created(
        manager.post(`/panels/${first}/items`, {
          kind: 'progress report',
          title: 'HMIP inspection action plan: progress report',
          planId: plans.inspection,
        }),
      )
    ).body.createdId;
    const guest = { name: 'Sam Patel', role: 'Head of Service, Remedi' };
    await created(
      manager.post(`/panels/${first}/attendance`, {
        present: [chair.userId, vice.userId, david.userId, police.userId],
        apologies: [health.userId],
        guests: [guest],
        ...fromMinutes,
      }),
    );
    const minutes = await minutesOf(first);
    expect([minutes.standingPanelId, minutes.present, minutes.apologies, minutes.guests]).toEqual([
      standingPanelId,
      [chair.userId, vice.userId, david.userId, police.userId],
      [health.userId],
      [guest],
    ]);
    expect(minutes.items.map((item: { kind: string; planId: string }) => [item.kind, item.planId])).toEqual([
      ['action', plans.inspection],
      ['action', plans.peerReview],
      ['action', plans.youthJustice],
      ['progress report', plans.inspection],
    ]);
  });

  it('records a declaration, notes and decisions: sign-offs on two plans, more evidence on the third', async () => {
    const { chair, vice, police } = world.users;
    const reason = 'Line-manages the officer who delivered this action';
    await created(police.post(`/panels/${first}/declarations`, { itemId: actions.peerReview, memberId: police.userId, reason }));
    const byDeclared = await police.post(`/panels/${first}/decisions`, {
      actionId: actions.peerReview,
      outcome: 'signed off',
      rationale: 'x',
    });
    expect(refusal(byDeclared)).toEqual([422, 'PANEL.INTEREST_DECLARED']);
    await created(chair.post(`/panels/${first}/notes`, { itemId: reportId, notes: 'The panel noted 9 of 14 actions complete.' }));
    await created(chair.post(`/panels/${first}/notes`, { itemId: actions.youthJustice, notes: 'The panel asked for a year of figures.' }));
    await created(
      chair.post(`/panels/${first}/decisions`, {
        actionId: actions.inspection,
        outcome: 'signed off',
        rationale: 'Board minutes show members challenging the YOT’s priorities',
      }),
    );
    await created(
      vice.post(`/panels/${first}/decisions`, {
        actionId: actions.peerReview,
        outcome: 'signed off',
        rationale: 'Audit shows the child’s voice in 80% of plans',
      }),
    );
    await created(
      chair.post(`/panels/${first}/decisions`, {
        actionId: actions.youthJustice,
        outcome: 'more evidence required',
        rationale: 'One quarter’s figures do not show a trend',
        challengePoints: ['Four quarters of first-time entrant figures', 'Comparison with statistical neighbours'],
      }),
    );
    const [inspection, peerReview, youthJustice] = (await minutesOf(first)).items;
    expect([
      inspection.decision.outcome,
      inspection.decision.effectiveOn,
      peerReview.declarations,
      peerReview.decision.countedTowardsQuorum,
    ]).toEqual(['signed off', FIRST, [{ memberId: police.userId, reason }], [chair.userId, vice.userId, world.users.david.userId]]);
    expect([youthJustice.decision.outcome, youthJustice.decision.challengePoints, youthJustice.notes]).toEqual([
      'more evidence required',
      ['Four quarters of first-time entrant figures', 'Comparison with statistical neighbours'],
      'The panel asked for a year of figures.',
    ]);
  });

  it("raises a resulting action in one of the panel's plans and minutes it against its item", async () => {
    const { manager, chair } = world.users;
    const action = {
      groupingId: groupings[plans.youthJustice],
      references: ['YJS AP 4.2'],
      description: 'Report four quarters of first-time entrant figures',
      targetDate: 'Jun-23',
      leadOwners: [{ kind: 'role', name: 'YOT performance lead' }],
    };
    const unserved = await manager.post(`/panels/${first}/actions`, { ...action, planId: 'no-such-plan' });
    expect(refusal(unserved)).toEqual([422, 'PANEL.PLAN_NOT_SERVED']);
    raised = (await created(manager.post(`/panels/${first}/actions`, { ...action, planId: plans.youthJustice }))).body.id;
    expect((await manager.get(`/actions/${raised}`)).body).toMatchObject({ planId: plans.youthJustice, raisedAtPanel: first });
    await created(
      chair.post(`/panels/${first}/resulting-actions`, {
        itemId: actions.youthJustice,
        text: 'Report four quarters of first-time entrant figures',
        forWhom: 'YOT performance lead',
        actionId: raised,
      }),
    );
    const draft = await minutesOf(first);
    expect([draft.status, draft.items[2].resultingActions]).toEqual([
      'draft',
      [expect.objectContaining({ forWhom: 'YOT performance lead', actionId: raised })],
    ]);
  });

  it('approves the minutes as a correct record at the next meeting of the same panel, shown on both meetings and in the document', async () => {
    const { manager, chair, vice, david } = world.users;
    await created(chair.post(`/panels/${next}/attendance`, { present: [chair.userId, vice.userId, david.userId] }));
    const elsewhere = (
      await created(
        manager.post('/panels', {
          planId: plans.youthJustice,
          title: 'Youth justice management board',
          date: today(),
          chair: chair.userId,
          members: [vice.userId, david.userId],
        }),
      )
    ).body.id;
    await created(chair.post(`/panels/${elsewhere}/attendance`, { present: [chair.userId, vice.userId] }));
    const atOtherPanel = await chair.post(`/panels/${first}/minutes/approval`, { approvedAt: elsewhere, proposedBy: vice.userId });
    expect(refusal(atOtherPanel)).toEqual([422, 'PANEL.MINUTES_OTHER_PANEL']);
    await created(chair.post(`/panels/${first}/minutes/approval`, { approvedAt: next, proposedBy: vice.userId, secondedBy: david.userId }));
    const approved = await minutesOf(first);
    expect([approved.status, approved.approval]).toEqual([
      'approved',
      expect.objectContaining({ approvedAt: next, approvedOn: today(), proposedBy: vice.userId, secondedBy: david.userId }),
    ]);
    const deadline = Date.now() + 10_000;
    let carried: unknown[] = [];
    while (Date.now() < deadline && carried.length === 0) {
      carried = (await minutesOf(next)).approvedMinutesOf;
      if (carried.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(carried).toEqual([{ minutesOf: first, minutesDate: FIRST, proposedBy: vice.userId, secondedBy: david.userId }]);

    const cookie = await signedInToPages();
    const html = await (await fetch(`${world.url}/app/panels/${first}/minutes/document`, { headers: { cookie } })).text();
    const text = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&rsquo;|’/g, "'")
      .replace(/\s+/g, ' ');
    for (const expected of [
      "Children's services evidence challenge panel",
      'Approved as a correct record at the meeting of',
      'proposed by Ian Atkinson and seconded by David McWilliams',
      'Present Suzanne Joyner, Ian Atkinson, David McWilliams, South Yorkshire Police inspector',
      'Apologies Designated Nurse for Safeguarding',
      'Sam Patel (Head of Service, Remedi)',
      'South Yorkshire Police inspector, item 2',
      'Action for sign-off: HMIP inspection of youth justice services',
      "Action for sign-off: LGA peer review of children's services",
      'Action for sign-off: Youth justice plan 2023/24',
      'Progress report: HMIP inspection of youth justice services',
      'The panel noted 9 of 14 actions complete.',
      'Decision: More evidence required.',
      'Four quarters of first-time entrant figures',
      'Report four quarters of first-time entrant figures: YOT performance lead (raised as a plan action)',
    ])
      expect(text).toContain(expected);
    expect(text.match(/Decision: Signed off\./g)).toHaveLength(2);
    const pdf = await fetch(`${world.url}/app/panels/${first}/minutes/pdf`, { headers: { cookie } });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect([pdf.status, pdf.headers.get('content-type'), bytes.subarray(0, 5).toString()]).toEqual([200, 'application/pdf', '%PDF-']);
    const nextHtml = await (await fetch(`${world.url}/app/panels/${next}/minutes/document`, { headers: { cookie } })).text();
    expect(nextHtml).toMatch(/The minutes of the meeting of 8 February 2023 were approved as a correct record, proposed by Ian Atkinson/);
  });

  /** A viewer added with the command line, signed in to the pages with the link it prints, as their browser would. */
  async function signedInToPages(): Promise<string> {
    const added = runBuilt('cli', ['users', 'add', '--name', 'Scrutiny clerk', '--role', 'viewer', '--email', 'clerk@anytown.gov.uk'], {
      DATA_DIR: world.dir,
      PUBLIC_URL,
    });
    const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)![1];
    const shown = await fetch(link.replace(PUBLIC_URL, world.url));
    const visitor = shown.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await shown.text())![1];
    const signedIn = await fetch(`${world.url}/sign-in/link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: link.split('/').pop()! }).toString(),
    });
    expect(signedIn.status).toBe(303);
    return signedIn.headers.get('set-cookie')!.split(';')[0];
  }
});
