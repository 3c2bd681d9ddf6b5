import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UserDirectory, type User } from '@actionplans/auth';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import { PlanAudit, PlanIndex, restrictedReads, RestrictedEvidenceIndex } from '@actionplans/read-models';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { problem, ProblemError } from '../http/problem';
import { PlanVerificationResponse, RestrictedReadsResponse } from './plan-audit.response.dto';

const notFound = () => new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));

/** What auditors take away and check: a plan's audit bundle, and its hash chains as the store holds them. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('plans/:planId')
export class PlanAuditController {
  constructor(
    private readonly audit: PlanAudit,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly plans: PlanIndex,
    private readonly restricted: RestrictedEvidenceIndex,
    private readonly users: UserDirectory,
  ) {}

  /**
   * The plan's audit bundle, the same file `actionplans export-audit` writes: its streams (the
   * plan, its actions, panel meetings and measures, its pack register), those of the people in it
   * and a manifest, checked anywhere with `actionplans verify --bundle`. It holds
   * every event as stored, restricted evidence included, so it is for auditors only.
   */
  @Get('audit-bundle')
  @Roles('auditor')
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'The bundle: `{ manifest, events }`, pretty-printed, as an attachment.' })
  async bundle(@Param('planId') planId: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const file = await this.audit.bundle(planId, new Date());
    if (!file) throw notFound();
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return file.text;
  }

  /** Checks the hash chains of the plan's stream, of each of its actions, panel meetings and measures, and of its pack register in the store. */
  @Get('verify')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: PlanVerificationResponse })
  async verify(@Param('planId') planId: string): Promise<PlanVerificationResponse> {
    const verification = await this.audit.verify(planId);
    if (!verification) throw notFound();
    return verification;
  }

  /**
   * Every recorded download of the plan's restricted files: who read which file of which action,
   * and when (auditors and admins). Evidence titles and file names are named only to those who may
   * read the action's restricted evidence (auditors); an admin sees which evidence and file.
   */
  @Get('restricted-reads')
  @Roles('auditor', 'admin')
  @ApiOkResponse({ type: RestrictedReadsResponse })
  async restrictedReads(@Param('planId') planId: string, @CurrentUser() reader: User): Promise<RestrictedReadsResponse> {
    const found = await restrictedReads(this.store, this.plans, this.restricted, planId, reader);
    if (!found) throw notFound();
    return {
      ...found,
      reads: found.reads.map((read) => ({ ...read, reader: { ...read.reader, name: this.users.get(read.reader.id)?.name ?? null } })),
    };
  }
}
