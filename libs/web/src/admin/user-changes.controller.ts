import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory, type User } from '@actionplans/auth';
import { IssueApiToken, UserCommandMessage } from '@actionplans/commands';
import type { Response } from 'express';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { SessionStore } from '../session/session-store';
import { SignInRequests } from '../sign-in/sign-in-requests';
import { byAdmin, refusalOnForm, ROLE_CHOICES, roleOf, type Form } from './admin-forms';

type Access = 'disable' | 'enable';
const REASON = { reason: 'Enter why' };

/**
 * What an admin changes about one user: their role, whether they may sign in, a new sign-in link
 * or API token. Each is the command the API and the command line send, with the admin as actor.
 */
@PageController('app/admin/users/:userId')
@SignedIn('admin')
export class UserChangesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly users: UserDirectory,
    private readonly sessions: SessionStore,
    private readonly signInLinks: SignInRequests,
  ) {}

  @Get('role')
  async choosingRole(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string): Promise<void> {
    const user = this.userOf(userId);
    await this.showRole(request, response, user, { role: user.role }, []);
  }

  @Post('role')
  async changeRole(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string, @Body() form: Form) {
    const user = this.userOf(userId);
    const role = roleOf(form.role);
    const reason = (form.reason ?? '').trim();
    if (typeof role !== 'string') return this.showRole(request, response, user, form, [role]);
    const refused = await this.send(new UserCommandMessage(userId, { type: 'ChangeUserRole', role, reason }, byAdmin(request.user!)));
    if (refused) return this.showRole(request, response, user, form, refused);
    response.redirect(303, `/app/admin/users/${encodeURIComponent(userId)}?done=role`);
  }

  @Get('disable')
  disabling(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string): Promise<void> {
    return this.showAccess(request, response, this.userOf(userId), 'disable', {}, []);
  }

  @Get('enable')
  enabling(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string): Promise<void> {
    return this.showAccess(request, response, this.userOf(userId), 'enable', {}, []);
  }

  @Post('disable')
  disable(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string, @Body() form: Form) {
    return this.changeAccess(request, response, userId, 'disable', form);
  }

  @Post('enable')
  enable(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string, @Body() form: Form) {
    return this.changeAccess(request, response, userId, 'enable', form);
  }

  @Post('sign-in-link')
  async sendLink(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string): Promise<void> {
    const user = this.userOf(userId);
    const sent = user.disabled ? 'disabled' : await this.signInLinks.send(user, null);
    if (sent === 'sent') return response.redirect(303, `/app/admin/users/${encodeURIComponent(userId)}?done=link-sent`);
    await this.pages.render(
      request,
      response,
      'admin/link-not-sent.njk',
      { pageTitle: `No sign-in link sent – ${user.name}`, shown: user, why: sent },
      422,
    );
  }

  /** The new token is shown on this one page, never again: only its hash is kept. */
  @Post('token')
  async issueToken(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string, @CurrentUser() admin: User) {
    const user = this.userOf(userId);
    const issued = await this.commands.execute(new IssueApiToken(userId, byAdmin(admin)));
    await this.pages.render(request, response, 'admin/token.njk', {
      pageTitle: `New API token – ${user.name}`,
      shown: user,
      token: issued.token,
    });
  }

  private async changeAccess(request: PageRequest, response: Response, userId: string, access: Access, form: Form): Promise<void> {
    const user = this.userOf(userId);
    const reason = (form.reason ?? '').trim();
    const type = access === 'disable' ? 'DisableUser' : 'EnableUser';
    const refused = await this.send(new UserCommandMessage(userId, { type, reason }, byAdmin(request.user!)));
    if (refused) return this.showAccess(request, response, user, access, form, refused);
    // A disabled user's pages already refuse them; ending their sessions now also frees the rows.
    if (access === 'disable') await this.sessions.endSessions(userId);
    response.redirect(303, `/app/admin/users/${encodeURIComponent(userId)}?done=${access}d`);
  }

  private userOf(userId: string): User {
    const user = this.users.get(userId);
    if (!user) throw new NotFoundException();
    return user;
  }

  /** Sends a user command; a refused rule comes back as the form's errors. */
  private async send(command: UserCommandMessage): Promise<FormError[] | null> {
    try {
      await this.commands.execute(command);
      return null;
    } catch (error) {
      return refusalOnForm(error, REASON, 'reason');
    }
  }

  private showRole(request: PageRequest, response: Response, user: User, form: Form, errors: FormError[]) {
    const status = errors.length > 0 ? 422 : 200;
    const context = { pageTitle: `Change role – ${user.name}`, shown: user, form, errors, roles: ROLE_CHOICES };
    return this.pages.render(request, response, 'admin/change-role.njk', context, status);
  }

  private showAccess(request: PageRequest, response: Response, user: User, access: Access, form: Form, errors: FormError[]) {
    const title = `${access === 'disable' ? 'Disable' : 'Enable'} ${user.name}`;
    const context = { pageTitle: `${title} – Users`, title, access, shown: user, form, errors };
    return this.pages.render(request, response, 'admin/user-access.njk', context, errors.length > 0 ? 422 : 200);
  }
}
