import { Body, Controller, Get, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { newId, OrganisationCommandMessage, PersonCommandMessage, ReassignLeaver, type LeaverOutcome } from '@actionplans/commands';
import { PeopleRegister } from '@actionplans/read-models';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import {
  ChangePersonDetailsRequest,
  MergePersonRequest,
  OrganisationContactRequest,
  PersonLeavingRequest,
  RegisterOrganisationRequest,
  RegisterPersonRequest,
  RenameOrganisationRequest,
} from './register.request.dto';
import { LeaverResponse, OrganisationResponse, PersonResponse } from './register.response.dto';

const notFound = (what: string) => new ProblemError(problem(404, 'REGISTER.NOT_FOUND', `there is no such ${what} in the register`));

/**
 * The register of people and organisations who own actions: no user account needed. Plan
 * managers and admins keep it; they and auditors read it (it holds email addresses).
 */
@ApiTags('register')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the record has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('register')
export class RegisterController {
  constructor(
    private readonly commands: CommandBus,
    private readonly register: PeopleRegister,
  ) {}

  @Post('organisations')
  @Roles('admin', 'plan manager')
  @ApiCreatedResponse({ type: CommandResponse })
  async registerOrganisation(
    @Body() body: RegisterOrganisationRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const organisationId = newId(context, 'organisation');
    const command = { type: 'RegisterOrganisation' as const, organisationId, name: body.name };
    const outcome = await this.commands.execute(new OrganisationCommandMessage(organisationId, command, context));
    return reply(response, outcome, `/register/organisations/${organisationId}`);
  }

  /** Renames it from `effective.at` (today if left out), keeping its earlier names. */
  @Post('organisations/:organisationId/renaming')
  @Roles('admin', 'plan manager')
  @ApiCreatedResponse({ type: CommandResponse })
  async rename(
    @Param('organisationId') organisationId: string,
    @Body() body: RenameOrganisationRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const command = { type: 'RenameOrganisation' as const, name: body.name, reason: body.reason };
    return reply(response, await this.commands.execute(new OrganisationCommandMessage(organisationId, command, context)));
  }

  /** Sets where its reminders go from now on, keeping the earlier contact in its history. */
  @Put('organisations/:organisationId/contact')
  @Roles('admin', 'plan manager')
  @ApiOkResponse({ type: CommandResponse })
  async setContact(
    @Param('organisationId') organisationId: string,
    @Body() body: OrganisationContactRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const command = {
      type: 'SetOrganisationContact' as const,
      contact: { email: body.email, personId: body.personId },
      reason: body.reason,
    };
    return reply(response, await this.commands.execute(new OrganisationCommandMessage(organisationId, command, context)));
  }

  @Get('organisations')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: [OrganisationResponse] })
  organisations(): OrganisationResponse[] {
    return this.register.listOrganisations();
  }

  @Get('organisations/:organisationId')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: OrganisationResponse })
  organisation(@Param('organisationId') organisationId: string): OrganisationResponse {
    const found = this.register.organisationOf(organisationId);
    if (!found) throw notFound('organisation');
    return found;
  }

  @Post('people')
  @Roles('admin', 'plan manager')
  @ApiCreatedResponse({ type: CommandResponse })
  async registerPerson(
    @Body() body: RegisterPersonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const personId = newId(context, 'person');
    const details = {
      name: body.name,
      email: body.email ?? null,
      jobTitle: body.jobTitle ?? null,
      organisationId: body.organisationId ?? null,
    };
    const outcome = await this.commands.execute(new PersonCommandMessage(personId, { type: 'RegisterPerson', personId, details }, context));
    return reply(response, outcome, `/register/people/${personId}`);
  }

  @Put('people/:personId')
  @Roles('admin', 'plan manager')
  @ApiOkResponse({ type: CommandResponse })
  async changeDetails(
    @Param('personId') personId: string,
    @Body() body: ChangePersonDetailsRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const { name, email, jobTitle, organisationId, reason } = body;
    const command = { type: 'ChangePersonDetails' as const, details: { name, email, jobTitle, organisationId }, reason };
    return reply(response, await this.commands.execute(new PersonCommandMessage(personId, command, context)));
  }

  /**
   * Closes this record as a second one of the person `into`: both histories show under `into`. Asked
   * again after only the first half was stored, it stores the second; into another record, 422 `REGISTER.MERGED`.
   */
  @Post('people/:personId/merge')
  @Roles('admin', 'plan manager')
  @ApiCreatedResponse({ type: CommandResponse })
  async merge(
    @Param('personId') personId: string,
    @Body() body: MergePersonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CommandResponse> {
    const command = { type: 'MergePersonInto' as const, personId: body.into, reason: body.reason };
    return reply(response, await this.commands.execute(new PersonCommandMessage(personId, command, context)));
  }

  /**
   * The person left: recorded on their record, and each of their open actions moves to `successor`
   * with the reason, recorded on that action. Actions whose own rules refuse the change are listed.
   * Asked again with the same successor it moves what they still own (409 `REGISTER.ALREADY_LEFT_TO_ANOTHER`
   * for another successor).
   */
  @Post('people/:personId/leaving')
  @Roles('admin', 'plan manager')
  @ApiCreatedResponse({ type: LeaverResponse })
  async leaving(
    @Param('personId') personId: string,
    @Body() body: PersonLeavingRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeaverResponse> {
    const outcome: LeaverOutcome = await this.commands.execute(new ReassignLeaver(personId, body.successor, body.reason, context));
    return { ...reply(response, outcome), moved: outcome.moved, alreadyMoved: outcome.alreadyMoved, refused: outcome.refused };
  }

  @Get('people')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: [PersonResponse] })
  people(): PersonResponse[] {
    return this.register.listPeople();
  }

  /** The person a record means (a merged record answers the one kept), with every merged record's history. */
  @Get('people/:personId')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: PersonResponse })
  person(@Param('personId') personId: string): PersonResponse {
    const found = this.register.personOf(personId);
    if (!found) throw notFound('person');
    return found;
  }
}
