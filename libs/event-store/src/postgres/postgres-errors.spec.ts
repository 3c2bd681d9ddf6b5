import { StoreUnavailableError } from '../errors';
import { isUnreachable, reachable } from './postgres-errors';

const withCode = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('telling "PostgreSQL cannot be reached" from a refused statement', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a server shut down by its administrator', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server restarting after a crash', withCode('57P03', 'the database system is starting up')],
    ['a connection exception', withCode('08006')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
  ])('counts %s as unreachable', (_, error) => expect(isUnreachable(error)).toBe(true));

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601')],
    ['a lock timeout', withCode('55P03')],
    ['something that is not an error', 'Connection terminated'],
  ])('does not count %s', (_, error) => expect(isUnreachable(error)).toBe(false));

  it('turns an unreachable server into StoreUnavailableError, saying whether an append may have been stored', async () => {
    await expect(reachable(() => Promise.reject(withCode('ECONNREFUSED')))).rejects.toEqual(
      expect.objectContaining({ name: 'StoreUnavailableError', outcomeUnknown: false }),
    );
    await expect(reachable(() => Promise.reject(new Error('Connection terminated unexpectedly')), true)).rejects.toEqual(
      expect.objectContaining({ outcomeUnknown: true }),
    );
  });

  it('passes every other error on as it is, and a StoreUnavailableError unchanged', async () => {
    const unique = withCode('23505');
    await expect(reachable(() => Promise.reject(unique))).rejects.toBe(unique);
    const unknown = new StoreUnavailableError('lost', true);
    await expect(reachable(() => Promise.reject(unknown))).rejects.toBe(unknown);
  });
});
