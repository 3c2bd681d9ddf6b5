import { sql } from 'kysely';
import { SessionStore, sessionHash } from './session-store';
import { describeOnEachDatabase } from './web-db.fixture';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9) + minutes * MINUTE);

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
});
