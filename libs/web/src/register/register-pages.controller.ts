import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { newId, OrganisationCommandMessage, PersonCommandMessage } from '@actionplans/commands';
import type { Response } from 'express';
import { formContext, newFormKey, type Form } from '../manage/form-context';
import { FormReader } from '../manage/form-reader';
import { sendForm } from '../manage/form-refusals';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { keepsRegister, RegisterReader } from './register-reader';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The register of people and organisations: the list with a search by name, each record's page, and adding one. */
@PageController('app/register')
@SignedIn('plan manager', 'admin', 'auditor')
export class RegisterPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: RegisterReader,
  ) {}

  @Get()
  async list(@Req() request: PageRequest, @Res() response: Response, @Query('search') search?: string): Promise<void> {
    const wanted = typeof search === 'string' ? search.trim().slice(0, 200) : '';
    await this.pages.render(request, response, 'register/register.njk', {
      pageTitle: wanted ? `“${wanted}” – People and organisations` : 'People and organisations',
      search: wanted,
      keeps: keepsRegister(request),
      ...this.reader.list(wanted),
    });
  }

  @Get('new')
  @SignedIn('plan manager', 'admin')
  async adding(@Req() request: PageRequest, @Res() response: Response, @Query('kind') kind?: string): Promise<void> {
    await this.showAdding(request, response, kind === 'organisation' ? 'organisation' : 'person', { formKey: newFormKey() }, []);
  }

  @Post('new')
  @SignedIn('plan manager', 'admin')
  async add(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form): Promise<void> {
    const read = new FormReader(form);
    const kind = read.raw('kind') === 'organisation' ? 'organisation' : 'person';
    const name = read.text('name', kind === 'person' ? 'Enter their name' : 'Enter its name', 200, 'The name');
    const email = read.optional('email', 254, 'The email address');
    if (email && !EMAIL.test(email)) read.fail('email', 'Enter an email address in the correct format, like name@example.com');
    const jobTitle = read.optional('jobTitle', 200, 'The job title');
    const organisationId = read.raw('organisationId') || null;
    if (!read.ok) return this.showAdding(request, response, kind, form, read.errors);
    const context = formContext(request, form);
    const id = newId(context, kind);
    const sent = await sendForm(
      () =>
        kind === 'organisation'
          ? this.commands.execute(new OrganisationCommandMessage(id, { type: 'RegisterOrganisation', organisationId: id, name }, context))
          : this.commands.execute(
              new PersonCommandMessage(
                id,
                { type: 'RegisterPerson', personId: id, details: { name, email, jobTitle, organisationId } },
                context,
              ),
            ),
      { 'REGISTER.UNKNOWN_ORGANISATION': 'organisationId' },
      'name',
    );
    if (!sent.sent) return this.showAdding(request, response, kind, form, sent.errors);
    response.redirect(303, `/app/register/${kind === 'person' ? 'people' : 'organisations'}/${id}?done=added`);
  }

  @Get('people/:personId')
  async person(@Req() request: PageRequest, @Res() response: Response, @Param('personId') personId: string): Promise<void> {
    const page = await this.reader.personPage(personId);
    // A merged record's address shows the one kept.
    if (page.person.personId !== personId) return response.redirect(303, `/app/register/people/${page.person.personId}`);
    await this.pages.render(request, response, 'register/person.njk', {
      pageTitle: `${page.person.name} – People and organisations`,
      ...page,
      keeps: keepsRegister(request),
      done: typeof request.query.done === 'string' ? request.query.done : undefined,
      form: { formKey: newFormKey() },
      errors: [],
    });
  }

  @Get('organisations/:organisationId')
  async organisation(@Req() request: PageRequest, @Res() response: Response, @Param('organisationId') organisationId: string) {
    const page = await this.reader.organisationPage(organisationId);
    await this.pages.render(request, response, 'register/organisation.njk', {
      pageTitle: `${page.organisation.name} – People and organisations`,
      ...page,
      keeps: keepsRegister(request),
      done: typeof request.query.done === 'string' ? request.query.done : undefined,
      form: { formKey: newFormKey() },
      errors: [],
    });
  }

  private showAdding(request: PageRequest, response: Response, kind: 'person' | 'organisation', form: Form, errors: FormError[]) {
    return this.pages.render(
      request,
      response,
      'register/add.njk',
      {
        pageTitle: `Add ${kind === 'person' ? 'a person' : 'an organisation'} – People and organisations`,
        kind,
        form,
        errors,
        organisations: this.reader.list('').organisations,
      },
      errors.length > 0 ? (errors.some((error) => error.field === 'organisationId') ? 422 : 400) : 200,
    );
  }
}
