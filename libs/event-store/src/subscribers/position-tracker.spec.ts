import { PositionTracker } from './position-tracker';

describe('PositionTracker', () => {
  it('wakes a waiter once a reader passes its position, not before', async () => {
    const tracker = new PositionTracker();
    let woken = false;
    const waiting = tracker.waitFor(5, 1_000).then((reached) => (woken = reached));
    tracker.advance(4);
    await Promise.resolve();
    expect(woken).toBe(false);
    tracker.advance(7);
    await waiting;
    expect(woken).toBe(true);
  });

  it('answers false when the bound runs out first', async () => {
    expect(await new PositionTracker().waitFor(1, 10)).toBe(false);
  });

  it('never moves back', () => {
    const tracker = new PositionTracker();
    tracker.advance(9);
    tracker.advance(3);
    expect(tracker.position).toBe(9);
  });
});
