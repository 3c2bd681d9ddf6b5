import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UserDirectory, type User } from '@actionplans/auth';
import { AddUser, IssueApiToken, type RequestContext } from '@actionplans/commands';
import { userAsShown } from '@actionplans/read-models';
import { AddUserRequest, IssuedTokenResponse, UserResponse } from './user.request.dto';
import { effectiveFrom } from '../commands/request-context';
import { CommandRequest } from '../http/effective.request.dto';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { problem, ProblemError } from '../http/problem';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly users: UserDirectory,
  ) {}

  /** Adds a user and answers their personal API token, once. */
  @Post()
  @Roles('admin')
  @HttpCode(201)
  async add(@Body() body: AddUserRequest, @CurrentUser() admin: User): Promise<IssuedTokenResponse> {
    const issued = await this.commands.execute(new AddUser(body, byAdmin(admin, body)));
    return { userId: issued.userId, token: issued.token, position: issued.position };
  }

  /** Replaces the user's token: the old one stops working at once. */
  @Post(':userId/token')
  @Roles('admin')
  @HttpCode(201)
  async reissue(@Param('userId') userId: string, @Body() body: CommandRequest, @CurrentUser() admin: User): Promise<IssuedTokenResponse> {
    const issued = await this.commands.execute(new IssueApiToken(userId, byAdmin(admin, body)));
    return { userId, token: issued.token, position: issued.position };
  }

  @Get()
  @Roles('admin', 'plan manager', 'auditor')
  list(@CurrentUser() reader: User): UserResponse[] {
    return this.users.list().map((user) => userAsShown(user, reader));
  }

  /** Who the token belongs to. */
  @Get('me')
  me(@CurrentUser() user: User): UserResponse {
    return user;
  }

  @Get(':userId')
  @Roles('admin', 'plan manager', 'auditor')
  get(@Param('userId') userId: string, @CurrentUser() reader: User): UserResponse {
    const user = this.users.get(userId);
    if (!user) throw new ProblemError(problem(404, 'USER.NOT_FOUND', 'there is no such user'));
    return userAsShown(user, reader);
  }
}

/**
 * A token is answered once and never stored, so these commands take no `Idempotency-Key` (a
 * replay could only answer a token that was never kept) and no `If-Match`.
 */
const byAdmin = (admin: User, body: CommandRequest): RequestContext => ({
  actor: { userId: admin.userId, role: admin.role },
  now: new Date().toISOString(),
  effective: effectiveFrom(body),
  waitForReaders: true,
});
