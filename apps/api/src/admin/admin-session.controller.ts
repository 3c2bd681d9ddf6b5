import { Controller, Delete, HttpCode, Optional, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { User } from '@actionplans/auth';
import { Sessions, type PageRequest } from '@actionplans/web';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { problem, ProblemError } from '../http/problem';

/**
 * Browsers cannot send a bearer header: an admin holding a token opens a server-side session (the
 * pages' own) for this browser, which the queues dashboard accepts, and can end it again. An admin
 * signed in to the pages needs neither: their session already opens the dashboard.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminSessionController {
  constructor(@Optional() private readonly sessions?: Sessions) {}

  /**
   * Signs this browser in with a new server-side session: the cookie holds only the session's id
   * (HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https or a trusted proxy says https), never
   * the token. It opens `/admin/queues` and the pages; an admin ends it on the sessions page or here.
   */
  @Post('session')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed in: the session cookie is set.' })
  async open(@Req() request: Request & { user: User }, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.pagesSessions().signIn(request as PageRequest, response, request.user);
  }

  /** Signs this browser out: ends the session its cookie names (if it is the caller's) and clears the cookie. */
  @Delete('session')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out: the session has ended and the cookie is cleared.' })
  async close(@Req() request: Request & { user: User }, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.pagesSessions().signOutOf(request, response, request.user);
  }

  private pagesSessions(): Sessions {
    if (!this.sessions) throw new ProblemError(problem(404, 'REQUEST.NOT_FOUND', 'this engine serves no pages, so it keeps no sessions'));
    return this.sessions;
  }
}
