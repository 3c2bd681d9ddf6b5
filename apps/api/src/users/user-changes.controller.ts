import { Body, Controller, Optional, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UserCommandMessage, type CommandOutcome } from '@actionplans/commands';
import { SessionStore } from '@actionplans/web';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { ChangeUserEmailRequest, ChangeUserRoleRequest, SignedOutResponse, UserChangeRequest } from './user.request.dto';

/**
 * What an admin changes about a user: the same commands the admin pages and the command line
 * send. Browser sessions are not events, so ending them is done here after the command is
 * recorded; the recorded `UserSessionsEnded` is what revokes the API token and shows in history.
 */
@ApiTags('users')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the user has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('users')
export class UserChangesController {
  constructor(
    private readonly commands: CommandBus,
    // Present only when this process serves the pages: there are no browser sessions otherwise.
    @Optional() private readonly sessions?: SessionStore,
  ) {}

  /** Stops a user signing in or using their token; their browser sessions end at once. */
  @Post(':userId/disable')
  @Roles('admin')
  @ApiCreatedResponse({ type: CommandResponse })
  async disable(
    @Param('userId') userId: string,
    @Body() body: UserChangeRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const outcome = await this.send(userId, { type: 'DisableUser', reason: body.reason }, context);
    await this.sessions?.endSessions(userId);
    return reply(response, outcome);
  }

  /** Lets a disabled user sign in again; their old token works again. */
  @Post(':userId/enable')
  @Roles('admin')
  @ApiCreatedResponse({ type: CommandResponse })
  async enable(
    @Param('userId') userId: string,
    @Body() body: UserChangeRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    return reply(response, await this.send(userId, { type: 'EnableUser', reason: body.reason }, context));
  }

  @Put(':userId/role')
  @Roles('admin')
  @ApiOkResponse({ type: CommandResponse })
  async changeRole(
    @Param('userId') userId: string,
    @Body() body: ChangeUserRoleRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    return reply(response, await this.send(userId, { type: 'ChangeUserRole', role: body.role, reason: body.reason }, context));
  }

  /** Where the user's reminders go. */
  @Put(':userId/email')
  @Roles('admin')
  @ApiOkResponse({ type: CommandResponse })
  async changeEmail(
    @Param('userId') userId: string,
    @Body() body: ChangeUserEmailRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    return reply(response, await this.send(userId, { type: 'ChangeUserEmail', email: body.email, reason: body.reason }, context));
  }

  /**
   * Signs a user out everywhere: their browser sessions end and their API token stops working
   * until an admin issues a new one (`POST /users/{userId}/token`). The user stays enabled.
   */
  @Post(':userId/sign-out')
  @Roles('admin')
  @ApiCreatedResponse({ type: SignedOutResponse })
  async signOut(
    @Param('userId') userId: string,
    @Body() body: UserChangeRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedOutResponse> {
    const outcome = await this.send(userId, { type: 'EndUserSessions', reason: body.reason }, context);
    const sessionsEnded = (await this.sessions?.endSessions(userId)) ?? 0;
    return { ...reply(response, outcome), sessionsEnded };
  }

  private send(userId: string, body: UserCommandMessage['body'], context: RequestContext): Promise<CommandOutcome> {
    return this.commands.execute(new UserCommandMessage(userId, body, context));
  }
}
