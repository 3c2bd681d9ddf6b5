import type { PlanState } from '@actionplans/domain';
import { dayInWords } from '../page/dates';

const tag = (text: string, classes = '') => ({ tag: { text, classes } });
const cannotStart = { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' };

/** The plan manager's tasks on one plan, in the GOV.UK task list's shape, each with where it stands. */
export function manageTasks(planId: string, plan: PlanState, actions: number, revisions: number, channels = 0) {
  const base = `/app/plans/${planId}`;
  const groupings = plan.groupings.size;
  const open = plan.stage !== 'closed';
  return [
    {
      title: { text: 'Add a grouping' },
      hint: { text: 'A section, priority or recommendation the actions sit under' },
      href: open ? `${base}/groupings/new` : undefined,
      status: open ? { text: `${groupings} ${groupings === 1 ? 'grouping' : 'groupings'}` } : cannotStart,
    },
    {
      title: { text: 'Raise an action' },
      href: open && groupings > 0 ? `${base}/actions/new` : undefined,
      status: open && groupings > 0 ? { text: `${actions} ${actions === 1 ? 'action' : 'actions'}` } : cannotStart,
    },
    {
      title: { text: 'Approve or reject new target dates' },
      href: `${base}/revisions`,
      status: revisions > 0 ? tag(`${revisions} waiting`, 'govuk-tag--blue') : { text: 'None waiting' },
    },
    {
      title: { text: 'Tell partners in Teams, Slack or their own systems' },
      hint: { text: 'Of sign-offs, newly overdue actions and issued packs' },
      href: `${base}/notifications`,
      status: { text: channels === 0 ? 'No channels' : `${channels} ${channels === 1 ? 'channel' : 'channels'}` },
    },
    {
      title: { text: 'Activate the plan' },
      hint: { text: 'When it has been submitted' },
      href: plan.stage === 'draft' ? `${base}/activation` : undefined,
      status: plan.stage === 'draft' ? tag('Draft', 'govuk-tag--grey') : { text: 'Active' },
    },
    {
      title: { text: 'Close the plan' },
      hint: { text: 'When every counted action is signed off' },
      href: plan.stage === 'active' ? `${base}/closure` : undefined,
      status: plan.stage === 'closed' ? { text: 'Closed' } : plan.stage === 'active' ? tag('Open', 'govuk-tag--green') : cannotStart,
    },
  ];
}

/** The plan's source as a line: "Ofsted, January 2022: Requires improvement". */
export const sourceLine = (plan: PlanState): string =>
  plan.source ? `${plan.source.body}, ${dayInWords(plan.source.date)}${plan.source.judgement ? `: ${plan.source.judgement}` : ''}` : '';
