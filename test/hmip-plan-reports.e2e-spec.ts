import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { created, startWorld } from './support/api-world';

/**
 * Board reporting reproduced from the HMIP YOT plan entered through the API: 65 rows, 19 of them
 * duplicates, report 46 actions; and a plan whose summary differs, correctly, between two dates.
 */
interface Row {
  section: string;
  parent_no: string;
  id: string;
  action: string;
  lead_action_owner: string;
  by_when: string;
  status: string;
}
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'hmip-yot-action-plan.json'), 'utf8')) as {
  plan: { title: string; source: { published: string; judgement: string }; statusLegend: string[] };
  groupings: Array<{ section: string; no: string; text: string }>;
  rows: Row[];
};
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
  board: { name: 'Partnership board member', role: 'viewer' },
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const written = (iso: string) => iso.split('-').reverse().join('/');

/** "SAME AS 3.1", or "See also Recommendation 4 above" (its first action). */
function duplicatedAction(row: Row): string | null {
  if (row.status !== 'DUPLICATE ACTION') return null;
  return /SAME AS (\d+\.\d+)/.exec(row.action)?.[1] ?? `${/Recommendation (\d+)/i.exec(row.action)![1]}.1`;
}

/** Straight from the transcribed plan: rows that are not marked duplicate, per section. */
function countedPerSection(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of fixture.rows) if (row.status !== 'DUPLICATE ACTION') counts.set(row.section, (counts.get(row.section) ?? 0) + 1);
  return counts;
}

describe('board reporting over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  beforeAll(async () => {
    world = await startWorld('plan-reports', people);
  });
  afterAll(() => world?.stop());

  describe('the HMIP YOT plan: 65 rows, 19 duplicates, 46 actions', () => {
    let planId: string;
    const actionIds = new Map<string, string>();

    beforeAll(async () => {
      const { manager, owner } = world.users;
      const [mayExceed, onTrack, completed, notStarted] = fixture.plan.statusLegend;
      planId = (
        await created(
          manager.post('/plans', {
            kind: 'inspection',
            title: fixture.plan.title,
            source: { body: 'HMIP', date: fixture.plan.source.published, judgement: fixture.plan.source.judgement },
            statusLabels: {
              'at risk': mayExceed,
              'on track': onTrack,
              complete: completed,
              'not started': notStarted,
              duplicate: 'DUPLICATE ACTION',
            },
          }),
        )
      ).body.id;
      const sections = new Map<string, string>();
      const groupings = new Map<string, string>();
      for (const grouping of fixture.groupings) {
        if (!sections.has(grouping.section)) {
          sections.set(
            grouping.section,
            (await created(manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: [], title: grouping.section }))).body
              .createdId,
          );
        }
        const added = await created(
          manager.post(`/plans/${planId}/groupings`, {
            parentId: sections.get(grouping.section),
            kind: 'recommendation',
            references: [grouping.no],
            title: grouping.text,
          }),
        );
        groupings.set(grouping.no, added.body.createdId);
      }
      for (const row of fixture.rows) {
        actionIds.set(
          row.id,
          (
            await created(
              manager.post(`/plans/${planId}/actions`, {
                groupingId: groupings.get(row.parent_no),
                references: [row.id],
                description: row.action,
                targetDate: row.by_when,
                leadOwners: [{ kind: 'role', name: row.lead_action_owner, userId: owner.userId }],
              }),
            )
          ).body.id,
        );
      }
      for (const row of fixture.rows) {
        const original = duplicatedAction(row);
        if (original)
          await created(
            manager.post(`/actions/${actionIds.get(row.id)}/links`, { kind: 'duplicate of', targetActionId: actionIds.get(original) }),
          );
      }
    });

    it('counts 46 actions, every status shown, duplicates set aside, with the counting rule stated', async () => {
      const { body } = await world.users.board.get(`/plans/${planId}/summary`);
      expect(body.summary).toMatchObject({ counted: 46, complete: 0, notCounted: { duplicate: 19, withdrawn: 0 } });
      // Every readable target date was in 2021 or 2022: nothing signed off, so all of those are off track whatever
      // the owners wrote. "Monthly activity – to be reviewed quarterly." and "Extraordinary YOT Board Meeting took
      // place on 20th" give no deadline to be behind.
      const rows = Object.fromEntries(
        body.summary.byStatus.map((row: { status: string; count: number; percent: number }) => [row.status, [row.count, row.percent]]),
      );
      expect(rows).toEqual({
        complete: [0, 0],
        'awaiting sign-off': [0, 0],
        'on track': [0, 0],
        'at risk': [0, 0],
        'off track': [44, 95.7],
        'not started': [2, 4.3],
      });
      expect(body.summary.countingRule).toContain('except duplicates');
      expect(
        body.summary.byGrouping.map((grouping: { title: string; summary: { counted: number } }) => [
          grouping.title,
          grouping.summary.counted,
        ]),
      ).toEqual([...countedPerSection()]);
    });

    it('reports 45 of 46 complete (97.8%) once the panel has signed them off, as JSON and CSV', async () => {
      const { owner, manager, chair, member } = world.users;
      const completed = fixture.rows.filter((row) => row.status === 'Action completed');
      const panelId = (
        await created(
          manager.post('/panels', {
            planId,
            title: 'Evidence challenge panel',
            date: day(0),
            chair: chair.userId,
            members: [member.userId],
          }),
        )
      ).body.id;
      await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));
      for (const row of completed) {
        const actionId = actionIds.get(row.id)!;
        const evidence = await created(
          owner.post(`/actions/${actionId}/evidence`, {
            title: `Evidence for ${row.id}`,
            kind: 'minutes',
            link: `https://rotherham.example/${row.id}`,
          }),
        );
        await created(owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidence.body.createdId] }));
        await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
        await created(
          chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Evidence of change seen' }),
        );
      }

      const { body } = await world.users.board.get(`/plans/${planId}/summary`);
      expect(body.summary).toMatchObject({ counted: 46, complete: 45, percentComplete: 97.8 });
      const csv = await fetch(`${world.url}/plans/${planId}/summary?format=csv`, {
        headers: { authorization: `Bearer ${world.users.board.token}` },
      });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toBe('grouping,status,label,count,percent,as at,basis,status basis');
      const today = `${body.asAt},live,${body.statusBasis}`;
      expect(lines).toContain(`whole plan,complete,Action completed,45,97.8,${today}`);
      expect(lines).toContain(`whole plan,off track,off track,1,2.2,${today}`);

      const history = (await world.users.board.get(`/actions/${actionIds.get('1.1')}/history`)).body.entries;
      expect(history.map((entry: { who: { role: string }; what: string }) => [entry.who.role, entry.what.split(':')[0]])).toEqual([
        ['plan manager', 'raised 1.1'],
        ['action owner', 'attached evidence "Evidence for 1.1"'],
        ['action owner', 'submitted for sign-off with 1 piece(s) of evidence'],
        ['system', 'evidence challenge panel'],
      ]);

      const behind = (await world.users.board.get(`/plans/${planId}/behind-schedule`)).body.actions;
      expect(
        behind.map((action: { references: string[]; status: { reason: string } }) => [action.references[0], action.status.reason]),
      ).toEqual([['2.3', 'past its target date of 2021-03-31']]);
    });

    it('lists 2.3 as awaiting sign-off, by the meeting it is tabled at', async () => {
      const { owner, manager, chair, member } = world.users;
      const actionId = actionIds.get('2.3')!;
      const evidence = await created(
        owner.post(`/actions/${actionId}/evidence`, {
          title: 'Workshop registers',
          kind: 'document',
          link: 'https://rotherham.example/2.3',
        }),
      );
      await created(owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidence.body.createdId] }));
      expect((await world.users.board.get(`/plans/${planId}/awaiting-sign-off`)).body.panels).toMatchObject([
        { panelId: null, actions: [{ references: ['2.3'] }] },
      ]);
      const panelId = (
        await created(
          manager.post('/panels', {
            planId,
            title: 'Evidence challenge panel',
            date: day(7),
            chair: chair.userId,
            members: [member.userId],
          }),
        )
      ).body.id;
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      expect((await world.users.board.get(`/plans/${planId}/awaiting-sign-off`)).body.panels).toMatchObject([
        { panelId, date: day(7), actions: [{ references: ['2.3'], status: { status: 'off track' } }] },
      ]);
    });
  });

  describe('a plan as at two dates', () => {
    let planId: string;
    beforeAll(async () => {
      const { manager, owner } = world.users;
      planId = (
        await created(
          manager.post('/plans', {
            kind: 'scrutiny review',
            title: 'Scrutiny review of youth justice',
            source: { body: 'Scrutiny commission', date: day(0), judgement: null },
          }),
        )
      ).body.id;
      const groupingId = (
        await created(manager.post(`/plans/${planId}/groupings`, { kind: 'theme', references: ['1'], title: 'Prevention' }))
      ).body.createdId;
      for (const [reference, due] of [
        ['1.1', day(3)],
        ['1.2', day(60)],
      ]) {
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: `Action ${reference}`,
            targetDate: written(due),
            leadOwners: [{ kind: 'person', name: 'Owner', userId: owner.userId }],
          }),
        );
      }
    });

    const statuses = async (asAt: string) =>
      (await world.users.board.get(`/plans/${planId}/actions?asAt=${asAt}&basis=effective`)).body.actions.map(
        (action: { references: string[]; status: { status: string } }) => [action.references[0], action.status.status],
      );

    it('gives two different, correct answers: at risk three days out, off track once the date has passed', async () => {
      expect(await statuses(day(0))).toEqual([
        ['1.1', 'at risk'],
        ['1.2', 'not started'],
      ]);
      expect(await statuses(day(10))).toEqual([
        ['1.1', 'off track'],
        ['1.2', 'not started'],
      ]);
      const summary = (await world.users.board.get(`/plans/${planId}/summary?asAt=${day(10)}`)).body.summary;
      expect(summary.byStatus.find((row: { status: string }) => row.status === 'off track')).toMatchObject({ count: 1, percent: 50 });
      const plan = (await world.users.board.get(`/plans/${planId}?asAt=${day(10)}&basis=recorded`)).body;
      expect(plan).toMatchObject({ asAt: day(10), basis: 'recorded', groupings: [{ references: ['1'] }], summary: { counted: 2 } });
      expect(plan.actions.map((action: { status: { status: string } }) => action.status.status)).toEqual(['off track', 'not started']);
    });

    it('lists the status move between the two dates', async () => {
      const { changes } = (await world.users.board.get(`/plans/${planId}/changes?from=${day(0)}&to=${day(10)}`)).body;
      expect(changes).toContainEqual(
        expect.objectContaining({ kind: 'status moved', references: ['1.1'], from: 'at risk', to: 'off track' }),
      );
    });

    it('knows nothing of the plan as at a day before it was created', async () => {
      expect((await world.users.board.get(`/plans/${planId}/summary?asAt=${day(-1)}`)).status).toBe(404);
    });
  });
});
