import type { CommandBus } from '@nestjs/cqrs';
import { COMMAND_LINE, ROLES, type Role } from '@actionplans/auth';
import { acting, UserCommandMessage } from '@actionplans/commands';
import type { Command } from 'commander';
import { say } from './printable';

type WithCommandBus = (work: (commands: CommandBus) => Promise<void>) => Promise<void>;

/**
 * `actionplans users disable|enable|role|email`: the commands the admin pages and the API send,
 * recorded as the command line (`system`), each with the reason the user's history shows.
 */
export function addUserChanges(users: Command, withCommandBus: WithCommandBus, role: (value: string) => Role): void {
  const send = (userId: string, body: UserCommandMessage['body'], done: string) =>
    withCommandBus(async (commands) => {
      await commands.execute(new UserCommandMessage(userId, body, acting(COMMAND_LINE)));
      say(done);
    });

  users
    .command('disable')
    .description('stop a user signing in or using their token (their history keeps the reason)')
    .argument('<userId>', "the user's id")
    .requiredOption('--reason <why>', 'why, e.g. "left the council"')
    .action((userId: string, options: { reason: string }) =>
      send(userId, { type: 'DisableUser', reason: options.reason }, `disabled ${userId}`),
    );

  users
    .command('enable')
    .description('let a disabled user sign in again; their old token works again')
    .argument('<userId>', "the user's id")
    .requiredOption('--reason <why>', 'why, e.g. "back from secondment"')
    .action((userId: string, options: { reason: string }) =>
      send(userId, { type: 'EnableUser', reason: options.reason }, `enabled ${userId}`),
    );

  users
    .command('role')
    .description("change a user's role")
    .argument('<userId>', "the user's id")
    .argument('<role>', `one of: ${ROLES.join(', ')}`, role)
    .requiredOption('--reason <why>', 'why, e.g. "joined the panel"')
    .action((userId: string, newRole: Role, options: { reason: string }) =>
      send(userId, { type: 'ChangeUserRole', role: newRole, reason: options.reason }, `${userId} is now ${newRole}`),
    );

  users
    .command('email')
    .description("change where a user's reminders go; `none` removes the address")
    .argument('<userId>', "the user's id")
    .argument('<email>', 'the new address, or none')
    .requiredOption('--reason <why>', 'why, e.g. "new mailbox"')
    .action((userId: string, email: string, options: { reason: string }) => {
      const address = email === 'none' ? null : email;
      return send(userId, { type: 'ChangeUserEmail', email: address, reason: options.reason }, `${userId}'s email is now ${email}`);
    });
}
