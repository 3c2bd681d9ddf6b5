import { Client as PgClient } from 'pg';
import { PostgresEventStore } from '@actionplans/event-store';
import { openReadModelDb, ReadModelProjection, replayReadModels, snapshotTables } from '@actionplans/read-models';
import {
  describeWithPostgres,
  describeWithRedis,
  eventually,
  runBuilt,
  startBuiltApi,
  startBuiltWorker,
  startSmtpServer,
  tempDir,
  type ReceivedMail,
} from '@actionplans/testing';
import { client, created, type Client } from './support/api-world';

const today = new Date().toISOString().slice(0, 10);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
/** Taken to the panel: all signed off but the last. */
const ACTIONS = 4;
/**
 * Left open and due in three days: their "7 days before" reminder is already due, so it goes as soon as
 * it is scheduled, whatever the time of day (an action overdue before its plan went live would wait
 * for the day's 08:00 digest).
 */
const DUE_SOON = 2;

/** The daily digest a mail is (its id, `<day>:<user>`), from the header every reminder mail carries. */
const digestIdOf = (mail: ReceivedMail) =>
  /^X-Actionplans-Reminder:\s*(\S+)/im.exec(mail.raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n(?=[ \t])/g, ''))?.[1];

type Started = Awaited<ReturnType<typeof startBuiltApi>> | Awaited<ReturnType<typeof startBuiltWorker>>;

/**
 * Scaled out: two API instances that run no shared subscribers (API_SUBSCRIBERS=none) and one
 * worker, on PostgreSQL (events and report tables, a database of the test's own) and Redis
 * (reminders on BullMQ, by SMTP). Commands go through both APIs; the report tables converge to
 * what a replay builds, each panel decision is carried to its action once, and each reminder is
 * sent once.
 */
describeWithPostgres('two API instances and one worker on PostgreSQL', (baseUrl) =>
  describeWithRedis('and Redis', (redisUrl) => {
    const database = `scaled_out_${process.pid}_${Date.now()}`;
    const url = Object.assign(new URL(baseUrl), { pathname: `/${database}` }).toString();
    const dirs = [tempDir('scaled-api-1'), tempDir('scaled-api-2'), tempDir('scaled-worker')];
    const started: Started[] = [];
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let apis: string[];
    let admin: Client;
    let env: Record<string, string>;

    const admin2 = async (sql: string) => {
      const pg = new PgClient({ connectionString: baseUrl });
      await pg.connect();
      try {
        await pg.query(sql);
      } finally {
        await pg.end();
      }
    };

    beforeAll(async () => {
      await admin2(`CREATE DATABASE ${database}`);
      smtp = await startSmtpServer();
      // A Redis database of its own, so no other run's reminder jobs are taken by this worker or left for it.
      const redis = Object.assign(new URL(redisUrl), { pathname: `/${1 + (process.pid % 15)}` }).toString();
      env = {
        EVENT_STORE: 'postgres',
        READ_MODELS: 'postgres',
        DATABASE_URL: url,
        REDIS_URL: redis,
        SMTP_URL: smtp.url,
        RATE_LIMIT: '0',
        // Digests wait until an action has been quiet this long; the test's actions never are for ten minutes.
        REMINDER_SETTLE_SECONDS: '0',
      };
      const added = runBuilt('cli', ['users', 'add', '--name', 'Ada Admin', '--role', 'admin'], { ...env, DATA_DIR: dirs[2].path });
      const token = /token \(shown once, keep it safe\): (\S+)/.exec(added.stdout)?.[1];
      if (added.code !== 0 || !token) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
      started.push(await startBuiltWorker({ ...env, DATA_DIR: dirs[2].path }));
      for (const dir of dirs.slice(0, 2)) started.push(await startBuiltApi({ ...env, DATA_DIR: dir.path, API_SUBSCRIBERS: 'none' }));
      apis = started.slice(1).map((api) => (api as { url: string }).url);
      admin = client(apis[0], token);
    });
    afterAll(async () => {
      for (const process of started.reverse()) await process.stop();
      await smtp?.stop();
      await admin2(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      for (const dir of dirs) dir.remove();
    });

    /** Adds a person through the first API and returns their client on the API `on`. */
    const person = async (name: string, role: string, on: number, email?: string) => {
      const { body } = await created(admin.post('/users', { name, role, ...(email ? { email } : {}) }));
      return client(apis[on], body.token, body.userId);
    };

    it('converges the report tables, carries each panel outcome once and sends each reminder once', async () => {
      const manager = await person('YOT Performance Manager', 'plan manager', 0);
      const managerOn2 = client(apis[1], manager.token, manager.userId);
      const owner = await person('CYPS Training lead', 'action owner', 1, 'cyps.training@rotherham.example');
      const chair = await person('Suzanne Joyner', 'panel member', 1);
      const members = [await person('Ian Atkinson', 'panel member', 0), await person('David McWilliams', 'panel member', 1)];

      const planId = (
        await created(
          manager.post('/plans', {
            kind: 'inspection',
            title: 'YOT HMIP Inspection Action Plan',
            source: { body: 'HMIP', date: '2020-12-17', judgement: null },
          }),
        )
      ).body.id;
      const groupingId = (
        await created(
          managerOn2.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
        )
      ).body.createdId;
      const actionIds: string[] = [];
      const raise = async (n: number, targetDate: string) =>
        (
          await created(
            (n % 2 ? managerOn2 : manager).post(`/plans/${planId}/actions`, {
              groupingId,
              references: [`2.${n + 1}`],
              description: `Action 2.${n + 1}`,
              targetDate,
              leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }],
            }),
          )
        ).body.id as string;
      const dueSoon: string[] = [];
      for (let n = 0; n < DUE_SOON; n += 1) dueSoon.push(await raise(ACTIONS + n, daysFromNow(3)));
      for (let n = 0; n < ACTIONS; n += 1) actionIds.push(await raise(n, '31/12/2099'));
      // A draft plan owes no reminders; activated once every action is in, it owes both due-soon reminders together,
      // in one digest: a line owed after a person's digest has gone waits for the next day's.
      await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: today }));
      for (const [n, actionId] of [...actionIds, ...dueSoon].entries()) {
        const via = n % 2 ? owner : client(apis[0], owner.token, owner.userId);
        await created(
          via.post(`/actions/${actionId}/progress`, { commentary: `Progress on 2.${n + 1}`, assessment: 'on track', asOf: today }),
        );
        const evidenceId =
          (
            await created(
              via.post(`/actions/${actionId}/evidence`, {
                title: `Evidence for 2.${n + 1}`,
                kind: 'minutes',
                link: `https://rotherham.example/${n}`,
              }),
            )
          ).body.createdId ?? (await via.get(`/actions/${actionId}`)).body.evidence[0].evidenceId;
        if (actionIds.includes(actionId)) await created(via.post(`/actions/${actionId}/submission`, { evidenceIds: [evidenceId] }));
      }

      const panelId = (
        await created(
          manager.post('/panels', {
            planId,
            title: 'CYPS Evidence Challenge Panel',
            date: today,
            chair: chair.userId,
            members: members.map((m) => m.userId),
          }),
        )
      ).body.id;
      const chairOn1 = client(apis[0], chair.token, chair.userId);
      for (const [n, actionId] of actionIds.entries())
        await created((n % 2 ? chair : chairOn1).post(`/panels/${panelId}/agenda`, { actionId }));
      await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ...members.map((m) => m.userId)] }));
      for (const [n, actionId] of actionIds.entries()) {
        const outcome =
          n < ACTIONS - 1
            ? { outcome: 'signed off', rationale: 'Evidence of change seen' }
            : { outcome: 'more evidence required', rationale: 'Not yet', challengePoints: ['Show the registers'] };
        await created((n % 2 ? chair : chairOn1).post(`/panels/${panelId}/decisions`, { actionId, ...outcome }));
      }
      // Read-your-writes on the worker's checkpoints: the last decision's answer came after the worker
      // carried it and projected the outcome, so either API's summary already counts every sign-off.
      for (const api of [managerOn2, manager]) {
        expect((await api.get(`/plans/${planId}/summary`)).body.summary).toMatchObject({
          counted: ACTIONS + DUE_SOON,
          complete: ACTIONS - 1,
        });
      }

      const store = await PostgresEventStore.open({ connectionString: url });
      const readModels = await openReadModelDb({ dialect: 'postgres', databaseUrl: url });
      const replayed = await openReadModelDb({ dialect: 'postgres', databaseUrl: url, schema: 'replayed' });
      try {
        // Each reminder (a target date approaching, an update request before the panel) by its key, recorded on its action
        // with the daily digest it was a line of; and each digest as mailed.
        const recorded = async () =>
          (await Promise.all([...actionIds, ...dueSoon].map((id) => store.readStream(`action-${id}`))))
            .flat()
            .filter((e) => e.type === 'ReminderSent')
            .map((e) => e.data as { key: string; digestId?: string });
        const mailed = () => smtp.received.map(digestIdOf).sort();
        let lines: Array<{ key: string; digestId?: string }> = [];
        let mails: Array<string | undefined> = [];
        const digestsOf = (sent: typeof lines) => [...new Set(sent.map((line) => line.digestId))].sort();
        await eventually(
          'each action due soon reminded, and every digest mailed also recorded',
          async () => {
            [lines, mails] = [await recorded(), mailed()];
            return (
              dueSoon.every((id) => lines.some(({ key }) => key.startsWith(`${id}|before-7|`))) &&
              JSON.stringify(digestsOf(lines)) === JSON.stringify([...new Set(mails)])
            );
          },
          30_000,
        );
        // Once each: no reminder recorded twice, no digest mailed twice, and every line in a digest.
        const keys = lines.map((line) => line.key);
        expect(keys).toEqual([...new Set(keys)]);
        expect(mails).toEqual(digestsOf(lines));
        expect(lines.filter((line) => !line.digestId)).toEqual([]);

        // Converged: once the worker's report tables have reached the head, they are what a replay of the log builds
        // (compared again if a late reminder moved the head meanwhile).
        let live: unknown = null;
        let replay: unknown = null;
        await eventually(
          'the report tables equal to a replay of the log',
          async () => {
            const head = await store.headPosition();
            if ((await new ReadModelProjection(readModels).checkpoint()) !== head) return false;
            await replayReadModels(store, replayed);
            [live, replay] = [await snapshotTables(readModels), await snapshotTables(replayed)];
            return head === (await store.headPosition()) && JSON.stringify(live) === JSON.stringify(replay);
          },
          30_000,
        ).catch((error: Error) => {
          expect(live).toEqual(replay);
          throw error;
        });

        const decisions = (await store.readStream(`panel-${panelId}`))
          .filter((e) => e.type === 'PanelDecisionRecorded')
          .map((e) => (e.data as { decisionId: string }).decisionId);
        const carried: string[] = [];
        for (const actionId of actionIds) {
          const events = await store.readStream(`action-${actionId}`);
          carried.push(
            ...events.filter((e) => e.type === 'PanelOutcomeRecorded').map((e) => (e.data as { decisionId: string }).decisionId),
          );
        }
        expect(decisions).toHaveLength(ACTIONS);
        expect(carried.sort()).toEqual([...decisions].sort());
      } finally {
        await replayed.close();
        await readModels.close();
        await store.close();
      }
    });
  }),
);
