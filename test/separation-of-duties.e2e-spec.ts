import { freePort, runBuilt } from '@actionplans/testing';
import { created, startWorld, type Client, type Reply } from './support/api-world';

/**
 * Separation of duties, over HTTP against the built app: what one person alone tried in the probe,
 * each refused with its code, and what it takes two to do. The authorisation matrix tries each
 * endpoint as every kind of user; this follows the people of one plan through the probe's steps.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  deputy: { name: 'Deputy YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  ian: { name: 'Ian Atkinson', role: 'panel member' },
  david: { name: 'David McWilliams', role: 'panel member' },
  leaver: { name: 'Jo Leaver', role: 'panel member' },
  clerk: { name: 'Scrutiny Commission clerk', role: 'viewer' },
  auditor: { name: 'Internal Audit', role: 'auditor' },
};
const CASE_FILE = 'Case review of child K: exempt under paragraph 2';
const today = () => new Date().toISOString().slice(0, 10);

describe('separation of duties', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let env: Record<string, string>;
  let planId: string;
  let groupingId: string;

  const refusal = (reply: Reply) => [reply.status, reply.body?.code];
  const download = (as: Client, sha256: string) =>
    fetch(`${world.url}/files/${sha256}`, { headers: { authorization: `Bearer ${as.token}` } }).then(async (response) => ({
      status: response.status,
      text: await response.text(),
    }));
  const raise = async (leadOwners: object[], reference = '19.2') =>
    (
      await created(
        world.users.manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: [reference],
          description: 'To establish a triage and outcomes panel',
          targetDate: 'Mar-27',
          leadOwners,
        }),
      )
    ).body.id as string;
  const ownedBy = (client: Client, name: string) => ({ kind: 'person', name, userId: client.userId });
  /** An action with a restricted case file, submitted for sign-off by `submitter`. */
  const submittedWithCaseFile = async (owners: object[], submitter: Client) => {
    const actionId = await raise(owners);
    const { sha256 } = (await created(world.users.manager.upload('/files', Buffer.from(`${CASE_FILE} (${actionId})`)))).body;
    const evidenceId = (
      await created(
        submitter.post(`/actions/${actionId}/evidence`, {
          title: 'Case review of child K',
          kind: 'case study',
          restricted: true,
          file: { sha256, name: 'child-k.pdf' },
        }),
      )
    ).body.createdId;
    await created(submitter.post(`/actions/${actionId}/submission`, { evidenceIds: [evidenceId] }));
    return { actionId, sha256, evidenceId };
  };
  const schedule = async (chair: Client, members: Client[], date = today()) =>
    (
      await created(
        world.users.manager.post('/panels', {
          planId,
          title: 'Evidence challenge panel',
          date,
          chair: chair.userId,
          members: members.map((member) => member.userId),
        }),
      )
    ).body.id as string;

  beforeAll(async () => {
    const port = await freePort();
    env = { PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port), RATE_LIMIT: '0' };
    world = await startWorld('separation-of-duties', people, env);
    const { manager } = world.users;
    planId = (
      await created(manager.post('/plans', { kind: 'inspection', title: 'HMIP inspection', source: { body: 'HMIP', date: '2020-11-18' } }))
    ).body.id;
    groupingId = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['19'], title: 'Triage' }))
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
  }, 120_000);
  afterAll(() => world?.stop());

  describe('only panel members with enabled accounts sit on a panel, attend and decide', () => {
    it("refuses the probe's meeting: a plan manager in the chair and a viewer as the only member", async () => {
      const { manager, clerk } = world.users;
      const reply = await manager.post('/panels', {
        planId,
        title: 'Evidence challenge panel',
        date: today(),
        chair: manager.userId,
        members: [clerk.userId],
      });
      expect(refusal(reply)).toEqual([422, 'PANEL.ROLE_CANNOT_SIT']);
      expect(reply.body.detail).toBe(`only panel members sit on a panel: ${clerk.userId} is a viewer, ${manager.userId} is a plan manager`);
    });

    it('refuses a disabled member, at scheduling and at attendance, and does not count one disabled after attendance', async () => {
      const { manager, owner, chair, ian, leaver } = world.users;
      const { actionId } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      const panelId = await schedule(chair, [ian, leaver]);
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, leaver.userId] }));

      await adminPages().disable(leaver.userId);
      expect(
        refusal(await manager.post('/panels', { planId, title: 'Panel', date: today(), chair: chair.userId, members: [leaver.userId] })),
      ).toEqual([422, 'PANEL.MEMBER_DISABLED']);
      const decided = await chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Audit seen' });
      expect([...refusal(decided), decided.body.detail]).toEqual([
        422,
        'PANEL.QUORUM_NOT_MET',
        'the panel is not quorate: 2 needed, 1 present and not conflicted',
      ]);
      expect(refusal(await manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, leaver.userId] }))).toEqual([
        422,
        'PANEL.MEMBER_DISABLED',
      ]);
      // With a seated member present in the leaver's place, the meeting is quorate again.
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId] }));
      await created(chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Audit seen' }));
    });

    it('refuses a member whose role has since become one that does not sit on a panel, at attendance and when deciding', async () => {
      const { manager, owner, chair, david } = world.users;
      const { actionId } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      const panelId = await schedule(chair, [david]);
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, david.userId] }));
      await adminPages().changeRole(chair.userId, 'action owner');
      try {
        const decided = await chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Audit seen' });
        expect(refusal(decided)).toEqual([403, 'PANEL.ROLE_CANNOT_DECIDE']);
        expect(refusal(await manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, david.userId] }))).toEqual([
          422,
          'PANEL.ROLE_CANNOT_SIT',
        ]);
      } finally {
        await adminPages().changeRole(chair.userId, 'panel member');
      }
    });
  });

  describe('whoever owns, leads or submitted an action neither decides it nor counts towards its quorum', () => {
    it('refuses the member who submitted it, though no longer an owner, and counts only the others', async () => {
      const { manager, chair, ian, david } = world.users;
      const { actionId } = await submittedWithCaseFile([ownedBy(ian, 'Ian Atkinson')], ian);
      // Ian submitted it, then the owners changed: he is no owner now, but it is still his submission.
      await expect(
        manager.put(`/actions/${actionId}/owners`, {
          leadOwners: [{ kind: 'organisation', name: 'South Yorkshire Police' }],
          reason: 'Handed over',
        }),
      ).resolves.toMatchObject({ status: 200 });
      const panelId = await schedule(chair, [ian, david]);
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId] }));
      const bySubmitter = await ian.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Seen' });
      expect([...refusal(bySubmitter), bySubmitter.body.detail]).toEqual([
        422,
        'PANEL.CONFLICT_OF_INTEREST',
        'a member does not decide an action they submitted for sign-off',
      ]);
      expect(refusal(await chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Seen' }))).toEqual([
        422,
        'PANEL.QUORUM_NOT_MET',
      ]);
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId, david.userId] }));
      await created(chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Seen' }));
      const decision = (await chair.get(`/panels/${panelId}`)).body.agenda[0].decision;
      expect(decision.countedTowardsQuorum).toEqual([chair.userId, david.userId]);
    });

    it('refuses a supporting owner as it refuses a lead', async () => {
      const { manager, owner, chair, ian, david } = world.users;
      const { actionId } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      await created(
        manager.post(`/actions/${actionId}/owner-changes`, {
          leadOwners: [ownedBy(owner, 'Hub')],
          supportingOwners: [ownedBy(david, 'David McWilliams')],
          reason: 'Early help lead supports it',
        }),
      ).then(async ({ body }) => created(world.users.deputy.post(`/actions/${actionId}/owner-changes/${body.createdId}/approval`, {})));
      const panelId = await schedule(chair, [ian, david]);
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId, david.userId] }));
      const reply = await david.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Seen' });
      expect([...refusal(reply), reply.body.detail]).toEqual([
        422,
        'PANEL.CONFLICT_OF_INTEREST',
        'a member does not decide an action they own or lead',
      ]);
    });

    it('refuses a quorum of one: nobody decides alone', async () => {
      const reply = await world.users.manager.patch(`/plans/${planId}`, { quorum: 1, reason: 'Fewer members this year' });
      expect([reply.status, reply.body.errors?.[0]?.field]).toEqual([400, 'quorum']);
    });
  });

  describe('a plan manager does not make themself an owner alone', () => {
    it("refuses the probe's self-appointment, then takes a second plan manager's approval, and only then opens the case file", async () => {
      const { manager, deputy, owner } = world.users;
      const { actionId, sha256 } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      const owners = { leadOwners: [ownedBy(owner, 'Hub')], supportingOwners: [ownedBy(manager, 'YOT Performance Manager')] };

      const alone = await manager.put(`/actions/${actionId}/owners`, { ...owners, reason: 'I will review the case file' });
      expect(refusal(alone)).toEqual([422, 'ACTION.SELF_OWNERSHIP']);
      expect((await download(manager, sha256)).status).toBe(403);

      const proposed = await created(
        manager.post(`/actions/${actionId}/owner-changes`, { ...owners, reason: 'I will review the case file' }),
      );
      const change = `/actions/${actionId}/owner-changes/${proposed.body.createdId}`;
      expect(refusal(await manager.post(`${change}/approval`, {}))).toEqual([403, 'ACTION.SELF_APPROVAL']);
      expect(refusal(await manager.put(`/actions/${actionId}/owners`, { leadOwners: [ownedBy(owner, 'Hub')], reason: 'x' }))).toEqual([
        422,
        'ACTION.OWNER_CHANGE_PENDING',
      ]);
      expect((await download(manager, sha256)).status).toBe(403);
      expect((await manager.get(`/actions/${actionId}`)).body.ownerChanges).toEqual([
        expect.objectContaining({
          state: 'pending',
          proposed: expect.objectContaining({ by: { id: manager.userId, role: 'plan manager' } }),
        }),
      ]);

      await created(deputy.post(`${change}/approval`, {}));
      const action = (await manager.get(`/actions/${actionId}`)).body;
      expect([action.supportingOwners, action.ownerChanges[0].state, action.ownerChanges[0].decided.by.id]).toEqual([
        owners.supportingOwners,
        'approved',
        deputy.userId,
      ]);
      expect(await download(manager, sha256)).toEqual({ status: 200, text: `${CASE_FILE} (${actionId})` });
    });

    it('refuses a plan manager raising an action with themself as an owner', async () => {
      const { manager } = world.users;
      const reply = await manager.post(`/plans/${planId}/actions`, {
        groupingId,
        references: ['19.3'],
        description: 'Audit the triage panel',
        targetDate: 'Sep-27',
        leadOwners: [ownedBy(manager, 'YOT Performance Manager')],
      });
      expect(refusal(reply)).toEqual([422, 'ACTION.SELF_OWNERSHIP']);
    });
  });

  describe('every download of a restricted file is recorded, and auditors list them', () => {
    it('lists who downloaded which file of which action, and when, to auditors and admins only', async () => {
      const { owner, clerk, auditor, manager } = world.users;
      const { actionId, sha256, evidenceId } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      const before = new Date().toISOString();
      expect((await download(owner, sha256)).status).toBe(200);
      expect((await download(clerk, sha256)).status).toBe(403);
      expect((await download(auditor, sha256)).status).toBe(200);

      const listed = await auditor.get(`/plans/${planId}/restricted-reads`);
      const reads = listed.body.reads.filter((read: { actionId: string }) => read.actionId === actionId);
      expect(reads).toEqual([
        expect.objectContaining({
          reader: { id: owner.userId, name: people.owner.name, role: 'action owner' },
          references: ['19.2'],
          evidenceId,
          sha256,
          title: 'Case review of child K',
          fileName: 'child-k.pdf',
        }),
        expect.objectContaining({ reader: { id: auditor.userId, name: people.auditor.name, role: 'auditor' } }),
      ]);
      expect(reads[0].readAt >= before && reads[0].readAt <= new Date().toISOString()).toBe(true);

      const byAdmin = (await world.admin.get(`/plans/${planId}/restricted-reads`)).body.reads.find(
        (read: { actionId: string }) => read.actionId === actionId,
      );
      expect([byAdmin.sha256, byAdmin.title, byAdmin.fileName]).toEqual([sha256, null, null]);
      expect(refusal(await manager.get(`/plans/${planId}/restricted-reads`))).toEqual([403, 'AUTH.ROLE']);
      expect(refusal(await clerk.get(`/plans/${planId}/restricted-reads`))).toEqual([403, 'AUTH.ROLE']);

      const history = (await auditor.get(`/actions/${actionId}/history`)).body.entries;
      expect(history.filter((entry: { type: string }) => entry.type === 'RestrictedEvidenceRead')).toHaveLength(2);
      expect(runBuilt('cli', ['verify'], { DATA_DIR: world.dir, ...env }).stdout).toMatch(/^verified \d+ events/);
    });

    it('answers 404 for a plan that does not exist', async () => {
      expect(refusal(await world.users.auditor.get('/plans/no-such-plan/restricted-reads'))).toEqual([404, 'PLAN.NOT_FOUND']);
    });
  });

  describe('no plan manager signs an action off on their own word (ADR 33)', () => {
    const paper = 'YOT Management Board minutes, 15 July 2021';
    const stageOf = async (actionId: string) => (await world.users.auditor.get(`/actions/${actionId}`)).body.stage;

    it('takes a sign-off from a paper as a proposal, complete only once a second plan manager confirms it', async () => {
      const { manager, deputy, owner } = world.users;
      const actionId = await raise([{ kind: 'team', name: 'Triage panel' }], '19.3');
      await created(manager.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: paper } }));
      expect(await stageOf(actionId)).toBe('open');
      const again = await deputy.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: paper } });
      expect(refusal(again)).toEqual([422, 'ACTION.SIGN_OFF_PROPOSED']);
      expect(refusal(await manager.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}))).toEqual([
        403,
        'ACTION.SELF_CONFIRMATION',
      ]);
      expect(refusal(await owner.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}))).toEqual([
        403,
        'ACTION.NOT_PLAN_MANAGER',
      ]);
      expect(await stageOf(actionId)).toBe('open');
      await created(deputy.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}));
      const action = (await world.users.auditor.get(`/actions/${actionId}`)).body;
      expect([action.stage, action.signedOffFromPaper.source, action.signedOffFromPaper.by.id]).toEqual(['complete', paper, deputy.userId]);
    });

    it('takes a rejection with a reason from the proposer, after which nothing waits', async () => {
      const { manager, deputy } = world.users;
      const actionId = await raise([{ kind: 'team', name: 'Triage panel' }], '19.4');
      await created(manager.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: paper } }));
      const unreasoned = await manager.post(`/actions/${actionId}/proposed-sign-off/rejection`, {});
      expect([unreasoned.status, unreasoned.body.errors?.[0]?.field]).toEqual([400, 'reason']);
      await created(manager.post(`/actions/${actionId}/proposed-sign-off/rejection`, { reason: 'Wrong action: the minute is about 19.3' }));
      expect(refusal(await deputy.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}))).toEqual([
        422,
        'ACTION.NO_SIGN_OFF_PROPOSED',
      ]);
      expect(await stageOf(actionId)).toBe('open');
    });

    it('holds a decision entered from the minutes until the member who took it confirms it, never its enterer', async () => {
      const { manager, deputy, owner, chair, ian } = world.users;
      const { actionId } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      const panelId = await schedule(chair, [ian]);
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId] }));
      const entered = await created(
        manager.post(`/panels/${panelId}/decisions`, {
          actionId,
          outcome: 'signed off',
          rationale: 'Triage panel minutes seen',
          decidedBy: chair.userId,
          effective: { at: today(), source: 'Minutes of the evidence challenge panel' },
        }),
      );
      const decisionId = entered.body.createdId ?? entered.body.id;
      const meeting = (await manager.get(`/panels/${panelId}`)).body;
      expect(meeting.agenda[0].decision).toMatchObject({ decidedBy: chair.userId, enteredBy: manager.userId, awaitingConfirmation: true });
      expect(await stageOf(actionId)).toBe('submitted');
      const own = await manager.post(`/panels/${panelId}/decisions/${decisionId}/confirmation`, {});
      expect(refusal(own)).toEqual([403, 'PANEL.SELF_CONFIRMATION']);
      expect(refusal(await ian.post(`/panels/${panelId}/decisions/${decisionId}/confirmation`, {}))).toEqual([403, 'PANEL.NOT_CONFIRMER']);
      expect(refusal(await owner.post(`/panels/${panelId}/decisions/${decisionId}/confirmation`, {}))).toEqual([
        403,
        'PANEL.NOT_CONFIRMER',
      ]);
      await created(chair.post(`/panels/${panelId}/decisions/${decisionId}/confirmation`, {}));
      expect(await stageOf(actionId)).toBe('complete');
      const confirmed = (await manager.get(`/panels/${panelId}`)).body.agenda[0].decision;
      expect([confirmed.awaitingConfirmation, confirmed.confirmedBy]).toEqual([undefined, chair.userId]);
      expect(refusal(await deputy.post(`/panels/${panelId}/decisions/${decisionId}/confirmation`, {}))).toEqual([
        422,
        'PANEL.NO_SUCH_ENTRY',
      ]);
    });
  });

  describe('a decision is recorded on or after its meeting day', () => {
    it('refuses a decision today for a meeting in 2030, with or without an effective date, and a resulting action from it', async () => {
      const { manager, owner, chair, ian, david } = world.users;
      const { actionId } = await submittedWithCaseFile([ownedBy(owner, 'Hub')], owner);
      const panelId = await schedule(chair, [ian, david], '2030-06-14');
      await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId, david.userId] }));
      const decide = (body: object = {}) =>
        chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Seen', ...body });
      expect(refusal(await decide())).toEqual([422, 'EFFECTIVE.IN_FUTURE']);
      expect(refusal(await decide({ effective: { at: today(), source: 'minutes of the meeting' } }))).toEqual([
        422,
        'EFFECTIVE.BEFORE_MEETING',
      ]);
      const resulting = await chair.post(`/panels/${panelId}/actions`, {
        groupingId,
        references: ['19.9'],
        description: 'Re-audit',
        targetDate: 'Sep-31',
        leadOwners: [ownedBy(owner, 'Hub')],
      });
      expect(refusal(resulting)).toEqual([422, 'EFFECTIVE.IN_FUTURE']);
      expect((await manager.get(`/actions/${actionId}`)).body.stage).toBe('submitted');
    });
  });

  /** What an admin does on the pages today (the API has no route for it): sign in by a one-time link, then send the form. */
  function adminPages() {
    const added = runBuilt(
      'cli',
      ['users', 'add', '--name', 'Page Admin', '--role', 'admin', '--email', `admin-${Date.now()}@anytown.gov.uk`],
      {
        DATA_DIR: world.dir,
        ...env,
      },
    );
    const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)![1];
    const signIn = async () => {
      const shown = await fetch(link.replace(env.PUBLIC_URL, world.url));
      const cookie = shown.headers.get('set-cookie')!.split(';')[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await shown.text())![1];
      const signedIn = await fetch(`${world.url}/sign-in/link`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, token: link.split('/').pop()! }).toString(),
      });
      return signedIn.headers.get('set-cookie')!.split(';')[0];
    };
    const send = async (path: string, fields: Record<string, string>) => {
      const cookie = await signIn();
      const form = await (await fetch(`${world.url}${path}`, { headers: { cookie } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1];
      const sent = await fetch(`${world.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
      expect(sent.status).toBe(303);
    };
    return {
      disable: (userId: string) => send(`/app/admin/users/${userId}/disable`, { reason: 'Left the council' }),
      changeRole: (userId: string, role: string) => send(`/app/admin/users/${userId}/role`, { role, reason: 'Moved to another team' }),
    };
  }
});
