import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PlanAudit } from '@actionplans/read-models';
import { Roles } from '../auth/auth.decorators';
import { problem, ProblemError } from '../http/problem';
import { PlanVerificationResponse } from './plan-audit.response.dto';

const notFound = () => new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));

/** What auditors take away and check: a plan's audit bundle, and its hash chains as the store holds them. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('plans/:planId')
export class PlanAuditController {
  constructor(private readonly audit: PlanAudit) {}

  /**
   * The plan's audit bundle, the same file `actionplans export-audit` writes: its streams, those of
   * the people in it and a manifest, checked anywhere with `actionplans verify --bundle`. It holds
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

  /** Checks the hash chains of the plan's stream and of each of its actions and panel meetings in the store. */
  @Get('verify')
  @Roles('admin', 'plan manager', 'auditor')
  @ApiOkResponse({ type: PlanVerificationResponse })
  async verify(@Param('planId') planId: string): Promise<PlanVerificationResponse> {
    const verification = await this.audit.verify(planId);
    if (!verification) throw notFound();
    return verification;
  }
}
