import { sql } from 'kysely';
import { SessionStore, sessionHash } from './session-store';
import { describeOnEachDatabase } from './web-db.fixture';
import { openWebTables } from './web-tables';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9) + minutes * MINUTE);
const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describeOnEachDatabase('sessions kept in the engine’s database', (world) => {
  const store = () => new SessionStore(world().db, { idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE });

  it('finds a session by its cookie, and keeps only the cookie’s SHA-256', async () => {
    const { cookie, session } = await store().open('user-1', at(0));
    await expect(store().find(cookie, at(1))).resolves.toMatchObject({ id: session.id, userId: 'user-1' });
    const rows = await world().db.selectFrom('web_sessions').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ session_hash: sessionHash(cookie), user_id: 'user-1' })]);
    expect(JSON.stringify(rows)).not.toContain(cookie);
  });

  it('ends a session left unused for the idle timeout, but not one in use', async () => {
    const { cookie: idle } = await store().open('user-1', at(0));
    const { cookie: busy } = await store().open('user-2', at(0));
    await expect(store().find(busy, at(25))).resolves.toBeDefined();
    await expect(store().find(idle, at(31))).resolves.toBeUndefined();
    await expect(store().find(busy, at(50))).resolves.toBeDefined();
    await expect(store().find(idle, at(32))).resolves.toBeUndefined();
  });

  it('says a signed-in session has lapsed the once, then ends it', async () => {
    const { cookie, session } = await store().open('user-1', at(0));
    await expect(store().lookUp(cookie, at(31))).resolves.toEqual({
      lapsed: expect.objectContaining({ id: session.id, userId: 'user-1' }),
    });
    await expect(store().lookUp(cookie, at(32))).resolves.toBeUndefined();
  });

  it('keeps a form on a session until it is dropped', async () => {
    const keptForm = {
      userId: 'user-1',
      page: '/app/plans/new',
      fields: { title: 'Youth Justice Plan', owners: ['a', 'b'] },
      keptAt: at(0).getTime(),
    };
    const { cookie, session } = await store().open(null, at(0), { keptForm });
    await expect(store().find(cookie, at(1))).resolves.toMatchObject({ keptForm });
    await store().dropKeptForm(session.id);
    await expect(store().find(cookie, at(2))).resolves.toMatchObject({ keptForm: undefined });
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const { cookie } = await store().open('user-1', at(0));
    for (let minute = 20; minute < 12 * 60; minute += 20) await expect(store().find(cookie, at(minute))).resolves.toBeDefined();
    await expect(store().find(cookie, at(12 * 60 + 1))).resolves.toBeUndefined();
  });

  it('lets an admin list the signed-in sessions and end one, or all of a user’s', async () => {
    const { session: first } = await store().open('user-1', at(0));
    const { cookie: second } = await store().open('user-1', at(1));
    const { cookie: other } = await store().open('user-2', at(2));
    await store().open(null, at(3));
    expect((await store().list(at(4))).map((session) => session.userId)).toEqual(['user-2', 'user-1', 'user-1']);
    await store().end(first.id);
    expect(await store().list(at(4))).toHaveLength(2);
    await expect(store().endSessions('user-1')).resolves.toBe(1);
    await expect(store().find(second, at(5))).resolves.toBeUndefined();
    await expect(store().find(other, at(5))).resolves.toBeDefined();
  });

  it('survives reopening the database, as after a restart', async () => {
    const { cookie } = await store().open('user-1', at(0));
    const count = await sql<{ n: number }>`select count(*) as n from web_sessions`.execute(world().db);
    expect(Number(count.rows[0].n)).toBe(1);
    await expect(new SessionStore(world().db, { idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE }).find(cookie, at(1))).resolves.toBeDefined();
  });

  it('forgets lapsed sessions when purged', async () => {
    await store().open('user-1', at(0));
    const { cookie } = await store().open('user-2', at(40));
    await expect(store().purge(at(45))).resolves.toBe(1);
    await expect(store().find(cookie, at(46))).resolves.toBeDefined();
  });

  it('keeps where a session signed in from, with when it began and was last used', async () => {
    const client = { ip: '203.0.113.7', userAgent: CHROME_ON_WINDOWS };
    const { cookie } = await store().open('user-1', at(0), { client });
    await store().find(cookie, at(5));
    expect(await store().list(at(6))).toEqual([expect.objectContaining({ userId: 'user-1', client, createdAt: at(0), lastSeenAt: at(5) })]);
    await expect(store().find(cookie, at(6))).resolves.toMatchObject({ client });
  });

  it('cuts a made-up User-Agent short rather than keeping whatever a request sends', async () => {
    await store().open('user-1', at(0), { client: { ip: '198.51.100.4', userAgent: 'x'.repeat(10_000) } });
    const [session] = await store().list(at(1));
    expect(session.client.userAgent).toHaveLength(512);
  });

  it("lists one user's sessions, and ends all of them but the one they are using", async () => {
    const { session: here } = await store().open('user-1', at(0), { client: { ip: '203.0.113.7', userAgent: CHROME_ON_WINDOWS } });
    await store().open('user-1', at(1), { client: { ip: '198.51.100.4', userAgent: 'Firefox' } });
    await store().open('user-1', at(2));
    const { cookie: someoneElse } = await store().open('user-2', at(3));
    expect((await store().list(at(4), 'user-1')).map((session) => session.client.ip)).toEqual([null, '198.51.100.4', '203.0.113.7']);

    await expect(store().endOtherSessions('user-1', here.id)).resolves.toBe(2);
    expect((await store().list(at(5), 'user-1')).map((session) => session.id)).toEqual([here.id]);
    await expect(store().find(someoneElse, at(5))).resolves.toBeDefined();
    await expect(store().endOtherSessions('user-1', here.id)).resolves.toBe(0);
  });

  it('adds the columns to a sessions table made before them, keeping its sessions, whose origin is not known', async () => {
    const { db, readModels } = world();
    await db.schema.dropTable('web_sessions').execute();
    // The table as the release before this one made it.
    await db.schema
      .createTable('web_sessions')
      .addColumn('session_hash', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'text')
      .addColumn('csrf_token', 'text', (column) => column.notNull())
      .addColumn('created_ms', 'bigint', (column) => column.notNull())
      .addColumn('seen_ms', 'bigint', (column) => column.notNull())
      .execute();
    await sql`insert into web_sessions (session_hash, user_id, csrf_token, created_ms, seen_ms) values (${sessionHash('old')}, 'user-1', 't', ${at(0).getTime()}, ${at(0).getTime()})`.execute(
      db,
    );

    const reopened = new SessionStore(await openWebTables(readModels), { idleMs: 30 * MINUTE, maxMs: 12 * 60 * MINUTE });
    await expect(reopened.find('old', at(1))).resolves.toMatchObject({ userId: 'user-1', client: { ip: null, userAgent: null } });
    const { cookie } = await reopened.open('user-1', at(2), { client: { ip: '203.0.113.7', userAgent: CHROME_ON_WINDOWS } });
    await expect(reopened.find(cookie, at(3))).resolves.toMatchObject({ client: { ip: '203.0.113.7' } });
  });
});
