import { READ_ONLY_ROLES } from '@actionplans/auth';
import type { Client } from './support/api-world';
import { ACTORS, must, startAuthorisationWorld, today, type Actor, type AuthorisationWorld } from './support/authorisation-world';

/**
 * Who may call what: every endpoint the OpenAPI document lists × every role × owning the action or
 * not × sitting on its panel or not (and the chair, and no token), over the built app. Each write
 * is tried on a fresh plan, action or meeting in a state where it would succeed, so the only
 * reason for a refusal is who sent it. An endpoint missing from the table fails the test: a new
 * endpoint must say who may call it. Reads check restricted evidence is shown or withheld.
 */
interface Answer {
  status: number;
  type: string | null;
  text: string;
  json: any;
}
interface Outcome {
  status: number;
  code?: string;
}
interface Row {
  /** As the OpenAPI document names it. */
  endpoint: string;
  variant?: string;
  expect: (actor: Actor) => Outcome;
  /** Builds whatever fresh fixture the request needs, then sends it as `as`. */
  send: (as: Client) => Promise<Answer>;
  /** Anything else the answer must show this actor; a message when it does not. */
  check?: (actor: Actor, answer: Answer) => string | null;
}

const SECRET = 'SECRET';
const RESTRICTED_CONTENT = `${SECRET}-CONTENT: case review of child K, exempt under paragraph 2`;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** The app under test, once started. */
let url = '';

async function request(as: Client, method: string, path: string, body?: unknown): Promise<Answer> {
  const bytes = Buffer.isBuffer(body);
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(as.token ? { authorization: `Bearer ${as.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': bytes ? 'application/octet-stream' : 'application/json' }),
    },
    body: body === undefined ? undefined : bytes ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type');
  return { status: response.status, type, text, json: /json/.test(type ?? '') && text ? JSON.parse(text) : null };
}
const get = (path: string) => (as: Client) => request(as, 'GET', path);

const ok = (status = 200): Outcome => ({ status });
const refused = (code: string): Outcome => ({ status: 403, code });
const signedIn =
  (rule: (actor: Actor) => Outcome) =>
  (actor: Actor): Outcome =>
    actor.role === null ? { status: 401, code: 'AUTH.UNAUTHENTICATED' } : rule(actor);
const writes = (rule: (actor: Actor) => Outcome) =>
  signedIn((actor) => (READ_ONLY_ROLES.includes(actor.role!) ? refused('AUTH.READ_ONLY') : rule(actor)));
const manages = (actor: Actor) => actor.role === 'admin' || actor.role === 'plan manager';
const works = (actor: Actor) => manages(actor) || actor.owner;
const readsUsers = (actor: Actor) => actor.role === 'admin' || actor.role === 'plan manager' || actor.role === 'auditor';
/** The action's owners, the members of the meeting it is tabled at, and auditors. */
const readsRestricted = (actor: Actor) => actor.role === 'auditor' || actor.owner || actor.member;
const onlyManagers = (code: string) => writes((actor) => (manages(actor) ? ok(201) : refused(code)));
const onlyWorkers = writes((actor) => (works(actor) ? ok(201) : refused('ACTION.NOT_OWNER')));
/** A plan manager or admin naming themself an owner they were not (separation of duties). */
const selfOwnership: Outcome = { status: 422, code: 'ACTION.SELF_OWNERSHIP' };

/** Restricted evidence named to those who may read it, and withheld (but counted) from everyone else. */
const shownOrWithheld = (withheld: (answer: Answer) => boolean) => (actor: Actor, answer: Answer) => {
  if (answer.status !== 200) return null;
  if (readsRestricted(actor))
    return answer.text.includes(`${SECRET}-TITLE`) ? null : 'restricted evidence was withheld from someone who may read it';
  return withheld(answer) ? null : `restricted evidence was not shown as withheld: ${answer.text.slice(0, 300)}`;
};

/** The chair of the meeting, or a plan manager (or admin): who minutes a meeting (ADR 30). */
const chairsOrManages = writes((actor) => (actor.chair || manages(actor) ? ok(201) : refused('PANEL.NOT_CHAIR')));
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

describe('the authorisation matrix', () => {
  let f: AuthorisationWorld;
  const shared = {
    planId: '',
    actionId: '',
    panelId: '',
    resultingPanelId: '',
    targetId: '',
    restrictedSha: '',
    openSha: '',
    /** An owner who downloaded the restricted file before the matrix ran: auditors must find that read. */
    firstReader: '',
  };

  beforeAll(async () => {
    f = await startAuthorisationWorld();
    url = f.world.url;
    const { setup } = f;
    const where = await f.plan({ active: true });
    shared.planId = where.planId;
    shared.actionId = await f.raise(where);
    shared.restrictedSha = (await must(setup.upload('/files', Buffer.from(RESTRICTED_CONTENT)))).sha256;
    shared.openSha = (await must(setup.upload('/files', Buffer.from('Minutes of the YOT Management Board, 20 January 2021')))).sha256;
    const evidenceIds = [
      await f.attach(shared.actionId, {
        title: 'Board minutes',
        kind: 'minutes',
        file: { sha256: shared.openSha, name: 'board-minutes.pdf' },
      }),
      await f.attach(shared.actionId, {
        title: `${SECRET}-TITLE case review`,
        kind: 'case study',
        restricted: true,
        file: { sha256: shared.restrictedSha, name: `${SECRET}-NAME.pdf` },
      }),
      await f.attach(shared.actionId, {
        title: `${SECRET}-TITLE exempt report`,
        kind: 'report',
        restricted: true,
        link: `https://council.example/${SECRET}-LINK`,
      }),
      await f.attach(shared.actionId, { title: 'Audit summary', kind: 'audit', link: 'https://council.example/audit-summary' }),
    ];
    await must(setup.post(`/actions/${shared.actionId}/submission`, { evidenceIds }));
    shared.panelId = await f.panel(where);
    await must(setup.post(`/panels/${shared.panelId}/agenda`, { actionId: shared.actionId }));
    await must(setup.post(`/panels/${shared.panelId}/attendance`, { present: [f.chair, ...f.members] }));
    await must(
      f.clientOf(ACTORS.find((actor) => actor.chair)!).post(`/panels/${shared.panelId}/decisions`, {
        actionId: shared.actionId,
        outcome: 'more evidence required',
        rationale: 'Impact not yet shown',
        challengePoints: ['Show re-audit results'],
      }),
    );
    shared.resultingPanelId = await f.panel();
    shared.targetId = await f.raise();
    const firstReader = f.clientOf(ACTORS.find((actor) => actor.role === 'action owner' && actor.owner)!);
    expect((await request(firstReader, 'GET', `/files/${shared.restrictedSha}`)).status).toBe(200);
    shared.firstReader = firstReader.userId;
  }, 120_000);
  afterAll(async () => {
    await f?.receiver.close();
    await f?.world.stop();
  });

  /** What only an admin changes about a user, each tried on a fresh user in a state where it would succeed. */
  /** Minuting a meeting: each write on a fresh meeting (ADR 30). */
  const minutesRows = (): Row[] => [
    {
      endpoint: 'GET /panels/{panelId}/minutes',
      expect: signedIn(() => ok()),
      send: (as) => request(as, 'GET', `/panels/${shared.panelId}/minutes`),
    },
    {
      endpoint: 'POST /panels/{panelId}/declarations',
      expect: chairsOrManages,
      send: async (as) => {
        const { panelId, actionId } = await f.tabled();
        return request(as, 'POST', `/panels/${panelId}/declarations`, {
          itemId: actionId,
          memberId: f.chair,
          reason: 'Manages the service',
        });
      },
    },
    {
      endpoint: 'POST /panels/{panelId}/items',
      expect: chairsOrManages,
      send: async (as) => request(as, 'POST', `/panels/${await f.panel()}/items`, { kind: 'progress report', title: 'Progress report' }),
    },
    {
      endpoint: 'POST /panels/{panelId}/notes',
      expect: chairsOrManages,
      send: async (as) => {
        const { panelId, actionId } = await f.tabled();
        return request(as, 'POST', `/panels/${panelId}/notes`, { itemId: actionId, notes: 'Discussed the audit' });
      },
    },
    {
      endpoint: 'POST /panels/{panelId}/resulting-actions',
      expect: chairsOrManages,
      send: async (as) =>
        request(as, 'POST', `/panels/${await f.panel()}/resulting-actions`, { text: 'Circulate the audit', forWhom: 'Clerk' }),
    },
    {
      endpoint: 'POST /panels/{panelId}/minutes/approval',
      expect: chairsOrManages,
      send: async (as) => {
        const meeting = { planId: f.work.planId, title: 'Panel', date: yesterday(), chair: f.chair, members: f.members };
        const earlier = (await must(f.setup.post('/panels', meeting))).id as string;
        await must(f.setup.post(`/panels/${earlier}/attendance`, { present: f.members }));
        const { panelId: later } = await f.tabled();
        return request(as, 'POST', `/panels/${earlier}/minutes/approval`, { approvedAt: later, proposedBy: f.members[0] });
      },
    },
  ];

  const userChanges = (): Row[] => {
    const onlyAdmins = (status: number) => writes((actor) => (actor.role === 'admin' ? ok(status) : refused('AUTH.ROLE')));
    const freshUser = async (disabled = false) => {
      const { userId } = await must(
        f.world.admin.post('/users', { name: 'Partner contact', email: 'contact@remedi.example', role: 'viewer' }),
      );
      if (disabled) await must(f.world.admin.post(`/users/${userId}/disable`, { reason: 'left' }));
      return userId as string;
    };
    const change =
      (method: string, path: string, body: unknown, disabled = false) =>
      async (as: Client) =>
        request(as, method, `/users/${await freshUser(disabled)}/${path}`, body);
    return [
      {
        endpoint: 'POST /users/{userId}/disable',
        expect: onlyAdmins(201),
        send: change('POST', 'disable', { reason: 'left the council' }),
      },
      { endpoint: 'POST /users/{userId}/enable', expect: onlyAdmins(201), send: change('POST', 'enable', { reason: 'came back' }, true) },
      {
        endpoint: 'PUT /users/{userId}/role',
        expect: onlyAdmins(200),
        send: change('PUT', 'role', { role: 'panel member', reason: 'joined the panel' }),
      },
      {
        endpoint: 'PUT /users/{userId}/email',
        expect: onlyAdmins(200),
        send: change('PUT', 'email', { email: 'partnerships@remedi.example', reason: 'new mailbox' }),
      },
      { endpoint: 'POST /users/{userId}/sign-out', expect: onlyAdmins(201), send: change('POST', 'sign-out', { reason: 'laptop stolen' }) },
    ];
  };

  /** A plan's notification channels: set and tested by plan managers and admins; channels and the delivery log read by them and auditors. */
  const notificationRows = (): Row[] => {
    // A fresh plan for each request: one plan's channels are one stream, and the matrix writes six at a time.
    const { setup, work } = f;
    const freshPlan = async () => (await f.plan()).planId;
    const sets = (status: number) => writes((actor) => (manages(actor) ? ok(status) : refused('NOTIFY.NOT_PLAN_MANAGER')));
    const reads = signedIn((actor) => (manages(actor) || actor.role === 'auditor' ? ok() : refused('AUTH.ROLE')));
    const channel = () => ({
      kind: 'webhook',
      name: 'Case system',
      url: f.receiver.url('matrix-token'),
      triggers: ['sign-off'],
      signingSecret: 'matrix-signing-secret-01',
    });
    const fresh = (method: string, path: string, body: unknown) => async (as: Client) => {
      const planId = await freshPlan();
      const channelId = (await must(setup.post(`/plans/${planId}/notification-channels`, channel()))).createdId as string;
      return request(as, method, `/plans/${planId}/notification-channels/${channelId}${path}`, body);
    };
    const noSecret = (_: Actor, answer: Answer) =>
      answer.text.includes('matrix-token') || answer.text.includes('matrix-signing') ? 'an address or secret was shown' : null;
    return [
      {
        endpoint: 'POST /plans/{planId}/notification-channels',
        expect: sets(201),
        send: async (as) => request(as, 'POST', `/plans/${await freshPlan()}/notification-channels`, channel()),
        check: noSecret,
      },
      {
        endpoint: 'GET /plans/{planId}/notification-channels',
        expect: reads,
        send: get(`/plans/${work.planId}/notification-channels`),
        check: noSecret,
      },
      {
        endpoint: 'PUT /plans/{planId}/notification-channels/{channelId}',
        expect: sets(200),
        send: fresh('PUT', '', { name: 'Case system (new)', reason: 'Renamed' }),
      },
      {
        endpoint: 'POST /plans/{planId}/notification-channels/{channelId}/removal',
        expect: sets(200),
        send: fresh('POST', '/removal', { reason: 'Partnership ended' }),
      },
      {
        endpoint: 'POST /plans/{planId}/notification-channels/{channelId}/test',
        expect: writes((actor) => (manages(actor) ? ok(200) : refused('AUTH.ROLE'))),
        send: fresh('POST', '/test', {}),
        check: noSecret,
      },
      {
        endpoint: 'GET /plans/{planId}/notification-deliveries',
        expect: reads,
        send: get(`/plans/${work.planId}/notification-deliveries?status=delivered`),
        check: noSecret,
      },
    ];
  };

  /** Impact measures: defined and changed by plan managers and admins; figures by the measure's owner (here a team, no user) and plan managers (ADR 36). */
  const measureRows = (): Row[] => {
    const { setup, work } = f;
    const measure = {
      name: 'EHC plans audited rated as good or better',
      unit: '%',
      direction: 'higher',
      baseline: { value: 52.5, date: '2021-06-30' },
      targets: [{ value: 75, by: '2023-06-30' }],
      tolerance: { amberWithin: 5 },
      frequency: 'quarterly',
      owner: { kind: 'team', name: 'Performance and Quality team' },
      groupingIds: [work.groupingId],
    };
    const figure = { period: 'Q1 2022/23', periodEnd: '2022-06-30', value: 61, provisional: true };
    const define = async (withFigure = false) => {
      const id = (await must(setup.post(`/plans/${work.planId}/measures`, measure))).id as string;
      if (withFigure) await must(setup.post(`/measures/${id}/actuals`, figure));
      return id;
    };
    const fresh =
      (method: string, path: string, body: unknown, withFigure = false) =>
      async (as: Client) =>
        request(as, method, `/measures/${await define(withFigure)}${path}`, body);
    const reports = (actor: Actor) => (manages(actor) ? ok(201) : refused('MEASURE.NOT_OWNER'));
    return [
      {
        endpoint: 'POST /plans/{planId}/measures',
        expect: onlyManagers('MEASURE.NOT_PLAN_MANAGER'),
        send: (as) => request(as, 'POST', `/plans/${work.planId}/measures`, measure),
      },
      {
        endpoint: 'GET /plans/{planId}/measures',
        expect: signedIn(() => ok()),
        send: get(`/plans/${work.planId}/measures?asAt=${today()}`),
      },
      {
        endpoint: 'GET /measures/{measureId}',
        expect: signedIn(() => ok()),
        send: async (as) => request(as, 'GET', `/measures/${await define()}`),
      },
      {
        endpoint: 'PUT /measures/{measureId}',
        expect: writes((actor) => (manages(actor) ? ok(200) : refused('MEASURE.NOT_PLAN_MANAGER'))),
        send: fresh('PUT', '', { tolerance: { amberWithin: 8 }, reason: 'Tolerances reviewed' }),
      },
      { endpoint: 'POST /measures/{measureId}/actuals', expect: writes(reports), send: fresh('POST', '/actuals', figure) },
      {
        endpoint: 'POST /measures/{measureId}/restatements',
        expect: writes(reports),
        send: fresh('POST', '/restatements', { period: figure.period, value: 62.5, reason: 're-run retrospectively' }, true),
      },
    ];
  };

  /** Standing panels: established and run by plan managers and admins, read by everyone signed in (ADR 29). */
  const standingPanelRows = (): Row[] => {
    const runs = (status: number) => writes((actor) => (manages(actor) ? ok(status) : refused('STANDING.NOT_PLAN_MANAGER')));
    const { setup, chair, members, work } = f;
    const seats = [{ userId: chair, role: 'chair' }, ...members.map((userId) => ({ userId, role: 'member' }))];
    const panel = { name: "Children's services evidence challenge panel", termsOfReference: 'Challenges the evidence', quorum: 2 };
    const establish = async (planIds = [work.planId]) =>
      (await must(setup.post('/standing-panels', { ...panel, members: seats, planIds }))).id as string;
    const fresh = (method: string, path: string, body: unknown, planIds?: () => Promise<string[]>) => async (as: Client) => {
      const id = await establish(planIds ? await planIds() : undefined);
      return request(as, method, `/standing-panels/${id}${path}`, typeof body === 'function' ? await body() : body);
    };
    const another = async () => (await f.plan()).planId;
    return [
      {
        endpoint: 'POST /standing-panels',
        expect: runs(201),
        send: (as) => request(as, 'POST', '/standing-panels', { ...panel, members: seats, planIds: [work.planId] }),
      },
      { endpoint: 'GET /standing-panels', expect: signedIn(() => ok()), send: get('/standing-panels') },
      {
        endpoint: 'GET /standing-panels/{standingPanelId}',
        expect: signedIn(() => ok()),
        send: async (as) => request(as, 'GET', `/standing-panels/${await establish()}`),
      },
      {
        endpoint: 'PUT /standing-panels/{standingPanelId}',
        expect: runs(200),
        send: fresh('PUT', '', { quorum: 3, reason: 'Terms reviewed' }),
      },
      {
        endpoint: 'PUT /standing-panels/{standingPanelId}/members',
        expect: runs(200),
        send: fresh('PUT', '/members', {
          members: seats.map((seat, at) => (at === 1 ? { ...seat, role: 'vice-chair' } : seat)),
          reason: 'Vice-chair named',
        }),
      },
      {
        endpoint: 'POST /standing-panels/{standingPanelId}/plans',
        expect: runs(201),
        send: fresh('POST', '/plans', async () => ({ planId: await another(), reason: 'Comes to this panel' })),
      },
      {
        endpoint: 'POST /standing-panels/{standingPanelId}/plans/removal',
        expect: runs(201),
        send: fresh('POST', '/plans/removal', { planId: work.planId, reason: 'Signed off elsewhere' }, async () => [
          work.planId,
          await another(),
        ]),
      },
      {
        endpoint: 'POST /panels',
        variant: "a standing panel's meeting",
        expect: onlyManagers('PANEL.NOT_PLAN_MANAGER'),
        send: async (as) =>
          request(as, 'POST', '/panels', { standingPanelId: await establish(), title: 'Evidence challenge panel', date: today() }),
      },
      {
        endpoint: 'GET /panels',
        expect: signedIn(() => ok()),
        send: get(`/panels?plan=${work.planId}&from=2020-01-01`),
        check: (_, answer) => (answer.status !== 200 || answer.json.length > 0 ? null : "the plan's meetings were not listed"),
      },
    ];
  };

  /** The register of people and organisations: kept by plan managers and admins, read by them and auditors. */
  const registerRows = (): Row[] => {
    const keeps = (status: number) => writes((actor) => (manages(actor) ? ok(status) : refused('AUTH.ROLE')));
    const reads = signedIn((actor) => (readsUsers(actor) ? ok() : refused('AUTH.ROLE')));
    const admin = f.world.admin;
    const organisation = async () => (await must(admin.post('/register/organisations', { name: 'Youth Offending Team' }))).id as string;
    const person = async () => (await must(admin.post('/register/people', { name: 'Sweaton', jobTitle: 'Inspector' }))).id as string;
    const fresh =
      (build: () => Promise<string>, method: string, path: (id: string) => string, body?: (id: string) => Promise<unknown>) =>
      async (as: Client) => {
        const id = await build();
        return request(as, method, path(id), body ? await body(id) : undefined);
      };
    const details = { name: 'Sweatton', email: null, jobTitle: 'Inspector', organisationId: null, reason: 'misspelt' };
    return [
      {
        endpoint: 'POST /register/organisations',
        expect: keeps(201),
        send: (as) => request(as, 'POST', '/register/organisations', { name: 'Remedi' }),
      },
      {
        endpoint: 'POST /register/organisations/{organisationId}/renaming',
        expect: keeps(201),
        send: fresh(
          organisation,
          'POST',
          (id) => `/register/organisations/${id}/renaming`,
          async () => ({ name: 'Youth Justice Service', reason: 'renamed' }),
        ),
      },
      {
        endpoint: 'PUT /register/organisations/{organisationId}/contact',
        expect: keeps(200),
        send: fresh(
          organisation,
          'PUT',
          (id) => `/register/organisations/${id}/contact`,
          async () => ({ email: 'partnerships@southyorks.police.example', personId: null, reason: 'single point of contact' }),
        ),
      },
      { endpoint: 'GET /register/organisations', expect: reads, send: get('/register/organisations') },
      {
        endpoint: 'GET /register/organisations/{organisationId}',
        expect: reads,
        send: fresh(organisation, 'GET', (id) => `/register/organisations/${id}`),
      },
      {
        endpoint: 'POST /register/people',
        expect: keeps(201),
        send: (as) => request(as, 'POST', '/register/people', { name: 'Remedi contact' }),
      },
      {
        endpoint: 'PUT /register/people/{personId}',
        expect: keeps(200),
        send: fresh(
          person,
          'PUT',
          (id) => `/register/people/${id}`,
          async () => details,
        ),
      },
      {
        endpoint: 'POST /register/people/{personId}/merge',
        expect: keeps(201),
        send: fresh(
          person,
          'POST',
          (id) => `/register/people/${id}/merge`,
          async () => ({ into: await person(), reason: 'same person' }),
        ),
      },
      {
        endpoint: 'POST /register/people/{personId}/leaving',
        expect: keeps(201),
        send: fresh(
          person,
          'POST',
          (id) => `/register/people/${id}/leaving`,
          async () => ({ successor: await person(), reason: 'retired' }),
        ),
      },
      { endpoint: 'GET /register/people', expect: reads, send: get('/register/people') },
      { endpoint: 'GET /register/people/{personId}', expect: reads, send: fresh(person, 'GET', (id) => `/register/people/${id}`) },
    ];
  };

  /** Committee packs (ADR 34): anyone signed in reads and checks them; plan managers and admins issue them. */
  const packRows = (): Row[] => {
    const issue = { asAt: today(), cover: { title: 'Progress report', purpose: 'To update the board', recommendations: [] } };
    const board = { board: 'YOT Management Board', date: today() };
    let issued: Promise<{ id: string; hash: string }> | null = null;
    const pack = () => (issued ??= must(f.setup.post(`/plans/${shared.planId}/packs`, { ...issue, meeting: board })));
    const pdf = (_: Actor, answer: Answer) =>
      answer.status !== 200 || answer.type === 'application/pdf' ? null : `not a PDF: ${answer.type}`;
    return [
      { endpoint: 'GET /plans/{planId}/pack', expect: signedIn(() => ok()), send: get(`/plans/${shared.planId}/pack`) },
      { endpoint: 'GET /plans/{planId}/pack.pdf', expect: signedIn(() => ok()), send: get(`/plans/${shared.planId}/pack.pdf`), check: pdf },
      {
        endpoint: 'POST /plans/{planId}/packs',
        expect: onlyManagers('PACK.NOT_PLAN_MANAGER'),
        send: (as) => request(as, 'POST', `/plans/${shared.planId}/packs`, { ...issue, meeting: board }),
      },
      { endpoint: 'GET /plans/{planId}/packs', expect: signedIn(() => ok()), send: get(`/plans/${shared.planId}/packs`) },
      {
        endpoint: 'GET /packs/{packId}',
        expect: signedIn(() => ok()),
        send: async (as) => request(as, 'GET', `/packs/${(await pack()).id}`),
      },
      {
        endpoint: 'GET /packs/{packId}.pdf',
        expect: signedIn(() => ok()),
        send: async (as) => request(as, 'GET', `/packs/${(await pack()).id}.pdf`),
        check: pdf,
      },
      {
        endpoint: 'POST /packs/verify',
        expect: signedIn(() => ok()),
        send: async (as) => request(as, 'POST', '/packs/verify', { hash: (await pack()).hash }),
        check: (_, answer) => (answer.status !== 200 || answer.json.matches === true ? null : 'an issued pack did not verify'),
      },
    ];
  };

  const rows = (): Row[] => {
    const { setup, work, owners, chair, members } = f;
    const raiseBody = {
      groupingId: work.groupingId,
      references: ['1.9'],
      description: 'Re-audit in six months',
      targetDate: 'Sep-27',
      ...owners,
    };
    const fresh = (build: () => Promise<string>, path: (id: string) => string, method: string, body?: unknown) => async (as: Client) =>
      request(as, method, path(await build()), body);
    const freshAction = (path: string, method: string, body?: unknown) =>
      fresh(
        () => f.raise(),
        (id) => `/actions/${id}${path}`,
        method,
        body,
      );
    const withEvidence = async () => {
      const actionId = await f.raise();
      return { actionId, evidenceId: await f.attach(actionId) };
    };
    const withRevision = async () => {
      const actionId = await f.raise();
      const revisionId = (
        await must(setup.post(`/actions/${actionId}/target-date-revisions`, { proposed: 'Jun-27', reason: 'Auditors booked late' }))
      ).createdId;
      return `/actions/${actionId}/target-date-revisions/${revisionId}`;
    };
    /** Actions owned (and submitted) by nobody in the matrix, so no actor is conflicted recording their closure. */
    const helperOwned = { leadOwners: [{ kind: 'person', name: 'Owner', userId: f.world.users.helperOwner.userId }] };
    /** A plan requiring approval to close by a named board and letting another board take the sign-off, made once. */
    let twoStep: Promise<{ planId: string; groupingId: string }> | undefined;
    const twoStepPlan = () =>
      (twoStep ??= (async () => {
        const where = await f.plan();
        await must(
          setup.patch(`/plans/${where.planId}`, {
            approvalToClose: "Children's Improvement Board",
            delegatedSignOff: ['Youth Justice Management Board'],
            completeAt: 'approval to close',
            reason: 'Two-step completion',
          }),
        );
        return where;
      })());
    const viewerId = f.clientOf(ACTORS.find((actor) => actor.role === 'viewer')!).userId;
    /** The matrix's owners, with the sender as a supporting owner too. */
    const withSender = (as: Client, reason: string) => ({
      ...owners,
      supportingOwners: [...owners.supportingOwners, { kind: 'person', name: 'Sender', userId: as.userId || viewerId }],
      reason,
    });
    /** A change of owners proposed by the plan builder, waiting for someone else to approve it. */
    const proposedChange = async () => {
      const actionId = await f.raise();
      const { createdId } = await must(setup.post(`/actions/${actionId}/owner-changes`, { ...owners, reason: 'Case review' }));
      return `/actions/${actionId}/owner-changes/${createdId}`;
    };
    /** An action signed off from a paper: proposed by the plan builder and confirmed by the operator's admin (ADR 33). */
    const paperSignedOff = async (where?: Awaited<ReturnType<typeof twoStepPlan>>) => {
      const actionId = await f.raise(where, helperOwned);
      await must(setup.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: 'Panel minutes' } }));
      await must(f.world.admin.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}));
      return actionId;
    };
    /** An action whose sign-off from a paper the plan builder proposed, waiting for someone else to confirm it. */
    const proposedSignOff = async (where?: Awaited<ReturnType<typeof twoStepPlan>>) => {
      const actionId = await f.raise(where, helperOwned);
      await must(setup.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: 'Panel minutes' } }));
      return actionId;
    };
    /** A decision the plan builder entered from the minutes for the helpers' chair, waiting for confirmation. */
    const enteredDecision = async () => {
      const helpers = { chair: f.world.users.helperChair.userId, members: [f.world.users.helperMember.userId] };
      const panelId = await f.panel(f.work, helpers);
      const actionId = await f.submitted(f.work, helperOwned);
      await must(setup.post(`/panels/${panelId}/agenda`, { actionId }));
      await must(setup.post(`/panels/${panelId}/attendance`, { present: [helpers.chair, ...helpers.members] }));
      const entry = { actionId, outcome: 'signed off', rationale: 'Minuted', decidedBy: helpers.chair };
      const { createdId } = await must(
        setup.post(`/panels/${panelId}/decisions`, { ...entry, effective: { at: today(), source: 'Minutes' } }),
      );
      return `/panels/${panelId}/decisions/${createdId}`;
    };
    const closed = async () => {
      const planId = await f.closable();
      await must(setup.post(`/plans/${planId}/closure`, { approvedBy: 'YOT Management Board', approvedOn: today() }));
      return planId;
    };
    const planRead = (path: string, variant?: string): Row => ({
      endpoint: `GET /plans/{planId}${path}`,
      variant,
      expect: signedIn(() => ok()),
      send: get(`/plans/${shared.planId}${path}${variant ? `?asAt=${today()}` : ''}`),
    });
    const noEvidence = (_: Actor, answer: Answer) =>
      answer.json?.actions?.some((action: object) => 'evidence' in action) ? "a report line carries the action's evidence" : null;
    return [
      { endpoint: 'GET /health', expect: () => ok(), send: get('/health') },
      {
        endpoint: 'POST /plans',
        expect: onlyManagers('PLAN.NOT_PLAN_MANAGER'),
        send: (as) =>
          request(as, 'POST', '/plans', { kind: 'peer review', title: 'Peer review', source: { body: 'LGA', date: '2021-02-01' } }),
      },
      { endpoint: 'GET /plans', expect: signedIn(() => ok()), send: get('/plans') },
      planRead(''),
      planRead('', 'as at today'),
      {
        endpoint: 'PATCH /plans/{planId}',
        expect: writes((actor) => (manages(actor) ? ok() : refused('PLAN.NOT_PLAN_MANAGER'))),
        send: fresh(
          async () => (await f.plan()).planId,
          (id) => `/plans/${id}`,
          'PATCH',
          { title: 'Renamed plan', reason: 'The board renamed it' },
        ),
      },
      {
        endpoint: 'POST /plans/{planId}/groupings',
        expect: onlyManagers('PLAN.NOT_PLAN_MANAGER'),
        send: fresh(
          async () => (await f.plan()).planId,
          (id) => `/plans/${id}/groupings`,
          'POST',
          { kind: 'section', references: [], title: 'Court disposals' },
        ),
      },
      {
        endpoint: 'PATCH /plans/{planId}/groupings/{groupingId}',
        expect: writes((actor) => (manages(actor) ? ok() : refused('PLAN.NOT_PLAN_MANAGER'))),
        send: async (as) => {
          const { planId, groupingId } = await f.plan();
          return request(as, 'PATCH', `/plans/${planId}/groupings/${groupingId}`, { title: 'Renamed', reason: 'Renumbered' });
        },
      },
      {
        endpoint: 'POST /plans/{planId}/activation',
        expect: onlyManagers('PLAN.NOT_PLAN_MANAGER'),
        send: fresh(
          async () => (await f.plan()).planId,
          (id) => `/plans/${id}/activation`,
          'POST',
          { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' },
        ),
      },
      {
        endpoint: 'POST /plans/{planId}/closure',
        expect: onlyManagers('PLAN.NOT_PLAN_MANAGER'),
        send: fresh(
          () => f.closable(),
          (id) => `/plans/${id}/closure`,
          'POST',
          { approvedBy: 'YOT Management Board', approvedOn: today() },
        ),
      },
      {
        endpoint: 'POST /plans/{planId}/reopening',
        expect: onlyManagers('PLAN.NOT_PLAN_MANAGER'),
        send: fresh(closed, (id) => `/plans/${id}/reopening`, 'POST', { reason: 'Fifteen actions added after the re-inspection' }),
      },
      {
        // The owners named include every "owner" actor: a plan manager or admin among them would be making themself one.
        endpoint: 'POST /plans/{planId}/actions',
        expect: writes((actor) => (!manages(actor) ? refused('ACTION.NOT_PLAN_MANAGER') : actor.owner ? selfOwnership : ok(201))),
        send: (as) => request(as, 'POST', `/plans/${work.planId}/actions`, raiseBody),
      },
      { ...planRead('/actions'), check: noEvidence },
      { ...planRead('/actions', 'as at today'), check: noEvidence },
      planRead('/summary'),
      planRead('/summary', 'as at today'),
      {
        endpoint: 'GET /plans/{planId}/summary',
        variant: 'on the rating basis, two days side by side',
        expect: signedIn(() => ok()),
        send: get(`/plans/${shared.planId}/summary?basis=rating&asAt=${today()}&compareWith=2020-01-01`),
      },
      {
        endpoint: 'GET /plans/{planId}/actions',
        variant: 'on the rating basis, two days side by side',
        expect: signedIn(() => ok()),
        send: get(`/plans/${shared.planId}/actions?basis=rating,effective&asAt=${today()}&compareWith=2020-01-01`),
        check: noEvidence,
      },
      planRead('/behind-schedule'),
      planRead('/behind-schedule', 'as at today'),
      planRead('/awaiting-sign-off'),
      {
        endpoint: 'GET /plans/{planId}/restricted-reads',
        expect: signedIn((actor) => (actor.role === 'auditor' || actor.role === 'admin' ? ok() : refused('AUTH.ROLE'))),
        send: get(`/plans/${shared.planId}/restricted-reads`),
        check: (actor, answer) => {
          if (answer.status !== 200) return null;
          const read = answer.json.reads.find((line: any) => line.reader.id === shared.firstReader);
          if (!read) return "the owner's download made before the matrix is not listed";
          const named = read.title === `${SECRET}-TITLE case review` && read.fileName === `${SECRET}-NAME.pdf`;
          return readsRestricted(actor) === named ? null : `the evidence is ${named ? 'named to' : 'withheld from'} ${actor.name}`;
        },
      },
      {
        endpoint: 'POST /plans/import',
        expect: writes((actor) => (manages(actor) ? ok(200) : refused('AUTH.ROLE'))),
        send: (as) =>
          request(as, 'POST', '/plans/import?dryRun=true', {
            plan: { kind: 'peer review', title: 'Imported review', source: { body: 'LGA', date: '2021-02-01' } },
            rows: [{ reference: '1.1', action: 'Agree the protocol', leads: 'Head of Service' }],
          }),
      },
      {
        endpoint: 'GET /plans/{planId}/export',
        expect: signedIn((actor) => (manages(actor) ? ok() : refused('AUTH.ROLE'))),
        send: (as) => request(as, 'GET', `/plans/${shared.planId}/export?format=csv`),
      },
      {
        endpoint: 'GET /plans/{planId}/changes',
        expect: signedIn(() => ok()),
        send: (as) => request(as, 'GET', `/plans/${shared.planId}/changes?from=2020-01-01&to=${today()}`),
      },
      {
        // Every event as stored, restricted evidence included: only for those who read everything.
        endpoint: 'GET /plans/{planId}/audit-bundle',
        expect: signedIn((actor) => (actor.role === 'auditor' ? ok() : refused('AUTH.ROLE'))),
        send: get(`/plans/${shared.planId}/audit-bundle`),
        check: (_, answer) => (answer.status !== 200 || answer.json?.manifest?.plan?.id === shared.planId ? null : "not the plan's bundle"),
      },
      {
        endpoint: 'GET /plans/{planId}/verify',
        expect: signedIn((actor) => (readsUsers(actor) ? ok() : refused('AUTH.ROLE'))),
        send: get(`/plans/${shared.planId}/verify`),
      },
      {
        endpoint: 'GET /actions/{actionId}',
        expect: signedIn(() => ok()),
        send: (as) => request(as, 'GET', `/actions/${shared.actionId}`),
        check: shownOrWithheld(
          ({ json }) =>
            json.evidence.length === 4 &&
            json.evidence.filter(
              (item: any) =>
                item.redacted &&
                item.title === 'Restricted evidence' &&
                item.link === null &&
                (item.file === null || (item.file.name === null && item.file.sha256 === shared.restrictedSha)),
            ).length === 2,
        ),
      },
      {
        endpoint: 'PATCH /actions/{actionId}',
        expect: writes((actor) => (manages(actor) ? ok() : refused('ACTION.NOT_PLAN_MANAGER'))),
        send: freshAction('', 'PATCH', { description: 'Audit assessments quarterly', reason: 'Board asked for a cadence' }),
      },
      {
        endpoint: 'PUT /actions/{actionId}/owners',
        expect: writes((actor) => (manages(actor) ? ok() : refused('ACTION.NOT_PLAN_MANAGER'))),
        send: freshAction('/owners', 'PUT', { ...owners, reason: 'Restructure' }),
      },
      // The probe: a plan manager made themself a supporting owner, and so a reader of the case file.
      {
        endpoint: 'PUT /actions/{actionId}/owners',
        variant: 'naming the sender a supporting owner',
        expect: writes((actor) => (!manages(actor) ? refused('ACTION.NOT_PLAN_MANAGER') : actor.owner ? ok() : selfOwnership)),
        send: async (as) => request(as, 'PUT', `/actions/${await f.raise()}/owners`, withSender(as, 'Restructure')),
      },
      {
        endpoint: 'POST /actions/{actionId}/owner-changes',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as) => request(as, 'POST', `/actions/${await f.raise()}/owner-changes`, withSender(as, 'Case review')),
      },
      {
        endpoint: 'POST /actions/{actionId}/owner-changes/{changeId}/approval',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as) => request(as, 'POST', `${await proposedChange()}/approval`, {}),
      },
      {
        endpoint: 'POST /actions/{actionId}/owner-changes/{changeId}/rejection',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as) => request(as, 'POST', `${await proposedChange()}/rejection`, { reason: 'Not needed' }),
      },
      {
        endpoint: 'POST /actions/{actionId}/progress',
        expect: onlyWorkers,
        send: freshAction('/progress', 'POST', { commentary: 'Audit tool drafted', assessment: 'on track', asOf: today() }),
      },
      {
        endpoint: 'POST /actions/{actionId}/progress',
        variant: 'with a rating',
        expect: onlyWorkers,
        send: freshAction('/progress', 'POST', {
          commentary: 'Audit tool drafted',
          assessment: 'on track',
          asOf: today(),
          rating: 'On Track',
        }),
      },
      {
        endpoint: 'POST /actions/{actionId}/rating-moderations',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: freshAction('/rating-moderations', 'POST', {
          rating: 'at risk',
          authority: 'the Youth Justice Board',
          reason: 'Board meeting of 11 January',
        }),
      },
      {
        endpoint: 'POST /actions/{actionId}/evidence',
        expect: onlyWorkers,
        send: freshAction('/evidence', 'POST', { title: 'Audit tool', kind: 'document', link: 'https://council.example/audit-tool' }),
      },
      // Knowing a restricted file's hash (shown to everyone) must not let anyone attach it to an action of their own and so open it.
      {
        endpoint: 'POST /actions/{actionId}/evidence',
        variant: 'a file only restricted evidence carries',
        expect: writes((actor) =>
          !readsRestricted(actor) ? refused('ACTION.FILE_RESTRICTED') : works(actor) ? ok(201) : refused('ACTION.NOT_OWNER'),
        ),
        send: freshAction('/evidence', 'POST', {
          title: 'Case review',
          kind: 'case study',
          restricted: true,
          file: { sha256: shared.restrictedSha, name: 'review.pdf' },
        }),
      },
      {
        endpoint: 'POST /actions/{actionId}/evidence/{evidenceId}/withdrawal',
        expect: onlyWorkers,
        send: async (as) => {
          const { actionId, evidenceId } = await withEvidence();
          return request(as, 'POST', `/actions/${actionId}/evidence/${evidenceId}/withdrawal`, { reason: 'Superseded' });
        },
      },
      {
        endpoint: 'POST /actions/{actionId}/target-date-revisions',
        expect: onlyWorkers,
        send: freshAction('/target-date-revisions', 'POST', { proposed: 'Jun-27', reason: 'Auditors booked late' }),
      },
      {
        endpoint: 'POST /actions/{actionId}/target-date-revisions/{revisionId}/approval',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as) => request(as, 'POST', `${await withRevision()}/approval`),
      },
      {
        endpoint: 'POST /actions/{actionId}/target-date-revisions/{revisionId}/rejection',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as) => request(as, 'POST', `${await withRevision()}/rejection`, { reason: 'Keep to the date' }),
      },
      {
        endpoint: 'POST /actions/{actionId}/links',
        variant: 'depends on',
        expect: onlyWorkers,
        send: freshAction('/links', 'POST', { kind: 'depends on', targetActionId: shared.targetId }),
      },
      {
        endpoint: 'POST /actions/{actionId}/links',
        variant: 'duplicate of',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: freshAction('/links', 'POST', { kind: 'duplicate of', targetActionId: shared.targetId }),
      },
      {
        endpoint: 'POST /actions/{actionId}/links/removal',
        expect: onlyWorkers,
        send: async (as) => {
          const actionId = await f.raise();
          await must(setup.post(`/actions/${actionId}/links`, { kind: 'depends on', targetActionId: shared.targetId }));
          return request(as, 'POST', `/actions/${actionId}/links/removal`, {
            kind: 'depends on',
            targetActionId: shared.targetId,
            reason: 'Not dependent after all',
          });
        },
      },
      {
        endpoint: 'POST /actions/{actionId}/submission',
        expect: onlyWorkers,
        send: async (as) => {
          const { actionId, evidenceId } = await withEvidence();
          return request(as, 'POST', `/actions/${actionId}/submission`, { evidenceIds: [evidenceId] });
        },
      },
      {
        endpoint: 'POST /actions/{actionId}/withdrawal',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: freshAction('/withdrawal', 'POST', { reason: 'Superseded' }),
      },
      {
        endpoint: 'POST /actions/{actionId}/reopening',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as) => {
          const actionId = await f.raise();
          await must(setup.post(`/actions/${actionId}/withdrawal`, { reason: 'Superseded' }));
          return request(as, 'POST', `/actions/${actionId}/reopening`, { reason: 'Needed after all' });
        },
      },
      {
        endpoint: 'POST /actions/{actionId}/sign-off-from-paper',
        // An owner does not propose the sign-off of their own action (ADR 33).
        expect: writes((actor) =>
          !manages(actor)
            ? refused('ACTION.NOT_PLAN_MANAGER')
            : actor.owner
              ? { status: 422, code: 'ACTION.CONFLICT_OF_INTEREST' }
              : ok(201),
        ),
        send: freshAction('/sign-off-from-paper', 'POST', { effective: { at: today(), source: 'YOT Management Board paper' } }),
      },
      {
        endpoint: 'POST /actions/{actionId}/approval-to-close',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: fresh(
          async () => paperSignedOff(await twoStepPlan()),
          (id) => `/actions/${id}/approval-to-close`,
          'POST',
          { authority: 'minute 6', effective: { at: today() } },
        ),
      },
      {
        endpoint: 'POST /plans/{planId}/approvals-to-close',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as: Client) => {
          const { planId } = await twoStepPlan();
          const actionIds = await Promise.all([1, 2].map(async () => paperSignedOff(await twoStepPlan())));
          return request(as, 'POST', `/plans/${planId}/approvals-to-close`, {
            actionIds,
            authority: 'minute 6',
            effective: { at: today() },
          });
        },
      },
      {
        endpoint: 'POST /actions/{actionId}/proposed-sign-off/confirmation',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: fresh(proposedSignOff, (id) => `/actions/${id}/proposed-sign-off/confirmation`, 'POST', {}),
      },
      {
        endpoint: 'POST /actions/{actionId}/proposed-sign-off/rejection',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: fresh(proposedSignOff, (id) => `/actions/${id}/proposed-sign-off/rejection`, 'POST', { reason: 'Wrong paper' }),
      },
      {
        endpoint: 'POST /plans/{planId}/proposed-sign-offs/confirmation',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: async (as: Client) => {
          const where = await twoStepPlan();
          const actionIds = await Promise.all([1, 2].map(() => proposedSignOff(where)));
          return request(as, 'POST', `/plans/${where.planId}/proposed-sign-offs/confirmation`, { actionIds });
        },
      },
      {
        endpoint: 'POST /panels/{panelId}/decisions/{decisionId}/confirmation',
        expect: writes((actor) => (manages(actor) ? ok(201) : refused('PANEL.NOT_CONFIRMER'))),
        send: async (as) => request(as, 'POST', `${await enteredDecision()}/confirmation`, {}),
      },
      {
        endpoint: 'POST /panels/{panelId}/decisions/{decisionId}/rejection',
        expect: writes((actor) => (manages(actor) ? ok(201) : refused('PANEL.NOT_CONFIRMER'))),
        send: async (as) => request(as, 'POST', `${await enteredDecision()}/rejection`, { reason: 'The minutes record a deferral' }),
      },
      {
        endpoint: 'POST /actions/{actionId}/delegated-sign-off',
        expect: onlyManagers('ACTION.NOT_PLAN_MANAGER'),
        send: fresh(
          async () => f.submitted(await twoStepPlan(), helperOwned),
          (id) => `/actions/${id}/delegated-sign-off`,
          'POST',
          { body: 'Youth Justice Management Board', authority: 'item 4', rationale: 'Evidence seen', effective: { at: today() } },
        ),
      },
      {
        endpoint: 'GET /actions/{actionId}/history',
        expect: signedIn(() => ok()),
        send: get(`/actions/${shared.actionId}/history`),
        check: shownOrWithheld(({ text }) => text.includes(`attached restricted evidence (sha256 ${shared.restrictedSha})`)),
      },
      {
        endpoint: 'POST /panels',
        expect: onlyManagers('PANEL.NOT_PLAN_MANAGER'),
        send: (as) =>
          request(as, 'POST', '/panels', { planId: work.planId, title: 'Evidence challenge panel', date: today(), chair, members }),
      },
      // The probe: a plan manager in the chair with a viewer as the only member.
      {
        endpoint: 'POST /panels',
        variant: 'the sender in the chair and a viewer as the only member',
        expect: writes((actor) => (manages(actor) ? { status: 422, code: 'PANEL.ROLE_CANNOT_SIT' } : refused('PANEL.NOT_PLAN_MANAGER'))),
        send: (as) =>
          request(as, 'POST', '/panels', {
            planId: work.planId,
            title: 'Evidence challenge panel',
            date: today(),
            chair: as.userId || chair,
            members: [viewerId],
          }),
      },
      {
        endpoint: 'GET /panels/{panelId}',
        expect: signedIn(() => ok()),
        send: get(`/panels/${shared.panelId}`),
        check: shownOrWithheld(
          ({ json }) => json.agenda[0].decision.evidenceConsidered.filter((item: any) => item.title === 'Restricted evidence').length === 2,
        ),
      },
      {
        endpoint: 'POST /panels/{panelId}/agenda',
        expect: writes((actor) => (actor.chair || manages(actor) ? ok(201) : refused('PANEL.NOT_CHAIR'))),
        send: async (as) => {
          const [panelId, actionId] = await Promise.all([f.panel(), f.submitted()]);
          return request(as, 'POST', `/panels/${panelId}/agenda`, { actionId });
        },
      },
      {
        endpoint: 'POST /panels/{panelId}/attendance',
        expect: writes((actor) => (actor.chair || manages(actor) ? ok(201) : refused('PANEL.NOT_CHAIR'))),
        send: fresh(
          () => f.panel(),
          (id) => `/panels/${id}/attendance`,
          'POST',
          { present: [chair, ...members] },
        ),
      },
      {
        endpoint: 'POST /panels/{panelId}/decisions',
        expect: writes((actor) =>
          !actor.member ? refused('PANEL.NOT_PRESENT') : actor.owner ? { status: 422, code: 'PANEL.CONFLICT_OF_INTEREST' } : ok(201),
        ),
        send: async (as) => {
          const { panelId, actionId } = await f.tabled();
          return request(as, 'POST', `/panels/${panelId}/decisions`, {
            actionId,
            outcome: 'signed off',
            rationale: 'Evidence of change and impact seen',
          });
        },
      },
      {
        endpoint: 'POST /panels/{panelId}/actions',
        expect: writes((actor) => (actor.member || manages(actor) ? ok(201) : refused('PANEL.NOT_A_MEMBER'))),
        send: (as) => request(as, 'POST', `/panels/${shared.resultingPanelId}/actions`, raiseBody),
      },
      ...minutesRows(),
      {
        endpoint: 'POST /users',
        expect: writes((actor) => (actor.role === 'admin' ? ok(201) : refused('AUTH.ROLE'))),
        send: (as) => request(as, 'POST', '/users', { name: 'Scrutiny officer', role: 'viewer' }),
      },
      { endpoint: 'GET /users', expect: signedIn((actor) => (readsUsers(actor) ? ok() : refused('AUTH.ROLE'))), send: get('/users') },
      {
        endpoint: 'POST /users/{userId}/token',
        expect: writes((actor) => (actor.role === 'admin' ? ok(201) : refused('AUTH.ROLE'))),
        send: async (as) => {
          const { userId } = await must(f.world.admin.post('/users', { name: 'Leaver', role: 'viewer' }));
          return request(as, 'POST', `/users/${userId}/token`);
        },
      },
      ...userChanges(),
      ...registerRows(),
      ...standingPanelRows(),
      ...packRows(),
      ...notificationRows(),
      ...measureRows(),
      { endpoint: 'GET /users/me', expect: signedIn(() => ok()), send: get('/users/me') },
      {
        endpoint: 'GET /me/work',
        expect: signedIn(() => ok()),
        send: get('/me/work'),
        // A work list names actions, never their evidence, so nothing restricted can show in it.
        check: (actor, answer) =>
          answer.status !== 200 || !actor.owner || answer.json.actions.some((line: any) => line.actionId === shared.actionId)
            ? null
            : "an owner's work list lacks the action they own",
      },
      {
        endpoint: 'GET /users/{userId}',
        expect: signedIn((actor) => (readsUsers(actor) ? ok() : refused('AUTH.ROLE'))),
        send: (as) => request(as, 'GET', `/users/${setup.userId}`),
      },
      {
        endpoint: 'POST /files',
        expect: writes(() => ok(201)),
        send: (as) => request(as, 'POST', '/files', Buffer.from('Workshop registers')),
      },
      {
        endpoint: 'GET /files/{sha256}',
        variant: 'carried only by restricted evidence',
        expect: signedIn((actor) => (readsRestricted(actor) ? ok() : refused('FILE.RESTRICTED'))),
        send: (as) => request(as, 'GET', `/files/${shared.restrictedSha}`),
        check: (_, answer) => (answer.status !== 200 || answer.text === RESTRICTED_CONTENT ? null : 'the file came back changed'),
      },
      {
        endpoint: 'GET /files/{sha256}',
        variant: 'carried by open evidence',
        expect: signedIn(() => ok()),
        send: (as) => request(as, 'GET', `/files/${shared.openSha}`),
      },
    ];
  };

  it('answers every endpoint, for every kind of user, exactly as the table says', async () => {
    const documented = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const endpoints = Object.entries(documented.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const table = rows();
    const inTable = new Set(table.map((row) => row.endpoint));
    expect({
      missingFromTable: endpoints.filter((endpoint) => !inTable.has(endpoint)),
      notInApi: [...inTable].filter((endpoint) => !endpoints.includes(endpoint)),
    }).toEqual({ missingFromTable: [], notInApi: [] });

    const cells = table.flatMap((row) => ACTORS.map((actor) => ({ row, actor })));
    const mismatches = (
      await pool(cells, 6, async ({ row, actor }) => {
        const label = `${row.endpoint}${row.variant ? ` [${row.variant}]` : ''} as ${actor.name}`;
        const expected = row.expect(actor);
        let answer: Answer;
        try {
          answer = await row.send(f.clientOf(actor));
        } catch (error) {
          return `${label}: ${(error as Error).message}`;
        }
        const found = mismatch(expected, answer, actor, row.check);
        return found && `${label}: ${found}`;
      })
    ).filter((found): found is string => Boolean(found));
    process.stdout.write(
      `authorisation matrix: ${endpoints.length} endpoints (${table.length} rows with variants) × ${ACTORS.length} actors = ${cells.length} cells\n`,
    );
    expect(mismatches).toEqual([]);
  }, 900_000);

  describe('restricted evidence, beyond the matrix', () => {
    const actor = (name: string) => f.clientOf(ACTORS.find((candidate) => candidate.name === name)!);
    const titles = async (as: Client) =>
      (await as.get(`/actions/${shared.actionId}`)).body.evidence.map((item: { title: string }) => item.title);

    it("cannot be opened by attaching its file, known by its hash, to an action of one's own", async () => {
      const stranger = actor('action owner (not owner, not on the panel)');
      const own = await f.raise(undefined, { leadOwners: [{ kind: 'person', name: 'Stranger', userId: stranger.userId }] });
      const attached = await stranger.post(`/actions/${own}/evidence`, {
        title: 'Mine now',
        kind: 'document',
        file: { sha256: shared.restrictedSha, name: 'mine.pdf' },
      });
      expect({ status: attached.status, code: attached.body.code }).toEqual({ status: 403, code: 'ACTION.FILE_RESTRICTED' });
      expect((await request(stranger, 'GET', `/files/${shared.restrictedSha}`)).status).toBe(403);
    });

    it('is for the members of a meeting the action is tabled at, not of every meeting of its plan', async () => {
      const { setup } = f;
      const member = actor('panel member (not owner, not on the panel)');
      const chair = actor('the chair (panel member, not owner)');
      const later = await f.panel({ planId: shared.planId, groupingId: '' }, { chair: chair.userId, members: [member.userId] });
      expect(await titles(member)).toContain('Restricted evidence');

      const evidenceIds = (await setup.get(`/actions/${shared.actionId}`)).body.evidence.map(
        (item: { evidenceId: string }) => item.evidenceId,
      );
      await must(
        setup.post(`/actions/${shared.actionId}/submission`, {
          evidenceIds,
          answers: [{ challengePoint: 'Show re-audit results', answer: 'Re-audit attached' }],
        }),
      );
      await must(setup.post(`/panels/${later}/agenda`, { actionId: shared.actionId }));
      expect(await titles(member)).toEqual(expect.arrayContaining([`${SECRET}-TITLE case review`, `${SECRET}-TITLE exempt report`]));
      expect((await request(member, 'GET', `/files/${shared.restrictedSha}`)).text).toBe(RESTRICTED_CONTENT);
    });
  });
});

function mismatch(expected: Outcome, answer: Answer, actor: Actor, check?: Row['check']): string | null {
  const got = `${answer.status}${answer.json?.code ? ` ${answer.json.code}` : ''}`;
  const want = `${expected.status}${expected.code ? ` ${expected.code}` : ''}`;
  if (answer.status !== expected.status || (expected.code && answer.json?.code !== expected.code))
    return `expected ${want}, got ${got}: ${answer.text.slice(0, 200)}`;
  if (answer.status >= 400 && !/^application\/problem\+json/.test(answer.type ?? ''))
    return `refused with ${answer.type}, not application/problem+json`;
  if (!readsRestricted(actor) && answer.text.includes(SECRET)) return 'shows restricted evidence to someone who may not read it';
  return check?.(actor, answer) ?? null;
}

/** Runs `work` over `items` with at most `size` at a time, keeping the order of the results. */
async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const at = next++;
        results[at] = await work(items[at]);
      }
    }),
  );
  return results;
}
