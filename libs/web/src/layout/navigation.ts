import type { Role, User } from '@actionplans/auth';

/** One link in the service navigation under the header. */
export interface NavigationLink {
  text: string;
  href: string;
  /** Shown only to these roles; left out, to everyone signed in. */
  roles?: readonly Role[];
}

/**
 * The service navigation, in order. A page group adds its entry here (My work, Plans, Panels,
 * Admin…); the entry is marked current on its own path and the paths below it.
 */
export const NAVIGATION: NavigationLink[] = [
  { text: 'My work', href: '/' },
  { text: 'Plans', href: '/app/plans' },
  { text: 'Panels', href: '/app/panels' },
  { text: 'New plan', href: '/app/plans/new', roles: ['plan manager', 'admin'] },
  { text: 'People and organisations', href: '/app/register', roles: ['plan manager', 'admin', 'auditor'] },
  { text: 'Audit', href: '/app/audit', roles: ['auditor', 'admin', 'plan manager'] },
  { text: 'Users', href: '/app/admin/users', roles: ['admin'] },
  { text: 'Sessions', href: '/app/admin/sessions', roles: ['admin'] },
  { text: 'Your account', href: '/account' },
];

/** The links a user sees, in the shape govukServiceNavigation takes; none before signing in. */
export function navigationFor(user: User | undefined, path: string) {
  if (!user) return [];
  return NAVIGATION.filter((link) => !link.roles || link.roles.includes(user.role)).map((link) => ({
    text: link.text,
    href: link.href,
    active: link.href === '/' ? path === '/' : path === link.href || path.startsWith(`${link.href}/`),
  }));
}
