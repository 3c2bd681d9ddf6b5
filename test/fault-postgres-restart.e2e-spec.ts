import { Client as PgClient } from 'pg';
import { PostgresEventStore } from '@actionplans/event-store';
import { describeWithOwnPostgres, eventually, startOwnPostgres, type OwnPostgres } from '@actionplans/testing';
import { startWorld, type Reply } from './support/api-world';
import { byStatus, expectLogHolds, expectVerified, planForLoad, retryUnsettled, startLoad } from './support/command-load';

/**
 * Fault: PostgreSQL (the event store and the report tables) crashes and restarts while twelve
 * clients keep sending commands to the all-in-one app. While it is down every command is refused
 * with a 503 problem (never another 5xx, never a stack trace) and the app stays up; after it is
 * back commands succeed; every acknowledged command is in the log once, every stream's versions
 * run 1..n, `actionplans verify` passes, and each command refused with 503 can be retried with
 * its Idempotency-Key and is then stored once.
 *
 * The PostgreSQL is the test's own (libs/testing startOwnPostgres), crashed with
 * `pg_ctl stop -m immediate`: the machine's shared server is left alone.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
};
const WORKERS = 12;
const ACKNOWLEDGED_EACH_SIDE = 100;
const NOTHING_CHANGED = 'the event store cannot be reached; nothing was changed';

describeWithOwnPostgres('PostgreSQL restarted under command load', () => {
  let pg: OwnPostgres;
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    world = await startWorld('fault-pg-restart', people, { EVENT_STORE: 'postgres', DATABASE_URL: pg.url, RATE_LIMIT: '0' });
  });
  afterAll(async () => {
    try {
      await world?.stop();
    } finally {
      pg?.remove();
    }
  });

  /**
   * Load, crash PostgreSQL once the clients have had 100 commands acknowledged, keep it down until
   * each has been refused a few times and for at least a second, start it, load until 100 more.
   */
  async function restartUnderLoad() {
    const { manager, owner } = world.users;
    const plan = await planForLoad(manager, owner, 8);
    let stopping = false;
    const load = startLoad({ manager, owner, plan, workers: WORKERS, until: () => stopping, stopOnNoAnswer: false });
    const answeredSince = (at: number) => load.figures.sent.filter(({ sentAt, answeredAt }) => sentAt > at && answeredAt > 0);
    await eventually(
      `${ACKNOWLEDGED_EACH_SIDE} commands acknowledged`,
      () => load.figures.acknowledged.length >= ACKNOWLEDGED_EACH_SIDE,
      30_000,
    );
    pg.crash();
    const down = Date.now();
    await eventually('every client refused a few times', () => answeredSince(down).length >= 3 * WORKERS && Date.now() - down > 1_000);
    // Reads too: of the log (an action) and of the report tables (a plan's summary).
    const readsWhileDown = [await owner.get(`/actions/${plan.actionIds[0]}`), await owner.get(`/plans/${plan.planId}/summary`)];
    const up = Date.now();
    pg.start();
    await eventually(
      `${ACKNOWLEDGED_EACH_SIDE} more acknowledged`,
      () => answeredSince(up).filter(({ status }) => status === 201).length >= ACKNOWLEDGED_EACH_SIDE,
      30_000,
    );
    stopping = true;
    return { figures: await load.done, down, up, readsWhileDown };
  }

  it('refuses commands with 503 while it is down, takes them after, and loses or doubles none', async () => {
    const { figures, down, up, readsWhileDown } = await restartUnderLoad();
    expect(figures.sent.filter(({ status }) => status === 0).map(({ error }) => error)).toEqual([]);
    expect(
      Object.keys(byStatus(figures.sent))
        .map(Number)
        .filter((status) => ![201, 409, 503].includes(status)),
    ).toEqual([]);
    for (const { reply } of figures.sent.filter(({ status }) => status !== 201)) expectCleanProblem(reply!, reply!.status);
    const sentWhileDown = figures.sent.filter(({ sentAt, answeredAt }) => sentAt > down && answeredAt < up);
    expect(sentWhileDown.length).toBeGreaterThanOrEqual(3 * WORKERS);
    expect(sentWhileDown.filter(({ status }) => status !== 503)).toEqual([]);
    for (const reply of readsWhileDown) expectCleanProblem(reply, 503);

    const retried = await retryUnsettled(figures);
    expect(retried.map(({ reply }) => reply.status)).toEqual(retried.map(() => 201));
    // A 503 that said nothing was changed had indeed stored nothing: its retry stored it now.
    expect(
      retried
        .filter(({ sent, reply }) => reply.body.replayed && sent.reply!.body.detail === NOTHING_CHANGED)
        .map(({ sent }) => sent.marker),
    ).toEqual([]);
    await world.halt();

    const verified = expectVerified({ EVENT_STORE: 'postgres', DATABASE_URL: pg.url });
    expect(await streamsWithGaps(pg.url)).toEqual([]);
    const store = await PostgresEventStore.open({ connectionString: pg.url });
    const lost = await expectLogHolds(store, figures, retried).finally(() => store.close());

    const unknown = retried.filter(({ sent }) => sent.reply!.body.detail !== NOTHING_CHANGED);
    console.log(
      [
        `PostgreSQL crashed and restarted under load (${WORKERS} clients): sent ${figures.sent.length}, acknowledged ${figures.acknowledged.length},`,
        `answered 409 ${byStatus(figures.sent)[409] ?? 0}, 503 ${retried.length} (outage ${up - down} ms; ${unknown.length} said the outcome was unknown,`,
        `of which stored: ${unknown.filter(({ reply }) => reply.body.replayed).length}), other 5xx 0, unanswered 0; all 503s retried with their key and stored once;`,
        `acknowledged found ${figures.acknowledged.length - lost}, lost ${lost}; ${verified}`,
      ].join(' '),
    );
  });
});

/** A problem+json with a code, and nothing internal: no stack, no SQL, no driver message. */
function expectCleanProblem(reply: Reply, status: number): void {
  expect({ status: reply.status, type: reply.headers.get('content-type'), bodyStatus: reply.body.status, code: reply.body.code }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
    bodyStatus: status,
    code: status === 409 ? 'REQUEST.CONFLICT' : 'STORE.UNAVAILABLE',
  });
  expect(JSON.stringify(reply.body)).not.toMatch(/\bat \S+ \(|node_modules|Error:|ECONN|terminated|SELECT|INSERT|pg_/);
}

/** Streams whose versions are not exactly 1..n: an event stored without those before it. */
async function streamsWithGaps(url: string): Promise<unknown[]> {
  const client = new PgClient({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT stream, count(*)::int AS events, min(version)::int AS first, max(version)::int AS last FROM actionplans.events GROUP BY stream HAVING min(version) <> 1 OR max(version) <> count(*)',
    );
    return rows;
  } finally {
    await client.end();
  }
}
