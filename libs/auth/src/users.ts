import { v7 as uuidv7 } from 'uuid';
import { handle, type EventStore } from '@actionplans/event-store';
import type { Actor, CommandBody } from '@actionplans/domain';
import { newApiToken } from './api-token';
import type { Role } from './roles';
import { userDecider, type UserCommand } from './user.decider';
import { userStream } from './user.events';

/** The command line acts as `system`: whoever can run it on the server administers it. */
export const COMMAND_LINE: Actor = { userId: 'command-line', role: 'system' };

export interface NewUser {
  name: string;
  email?: string | null;
  role: Role;
}

/**
 * Adds a user with a personal API token. The token is returned here once and never stored:
 * only its hash is.
 */
export function addUser(store: EventStore, user: NewUser, actor: Actor, userId: string = uuidv7()) {
  return withNewToken(store, userId, actor, (tokenHash) =>
    ({ type: 'AddUser', userId, name: user.name, email: user.email ?? null, role: user.role, tokenHash }));
}

/** Replaces a user's token (the old one stops working); the new one is returned once. */
export function issueApiToken(store: EventStore, userId: string, actor: Actor) {
  return withNewToken(store, userId, actor, (tokenHash) => ({ type: 'IssueApiToken', tokenHash }));
}

async function withNewToken(store: EventStore, userId: string, actor: Actor, command: (tokenHash: string) => CommandBody<UserCommand>) {
  const { token, hash } = newApiToken();
  const result = await handle(store, userStream(userId), userDecider, {
    actor: { id: actor.userId, role: actor.role },
    command: { ...command(hash), actor, now: new Date().toISOString() },
  });
  return { userId, token, version: result.version, position: result.position };
}
