import type { Actor } from '@actionplans/domain';
import type { Role } from './roles';

/** The command line acts as `system`: whoever can run it on the server administers it. */
export const COMMAND_LINE: Actor = { userId: 'command-line', role: 'system' };

export interface NewUser {
  name: string;
  email?: string | null;
  role: Role;
}
