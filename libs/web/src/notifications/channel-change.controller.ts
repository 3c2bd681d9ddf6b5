import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NotificationChannelCommandMessage } from '@actionplans/commands';
import { NOTIFICATION_TRIGGERS } from '@actionplans/domain';
import { Notifications, type ChannelView } from '@actionplans/notifications';
import type { Response } from 'express';
import { formContext, newFormKey, type Form } from '../manage/form-context';
import { FormReader } from '../manage/form-reader';
import { sendForm } from '../manage/form-refusals';
import { ManageReader } from '../manage/manage-reader';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { CHANGE_FIELD_OF, readChannelChange } from './channel-change-form';
import { channelLines, TRIGGER_NAMES } from './notifications.view';

/**
 * Changing one of a plan's notification channels: its name, what it is told of, and a new address
 * (or webhook secret) if one is typed. The address it has stays sealed and is shown masked; one
 * typed is never shown back, not even beside a problem with it.
 */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class ChannelChangePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly notifications: Notifications,
  ) {}

  @Get(':planId/notifications/:channelId/change')
  async show(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
  ): Promise<void> {
    const channel = await this.channel(planId, channelId);
    await this.render(request, response, planId, channel, {});
  }

  @Post(':planId/notifications/:channelId/change')
  async change(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
    @Body() form: Form,
  ): Promise<void> {
    const channel = await this.channel(planId, channelId);
    const { change, errors } = readChannelChange(form, channel);
    if (errors.length) return this.render(request, response, planId, channel, { errors, typed: form }, 400);
    const sent = await sendForm(
      () => this.commands.execute(new NotificationChannelCommandMessage(planId, change, formContext(request, form))),
      CHANGE_FIELD_OF,
      'name',
    );
    if (!sent.sent) {
      const refused = sent.conflict ? [{ field: 'name', text: sent.conflict }] : sent.errors;
      return this.render(request, response, planId, channel, { errors: refused, typed: form }, sent.conflict ? 409 : 422);
    }
    response.redirect(303, `/app/plans/${planId}/notifications?done=changed`);
  }

  private async channel(planId: string, channelId: string): Promise<ChannelView> {
    await this.reader.plan(planId);
    const channel = (await this.notifications.channels(planId)).find((one) => one.channelId === channelId);
    if (!channel) throw new NotFoundException();
    return channel;
  }

  private async render(
    request: PageRequest,
    response: Response,
    planId: string,
    channel: ChannelView,
    refused: { errors?: FormError[]; typed?: Form },
    status = 200,
  ): Promise<void> {
    const { state } = await this.reader.plan(planId);
    const [shown] = channelLines([channel]);
    // What was typed comes back, but never an address or a secret: they are secrets even to the page.
    const typed = refused.typed ? new FormReader(refused.typed) : null;
    const triggers = typed ? typed.all('triggers') : channel.triggers;
    await this.pages.render(
      request,
      response,
      'notifications/channel-change.njk',
      {
        pageTitle: `Change ${channel.name} – ${state.title}`,
        planId,
        plan: state,
        channel: shown,
        name: typed ? typed.raw('name') : channel.name,
        reason: typed?.raw('reason') ?? '',
        triggers: NOTIFICATION_TRIGGERS.map((trigger) => ({
          value: trigger,
          text: TRIGGER_NAMES[trigger],
          checked: triggers.includes(trigger),
        })),
        addressTyped: Boolean(typed?.raw('url')),
        secretTyped: Boolean(typed?.raw('signingSecret')),
        errors: refused.errors,
        formKey: newFormKey(),
      },
      status,
    );
  }
}
