import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { addUser, issueApiToken, UserDirectory, type User } from '@actionplans/auth';
import { AddUserRequest, IssuedTokenResponse, UserResponse } from './user.request.dto';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { ReadYourWrites } from '../commands/read-your-writes';
import { problem, ProblemError } from '../http/problem';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly users: UserDirectory,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Adds a user and answers their personal API token, once. */
  @Post()
  @Roles('admin')
  @HttpCode(201)
  async add(@Body() body: AddUserRequest, @CurrentUser() admin: User): Promise<IssuedTokenResponse> {
    const issued = await addUser(this.store, body, { userId: admin.userId, role: admin.role });
    await this.readYourWrites.reach(issued.position);
    return { userId: issued.userId, token: issued.token, position: issued.position };
  }

  /** Replaces the user's token: the old one stops working at once. */
  @Post(':userId/token')
  @Roles('admin')
  @HttpCode(201)
  async reissue(@Param('userId') userId: string, @CurrentUser() admin: User): Promise<IssuedTokenResponse> {
    const issued = await issueApiToken(this.store, userId, { userId: admin.userId, role: admin.role });
    await this.readYourWrites.reach(issued.position);
    return { userId, token: issued.token, position: issued.position };
  }

  @Get()
  @Roles('admin', 'plan manager', 'auditor')
  list(): UserResponse[] {
    return this.users.list();
  }

  /** Who the token belongs to. */
  @Get('me')
  me(@CurrentUser() user: User): UserResponse {
    return user;
  }

  @Get(':userId')
  @Roles('admin', 'plan manager', 'auditor')
  get(@Param('userId') userId: string): UserResponse {
    const user = this.users.get(userId);
    if (!user) throw new ProblemError(problem(404, 'USER.NOT_FOUND', 'there is no such user'));
    return user;
  }
}
