/** The roles a user can hold; each request acts in its user's role. */
export const ROLES = ['admin', 'plan manager', 'action owner', 'panel member', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that may read but never change anything. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor', 'viewer'];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
