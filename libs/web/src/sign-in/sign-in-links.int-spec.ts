import { replayReadModels } from '@actionplans/read-models';
import { describeOnEachDatabase } from '../session/web-db.fixture';
import { sessionHash } from '../session/session-store';
import { SignInLinks } from './sign-in-links';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9) + minutes * MINUTE);

describeOnEachDatabase('one-time sign-in links', (world) => {
  const links = () => new SignInLinks(world().db, 'https://plans.anytown.gov.uk');

  it('signs in once, within 15 minutes, landing where it was asked for', async () => {
    const { token, url, expiresAt } = await links().issue('user-1', '/plans/7', at(0));
    expect(url).toBe(`https://plans.anytown.gov.uk/sign-in/link/${token}`);
    expect(expiresAt).toEqual(at(15));
    await expect(links().redeem(token, at(14))).resolves.toEqual({ ok: true, userId: 'user-1', returnTo: '/plans/7' });
  });

  it('refuses the same link a second time', async () => {
    const { token } = await links().issue('user-1', null, at(0));
    await links().redeem(token, at(1));
    await expect(links().redeem(token, at(2))).resolves.toEqual({ ok: false, why: 'used', returnTo: null });
  });

  it('refuses a link after its 15 minutes', async () => {
    const { token } = await links().issue('user-1', null, at(0));
    await expect(links().redeem(token, at(15))).resolves.toEqual({ ok: false, why: 'expired', returnTo: null });
  });

  it('refuses a token it never issued', async () => {
    await expect(links().redeem('made-up', at(0))).resolves.toEqual({ ok: false, why: 'unknown', returnTo: null });
  });

  it('lets only one of two simultaneous uses sign in', async () => {
    const { token } = await links().issue('user-1', null, at(0));
    const outcomes = await Promise.all([links().redeem(token, at(1)), links().redeem(token, at(1))]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  });

  it('keeps only the token’s hash, and counts recent links per person', async () => {
    const { token } = await links().issue('user-1', null, at(0));
    await links().issue('user-1', null, at(10));
    const rows = await world().db.selectFrom('sign_in_links').selectAll().execute();
    expect(rows.map((row) => row.token_hash)).toContain(sessionHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    await expect(links().recentFor('user-1', at(16))).resolves.toBe(1);
  });

  it('is left alone by a replay of the report tables', async () => {
    const { token } = await links().issue('user-1', null, at(0));
    const emptyLog = { headPosition: async () => 0, readAll: async () => [] } as never;
    await expect(replayReadModels(emptyLog, world().readModels)).resolves.toMatchObject({ events: 0 });
    await expect(links().redeem(token, at(1))).resolves.toMatchObject({ ok: true });
  });
});
