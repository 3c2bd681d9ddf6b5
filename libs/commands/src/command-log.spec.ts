import { DomainError } from '@actionplans/domain';
import { CommandRefusedError, StoreUnavailableError, type HandleResult } from '@actionplans/event-store';
import { loggedCommand, type CommandAbout } from './command-log';

describe('loggedCommand', () => {
  const about: CommandAbout = { stream: 'action-a1', actor: { userId: 'u1', role: 'action owner' }, correlationId: 'req-1' };
  const logged = () => {
    const lines: Array<{ level: 'log' | 'warn'; line: Record<string, unknown> }> = [];
    return {
      lines,
      logger: {
        log: (line: object) => lines.push({ level: 'log', line: { ...line } }),
        warn: (line: object) => lines.push({ level: 'warn', line: { ...line } }),
      },
    };
  };
  const result = (replayed: boolean): HandleResult<null> => ({
    stream: 'action-a1',
    version: 4,
    position: 17,
    state: null,
    replayed,
    events: [{ type: 'ProgressUpdated', version: 4, position: 17 }],
  });

  it('logs a stored command with its type, stream, version, position, duration, actor and request id, and none of what it carried', async () => {
    const { lines, logger } = logged();
    await loggedCommand(
      about,
      async (named) => {
        named({ type: 'UpdateProgress', narrative: 'private words' });
        return result(false);
      },
      logger,
    );
    expect(lines).toEqual([
      {
        level: 'log',
        line: {
          msg: expect.stringMatching(/^UpdateProgress stored on action-a1: version 4, position 17 \([\d.]+ ms\)$/),
          command: 'UpdateProgress',
          stream: 'action-a1',
          outcome: 'stored',
          version: 4,
          position: 17,
          events: ['ProgressUpdated'],
          durationMs: expect.any(Number),
          actor: { id: 'u1', role: 'action owner' },
          correlationId: 'req-1',
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('private words');
  });

  it('says when a retry was answered from its first attempt, naming the events stored then', async () => {
    const { lines, logger } = logged();
    await loggedCommand(about, async () => result(true), logger);
    expect(lines[0].line).toMatchObject({
      outcome: 'replayed',
      position: 17,
      msg: expect.stringContaining('first stored as ProgressUpdated'),
    });
  });

  it('logs a refusal with its code but not its message, and rethrows it', async () => {
    const { lines, logger } = logged();
    const refusal = new CommandRefusedError(new DomainError('ACTION.NOT_OWNER', 'only Jo Bloggs, who wrote "private words", may'));
    await expect(
      loggedCommand(
        about,
        async (named) => {
          named({ type: 'UpdateProgress' });
          throw refusal;
        },
        logger,
      ),
    ).rejects.toBe(refusal);
    expect(lines).toEqual([
      { level: 'log', line: expect.objectContaining({ command: 'UpdateProgress', outcome: 'refused', code: 'ACTION.NOT_OWNER' }) },
    ]);
    expect(JSON.stringify(lines)).not.toContain('private words');
  });

  it("warns of a command that failed for any other reason, by the error's name", async () => {
    const { lines, logger } = logged();
    await expect(
      loggedCommand(
        about,
        async () => {
          throw new StoreUnavailableError('connection to 10.0.0.5 lost', true);
        },
        logger,
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(lines).toEqual([
      { level: 'warn', line: expect.objectContaining({ outcome: 'failed', error: 'StoreUnavailableError', stream: 'action-a1' }) },
    ]);
  });
});
