import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { Notifications } from '@actionplans/notifications';
import { CommandBus } from '@nestjs/cqrs';
import { PlanCommandMessage } from '@actionplans/commands';
import type { Response } from 'express';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { FormError } from '../page/nunjucks';
import type { PageRequest } from '../page/page-request';
import { formContext, readWhen, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { ManageReader } from './manage-reader';
import { manageTasks, sourceLine } from './manage-tasks';
import { settingsRows } from './plan-settings';

/** What the plan's tasks say after a form was sent; only these, so nothing a link carries is shown. */
const DONE: Record<string, string> = {
  settings: 'The plan’s settings have been changed',
  grouping: 'The grouping has been changed',
};

/** The two ends of a plan's life: submitted (draft to active), and closed once every counted action is signed off. */
const STEPS = {
  activation: {
    title: 'Activate the plan',
    who: { name: 'submittedTo', label: 'Who the plan was submitted to', missing: 'Enter who the plan was submitted to' },
    when: { name: 'submittedOn', label: 'Date submitted' },
    button: 'Activate plan',
    fields: { 'PLAN.ALREADY_ACTIVE': 'submittedTo', 'PLAN.CLOSED': 'submittedTo', 'PLAN.DATE_IN_FUTURE': 'submittedOn' },
  },
  closure: {
    title: 'Close the plan',
    who: { name: 'approvedBy', label: 'Who approved closing it', missing: 'Enter who approved closing the plan' },
    when: { name: 'approvedOn', label: 'Date approved' },
    button: 'Close plan',
    fields: { 'PLAN.NOT_ACTIVE': 'approvedBy', 'PLAN.NO_COUNTED_ACTIONS': 'approvedBy', 'PLAN.DATE_IN_FUTURE': 'approvedOn' },
  },
} as const;
type Step = keyof typeof STEPS;

/** The plan manager's task list for one plan, and the forms that activate and close it. */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class PlanLifecycleController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly notifications: Notifications,
  ) {}

  @Get(':planId/manage')
  async manage(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    const { state } = await this.reader.plan(planId);
    const [actions, revisions, channels] = await Promise.all([
      this.reader.actions(planId),
      this.reader.revisions(planId),
      this.notifications.channels(planId),
    ]);
    const done = typeof request.query.done === 'string' ? DONE[request.query.done] : undefined;
    await this.pages.render(request, response, 'manage/plan-manage.njk', {
      pageTitle: `Manage the plan – ${state.title}`,
      planId,
      plan: state,
      source: sourceLine(state),
      tasks: manageTasks(planId, state, actions.length, revisions.length, channels.length),
      settings: settingsRows(state),
      groupings: [...state.groupings].map(([groupingId, grouping]) => ({ groupingId, ...grouping })),
      actions,
      done,
    });
  }

  @Get(':planId/activation')
  showActivation(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string) {
    return this.show(request, response, planId, 'activation', {});
  }

  @Post(':planId/activation')
  activate(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    return this.send(request, response, planId, 'activation', form);
  }

  @Get(':planId/closure')
  showClosure(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string) {
    return this.show(request, response, planId, 'closure', {});
  }

  @Post(':planId/closure')
  close(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    return this.send(request, response, planId, 'closure', form);
  }

  private async send(request: PageRequest, response: Response, planId: string, step: Step, form: Form): Promise<void> {
    const { who, when, fields } = STEPS[step];
    const read = new FormReader(form);
    const by = read.text(who.name, who.missing, 200, who.label);
    const on = read.day(when.name, when.label);
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.show(request, response, planId, step, form, read.errors, 400);
    const body =
      step === 'activation'
        ? { type: 'ActivatePlan' as const, submittedTo: by, submittedOn: on }
        : { type: 'ClosePlan' as const, approvedBy: by, approvedOn: on };
    const context = formContext(request, form, effective);
    const sent = await sendForm(
      () => this.commands.execute(new PlanCommandMessage(planId, body as PlanCommandMessage['body'], context)),
      fields,
      who.name,
    );
    if (!sent.sent) return this.show(request, response, planId, step, form, sent.errors, 422);
    response.redirect(303, `/app/plans/${planId}/manage`);
  }

  private async show(
    request: PageRequest,
    response: Response,
    planId: string,
    step: Step,
    typed: Form,
    errors?: FormError[],
    status = 200,
  ) {
    const { state } = await this.reader.plan(planId);
    await this.pages.render(
      request,
      response,
      'manage/plan-step.njk',
      { pageTitle: `${STEPS[step].title} – ${state.title}`, planId, plan: state, step: STEPS[step], action: step, values: typed, errors },
      status,
    );
  }
}
