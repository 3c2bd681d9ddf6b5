import { createHmac, randomBytes } from 'node:crypto';
import { eventually, receiver } from '@actionplans/testing';
import { created, startWorld, type Reply } from './support/api-world';

/**
 * A plan's partners hear of its sign-offs in Teams, Slack and their own case system, over HTTP
 * against the built app: channels are added with their addresses sealed, shown back masked, sent a
 * test message; a sign-off from the panel and one from the papers each reach every channel, through
 * a first refusal (500) and a retry; and no answer of the API ever holds an address or a secret.
 */
const people = {
  manager: { name: 'SEND performance manager', role: 'plan manager' },
  owner: { name: 'Head of SEND', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
  auditor: { name: 'Internal audit', role: 'auditor' },
};
const today = () => new Date().toISOString().slice(0, 10);
const hookSecret = 'whsec-partner-case-system-0042';

describe('notifications to Teams, Slack and a webhook', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const receivers: Array<Awaited<ReturnType<typeof receiver>>> = [];
  const answers: string[] = [];
  let planId = '';
  let groupingId = '';
  const channels: Record<string, string> = {};
  const seen = async (reply: Promise<Reply>) => {
    const answered = await reply;
    answers.push(JSON.stringify(answered.body));
    return answered;
  };
  const raise = async (reference: string) => {
    const { manager, owner } = world.users;
    return (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: [reference],
          description: `Action ${reference}`,
          targetDate: 'Mar-27',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
        }),
      )
    ).body.id as string;
  };

  beforeAll(async () => {
    world = await startWorld('notifications', people, {
      NOTIFY_SECRET_KEY: randomBytes(32).toString('base64'),
      NOTIFY_ALLOW_HTTP_LOOPBACK: 'true',
      NOTIFY_RETRY_BASE_SECONDS: '1',
      NOTIFY_MAX_ATTEMPTS: '3',
    });
    for (let n = 0; n < 4; n += 1) receivers.push(await receiver([500, 200]));
    const { manager } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'wsoa',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted/CQC', date: '2022-11-18' },
        }),
      )
    ).body.id;
    groupingId = (await created(manager.post(`/plans/${planId}/groupings`, { kind: 'priority', references: ['1'], title: 'Leadership' })))
      .body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'SEND Partnership Board', submittedOn: '2023-01-15' }));
  });

  afterAll(async () => {
    for (const one of receivers) await one.close();
    await world?.stop();
  });

  it('adds channels with their addresses sealed and shows them back masked', async () => {
    const { manager } = world.users;
    const [teams, slack, hook] = receivers;
    const add = async (key: string, body: object) => {
      const reply = await seen(manager.post(`/plans/${planId}/notification-channels`, body));
      expect(reply.status).toBe(201);
      channels[key] = reply.body.createdId;
    };
    await add('teams', {
      kind: 'teams',
      name: 'SEND partnership (Teams)',
      url: teams.url('teams-secret-path-1111'),
      triggers: ['sign-off'],
    });
    await add('slack', { kind: 'slack', name: '#send-board', url: slack.url('slack-secret-path-2222'), triggers: ['sign-off', 'overdue'] });
    await add('hook', {
      kind: 'webhook',
      name: 'Case system',
      url: hook.url('hook-secret-path-3333'),
      triggers: ['sign-off'],
      signingSecret: hookSecret,
    });
    const listed = await seen(manager.get(`/plans/${planId}/notification-channels`));
    expect(listed.body.map((one: { address: string }) => one.address)).toEqual([
      `${new URL(teams.url('')).origin}/…/1111`,
      `${new URL(slack.url('')).origin}/…/2222`,
      `${new URL(hook.url('')).origin}/…/3333`,
    ]);
    expect(listed.body[2]).toMatchObject({ kind: 'webhook', hasSigningSecret: true, triggers: ['sign-off'] });
  });

  it('refuses an address that is not https, naming the field, and stores nothing', async () => {
    const { manager } = world.users;
    const reply = await seen(
      manager.post(`/plans/${planId}/notification-channels`, {
        kind: 'slack',
        name: 'Plain',
        url: 'http://hooks.example/x',
        triggers: ['overdue'],
      }),
    );
    expect([reply.status, reply.body.code]).toEqual([422, 'NOTIFY.INVALID_URL']);
    expect(reply.body.detail).toMatch(/^url: /);
    expect((await manager.get(`/plans/${planId}/notification-channels`)).body).toHaveLength(3);
  });

  it('refuses a bad filter of the delivery log and a webhook without its secret, naming the field', async () => {
    const { manager } = world.users;
    const filter = await manager.get(`/plans/${planId}/notification-deliveries?status=lost`);
    expect(filter.status).toBe(400);
    expect(filter.body.errors.map((error: { field: string }) => error.field)).toEqual(['status']);
    const unsigned = await seen(
      manager.post(`/plans/${planId}/notification-channels`, {
        kind: 'webhook',
        name: 'Unsigned',
        url: 'https://hooks.example/x',
        triggers: ['overdue'],
      }),
    );
    expect([unsigned.status, unsigned.body.code]).toEqual([422, 'NOTIFY.SECRET_REQUIRED']);
    expect(unsigned.body.detail).toMatch(/^signingSecret: /);
  });

  it('sends a test message and answers how it went: the first refused, retried from the log', async () => {
    const { manager } = world.users;
    const reply = await seen(manager.post(`/plans/${planId}/notification-channels/${channels.teams}/test`));
    expect(reply.body).toMatchObject({ outcome: 'will retry', statusCode: 500 });
    await eventually('the test message delivered on its retry', async () => {
      const log = await seen(manager.get(`/plans/${planId}/notification-deliveries?channelId=${channels.teams}`));
      return log.body[0]?.status === 'delivered';
    });
    const [test] = (await manager.get(`/plans/${planId}/notification-deliveries?channelId=${channels.teams}`)).body;
    expect(test.eventType).toBe('NotificationTest');
    expect(test.attemptLog.map((attempt: { statusCode: number }) => attempt.statusCode)).toEqual([500, 200]);
  });

  it("tells every channel of a panel's sign-off and one from the papers, each once", async () => {
    const { manager, owner, chair, member } = world.users;
    const fromPanel = await raise('1.1');
    const fromPaper = await raise('1.2');
    const evidenceId = (
      await created(owner.post(`/actions/${fromPanel}/evidence`, { title: 'Audit', kind: 'audit', link: 'https://council.example/a' }))
    ).body.createdId;
    await created(owner.post(`/actions/${fromPanel}/submission`, { evidenceIds: [evidenceId] }));
    const panelId = (
      await created(
        manager.post('/panels', {
          planId,
          title: 'Evidence challenge panel',
          date: today(),
          chair: chair.userId,
          members: [member.userId],
        }),
      )
    ).body.id;
    await created(manager.post(`/panels/${panelId}/agenda`, { actionId: fromPanel }));
    await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));
    await created(
      chair.post(`/panels/${panelId}/decisions`, { actionId: fromPanel, outcome: 'signed off', rationale: 'Impact seen in the audit' }),
    );
    await created(manager.post(`/actions/${fromPaper}/sign-off-from-paper`, { effective: { at: today(), source: 'SEND board minutes' } }));
    // Proposed by the plan manager, the paper's sign-off happens (and is told) once an admin confirms it (ADR 33).
    await created(world.admin.post(`/actions/${fromPaper}/proposed-sign-off/confirmation`, {}));
    await eventually(
      'six sign-off deliveries delivered',
      async () => {
        const log = await seen(manager.get(`/plans/${planId}/notification-deliveries?status=delivered`));
        return log.body.filter((one: { trigger: string; eventType: string }) => one.eventType !== 'NotificationTest').length === 6;
      },
      30_000,
    );
    const log = (await manager.get(`/plans/${planId}/notification-deliveries`)).body;
    expect(log.filter((one: { eventType: string }) => one.eventType === 'PanelOutcomeRecorded')).toHaveLength(3);
    expect(log.filter((one: { eventType: string }) => one.eventType === 'SignOffRecordedFromPaper')).toHaveLength(3);
    const hook = receivers[2].received.filter((one) => JSON.parse(one.body).event?.type === 'PanelOutcomeRecorded');
    const { headers, body } = hook.at(-1)!;
    const timestamp = String(headers['x-actionplans-timestamp']);
    const expected = `sha256=${createHmac('sha256', hookSecret).update(`${timestamp}.${body}`).digest('hex')}`;
    expect(headers['x-actionplans-signature']).toBe(expected);
    const teams = JSON.parse(receivers[0].received.at(-1)!.body);
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('tells a channel that asks for packs of a committee pack issued, with the hash a copy is checked against', async () => {
    const { manager } = world.users;
    const slack = receivers[1];
    const added = await seen(
      manager.post(`/plans/${planId}/notification-channels`, {
        kind: 'slack',
        name: '#send-board-packs',
        url: slack.url('slack-secret-path-4444'),
        triggers: ['pack issued'],
      }),
    );
    expect(added.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const cover = { title: 'SEND WSOA: progress', purpose: 'To update the board', recommendations: ['That the board note the progress'] };
    const issued = await created(
      manager.post(`/plans/${planId}/packs`, {
        asAt: today,
        basis: 'computed',
        cover,
        meeting: { board: 'SEND Partnership Board', date: today },
      }),
    );
    await eventually(
      'the pack told to the packs channel',
      async () => {
        const log = await seen(manager.get(`/plans/${planId}/notification-deliveries?status=delivered`));
        return log.body.some((one: { eventType: string }) => one.eventType === 'PackIssued');
      },
      30_000,
    );
    const told = slack.received.map((one) => JSON.parse(one.body)).find((body) => String(body.text).startsWith('Pack issued'));
    expect(JSON.stringify(told)).toContain(issued.body.hash);
  });

  it('lets auditors read the log but not change channels, and owners neither', async () => {
    const { auditor, owner } = world.users;
    expect((await seen(auditor.get(`/plans/${planId}/notification-deliveries?status=failed`))).status).toBe(200);
    expect((await owner.get(`/plans/${planId}/notification-channels`)).status).toBe(403);
    const refused = await owner.post(`/plans/${planId}/notification-channels/${channels.slack}/removal`, { reason: 'not mine' });
    expect([refused.status, refused.body.code]).toEqual([403, 'NOTIFY.NOT_PLAN_MANAGER']);
  });

  it('never answers with an address or a secret', () => {
    const all = answers.join('\n');
    for (const secret of ['teams-secret-path-1111', 'slack-secret-path-2222', 'hook-secret-path-3333', hookSecret])
      expect(all).not.toContain(secret);
    expect(all).toContain('…/2222');
  });
});
