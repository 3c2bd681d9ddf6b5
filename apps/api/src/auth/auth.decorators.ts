import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role, User } from '@actionplans/auth';

export const PUBLIC = 'actionplans:public';
export const ROLES_ALLOWED = 'actionplans:roles';
export const CHANGES_NOTHING = 'actionplans:changes-nothing';

/** Reachable without a token (health, API documentation). */
export const Public = () => SetMetadata(PUBLIC, true);

/** A POST that only reads (checking a copy against the record): read-only roles may send it. */
export const ChangesNothing = () => SetMetadata(CHANGES_NOTHING, true);

/** Only these roles may call the route; others get 403 before anything is read or decided. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_ALLOWED, roles);

/** The authenticated user making the request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): User => context.switchToHttp().getRequest<{ user: User }>().user,
);
