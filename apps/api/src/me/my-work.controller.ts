import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { User } from '@actionplans/auth';
import { MyWorkQuery } from '@actionplans/read-models';
import { CurrentUser } from '../auth/auth.decorators';
import { MyWorkResponse } from './my-work.response.dto';

/** What the signed-in user is asked to do: the home page of an owner, a panel member or a plan manager. */
@ApiTags('my work')
@ApiBearerAuth()
@Controller('me')
export class MyWorkController {
  constructor(private readonly query: MyWorkQuery) {}

  /**
   * The actions I own (lead or supporting), overdue first, then due soon, awaiting my update before a
   * meeting, and sent back by the panel with challenge points to answer; the panel meetings I sit on;
   * for plan managers, the target-date revisions waiting for my approval; what waits for me as a second
   * officer (sign-offs proposed by someone else, decisions entered from the minutes) and my own proposed
   * sign-offs still waiting; and the actions awaiting approval to close on the plans I manage.
   */
  @Get('work')
  @ApiOkResponse({ type: MyWorkResponse })
  work(@CurrentUser() user: User): Promise<MyWorkResponse> {
    return this.query.of(user, new Date().toISOString().slice(0, 10));
  }
}
