import { StoredCheckpoint } from './stored-checkpoint';

describe('StoredCheckpoint', () => {
  it('answers true once the stored position has passed, reading it again until then', async () => {
    const stored = [3, 7, 12];
    const checkpoint = new StoredCheckpoint('read-models', async () => stored.shift() ?? 12, 1);
    await expect(checkpoint.waitFor(10, 1_000)).resolves.toBe(true);
    expect(stored).toEqual([]);
    // Checkpoints only move forward: a position already seen needs no read.
    await expect(new StoredCheckpoint('x', () => Promise.reject(new Error('unreadable'))).waitFor(0, 0)).resolves.toBe(true);
  });

  it('answers false past the bound, counting a failed read as not there yet', async () => {
    let reads = 0;
    const checkpoint = new StoredCheckpoint(
      'panel-outcomes',
      async () => {
        reads += 1;
        throw new Error('the database went away');
      },
      1,
    );
    await expect(checkpoint.waitFor(5, 30)).resolves.toBe(false);
    expect(reads).toBeGreaterThan(1);
  });
});
