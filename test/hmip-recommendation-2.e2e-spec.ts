import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { created as createdReply, startWorld, type Client, type Reply } from './support/api-world';

/**
 * The whole lifecycle of the HMIP YOT inspection plan's recommendation 2 (actions 2.1 to 2.5,
 * where 2.3 depends on 2.2), over HTTP, by the people who would do it: raise, update, attach
 * evidence, submit; the panel sends one back for more evidence; resubmit; sign off; the plan
 * shows them complete and closes.
 */
interface Row {
  parent_no: string;
  id: string;
  action: string;
  lead_action_owner: string;
  by_when: string;
  progress_update: string;
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'hmip-yot-action-plan.json'), 'utf8')) as {
  plan: { title: string; source: { published: string; judgement: string }; submitted: { to: string; on: string }; statusLegend: string[] };
  groupings: Array<{ section: string; no: string; text: string }>;
  rows: Row[];
};
const recommendation2 = fixture.groupings.find((grouping) => grouping.no === '2')!;
const rows = fixture.rows.filter((row) => row.parent_no === '2');
const today = new Date().toISOString().slice(0, 10);

const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  hub: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  lac: { name: 'Head of Service LAC', role: 'action owner' },
  training: { name: 'CYPS Training lead', role: 'action owner' },
  board: { name: 'Management Board secretary', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  ian: { name: 'Ian Atkinson', role: 'panel member' },
  david: { name: 'David McWilliams', role: 'panel member' },
  auditor: { name: 'Internal Audit', role: 'auditor' },
};

describe('HMIP recommendation 2, from raising to sign-off, over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;
  const actionIds = new Map<string, string>();
  beforeAll(async () => {
    world = await startWorld('hmip-rec-2', people);
  });
  afterAll(() => world?.stop());

  const ownerOf = (row: Row): Client => {
    const { hub, lac, training, board } = world.users;
    return (
      {
        'Service Manager Evidence Based Hub and YOT': hub,
        'Head of Service LAC': lac,
        'CYPS Training': training,
        'Management Board': board,
      } as Record<string, Client>
    )[row.lead_action_owner];
  };
  const created = async (reply: Promise<Reply>) => (await createdReply(reply)).body.id as string;

  it('lets the plan manager build the plan from the inspection and submit it to the Youth Justice Board', async () => {
    const { manager } = world.users;
    const [mayExceed, onTrack, completed, notStarted] = fixture.plan.statusLegend;
    planId = await created(
      manager.post('/plans', {
        kind: 'inspection',
        title: fixture.plan.title,
        source: { body: 'HM Inspectorate of Probation', date: fixture.plan.source.published, judgement: fixture.plan.source.judgement },
        statusLabels: { 'at risk': mayExceed, 'on track': onTrack, complete: completed, 'not started': notStarted },
      }),
    );
    const added = (await manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: [], title: recommendation2.section }))
      .body;
    const sectionId = added.createdId;
    await created(
      manager.post(`/plans/${planId}/groupings`, {
        parentId: sectionId,
        kind: 'recommendation',
        references: ['2'],
        title: recommendation2.text,
      }),
    );
    expect(
      (
        await manager.post(`/plans/${planId}/activation`, {
          submittedTo: fixture.plan.submitted.to,
          submittedOn: fixture.plan.submitted.on,
        })
      ).status,
    ).toBe(201);

    const built = (await manager.get(`/plans/${planId}`)).body;
    expect(built).toMatchObject({
      stage: 'active',
      title: fixture.plan.title,
      groupings: [{ title: 'Recommendations', children: [{ references: ['2'] }] }],
    });
  });

  it('raises actions 2.1 to 2.5 with their owners linked to users, and records that 2.3 depends on 2.2', async () => {
    const { manager, training } = world.users;
    const recommendation = (await manager.get(`/plans/${planId}`)).body.groupings[0].children[0].groupingId;
    for (const row of rows) {
      const owner = ownerOf(row);
      actionIds.set(
        row.id,
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId: recommendation,
            references: [row.id],
            description: row.action,
            targetDate: row.by_when,
            leadOwners: [
              {
                kind: row.lead_action_owner === 'Management Board' ? 'organisation' : 'role',
                name: row.lead_action_owner,
                userId: owner.userId,
              },
            ],
          }),
        ),
      );
    }
    await created(
      training.post(`/actions/${actionIds.get('2.3')}/links`, {
        kind: 'depends on',
        targetActionId: actionIds.get('2.2'),
        note: row('2.3').progress_update,
      }),
    );

    const action23 = (await training.get(`/actions/${actionIds.get('2.3')}`)).body;
    expect(action23).toMatchObject({
      references: ['2.3'],
      targetDate: { raw: 'Mar-21', precision: 'month', due: '2021-03-31' },
      links: [{ kind: 'depends on', targetActionId: actionIds.get('2.2') }],
      // March 2021 is long past and nothing is signed off: off track whatever anyone says.
      status: { status: 'off track', reason: 'past its target date of 2021-03-31' },
    });
  });

  it("takes each owner's progress and evidence, and their claims of completion", async () => {
    for (const item of rows) {
      const owner = ownerOf(item);
      const actionId = actionIds.get(item.id)!;
      await created(owner.post(`/actions/${actionId}/progress`, { commentary: item.progress_update, assessment: 'on track', asOf: today }));
      await created(
        owner.post(`/actions/${actionId}/evidence`, {
          title: `Evidence for ${item.id}`,
          kind: 'minutes',
          link: `https://rotherham.example/yot/${item.id}`,
        }),
      );
    }
    const minutes = await uploadFile(world.users.hub, 'Minutes of the extraordinary Board meeting, 20 January 2021');
    await created(
      world.users.hub.post(`/actions/${actionIds.get('2.1')}/evidence`, {
        title: 'Board minutes',
        kind: 'minutes',
        file: { sha256: minutes.sha256, name: 'minutes.pdf' },
      }),
    );
    for (const item of rows) {
      const owner = ownerOf(item);
      const actionId = actionIds.get(item.id)!;
      const evidenceIds = (await owner.get(`/actions/${actionId}`)).body.evidence.map(
        (evidence: { evidenceId: string }) => evidence.evidenceId,
      );
      await created(owner.post(`/actions/${actionId}/submission`, { evidenceIds }));
    }
    const action21 = (await world.users.hub.get(`/actions/${actionIds.get('2.1')}`)).body;
    expect(action21).toMatchObject({ stage: 'submitted', progress: [{ by: { id: world.users.hub.userId, role: 'action owner' } }] });
    expect(action21.evidence[1]).toMatchObject({ file: { sha256: minutes.sha256, bytes: minutes.bytes } });
  });

  it('has the panel sign off four and send 2.3 back for more evidence', async () => {
    const { manager, chair, ian, david } = world.users;
    const panelId = await created(
      manager.post('/panels', {
        planId,
        title: 'CYPS Evidence Challenge Panel',
        date: today,
        chair: chair.userId,
        members: [ian.userId, david.userId],
      }),
    );
    for (const item of rows) await created(chair.post(`/panels/${panelId}/agenda`, { actionId: actionIds.get(item.id) }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId, david.userId] }));
    for (const item of rows.filter((candidate) => candidate.id !== '2.3')) {
      await created(
        chair.post(`/panels/${panelId}/decisions`, {
          actionId: actionIds.get(item.id),
          outcome: 'signed off',
          rationale: 'Evidence of change and impact seen',
        }),
      );
    }
    await created(
      chair.post(`/panels/${panelId}/decisions`, {
        actionId: actionIds.get('2.3'),
        outcome: 'more evidence required',
        rationale: 'Workshops are planned, not yet held',
        challengePoints: ['Show attendance at the workshops and staff feedback'],
      }),
    );

    const panel = (await chair.get(`/panels/${panelId}`)).body;
    const decision21 = panel.agenda.find((item: { actionId: string }) => item.actionId === actionIds.get('2.1')).decision;
    expect(decision21).toMatchObject({
      outcome: 'signed off',
      decidedBy: chair.userId,
      countedTowardsQuorum: [chair.userId, ian.userId, david.userId],
    });
    expect(decision21.evidenceConsidered).toHaveLength(2);
    // The answer came back after the panel process carried the decision: the action already shows it.
    expect((await chair.get(`/actions/${actionIds.get('2.1')}`)).body).toMatchObject({
      stage: 'complete',
      status: { status: 'complete', label: 'Action completed' },
    });
    expect((await chair.get(`/actions/${actionIds.get('2.3')}`)).body).toMatchObject({
      stage: 'open',
      openChallengePoints: ['Show attendance at the workshops and staff feedback'],
      panelOutcomes: [{ outcome: 'more evidence required', by: { id: 'evidence-panel', role: 'system' } }],
    });
  });

  it('will not close the plan while 2.3 is outstanding', async () => {
    const refused = await world.users.manager.post(`/plans/${planId}/closure`, { approvedBy: 'YOT Management Board', approvedOn: today });
    expect(refused).toMatchObject({ status: 422, body: { code: 'PLAN.ACTIONS_OUTSTANDING' } });
    expect(refused.body.detail).toContain('2.3');
  });

  it('takes 2.3 back once the challenge is answered, and a second meeting signs it off', async () => {
    const { training, manager, chair, ian, david } = world.users;
    const actionId = actionIds.get('2.3')!;
    const unanswered = await training.post(`/actions/${actionId}/submission`, {
      evidenceIds: [(await training.get(`/actions/${actionId}`)).body.evidence[0].evidenceId],
    });
    expect(unanswered).toMatchObject({ status: 422, body: { code: 'ACTION.CHALLENGE_UNANSWERED' } });

    await created(
      training.post(`/actions/${actionId}/evidence`, {
        title: 'Workshop registers and feedback',
        kind: 'survey',
        link: 'https://rotherham.example/yot/2.3/feedback',
      }),
    );
    const evidenceIds = (await training.get(`/actions/${actionId}`)).body.evidence.map(
      (evidence: { evidenceId: string }) => evidence.evidenceId,
    );
    await created(
      training.post(`/actions/${actionId}/submission`, {
        evidenceIds,
        answers: [
          { challengePoint: 'Show attendance at the workshops and staff feedback', answer: '6 workshops, 112 staff; feedback attached' },
        ],
      }),
    );
    const panelId = await created(
      manager.post('/panels', {
        planId,
        title: 'CYPS Evidence Challenge Panel',
        date: today,
        chair: chair.userId,
        members: [ian.userId, david.userId],
      }),
    );
    await created(chair.post(`/panels/${panelId}/agenda`, { actionId }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, david.userId] }));
    await created(
      chair.post(`/panels/${panelId}/decisions`, {
        actionId,
        outcome: 'signed off',
        rationale: 'Attendance and feedback evidence the change',
      }),
    );
    expect((await training.get(`/actions/${actionId}`)).body).toMatchObject({ stage: 'complete', status: { status: 'complete' } });
  });

  it("shows the plan with all five complete, then closes it on the Board's approval", async () => {
    const { manager, auditor } = world.users;
    const plan = (await auditor.get(`/plans/${planId}`)).body;
    expect(
      plan.actions.map((action: { references: string[]; status: { label: string } }) => [action.references[0], action.status.label]),
    ).toEqual(rows.map((item) => [item.id, 'Action completed']));
    expect(plan.summary).toMatchObject({ counted: 5, complete: 5, percentComplete: 100 });
    expect(plan.summary.byStatus).toContainEqual({ status: 'off track', label: 'off track', count: 0, percent: 0 });

    await created(manager.post(`/plans/${planId}/closure`, { approvedBy: 'YOT Management Board', approvedOn: today }));
    expect((await auditor.get(`/plans/${planId}`)).body.stage).toBe('closed');
  });
});

function row(id: string): Row {
  return rows.find((candidate) => candidate.id === id)!;
}

async function uploadFile(as: Client, content: string): Promise<{ sha256: string; bytes: number }> {
  const reply = await as.upload('/files', Buffer.from(content));
  expect(reply.status).toBe(201);
  return reply.body;
}
