import type { CommandBus } from '@nestjs/cqrs';
import type { User } from '@actionplans/auth';
import { ActionCommandMessage, newId } from '@actionplans/commands';
import { pageCommandContext } from '../page/command-context';
import type { FormError } from '../page/nunjucks';
import type { PageRequest } from '../page/page-request';
import { refusalOf, type Form } from './panel-forms';

/** Where each refusal of raising the plan action is shown on the minutes page. */
const FIELDS: Record<string, string> = {
  'PLAN.UNKNOWN_GROUPING': 'groupingId',
  'PANEL.PLAN_NOT_SERVED': 'groupingId',
  'ACTION.REQUIRED': 'text',
};

/** The value of a grouping the minutes page offers: its plan and itself. */
export const groupingChoice = (planId: string, groupingId: string) => `${planId} ${groupingId}`;

/**
 * A resulting action raised as a plan action of one of the meeting's plans (`POST /panels/{id}/actions`),
 * in the minutes' words: the action is the text, its lead owner who is to do it (a role, who need
 * not be a user). Gives the action's id to link the resulting action to, or the errors to show.
 */
export async function raiseFromMinutes(
  commands: CommandBus,
  request: PageRequest,
  user: User,
  panelId: string,
  form: Form,
): Promise<{ actionId: string } | { errors: FormError[]; status: number }> {
  const [planId, groupingId] = (form.groupingId ?? '').split(' ');
  const reference = form.reference?.trim() ?? '';
  const errors = [
    ...(reference ? [] : [{ field: 'reference', text: 'Enter the plan action’s reference' }]),
    ...(form.targetDate?.trim() ? [] : [{ field: 'targetDate', text: 'Enter the plan action’s target date' }]),
  ];
  if (errors.length || !groupingId) return { errors, status: 400 };
  const key = form.formKey && /^[0-9a-f-]{36}$/.test(form.formKey) ? `${form.formKey}:minutes-raise` : undefined;
  const context = pageCommandContext(request, user, key);
  const actionId = newId(context, 'action');
  const raise = {
    type: 'RaiseResultingAction' as const,
    actionId,
    panelId,
    planId,
    groupingId,
    references: [reference],
    description: form.text ?? '',
    leadOwners: [{ kind: 'role' as const, name: form.forWhom?.trim() ?? '' }],
    targetDate: form.targetDate!.trim(),
  };
  try {
    await commands.execute(new ActionCommandMessage(actionId, raise, context));
  } catch (error) {
    const refusal = refusalOf(error, (code) => FIELDS[code] ?? (/DATE/.test(code) ? 'targetDate' : 'groupingId'));
    if (!refusal) throw error;
    return { errors: [refusal.error], status: refusal.status };
  }
  return { actionId };
}
