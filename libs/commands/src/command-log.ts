import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DomainError } from '@actionplans/domain';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  WrongExpectedVersionError,
  type HandleResult,
} from '@actionplans/event-store';

/** Where a command's line goes: Nest's logger, which the apps route to pino. */
export interface CommandLogger {
  log(line: object): void;
  warn(line: object): void;
}

/** What is known of a command before it runs. */
export interface CommandAbout {
  stream: string;
  actor: { userId: string; role: string };
  /** The request id, stored as the events' `correlationId`. */
  correlationId?: string;
}

const commands = new Logger('commands');

/**
 * Runs one command and logs one line about it: its type, stream, the version and global
 * position it reached, how long it took, who sent it and under which request id, and whether
 * it stored events, was a retry answered from an earlier attempt, or was refused (and why).
 * `run` passes the command through `named` as it builds it; a retry answered from an earlier
 * attempt never builds it, so its line names the events stored the first time instead.
 * Nothing the command carries (titles, text) is logged.
 */
export async function loggedCommand<S>(
  about: CommandAbout,
  run: (named: <C>(command: C) => C) => Promise<HandleResult<S>>,
  logger: CommandLogger = commands,
): Promise<HandleResult<S>> {
  const started = performance.now();
  let type: string | undefined;
  const line = (outcome: string, said: string, fields: object) => {
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    return {
      msg: `${type ?? 'command'} ${outcome} on ${about.stream}${said} (${durationMs} ms)`,
      command: type,
      stream: about.stream,
      outcome,
      ...fields,
      durationMs,
      actor: { id: about.actor.userId, role: about.actor.role },
      correlationId: about.correlationId,
    };
  };
  try {
    const result = await run((command) => ((type = typeOf(command)), command));
    const outcome = result.replayed ? 'replayed' : result.events.length ? 'stored' : 'unchanged';
    const events = result.events.map((event) => event.type);
    const first = result.replayed ? `, first stored as ${events.join(', ')}` : '';
    logger.log(
      line(outcome, `: version ${result.version}, position ${result.position}${first}`, {
        version: result.version,
        position: result.position,
        events,
      }),
    );
    return result;
  } catch (error) {
    const code = refusalCode(error);
    if (code) logger.log(line('refused', `: ${code}`, { code }));
    else logger.warn(line('failed', `: ${(error as Error)?.name ?? typeof error}`, { error: (error as Error)?.name ?? typeof error }));
    throw error;
  }
}

const typeOf = (command: unknown) => {
  const type = (command as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
};

/** The code a refusal answers with; its message, which may quote what was sent, is left out. */
function refusalCode(error: unknown): string | undefined {
  if (error instanceof CommandRefusedError) return error.refusal instanceof DomainError ? error.refusal.code : 'COMMAND.REFUSED';
  if (error instanceof PreconditionFailedError) return 'REQUEST.STALE';
  if (error instanceof WrongExpectedVersionError) return 'REQUEST.CONFLICT';
  if (error instanceof IdempotencyKeyReusedError) return 'REQUEST.IDEMPOTENCY_KEY_REUSED';
  return undefined;
}
