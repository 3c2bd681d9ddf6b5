import { startCouncilWorld } from './support/council-world';

/** The world the page journeys start from holds what its description promises. */
describe('the council world the browser journeys start from', () => {
  let world: Awaited<ReturnType<typeof startCouncilWorld>>;
  beforeAll(async () => {
    world = await startCouncilWorld('council-world');
  });
  afterAll(() => world?.stop());

  it('has one live plan with an action in every state a page shows', async () => {
    const { actions } = world.plan;
    const action = async (reference: keyof typeof actions) => (await world.users.owner.get(`/actions/${actions[reference]}`)).body;
    expect((await action('1.1')).status.status).toBe('off track');
    expect((await action('1.2')).status.status).toBe('at risk');
    expect(await action('1.4')).toMatchObject({
      stage: 'open',
      openChallengePoints: ['Show who attended and what changed in threshold decisions'],
    });
    expect((await action('2.1')).stage).toBe('submitted');
    expect((await action('2.2')).stage).toBe('complete');
    expect((await world.users.partner.get(`/actions/${actions['2.3']}`)).body.revisions).toMatchObject([{ state: 'pending' }]);
    const upcoming = (await world.users.chair.get(`/panels/${world.plan.upcomingPanelId}`)).body;
    expect(upcoming.agenda).toMatchObject([{ actionId: actions['2.1'] }]);
  });
});
