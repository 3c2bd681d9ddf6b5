import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bearerToken } from '@actionplans/auth';
import { Roles } from '../auth/auth.decorators';
import { BOARD_ROUTE, SESSION_COOKIE } from './queues-board';

/** Browsers cannot send a bearer header to a page: an admin exchanges it for a cookie the queues dashboard accepts. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminSessionController {
  /** Sets an HttpOnly cookie for `/admin/queues` (the reminder queues' dashboard) in this browser. */
  @Post('session')
  @Roles('admin')
  @HttpCode(204)
  open(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    const token = bearerToken(request.headers.authorization)!;
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: BOARD_ROUTE,
      secure: request.secure,
      maxAge: 8 * 3_600_000,
    });
  }
}
