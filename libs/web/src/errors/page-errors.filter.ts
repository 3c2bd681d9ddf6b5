import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { PageRequest } from '../page/page-request';
import { ErrorPages } from './error-pages';

/** Bound to every `@PageController`: whatever a page route throws is answered as a page. */
@Catch()
@Injectable()
export class PageErrorsFilter implements ExceptionFilter {
  constructor(private readonly pages: ErrorPages) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    await this.pages.answer(error, http.getRequest<PageRequest>(), http.getResponse<Response>());
  }
}
