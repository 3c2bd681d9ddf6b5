import Database from 'better-sqlite3';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runBuilt } from '@actionplans/testing';
import { created, startWorld, type Reply } from './support/api-world';
import { BODY_FAMILIES } from './support/bad-bodies';
import { REQUEST_FAMILIES, type BadRequest, type Family } from './support/bad-requests';
import { commandRoutes, type CommandRoute, type OpenApiDocument } from './support/openapi-commands';
import { closeConnections, sendRaw, type RawReply } from './support/raw-http';

/**
 * Thousands of malformed, oversized, wrongly typed and unicode-laden requests to every command
 * route the OpenAPI document lists, sent by users with the authority to make them, at resources
 * that exist: each is refused with a 4xx problem, nothing internal leaks, and no event is stored.
 * FC_SEED replays another run; BAD_INPUT_RUNS scales the number of requests.
 */
const SEED = Number(process.env.FC_SEED ?? 20260611);
const SCALE = Number(process.env.BAD_INPUT_RUNS ?? 1);

/** Requests per route for each kind of bad input: many of the cheap and varied, few of the costly. */
const FAMILIES: Family[] = [
  { ...BODY_FAMILIES.wrongTypes, runs: 80 },
  { ...BODY_FAMILIES.invalidValues, runs: 80 },
  { ...BODY_FAMILIES.missingRequired, runs: 24 },
  { ...BODY_FAMILIES.unknownField, runs: 24 },
  { ...BODY_FAMILIES.prototypeKey, runs: 24 },
  { ...BODY_FAMILIES.deepNesting, runs: 12 },
  { ...BODY_FAMILIES.notJson, runs: 16 },
  { ...BODY_FAMILIES.truncated, runs: 12 },
  { ...BODY_FAMILIES.topLevel, runs: 16 },
  { ...BODY_FAMILIES.oversized, runs: 3 },
  { ...BODY_FAMILIES.encoded, runs: 8 },
  { ...BODY_FAMILIES.charset, runs: 6 },
  { ...BODY_FAMILIES.contentType, runs: 12 },
  { ...REQUEST_FAMILIES.pathIds, runs: 60 },
  { ...REQUEST_FAMILIES.ifMatch, runs: 12 },
  { ...REQUEST_FAMILIES.idempotencyKey, runs: 8 },
  { ...REQUEST_FAMILIES.emptyFile, runs: 6 },
  { ...REQUEST_FAMILIES.oversizedFile, runs: 1 },
];

/** Nobody has an email address, so no reminder is recorded while the requests are sent and the log stays still. */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
};

/** Stack frames, error class names, file paths and SQL: none of it may reach a client. */
const LEAKS = [
  /\bat (?:async )?\S+ \(\S+:\d+:\d+\)/,
  /^\s+at /m,
  /node_modules|\/dist\/apps\/|\.[jt]s:\d+/,
  /\b[A-Z]\w*Error\b: /,
  /SQLITE_[A-Z]+|SqliteError|better-sqlite3|\bprev_hash\b|sqlite_sequence/i,
  /\b(?:SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,120}\b(?:FROM|INTO|SET|WHERE)\b/i,
];

/** A 400's field names the bad one, or the object holding it, or a field inside it. */
const names = (field: string, bad: string) => field === bad || field.startsWith(`${bad}.`) || bad.startsWith(`${field}.`);

function refusalProblems(bad: BadRequest, reply: RawReply): string[] {
  const problems: string[] = [];
  let body: any;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return [`the body is not JSON: ${reply.text.slice(0, 200)}`];
  }
  if (reply.status < 400 || reply.status > 499) problems.push(`status ${reply.status} is not a 4xx`);
  if (!/^application\/problem\+json/.test(String(reply.headers['content-type'])))
    problems.push(`content-type ${reply.headers['content-type']}`);
  if (body?.status !== reply.status || typeof body.title !== 'string' || typeof body.detail !== 'string' || typeof body.type !== 'string')
    problems.push('not a problem document');
  if (!/^[A-Z]+(\.[A-Z0-9_]+)+$/.test(String(body?.code))) problems.push(`code ${body?.code} is not AREA.REASON`);
  if (bad.expect.status.length && !bad.expect.status.includes(reply.status))
    problems.push(`status ${reply.status}, expected ${bad.expect.status.join(' or ')}`);
  if (bad.expect.code && body?.code !== bad.expect.code) problems.push(`code ${body?.code}, expected ${bad.expect.code}`);
  if (reply.status === 403 && String(body?.code).startsWith('AUTH.'))
    problems.push('the user sending it lacks the authority to reach validation');
  const errors: Array<{ field: unknown; problem: unknown }> = Array.isArray(body?.errors) ? body.errors : [];
  if (
    reply.status === 400 &&
    (!errors.length || errors.some((error) => typeof error.field !== 'string' || typeof error.problem !== 'string'))
  )
    problems.push('a 400 without errors[{field, problem}]');
  if (reply.status === 400 && bad.expect.field !== undefined && !errors.some((error) => names(String(error.field), bad.expect.field!)))
    problems.push(`errors do not name ${bad.expect.field}`);
  const said = [body?.title, body?.detail, ...errors.flatMap((error) => [error.field, error.problem])].join('\n');
  const sent = `${bad.path}\n${Object.values(bad.headers).join('\n')}\n${bad.body?.toString('utf8') ?? ''}`;
  for (const leak of LEAKS) {
    const match = leak.exec(said)?.[0];
    if (match && !sent.includes(match)) problems.push(`it leaks ${JSON.stringify(match)}`);
  }
  return problems;
}

/** fast-check's report (seed, path, the shrunk request) with the reason the request failed, cut to a readable length. */
const failure = (error: Error) =>
  `${error.message
    .split('\n')
    .filter((line) => /^(\{ seed|Counterexample)/.test(line))
    .join('\n')
    .slice(0, 1200)}\n` + `${(error.cause instanceof Error ? error.cause.message : JSON.stringify(error.cause ?? '')).slice(0, 1200)}`;

/** How a failing request is printed: a megabyte body as its size and first bytes. */
const described = (bad: BadRequest) =>
  Object.assign(bad, {
    [fc.toStringMethod]: () =>
      `${bad.method} ${bad.path.slice(0, 300)} [${bad.family}] ${JSON.stringify(bad.headers).slice(0, 300)} ` +
      `${bad.body ? `${bad.body.length} bytes: ${JSON.stringify(bad.body.subarray(0, 300).toString('utf8'))}` : 'no body'}`,
  });

describe('bad input to every command route', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let routes: CommandRoute[];
  let ids: Record<string, string>;
  let log: Database.Database;
  const headOfLog = () => log.prepare('SELECT COUNT(*) AS events, MAX(position) AS head FROM events').get();
  const tally = { requests: 0, byStatus: new Map<number, number>(), byFamily: new Map<string, Map<number, number>>(), started: Date.now() };
  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

  beforeAll(async () => {
    world = await startWorld('bad-input', people, { RATE_LIMIT: '0', NOTIFY_SECRET_KEY: randomBytes(32).toString('hex') });
    const { manager, owner, chair, member } = world.users;
    const planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'HMIP inspection of youth offending services',
          source: { body: 'HMIP', date: '2020-11-18' },
        }),
      )
    ).body.id;
    const groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, {
          kind: 'recommendation',
          references: ['2'],
          title: 'Improve the quality of assessment',
        }),
      )
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
    const actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.1'],
          description: 'Audit assessments',
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
        }),
      )
    ).body.id;
    const evidenceId = (
      await created(
        owner.post(`/actions/${actionId}/evidence`, { title: 'Audit tool', kind: 'audit', link: 'https://rotherham.example/yot/2.1' }),
      )
    ).body.createdId;
    const revisionId = (
      await created(owner.post(`/actions/${actionId}/target-date-revisions`, { proposed: 'Jun-21', reason: 'Audit tool late' }))
    ).body.createdId;
    // Waiting for a second plan manager, whom this world lacks: a well-formed approval by its proposer is refused too.
    const changeId = (
      await created(
        manager.post(`/actions/${actionId}/owner-changes`, {
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
          supportingOwners: [{ kind: 'organisation', name: 'South Yorkshire Police' }],
          reason: 'Police lead the triage work with the service',
        }),
      )
    ).body.createdId;
    const panelId = (
      await created(
        manager.post('/panels', {
          planId,
          title: 'Evidence challenge panel',
          date: '2021-03-01',
          chair: chair.userId,
          members: [chair.userId],
        }),
      )
    ).body.id;
    const standingPanelId = (
      await created(
        manager.post('/standing-panels', {
          name: "Children's services evidence challenge panel",
          termsOfReference: 'Challenges the evidence of change, outcome and impact',
          members: [
            { userId: chair.userId, role: 'chair' },
            { userId: member.userId, role: 'member' },
          ],
          quorum: 2,
          planIds: [planId],
        }),
      )
    ).body.id;
    // A decision entered from the minutes, waiting for a second person's confirmation (ADR 33).
    const tabledId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.2'],
          description: 'Review the triage panel',
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
        }),
      )
    ).body.id;
    const triage = (
      await created(
        owner.post(`/actions/${tabledId}/evidence`, { title: 'Triage minutes', kind: 'minutes', link: 'https://rotherham.example/t' }),
      )
    ).body.createdId;
    await created(owner.post(`/actions/${tabledId}/submission`, { evidenceIds: [triage] }));
    const today = new Date().toISOString().slice(0, 10);
    const meetingId = (
      await created(
        manager.post('/panels', { planId, title: 'Evidence challenge panel', date: today, chair: chair.userId, members: [member.userId] }),
      )
    ).body.id;
    await created(manager.post(`/panels/${meetingId}/agenda`, { actionId: tabledId }));
    await created(manager.post(`/panels/${meetingId}/attendance`, { present: [chair.userId, member.userId] }));
    const entry = { actionId: tabledId, outcome: 'signed off', rationale: 'Minuted', decidedBy: chair.userId };
    const decisionId = (
      await created(manager.post(`/panels/${meetingId}/decisions`, { ...entry, effective: { at: today, source: 'Minutes' } }))
    ).body.createdId;
    const channelId = (
      await created(
        manager.post(`/plans/${planId}/notification-channels`, {
          kind: 'teams',
          name: 'YJS partnership',
          url: 'https://prod-12.westeurope.logic.azure.com/workflows/bad-input/invoke?sig=abcd',
          triggers: ['sign-off'],
        }),
      )
    ).body.createdId;
    const measureId = (
      await created(
        manager.post(`/plans/${planId}/measures`, {
          name: 'Assessments completed within 20 working days',
          unit: '%',
          direction: 'higher',
          baseline: { value: 62, date: '2020-11-18' },
          targets: [{ value: 90, by: '2022-03-31' }],
          tolerance: { amberWithin: 5 },
          frequency: 'monthly',
          owner: { kind: 'team', name: 'YOT performance team' },
          groupingIds: [groupingId],
        }),
      )
    ).body.id;
    await created(manager.post(`/measures/${measureId}/actuals`, { period: 'Mar-21', periodEnd: '2021-03-31', value: 71 }));
    const organisationId = (await created(manager.post('/register/organisations', { name: 'South Yorkshire Police' }))).body.id;
    const personId = (await created(manager.post('/register/people', { name: 'Sweaton', organisationId }))).body.id;
    ids = {
      planId,
      groupingId,
      actionId,
      evidenceId,
      revisionId,
      changeId,
      panelId,
      decisionId,
      standingPanelId,
      channelId,
      measureId,
      userId: owner.userId,
      organisationId,
      personId,
    };
    routes = commandRoutes((await (await fetch(`${world.url}/openapi.json`)).json()) as OpenApiDocument);
    log = new Database(join(world.dir, 'events.db'), { readonly: true, fileMustExist: true });
    process.stderr.write(`\nbad input: seed ${SEED} (set FC_SEED to replay another), ${routes.length} command routes\n`);
  });

  afterAll(async () => {
    const seconds = ((Date.now() - tally.started) / 1000).toFixed(1);
    const list = (map: Map<number, number>) =>
      [...map]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', ');
    const kinds = [...tally.byFamily].map(([name, statuses]) => `\n    ${name}: ${list(statuses)}`).join('');
    process.stderr.write(
      `\nbad input: ${tally.requests} requests in ${seconds} s\n  by status: ${list(tally.byStatus)}\n  by kind:${kinds}\n`,
    );
    log?.close();
    closeConnections();
    await world?.stop();
  });

  const tokenFor = (route: CommandRoute) => (/^\/(users|admin)\b/.test(route.template) ? world.admin.token! : world.users.manager.token!);

  it('has generators for every command route, aimed at resources that exist', () => {
    expect(routes.length).toBeGreaterThan(25);
    for (const route of routes) {
      const families = FAMILIES.filter((family) => family.applies(route)).map((family) => family.name);
      const missing = route.pathParams.filter((param) => !ids[param]);
      expect({ route: route.name, missing }).toEqual({ route: route.name, missing: [] });
      const needed =
        route.body.kind === 'json'
          ? ['wrong-typed field', 'invalid value', 'unknown field', 'prototype-pollution key']
          : route.body.kind === 'bytes'
            ? ['empty file']
            : ['not JSON'];
      expect({ route: route.name, families }).toEqual({
        route: route.name,
        families: expect.arrayContaining([...needed, ...(route.pathParams.length ? ['invalid path id'] : [])]),
      });
    }
  });

  it('refuses every one with a 4xx problem that names the bad field, leaks nothing and stores nothing', async () => {
    const before = await state();
    expect(before).toMatchObject({
      plan: expect.stringMatching(/^"\d+"$/),
      action: expect.stringMatching(/^"\d+"$/),
      panel: expect.stringMatching(/^"\d+"$/),
      verify: expect.stringMatching(/^verified \d+ events in \d+ streams$/),
    });
    tally.started = Date.now();
    const failures: string[] = [];
    let n = 0;
    let planned = 0;
    for (const route of routes) {
      for (const family of FAMILIES.filter((candidate) => candidate.applies(route))) {
        n += 1;
        const numRuns = Math.max(1, Math.round(family.runs * SCALE));
        planned += numRuns;
        // Each route and kind runs to its own verdict, so one run reports every failing pair.
        await fc
          .assert(
            fc.asyncProperty(family.requests(route, ids).map(described), async (bad) => {
              const head = headOfLog();
              const reply = await sendRaw(world.url, { ...bad, headers: { authorization: `Bearer ${tokenFor(route)}`, ...bad.headers } });
              tally.requests += 1;
              count(tally.byStatus, reply.status);
              count(tally.byFamily.get(family.name) ?? tally.byFamily.set(family.name, new Map()).get(family.name)!, reply.status);
              const problems = refusalProblems(bad, reply);
              if (JSON.stringify(headOfLog()) !== JSON.stringify(head)) problems.push('an event was stored');
              if (problems.length)
                throw new Error(
                  `${route.name} [${family.name}]: ${problems.join('; ')}\nanswered ${reply.status}: ${reply.text.slice(0, 600)}`,
                );
            }),
            { seed: SEED + n, numRuns },
          )
          .catch((error: Error) => failures.push(failure(error)));
      }
    }
    expect(failures).toEqual([]);
    expect(await state()).toEqual(before);
    expect(tally.requests).toBeGreaterThanOrEqual(planned);
  }, 600_000);

  it('refuses a date outside 1900-01-01 to 2199-12-31 with a 400 naming the field, wherever a date is taken, and stores nothing', async () => {
    const { manager, owner, chair } = world.users;
    const action = {
      groupingId: ids.groupingId,
      references: ['2.9'],
      description: 'Audit assessments again',
      targetDate: 'Mar-21',
      leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
    };
    const progress = { commentary: 'Audit done', assessment: 'on track', asOf: new Date().toISOString().slice(0, 10) };
    const panel = {
      planId: ids.planId,
      title: 'Evidence challenge panel',
      date: '2021-04-01',
      chair: chair.userId,
      members: [chair.userId],
    };
    const attempts: Array<[string, () => Promise<Reply>]> = [
      ['targetDate', () => manager.post(`/plans/${ids.planId}/actions`, { ...action, targetDate: '9999-12-31' })],
      ['startDate', () => manager.post(`/plans/${ids.planId}/actions`, { ...action, startDate: '31/12/1899' })],
      ['proposed', () => owner.post(`/actions/${ids.actionId}/target-date-revisions`, { proposed: 'Dec-2200', reason: 'Audit tool late' })],
      ['asOf', () => owner.post(`/actions/${ids.actionId}/progress`, { ...progress, asOf: '0202-06-14', backdatingReason: 'typo' })],
      [
        'effective.at',
        () => manager.post(`/actions/${ids.actionId}/progress`, { ...progress, effective: { at: '1899-12-31', source: 'x' } }),
      ],
      ['date', () => manager.post('/panels', { ...panel, date: '9999-12-31' })],
      ['source.date', () => manager.post('/plans', { kind: 'inspection', title: 'HMIP', source: { body: 'HMIP', date: '2200-01' } })],
      ['asAt', () => manager.get(`/plans/${ids.planId}/summary?asAt=9999-12-31`)],
    ];
    const head = headOfLog();
    for (const [field, attempt] of attempts) {
      const reply = await attempt();
      expect({ field, status: reply.status, code: reply.body?.code }).toEqual({ field, status: 400, code: 'REQUEST.INVALID' });
      expect(reply.body.errors).toContainEqual({
        field,
        problem: expect.stringMatching(
          /^(must be between 1900-01-01 and 2199-12-31|names a date outside the years this engine takes \(1900 to 2199\))$/,
        ),
      });
    }
    expect(headOfLog()).toEqual(head);
  });

  it('refuses bad two-step completion settings and records naming the field, and stores nothing', async () => {
    const { manager } = world.users;
    const head = headOfLog();
    const blank = await manager.patch(`/plans/${ids.planId}`, { approvalToClose: '  ', reason: 'Board asked' });
    expect(blank).toMatchObject({ status: 422, body: { code: 'PLAN.INVALID_APPROVAL_TO_CLOSE' } });
    const twice = await manager.patch(`/plans/${ids.planId}`, { delegatedSignOff: ['YJMB', 'yjmb'], reason: 'Board asked' });
    expect(twice).toMatchObject({
      status: 422,
      body: { code: 'PLAN.INVALID_DELEGATED_SIGN_OFF', detail: 'delegatedSignOff: a body is named twice' },
    });
    const step = await manager.patch(`/plans/${ids.planId}`, { completeAt: 'board noted', reason: 'Board asked' });
    expect([step.status, step.body.errors]).toEqual([400, [expect.objectContaining({ field: 'completeAt' })]]);
    const undated = await manager.post(`/actions/${ids.actionId}/approval-to-close`, { authority: 'minute 6' });
    expect([undated.status, undated.body.errors]).toEqual([400, [expect.objectContaining({ field: 'effective' })]]);
    const nobody = await manager.post(`/actions/${ids.actionId}/delegated-sign-off`, {
      authority: 'item 4',
      rationale: 'Seen',
      effective: { at: new Date().toISOString().slice(0, 10) },
    });
    expect([nobody.status, nobody.body.errors]).toEqual([400, [expect.objectContaining({ field: 'body' })]]);
    expect(headOfLog()).toEqual(head);
  });

  it('refuses progress as of a day before the action was raised, or after today, with a coded refusal', async () => {
    const { owner } = world.users;
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const update = { commentary: 'Audit done', assessment: 'on track', backdatingReason: 'from the board paper' };
    const before = await owner.post(`/actions/${ids.actionId}/progress`, { ...update, asOf: '2019-06-14' });
    expect(before).toMatchObject({ status: 422, body: { code: 'ACTION.AS_OF_BEFORE_RAISED', detail: expect.stringContaining(today) } });
    const ahead = await owner.post(`/actions/${ids.actionId}/progress`, { ...update, asOf: tomorrow });
    expect(ahead).toMatchObject({ status: 422, body: { code: 'ACTION.AS_OF_IN_FUTURE' } });
  });

  it('stores a new request id, never the one sent, when X-Request-Id is too long or holds more than letters, digits and ._:-', async () => {
    const { owner } = world.users;
    const update = { commentary: 'Audit under way', assessment: 'on track', asOf: new Date().toISOString().slice(0, 10) };
    const sent = ['r'.repeat(12_000), 'x'.repeat(129), 'ada@example.org', 'a/b', 'a b'];
    for (const requestId of sent) {
      const reply = await owner.post(`/actions/${ids.actionId}/progress`, update, { 'x-request-id': requestId });
      expect(reply.status).toBe(201);
      const answered = reply.headers.get('x-request-id');
      expect(answered).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const stored = log.prepare('SELECT metadata FROM events ORDER BY position DESC LIMIT 1').get() as { metadata: string };
      expect(JSON.parse(stored.metadata).correlationId).toBe(answered);
    }
    const kept = await owner.post(`/actions/${ids.actionId}/progress`, update, { 'x-request-id': `trace:${'a'.repeat(122)}` });
    expect(kept.headers.get('x-request-id')).toBe(`trace:${'a'.repeat(122)}`);
  });

  it('refuses a bad day or order in the list of meetings with a 400 naming the parameter, and no unknown parameter', async () => {
    const { manager } = world.users;
    const cases: Array<[string, string]> = [
      ['from=2023-02-30', 'from'],
      ['to=31%2F12%2F2023', 'to'],
      ['from=9999-12-31', 'from'],
      ['order=sideways', 'order'],
      ['plan=', 'plan'],
      ['colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const reply = await manager.get(`/panels?${query}`);
      expect({ query, status: reply.status, code: reply.body?.code }).toEqual({ query, status: 400, code: 'REQUEST.INVALID' });
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('refuses a broken file, bad options or dryRun at the import, and a bad format, day or basis at the reports, naming the field and storing nothing', async () => {
    const { manager } = world.users;
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const plan = { kind: 'inspection', title: 'Imported HMIP plan', source: { body: 'HMIP', date: '2020-11-18' } };
    const upload = async (query: Record<string, string>, body: string | Buffer, type: string) => {
      const response = await fetch(`${world.url}/plans/import?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager.token}`, 'content-type': type },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
      return { status: response.status, body: await response.json() };
    };
    const options = (given: object = { plan }) => JSON.stringify(given);
    const sheet = 'Ref,Action,Lead,By When\n2.1,Audit assessments,Pat Lee,Mar-21\n';
    const cases: Array<[string, number, string, () => Promise<{ status: number; body: any }>]> = [
      ['a file that is no workbook', 422, 'body', () => upload({ options: options() }, Buffer.from(sheet), XLSX)],
      ['a workbook cut short', 422, 'body', () => upload({ options: options() }, Buffer.from('PK\u0003\u0004 truncated'), XLSX)],
      ['a CSV with a quote never closed', 422, 'body', () => upload({ options: options() }, '"Ref,Action\n2.1,Audit', 'text/csv')],
      ['no options beside a file', 400, 'options', () => upload({}, sheet, 'text/csv')],
      ['options that are not JSON', 400, 'options', () => upload({ options: '{"plan": {' }, sheet, 'text/csv')],
      [
        'a column mapping to a number',
        400,
        'options.mapping.reference',
        () => upload({ options: options({ plan, mapping: { reference: 5 } }) }, sheet, 'text/csv'),
      ],
      [
        'a column mapping to a field the import lacks',
        400,
        'options.mapping.colour',
        () => upload({ options: options({ plan, mapping: { colour: 'C' } }) }, sheet, 'text/csv'),
      ],
      [
        'options naming no plan',
        400,
        'options.plan',
        () => upload({ options: options({ mapping: { reference: 'Ref' } }) }, sheet, 'text/csv'),
      ],
      ['dryRun that is no boolean', 400, 'dryRun', () => upload({ dryRun: 'perhaps', options: options() }, sheet, 'text/csv')],
      [
        'dryRun beside JSON rows',
        400,
        'dryRun',
        () => manager.post('/plans/import?dryRun=yes', { plan, rows: [{ reference: '2.1', action: 'Audit' }] }),
      ],
      ['an export as PDF', 400, 'format', () => manager.get(`/plans/${ids.planId}/export?format=pdf`)],
      ['a summary as PDF', 400, 'format', () => manager.get(`/plans/${ids.planId}/summary?format=pdf`)],
      ['a day that is none', 400, 'compareWith', () => manager.get(`/plans/${ids.planId}/summary?compareWith=2021-02-30`)],
      [
        'an action list beside a day that is none',
        400,
        'compareWith',
        () => manager.get(`/plans/${ids.planId}/actions?compareWith=2021-02-30`),
      ],
      ['as at no day', 400, 'asAt', () => manager.get(`/plans/${ids.planId}/actions?asAt=31%2F01%2F2023`)],
      ['as at a month', 400, 'asAt', () => manager.get(`/plans/${ids.planId}/summary?asAt=2023-01`)],
      ['a basis it does not know', 400, 'basis', () => manager.get(`/plans/${ids.planId}/summary?basis=nonsense`)],
      [
        'an action list on a basis it does not know',
        400,
        'basis',
        () => manager.get(`/plans/${ids.planId}/actions?basis=nonsense&format=csv`),
      ],
      ['a plan on a basis it does not know', 400, 'basis', () => manager.get(`/plans/${ids.planId}?basis=nonsense`)],
    ];
    const head = headOfLog();
    const plans = (await manager.get('/plans')).body.length;
    for (const [what, status, field, attempt] of cases) {
      const reply = await attempt();
      const fields = (reply.body?.errors ?? []).map((error: { field: string }) => error.field);
      expect({ what, status: reply.status, names: fields.includes(field) }).toEqual({ what, status, names: true });
      expect({ what, code: reply.body.code }).toEqual({ what, code: status === 422 ? 'IMPORT.UNREADABLE_FILE' : 'REQUEST.INVALID' });
    }
    expect(headOfLog()).toEqual(head);
    expect((await manager.get('/plans')).body).toHaveLength(plans);
  });

  it("refuses bad plan ids at the auditors' list of restricted downloads with a 4xx problem that leaks nothing", async () => {
    const route: CommandRoute = {
      name: 'GET /plans/{planId}/restricted-reads',
      method: 'GET',
      template: '/plans/{planId}/restricted-reads',
      pathParams: ['planId'],
      body: { kind: 'none' },
      headers: [],
    };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(REQUEST_FAMILIES.pathIds.requests(route, ids).map(described), async (bad) => {
        const reply = await sendRaw(world.url, { ...bad, body: undefined, headers: { authorization: `Bearer ${world.admin.token}` } });
        count(statuses, reply.status);
        const problems = refusalProblems(bad, reply);
        if (problems.length)
          throw new Error(`${route.name}: ${problems.join('; ')}\nanswered ${reply.status}: ${reply.text.slice(0, 600)}`);
      }),
      { seed: SEED, numRuns: Math.max(1, Math.round(60 * SCALE)) },
    );
    expect(statuses.get(404)).toBeGreaterThan(0);
  });

  /** What a reader sees: the ETags of the plan, action and panel aimed at, the users, and what `actionplans verify` counts. */
  async function state() {
    const etag = async (path: string) => (await world.users.manager.get(path)).headers.get('etag');
    const register = async (path: string) => JSON.stringify((await world.users.manager.get(path)).body);
    return {
      people: await register(`/register/people/${ids.personId}`),
      organisation: await register(`/register/organisations/${ids.organisationId}`),
      plan: await etag(`/plans/${ids.planId}`),
      action: await etag(`/actions/${ids.actionId}`),
      panel: await etag(`/panels/${ids.panelId}`),
      standingPanel: await etag(`/standing-panels/${ids.standingPanelId}`),
      channels: await register(`/plans/${ids.planId}/notification-channels`),
      measure: await etag(`/measures/${ids.measureId}`),
      users: (await world.admin.get('/users')).body.length,
      verify: runBuilt('cli', ['verify'], { DATA_DIR: world.dir }).stdout.trim(),
      log: headOfLog(),
    };
  }
});
