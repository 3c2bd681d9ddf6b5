import { isRole, ROLES, type Role, type User } from '@actionplans/auth';
import type { RequestContext } from '@actionplans/commands';
import { DomainError } from '@actionplans/domain';
import { CommandRefusedError } from '@actionplans/event-store';
import type { FormError } from '../page/nunjucks';

/** A form's fields as the browser sent them. */
export type Form = Record<string, string | undefined>;

const ROLE_HINTS: Record<Role, string> = {
  admin: 'Manages users and sessions',
  'plan manager': 'Builds plans, raises actions, approves revisions and schedules panels',
  'action owner': 'Updates progress on the actions they own and submits them for sign-off',
  'panel member': 'Sits on evidence challenge panels and decides on sign-off',
  auditor: 'Reads everything, histories and audit bundles included, and changes nothing',
  viewer: 'Reads plans and reports (board members), and changes nothing',
};

/** The roles as radios offer them, with what each may do. */
export const ROLE_CHOICES: Array<{ value: Role; text: string; hint: string }> = ROLES.map((role) => ({
  value: role,
  text: role[0].toUpperCase() + role.slice(1),
  hint: ROLE_HINTS[role],
}));

/**
 * How the admin's forms send commands: as the API's users controller does (the admin as actor,
 * now, and the page shown only after this process's readers have the change).
 */
export const byAdmin = (admin: User): RequestContext => ({
  actor: { userId: admin.userId, role: admin.role },
  now: new Date().toISOString(),
  waitForReaders: true,
});

/** A role field: the role, or the error to show beside it. */
export const roleOf = (value: string | undefined): Role | FormError => (isRole(value) ? value : { field: 'role', text: 'Select a role' });

/**
 * A refused user command in words beside the field it is about (`USER.REQUIRED` names its field
 * first: "reason must not be blank"); any other refusal is not a form's to show.
 */
export function refusalOnForm(error: unknown, fields: Record<string, string>, other: string): FormError[] {
  const refusal: unknown = error instanceof CommandRefusedError ? (error.refusal as unknown) : error;
  if (!(refusal instanceof DomainError) || refusal.forbids || refusal.code === 'USER.NOT_ADMIN' || refusal.code === 'USER.NOT_FOUND')
    throw error;
  if (refusal.code === 'USER.REQUIRED') {
    const field = refusal.message.split(' ')[0];
    if (fields[field]) return [{ field, text: fields[field] }];
  }
  if (refusal.code === 'USER.UNKNOWN_ROLE') return [{ field: 'role', text: 'Select a role' }];
  return [{ field: other, text: sentence(refusal.message) }];
}

const sentence = (text: string) => text[0].toUpperCase() + text.slice(1);
