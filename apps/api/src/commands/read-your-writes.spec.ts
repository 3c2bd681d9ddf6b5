import { PositionTracker } from '@actionplans/read-models';
import { ReadYourWrites } from './read-your-writes';

describe('read-your-writes', () => {
  it('waits for every reader to pass the command, then for what a process wrote in response', async () => {
    const reports = new PositionTracker();
    const process = new PositionTracker();
    const waits = new ReadYourWrites();
    waits.register(reports);
    waits.register(process);
    let outcome = 0;
    waits.registerProcess({ lastWritten: () => outcome });

    let answered = false;
    const reached = waits.reach(10).then(() => (answered = true));
    // The panel process reads the decision at 10 and records its outcome at 11 before moving on.
    outcome = 11;
    process.advance(10);
    reports.advance(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    process.advance(11);
    reports.advance(11);
    await reached;
    expect(answered).toBe(true);
  });

  it('does not wait for a process that wrote nothing after the command', async () => {
    const reports = new PositionTracker();
    const waits = new ReadYourWrites();
    waits.register(reports);
    waits.registerProcess({ lastWritten: () => 4 });
    const reached = waits.reach(10);
    reports.advance(10);
    await expect(reached).resolves.toBeUndefined();
  });

  it('waits on what the worker wrote in response as its stored checkpoint gives it', async () => {
    const reports = new PositionTracker();
    const waits = new ReadYourWrites();
    waits.register(reports);
    waits.registerProcess({ lastWritten: async () => 12 });
    let answered = false;
    const reached = waits.reach(10).then(() => (answered = true));
    reports.advance(10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    reports.advance(12);
    await reached;
    expect(answered).toBe(true);
  });
});
