import { Body, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory, type User } from '@actionplans/auth';
import { AddUser } from '@actionplans/commands';
import type { Response } from 'express';
import { momentInWords } from '../page/dates';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { SessionStore } from '../session/session-store';
import { byAdmin, refusalOnForm, ROLE_CHOICES, roleOf, type Form } from './admin-forms';

/** What the user's page says after a change, by the `done` it is sent back with. */
const DONE: Record<string, (user: User) => string> = {
  added: (user) => `${user.name} has been added. Send them a link to sign in.`,
  role: (user) => `${user.name} is now ${user.role === 'admin' || user.role === 'auditor' ? 'an' : 'a'} ${user.role}.`,
  disabled: (user) => `${user.name} has been disabled and signed out everywhere.`,
  enabled: (user) => `${user.name} has been enabled. They can sign in again.`,
  'link-sent': (user) => `A sign-in link has been sent to ${user.email}.`,
};

/** The admin's users: who can sign in, in what role, and adding someone. */
@PageController('app/admin/users')
@SignedIn('admin')
export class UsersController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly users: UserDirectory,
    private readonly sessions: SessionStore,
  ) {}

  @Get()
  async list(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const signIns = await this.sessions.lastSignIns();
    const rows = this.users
      .list()
      .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name))
      .map((user) => {
        const at = signIns.get(user.userId);
        // The moment itself for sorting the column in the browser; the words for reading it.
        return { ...user, lastSignIn: at ? momentInWords(at) : null, lastSignInAt: at?.toISOString() ?? '' };
      });
    await this.pages.render(request, response, 'admin/users.njk', { pageTitle: 'Users', users: rows });
  }

  @Get('new')
  async adding(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    await this.showAdding(request, response, {}, []);
  }

  @Post()
  async add(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form, @CurrentUser() admin: User): Promise<void> {
    const name = (form.name ?? '').trim();
    const email = (form.email ?? '').trim();
    const role = roleOf(form.role);
    const errors = [...this.nameAndEmailErrors(name, email), ...(typeof role === 'string' ? [] : [role])];
    if (errors.length > 0 || typeof role !== 'string') return this.showAdding(request, response, form, errors);
    try {
      const added = await this.commands.execute(new AddUser({ name, email, role }, byAdmin(admin)));
      response.redirect(303, `/app/admin/users/${encodeURIComponent(added.userId)}?done=added`);
    } catch (error) {
      await this.showAdding(request, response, form, refusalOnForm(error, { name: 'Enter their name' }, 'name'));
    }
  }

  @Get(':userId')
  async show(@Req() request: PageRequest, @Res() response: Response, @Param('userId') userId: string, @Query('done') done?: string) {
    const user = this.users.get(userId);
    if (!user) throw new NotFoundException();
    const sessions = (await this.sessions.list(new Date())).filter((session) => session.userId === userId);
    const lastSignIn = (await this.sessions.lastSignIns()).get(userId);
    await this.pages.render(request, response, 'admin/user.njk', {
      pageTitle: `${user.name} – Users`,
      shown: user,
      done: done && DONE[done] ? DONE[done](user) : undefined,
      lastSignIn: lastSignIn ? momentInWords(lastSignIn) : null,
      sessions: sessions.length,
    });
  }

  private nameAndEmailErrors(name: string, email: string): FormError[] {
    const errors: FormError[] = [];
    if (!name) errors.push({ field: 'name', text: 'Enter their name' });
    else if (name.length > 200) errors.push({ field: 'name', text: 'Name must be 200 characters or fewer' });
    if (!email) errors.push({ field: 'email', text: 'Enter their email address' });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
      errors.push({ field: 'email', text: 'Enter an email address in the correct format, like name@example.com' });
    // Sign-in links go to the one user with an address: two users with it could not both sign in.
    else if (this.users.list().some((user) => user.email?.toLowerCase() === email.toLowerCase()))
      errors.push({ field: 'email', text: 'A user with this email address already exists' });
    return errors;
  }

  private showAdding(request: PageRequest, response: Response, form: Form, errors: FormError[]) {
    return this.pages.render(
      request,
      response,
      'admin/add-user.njk',
      { pageTitle: 'Add a user – Users', form, errors, roles: ROLE_CHOICES },
      errors.length > 0 ? 400 : 200,
    );
  }
}
