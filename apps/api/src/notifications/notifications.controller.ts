import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { newId, NotificationChannelCommandMessage } from '@actionplans/commands';
import { Notifications } from '@actionplans/notifications';
import { StreamReader } from '@actionplans/read-models';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { ReasonRequest } from '../http/common.request.dto';
import { problem, ProblemError } from '../http/problem';
import {
  AddNotificationChannelRequest,
  ChangeNotificationChannelRequest,
  DeliveriesQuery,
  SendTestMessageRequest,
} from './notification.request.dto';
import { DeliveryResponse, NotificationChannelResponse, TestMessageResponse } from './notification.response.dto';

/**
 * A plan's notification channels (Teams, Slack, outbound webhooks), set by plan managers and
 * admins; the delivery log, which auditors may read too. No answer ever holds a whole address or a secret.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('plans/:planId')
export class NotificationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly notifications: Notifications,
    private readonly reader: StreamReader,
  ) {}

  /** Adds a channel: its address (and a webhook's signing secret) are sealed before they are stored. */
  @Post('notification-channels')
  @ApiCreatedResponse({ type: CommandResponse })
  async add(
    @Param('planId') planId: string,
    @Body() body: AddNotificationChannelRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const channelId = newId(context, 'notification-channel');
    const { kind, name, url, triggers, signingSecret } = body;
    const command = { type: 'AddNotificationChannel' as const, planId, channelId, kind, name, url, triggers, signingSecret };
    const outcome = await this.commands.execute(new NotificationChannelCommandMessage(planId, command, context));
    return reply(response, outcome, `/plans/${planId}/notification-channels`, channelId);
  }

  /** The plan's channels, each address masked. */
  @Get('notification-channels')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: [NotificationChannelResponse] })
  async list(@Param('planId') planId: string): Promise<NotificationChannelResponse[]> {
    await this.planMustExist(planId);
    return this.notifications.channels(planId);
  }

  /** Changes a channel's name, address, triggers or secret. */
  @Put('notification-channels/:channelId')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResponse })
  async change(
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
    @Body() body: ChangeNotificationChannelRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const { name, url, triggers, signingSecret, reason } = body;
    const command = { type: 'ChangeNotificationChannel' as const, channelId, name, url, triggers, signingSecret, reason };
    return reply(response, await this.commands.execute(new NotificationChannelCommandMessage(planId, command, context)));
  }

  /** Removes a channel; deliveries still pending to it end as failed. */
  @Post('notification-channels/:channelId/removal')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResponse })
  async remove(
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const command = { type: 'RemoveNotificationChannel' as const, channelId, reason: body.reason };
    return reply(response, await this.commands.execute(new NotificationChannelCommandMessage(planId, command, context)));
  }

  /** Sends the channel a test message now, and answers how its first attempt went (it is in the delivery log too). */
  @Post('notification-channels/:channelId/test')
  @HttpCode(200)
  @Roles('admin', 'plan manager')
  @ApiOkResponse({ type: TestMessageResponse })
  async test(
    @Param('planId') planId: string,
    @Param('channelId') channelId: string,
    @Body() _body: SendTestMessageRequest,
    // Read for its checks alone (a malformed Idempotency-Key is refused as on every command).
    @Ctx() _context: RequestContext,
  ): Promise<TestMessageResponse> {
    await this.planMustExist(planId);
    if (!this.notifications.sender)
      throw new ProblemError(problem(422, 'NOTIFY.NOT_CONFIGURED', 'notifications need NOTIFY_SECRET_KEY set to be sent'));
    const tested = await this.notifications.test(planId, channelId);
    if (!tested) throw new ProblemError(problem(404, 'NOTIFY.NOT_FOUND', `the plan has no notification channel ${channelId}`));
    const attempt = tested.sent.attempt!;
    return {
      deliveryId: tested.deliveryId,
      outcome: attempt.outcome,
      statusCode: attempt.statusCode,
      durationMs: attempt.durationMs,
      error: attempt.error,
    };
  }

  /** The delivery log of the plan's notifications, newest first, each with every attempt. */
  @Get('notification-deliveries')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: [DeliveryResponse] })
  async deliveries(@Param('planId') planId: string, @Query() query: DeliveriesQuery): Promise<DeliveryResponse[]> {
    await this.planMustExist(planId);
    const deliveries = await this.notifications.deliveries(planId, { status: query.status, channelId: query.channelId });
    return deliveries.map(
      ({ notice, event: _event, planId: _plan, eventKey: _key, lastError: _error, updatedAt: _updated, ...delivery }) => ({
        ...delivery,
        title: notice.title,
      }),
    );
  }

  private async planMustExist(planId: string): Promise<void> {
    if ((await this.reader.plan(planId)).state.stage === 'none')
      throw new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));
  }
}
