import { Body, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrganisationCommandMessage, PersonCommandMessage, ReassignLeaver, type LeaverOutcome } from '@actionplans/commands';
import type { Response } from 'express';
import { formContext, readWhen, type Form } from '../manage/form-context';
import { FormReader } from '../manage/form-reader';
import { sendForm } from '../manage/form-refusals';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { RegisterReader } from './register-reader';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The register's changes, each a form on its record's page: an organisation renamed or given a
 * contact, a person who left (their open actions to a successor) or merged into another record.
 * A refused form comes back on the record's page, beside its field.
 */
@PageController('app/register')
@SignedIn('plan manager', 'admin')
export class RegisterChangesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: RegisterReader,
  ) {}

  @Post('organisations/:organisationId/renaming')
  async rename(@Req() request: PageRequest, @Res() response: Response, @Param('organisationId') id: string, @Body() form: Form) {
    const read = new FormReader(form);
    const name = read.text('name', 'Enter its new name', 200, 'The name');
    const reason = read.text('renameReason', 'Enter why it was renamed', 500, 'The reason');
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.organisationAgain(request, response, id, form, read.errors, 400);
    const body = { type: 'RenameOrganisation' as const, name, reason };
    const sent = await sendForm(
      () => this.commands.execute(new OrganisationCommandMessage(id, body, formContext(request, form, effective))),
      { 'REGISTER.ALREADY_THAT_NAME': 'name' },
      'renameReason',
    );
    if (!sent.sent) return this.organisationAgain(request, response, id, form, sent.errors, 422);
    response.redirect(303, `/app/register/organisations/${id}?done=renamed`);
  }

  @Post('organisations/:organisationId/contact')
  async contact(@Req() request: PageRequest, @Res() response: Response, @Param('organisationId') id: string, @Body() form: Form) {
    const read = new FormReader(form);
    const email = read.optional('contactEmail', 254, 'The email address');
    if (email && !EMAIL.test(email)) read.fail('contactEmail', 'Enter an email address in the correct format, like name@example.com');
    const personId = read.raw('contactPersonId') || null;
    const reason = read.text('contactReason', 'Enter why the contact changes', 500, 'The reason');
    if (!read.ok) return this.organisationAgain(request, response, id, form, read.errors, 400);
    const body = { type: 'SetOrganisationContact' as const, contact: { email, personId }, reason };
    const sent = await sendForm(
      () => this.commands.execute(new OrganisationCommandMessage(id, body, formContext(request, form))),
      { 'REGISTER.UNKNOWN_CONTACT_PERSON': 'contactPersonId', 'REGISTER.ALREADY_THAT_CONTACT': 'contactEmail' },
      'contactReason',
    );
    if (!sent.sent) return this.organisationAgain(request, response, id, form, sent.errors, 422);
    response.redirect(303, `/app/register/organisations/${id}?done=contact`);
  }

  @Post('people/:personId/leaving')
  async leaving(@Req() request: PageRequest, @Res() response: Response, @Param('personId') id: string, @Body() form: Form) {
    const read = new FormReader(form);
    const successor = read.raw('successor');
    if (!successor) read.fail('successor', 'Choose who takes over their open actions');
    const reason = read.text('leavingReason', 'Enter why they left: each moved action’s history says it', 500, 'The reason');
    if (!read.ok) return this.personAgain(request, response, id, form, read.errors, 400);
    let outcome: LeaverOutcome | undefined;
    const sent = await sendForm(
      async () => (outcome = await this.commands.execute(new ReassignLeaver(id, successor, reason, formContext(request, form)))),
      { 'REGISTER.UNKNOWN_SUCCESSOR': 'successor', 'REGISTER.SAME_PERSON': 'successor', 'REGISTER.ALREADY_LEFT_TO_ANOTHER': 'successor' },
      'leavingReason',
    );
    if (!sent.sent) return this.personAgain(request, response, id, form, sent.errors, 422);
    const refused = outcome?.refused.length ?? 0;
    response.redirect(303, `/app/register/people/${id}?done=${refused > 0 ? `left-refused-${refused}` : 'left'}`);
  }

  @Post('people/:personId/merge')
  async merge(@Req() request: PageRequest, @Res() response: Response, @Param('personId') id: string, @Body() form: Form) {
    const read = new FormReader(form);
    const into = read.raw('into');
    if (!into) read.fail('into', 'Choose the record to keep');
    const reason = read.text('mergeReason', 'Enter why these are the same person', 500, 'The reason');
    if (!read.ok) return this.personAgain(request, response, id, form, read.errors, 400);
    const body = { type: 'MergePersonInto' as const, personId: into, reason };
    const sent = await sendForm(
      () => this.commands.execute(new PersonCommandMessage(id, body, formContext(request, form))),
      { 'REGISTER.UNKNOWN_PERSON': 'into', 'REGISTER.SAME_PERSON': 'into', 'REGISTER.MERGED': 'into' },
      'mergeReason',
    );
    if (!sent.sent) return this.personAgain(request, response, id, form, sent.errors, 422);
    response.redirect(303, `/app/register/people/${into}?done=merged`);
  }

  private async organisationAgain(request: PageRequest, response: Response, id: string, form: Form, errors: FormError[], status: number) {
    const page = await this.reader.organisationPage(id);
    await this.pages.render(
      request,
      response,
      'register/organisation.njk',
      { pageTitle: `${page.organisation.name} – People and organisations`, ...page, keeps: true, form, errors },
      status,
    );
  }

  private async personAgain(request: PageRequest, response: Response, id: string, form: Form, errors: FormError[], status: number) {
    const page = await this.reader.personPage(id);
    await this.pages.render(
      request,
      response,
      'register/person.njk',
      { pageTitle: `${page.person.name} – People and organisations`, ...page, keeps: true, form, errors },
      status,
    );
  }
}
