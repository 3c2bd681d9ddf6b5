import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { User } from '@actionplans/auth';
import { ActionCommandMessage, newId, type RequestContext } from '@actionplans/commands';
import { DomainError, EVIDENCE_KINDS, managesPlans, type Effective } from '@actionplans/domain';
import { CommandRefusedError, PreconditionFailedError, WrongExpectedVersionError } from '@actionplans/event-store';
import type { Response } from 'express';
import { readEffectiveForm, readRequiredEffectiveForm } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';
import { newIdempotencyKey, pageCommandContext } from '../page/page-command';
import { PageForbiddenError } from '../page/page-errors';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { ActionPages, type ActionHistory, type ActionPage, type Permissions } from './action-page';
import { refusalErrors, type ActionForm } from './action-refusals';
import type { Read, Sent } from './action-forms';

type Body = ActionCommandMessage['body'];

/** Each form: its template, its title, and who may use it. */
const FORMS: Record<ActionForm, { template: string; title: string; allowed: keyof Permissions; dayRequired?: string }> = {
  progress: { template: 'actions/progress.njk', title: 'Update progress', allowed: 'updateProgress' },
  evidence: { template: 'actions/evidence.njk', title: 'Add evidence', allowed: 'attachEvidence' },
  revision: { template: 'actions/revision.njk', title: 'Ask for a new target date', allowed: 'requestRevision' },
  submission: { template: 'actions/submission.njk', title: 'Submit for sign-off', allowed: 'submit' },
  approval: {
    template: 'actions/approval-to-close.njk',
    title: 'Record approval to close',
    allowed: 'approveClosure',
    dayRequired: 'Enter the date the board approved closure',
  },
  delegated: {
    template: 'actions/delegated-sign-off.njk',
    title: 'Record a sign-off by another body',
    allowed: 'delegatedSignOff',
    dayRequired: 'Enter the day the body met and signed the action off',
  },
};

/** What a form page is shown with besides the action: what was typed, what to fix, and what changed meanwhile. */
interface Shown {
  sent?: Sent;
  errors?: FormError[];
  /** The changes made since the form was filled in, when sending it met them (409/412). */
  changes?: ActionHistory;
  status?: number;
}

/**
 * The path every form on an action's page takes: shown to those the command would accept it from,
 * read, sent on the command bus as the API sends it, and on refusal shown again with what was
 * typed: a broken rule beside its field (422), a missing or malformed field likewise (400), and
 * someone else's change (409/412) listed above the form, which is then filled in against it.
 */
@Injectable()
export class ActionFormFlow {
  constructor(
    private readonly pages: PageRenderer,
    private readonly actions: ActionPages,
    private readonly commands: CommandBus,
  ) {}

  async show(form: ActionForm, request: PageRequest, response: Response, user: User, actionId: string, shown: Shown = {}) {
    const page = await this.actions.of(actionId, user);
    if (!page.may[FORMS[form].allowed]) throw new PageForbiddenError(notOffered(form, page));
    const version = shown.changes || !shown.sent?.version ? String(page.action.version) : shown.sent.version;
    await this.pages.render(
      request,
      response,
      FORMS[form].template,
      {
        pageTitle: `${FORMS[form].title} – Action ${page.reference}`,
        heading: FORMS[form].title,
        page,
        values: valuesOf(shown.sent),
        errors: shown.errors ?? [],
        changes: shown.changes,
        version,
        idempotencyKey: newIdempotencyKey(),
        today: todayParts(),
        // Plan managers and admins enter papers: they may say a form records an earlier day.
        mayBackdate: managesPlans(user),
        evidenceKinds: EVIDENCE_KINDS,
      },
      shown.status ?? 200,
    );
  }

  /**
   * Reads the form and when it happened (`read` may default to the day it happened), sends its
   * command (`body` makes it from what was read), then returns to the action.
   */
  async send<T>(
    form: ActionForm,
    request: PageRequest,
    response: Response,
    user: User,
    actionId: string,
    sent: Sent,
    read: (effective: Effective | undefined) => Read<T>,
    body: (command: T, context: RequestContext) => Body,
  ): Promise<void> {
    const options = { actor: { userId: user.userId, role: user.role }, now: new Date().toISOString() };
    const required = FORMS[form].dayRequired;
    const when = required ? readRequiredEffectiveForm(sent, options, required) : readEffectiveForm(sent, options);
    const fields = read(when.effective);
    const errors = [...(fields.ok ? [] : fields.errors), ...when.errors];
    if (!fields.ok || errors.length) return this.show(form, request, response, user, actionId, { sent, errors, status: 400 });
    const { effective } = when;
    const hidden = { version: one(sent.version), idempotencyKey: one(sent.idempotencyKey) };
    const sending = { actionId, form, command: fields.command, effective };
    const context = { ...pageCommandContext(request, user, hidden, sending), effective };
    try {
      await this.commands.execute(new ActionCommandMessage(actionId, body(fields.command, context), context));
    } catch (error) {
      return this.refused(error, form, request, response, user, actionId, sent);
    }
    response.redirect(303, `/app/actions/${encodeURIComponent(actionId)}?done=${form}`);
  }

  private async refused(
    error: unknown,
    form: ActionForm,
    request: PageRequest,
    response: Response,
    user: User,
    actionId: string,
    sent: Sent,
  ): Promise<void> {
    if (error instanceof PreconditionFailedError || error instanceof WrongExpectedVersionError) {
      const page = await this.actions.withHistory(actionId, user);
      const since = Number(one(sent.version) ?? page.action.version);
      const changes = page.history.filter((entry) => entry.version > since);
      return this.show(form, request, response, user, actionId, {
        sent,
        changes,
        status: error instanceof PreconditionFailedError ? 412 : 409,
      });
    }
    const refusal: unknown = error instanceof CommandRefusedError ? (error.refusal as unknown) : error;
    // Who may not act, and what is not there, are the error pages' to say.
    if (!(refusal instanceof DomainError) || refusal.forbids || /\.(NOT_FOUND|NOT_OWNER|NOT_PLAN_MANAGER)$/.test(refusal.code)) throw error;
    const points = (await this.actions.of(actionId, user)).action.openChallengePoints;
    await this.show(form, request, response, user, actionId, { sent, errors: refusalErrors(form, refusal, points), status: 422 });
  }
}

/** The id the API gives evidence and revisions made by a request: from its idempotency key when it has one. */
export const createdId = (context: RequestContext, purpose: 'evidence' | 'revision') => newId(context, purpose);

/** What was typed, to show again; a checkbox list is always a list, however many were ticked. */
const valuesOf = (sent: Sent = {}) => ({ ...sent, evidenceIds: [sent.evidenceIds ?? []].flat() });

/** Today (as the commands judge it, UTC) for a date input's defaults and its hint's example. */
function todayParts() {
  const [year, month, day] = new Date().toISOString().slice(0, 10).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year, example: `${Number(day)} ${Number(month)} ${year}` };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function notOffered(form: ActionForm, page: ActionPage): string {
  if (page.action.stage === 'complete') return 'This action is signed off: a plan manager must reopen it before it changes.';
  if (page.action.stage === 'withdrawn') return 'This action is withdrawn.';
  if (form === 'submission' && page.action.stage === 'submitted') return 'This action is with the panel: wait for its decision.';
  if (form === 'revision' && page.action.revisions.some((revision) => revision.state === 'pending')) {
    return 'A new target date is already waiting for a plan manager’s approval.';
  }
  return 'Only the action’s owners and plan managers can do this.';
}
