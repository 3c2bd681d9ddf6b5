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
import { FILE_FORM, SIGNED_IN, WEB_PAGE, type FileFormSpec } from './page-metadata';
import { PageGuard } from './page.guard';

/**
 * A controller of pages: its routes read the session cookie (never a bearer token), check the CSRF
 * token of every form sent, and answer errors as pages in the layout instead of problem documents.
 * They are not part of the API, so they are left out of its OpenAPI document.
 */
export const PageController = (path = '') =>
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
 * The route's form sends one file (`enctype="multipart/form-data"`): the page guard reads it into
 * memory (`request.file`) with the form's fields, so its CSRF token is checked like any other form's.
 */
export const FileForm = (field: string, maxBytes: number) => SetMetadata(FILE_FORM, { field, maxBytes } satisfies FileFormSpec);
