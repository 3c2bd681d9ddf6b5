import { StoreUnavailableError } from '../errors';

/** Node's socket errors: the server is not there, or went away. */
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * SQLSTATEs of a server that is going or not yet back: class 08 (connection exception),
 * admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, recovering),
 * too_many_connections.
 */
const SERVER = /^(08...|57P01|57P02|57P03|53300)$/;
/** node-postgres says so in words only. */
const CLIENT =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;

/** Whether `error` says PostgreSQL cannot be reached, as opposed to refusing a statement. */
export function isUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SOCKET.has(code) || SERVER.test(code))) return true;
  return typeof message === 'string' && CLIENT.test(message);
}

/**
 * Runs `work`, turning "PostgreSQL cannot be reached" into StoreUnavailableError; every other
 * error passes as it is. `outcomeUnknown`: the work was an append already sent to the server.
 */
export async function reachable<T>(work: () => Promise<T>, outcomeUnknown = false): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreUnavailableError || !isUnreachable(error)) throw error;
    throw new StoreUnavailableError(`PostgreSQL cannot be reached: ${(error as Error).message}`, outcomeUnknown);
  }
}
