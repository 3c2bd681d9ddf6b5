import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { User } from '@actionplans/auth';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import { RestrictedEvidence } from '@actionplans/read-models';
import { problem, ProblemError } from '../http/problem';
import { FileStore, recordRestrictedReads } from '@actionplans/commands';
import { requestId } from '../http/request-log';
import { StoredFileResponse } from './stored-file.response.dto';

const SHA256 = /^[0-9a-f]{64}$/;

/** Evidence files: upload the bytes, then attach them to an action by their SHA-256. */
@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FileStore,
    private readonly restricted: RestrictedEvidence,
    private readonly commands: CommandBus,
  ) {}

  /** Uploads a file's bytes as the request body (any content type); answers its SHA-256. */
  @Post()
  @HttpCode(201)
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async upload(@Req() request: Request): Promise<StoredFileResponse> {
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new ProblemError(
        problem(400, 'REQUEST.INVALID', "body: send the file's bytes as the request body", [
          { field: 'body', problem: "must be the file's bytes" },
        ]),
      );
    }
    return this.files.put(request.body);
  }

  /**
   * The file's bytes. A file that only restricted evidence carries is refused (403 `FILE.RESTRICTED`) to anyone who may not
   * read that evidence: its action's owners, its panel and auditors may. Each download of such a file is recorded on its
   * action first (who, when, which evidence and file), for auditors to list (`GET /plans/{planId}/restricted-reads`).
   */
  @Get(':sha256')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('sha256') sha256: string,
    @CurrentUser() reader: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const bytes = SHA256.test(sha256) ? await this.files.size(sha256) : null;
    if (bytes === null) throw new ProblemError(problem(404, 'FILE.NOT_FOUND', 'no file is stored under that SHA-256'));
    const access = await this.restricted.fileAccess(reader, sha256);
    if (!access.mayRead) {
      throw new ProblemError(
        problem(403, 'FILE.RESTRICTED', "this file is restricted evidence: only its action's owners, its panel and auditors may read it"),
      );
    }
    const reads = access.restrictedReads.map((carrier) => ({ ...carrier, sha256 }));
    await recordRestrictedReads(this.commands, reads, { userId: reader.userId, role: reader.role }, requestId(request));
    response.setHeader('Content-Type', 'application/octet-stream');
    response.setHeader('Content-Length', String(bytes));
    this.files.open(sha256).pipe(response);
  }
}
