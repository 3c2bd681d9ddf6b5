import { Inject, Injectable, Logger } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import { LiveIndex } from '@actionplans/read-models';
import type { Mailer } from '@actionplans/reminders';
import { WEB_SETTINGS, type WebSettings } from '../web-settings';
import { signInMail } from './sign-in-mail';
import { LINKS_PER_PERSON, SignInLinks } from './sign-in-links';

export const SIGN_IN_MAILER = Symbol('SIGN_IN_MAILER');

/** Requests from one address in a window beyond this are refused outright (with the same words whatever the address). */
const REQUESTS_PER_ADDRESS = 10;
const WINDOW_MS = 15 * 60_000;

/**
 * Someone asks for a sign-in link by email address. A link goes only to a known, enabled user, and
 * the answer is the same either way, so the form tells nobody who has an account. Asking is rate
 * limited per person (silently: their mailbox is not flooded) and per network address (openly).
 */
@Injectable()
export class SignInRequests {
  private readonly logger = new Logger('sign-in');
  private readonly byAddress = new Map<string, number[]>();

  constructor(
    private readonly links: SignInLinks,
    private readonly users: UserDirectory,
    private readonly index: LiveIndex,
    @Inject(SIGN_IN_MAILER) private readonly mailer: Mailer,
    @Inject(WEB_SETTINGS) private readonly settings: WebSettings,
  ) {}

  /** False when this address has asked too often; otherwise the request was handled (a link sent, or not). */
  async request(email: string, returnTo: string | null, address: string, now = new Date()): Promise<boolean> {
    if (!this.allow(address, now.getTime())) return false;
    const user = await this.enabledUserWith(email);
    if (user) await this.send(user, returnTo, now);
    return true;
  }

  /**
   * Mails a user a new link (also how an admin sends one): not to a user with no address, and not
   * beyond the per-person limit. Says which.
   */
  async send(user: User, returnTo: string | null, now = new Date()): Promise<'sent' | 'no email' | 'too many'> {
    if (!user.email) return 'no email';
    if ((await this.links.recentFor(user.userId, now)) >= LINKS_PER_PERSON) {
      this.logger.warn(`sign-in link for user ${user.userId} not sent: ${LINKS_PER_PERSON} already asked for in 15 minutes`);
      return 'too many';
    }
    await this.links.purge(now);
    const link = await this.links.issue(user.userId, returnTo, now);
    await this.mailer.send(signInMail(user.email, user.name, link, this.settings.councilName));
    return 'sent';
  }

  private async enabledUserWith(email: string) {
    const wanted = email.trim().toLowerCase();
    const find = () => this.users.list().find((user) => !user.disabled && user.email?.toLowerCase() === wanted);
    // A user added a moment ago (by `actionplans users add`) may not have reached this process yet.
    return find() ?? ((await this.index.catchUpToHead(2_000)) ? find() : undefined);
  }

  private allow(address: string, at: number): boolean {
    const recent = (this.byAddress.get(address) ?? []).filter((time) => time > at - WINDOW_MS);
    if (this.byAddress.size > 10_000) this.byAddress.clear();
    if (recent.length >= REQUESTS_PER_ADDRESS) return false;
    this.byAddress.set(address, [...recent, at]);
    return true;
  }
}
