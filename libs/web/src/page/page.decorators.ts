import {
  applyDecorators,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Role, User } from '@actionplans/auth';
import { PageErrorsFilter } from '../errors/page-errors.filter';
import { FILE_FIELD, SIGNED_IN, WEB_PAGE } from './page-metadata';
import { PageGuard } from './page.guard';

/**
 * A controller of pages: its routes read the session cookie (never a bearer token), check the CSRF
 * token of every form sent, and answer errors as pages in the layout instead of problem documents.
 * They are not part of the API, so they are left out of its OpenAPI document.
 */
export const PageController = (path = '') =>
  // Pages are not the API: they stay out of its OpenAPI document.
  applyDecorators(
    Controller(path),
    ApiExcludeController(),
    SetMetadata(WEB_PAGE, true),
    UseGuards(PageGuard),
    UseFilters(PageErrorsFilter),
  );

/**
 * Only for someone signed in, in one of `roles` if any are named. Others are sent to sign in and
 * brought back; a signed-in user in another role gets the 403 page. Read-only roles (auditor,
 * viewer) cannot send forms to these routes.
 */
export const SignedIn = (...roles: Role[]) => SetMetadata(SIGNED_IN, roles);

/** The signed-in user of a `@SignedIn()` page. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<{ user: User }>().user,
);

/**
 * The route's form is sent as multipart with one file in `field`, read into memory (up to
 * `maxBytes`) before the CSRF check, so the form's other fields, `_csrf` among them, are read too.
 * The file is `uploadedFile(request)`; one too large is left out and marked `tooLarge`.
 */
export const FormWithFile = (field: string, maxBytes: number) => SetMetadata(FILE_FIELD, { field, maxBytes });
