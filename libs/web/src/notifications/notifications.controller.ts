import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NotificationChannelCommandMessage, newId } from '@actionplans/commands';
import { NOTIFICATION_KINDS, NOTIFICATION_TRIGGERS, type NotificationKind, type NotificationTrigger } from '@actionplans/domain';
import { Notifications, type DeliveryStatus } from '@actionplans/notifications';
import type { Response } from 'express';
import { formContext, newFormKey, type Form } from '../manage/form-context';
import { FormReader } from '../manage/form-reader';
import { sendForm } from '../manage/form-refusals';
import { ManageReader } from '../manage/manage-reader';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { channelLines, deliveryLines, KIND_NAMES, TRIGGER_NAMES } from './notifications.view';

/** Where each refusal of a channel is said on the page. */
const FIELD_OF: Record<string, string> = {
  'NOTIFY.INVALID_URL': 'url',
  'NOTIFY.INVALID_KIND': 'kind',
  'NOTIFY.INVALID_TRIGGER': 'triggers',
  'NOTIFY.NO_TRIGGERS': 'triggers',
  'NOTIFY.SECRET_REQUIRED': 'signingSecret',
  'NOTIFY.SECRET_NOT_ALLOWED': 'signingSecret',
  'NOTIFY.REQUIRED': 'name',
  'NOTIFY.NOT_CONFIGURED': 'url',
  'NOTIFY.TOO_MANY_CHANNELS': 'name',
};
const STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/**
 * A plan's notifications: its channels in Teams, Slack and partners' systems (addresses masked),
 * a form to add one, a test message, and the delivery log. An address or secret typed in is never
 * shown back, not even beside a problem with it.
 */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class NotificationsPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly notifications: Notifications,
  ) {}

  @Get(':planId/notifications')
  async show(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    await this.render(request, response, planId, {});
  }

  @Post(':planId/notifications')
  async add(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form): Promise<void> {
    const read = new FormReader(form);
    const kind = read.raw('kind') as NotificationKind;
    if (!NOTIFICATION_KINDS.includes(kind)) read.fail('kind', 'Choose where the notifications go');
    const name = read.text('name', 'Enter a name for the channel', 200, 'The name');
    const url = read.text('url', "Enter the webhook's address", 2000, 'The address');
    const triggers = read.all('triggers') as NotificationTrigger[];
    if (triggers.length === 0 || triggers.some((trigger) => !NOTIFICATION_TRIGGERS.includes(trigger)))
      read.fail('triggers', 'Choose what the channel is told of');
    const secret = read.raw('signingSecret');
    if (!read.ok) return this.render(request, response, planId, { errors: read.errors, typed: form }, 400);
    const channelId = newId(formContext(request, form), 'notification-channel');
    const body = {
      type: 'AddNotificationChannel' as const,
      planId,
      channelId,
      kind,
      name,
      url,
      triggers,
      signingSecret: secret || undefined,
    };
    const sent = await sendForm(
      () => this.commands.execute(new NotificationChannelCommandMessage(planId, body, formContext(request, form))),
      FIELD_OF,
      'name',
    );
    if (!sent.sent) return this.render(request, response, planId, { errors: sent.errors, typed: form }, 422);
    response.redirect(303, `/app/plans/${planId}/notifications?done=added`);
  }

  @Post(':planId/notifications/:channelId/removal')
  async remove(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
    @Body() form: Form,
  ): Promise<void> {
    const reasonField = `reason-${channelId}`;
    const read = new FormReader(form);
    const reason = read.text(reasonField, 'Enter why the channel is removed', 2000, 'The reason');
    if (!read.ok) return this.render(request, response, planId, { errors: read.errors }, 400);
    const body = { type: 'RemoveNotificationChannel' as const, channelId, reason };
    const sent = await sendForm(
      () => this.commands.execute(new NotificationChannelCommandMessage(planId, body, formContext(request, form))),
      {},
      reasonField,
    );
    if (!sent.sent) return this.render(request, response, planId, { errors: sent.errors }, 422);
    response.redirect(303, `/app/plans/${planId}/notifications?done=removed`);
  }

  @Post(':planId/notifications/:channelId/test')
  async test(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
  ): Promise<void> {
    await this.reader.plan(planId);
    const tested = await this.notifications.test(planId, channelId);
    const outcome = tested?.sent.outcome === 'delivered' ? 'tested' : 'test-failed';
    response.redirect(303, `/app/plans/${planId}/notifications?done=${outcome}#deliveries`);
  }

  private async render(
    request: PageRequest,
    response: Response,
    planId: string,
    refused: { errors?: FormError[]; typed?: Form },
    status = 200,
  ): Promise<void> {
    const { state } = await this.reader.plan(planId);
    const filter =
      typeof request.query.status === 'string' && STATUSES.includes(request.query.status as DeliveryStatus)
        ? (request.query.status as DeliveryStatus)
        : undefined;
    const channels = await this.notifications.channels(planId);
    const deliveries = await this.notifications.deliveries(planId, { status: filter, limit: 100 });
    // What was typed comes back, but never the address or the secret: they are secrets even to the page.
    const { url: _url, signingSecret: _secret, ...typed } = refused.typed ?? {};
    const typedTriggers = refused.typed ? new FormReader(refused.typed).all('triggers') : ['sign-off', 'overdue'];
    await this.pages.render(
      request,
      response,
      'notifications/notifications.njk',
      {
        pageTitle: `Notifications – ${state.title}`,
        planId,
        plan: state,
        channels: channelLines(channels),
        deliveries: deliveryLines(deliveries, channels),
        filter,
        statuses: STATUSES,
        kinds: NOTIFICATION_KINDS.map((kind) => ({ value: kind, text: KIND_NAMES[kind], checked: typed.kind === kind })),
        triggers: NOTIFICATION_TRIGGERS.map((trigger) => ({
          value: trigger,
          text: TRIGGER_NAMES[trigger],
          checked: typedTriggers.includes(trigger),
        })),
        configured: this.notifications.box !== null,
        done: typeof request.query.done === 'string' ? request.query.done : undefined,
        errors: refused.errors,
        typed,
        addressTyped: Boolean(refused.typed?.url),
        formKey: newFormKey(),
      },
      status,
    );
  }
}
