import { Get, Req, Res } from '@nestjs/common';
import { UserDirectory } from '@actionplans/auth';
import { LiveIndex } from '@actionplans/read-models';
import type { Response } from 'express';
import { PageController } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';

/**
 * The home page. On a fresh install (no users at all) it says the one command that adds the
 * first admin; signed out, it is the start page; signed in, it is the person's home (My work).
 */
@PageController()
export class HomeController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly users: UserDirectory,
    private readonly index: LiveIndex,
  ) {}

  @Get()
  async home(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (request.user) return this.pages.render(request, response, 'home/home.njk', { pageTitle: 'Home' });
    if (await this.isFreshInstall()) {
      return this.pages.render(request, response, 'home/fresh-install.njk', { pageTitle: 'Add the first administrator' });
    }
    await this.pages.render(request, response, 'home/start.njk', { pageTitle: 'Start' });
  }

  private async isFreshInstall(): Promise<boolean> {
    if (this.users.list().length > 0) return false;
    // The first admin may have been added a moment ago, by the command this page shows.
    await this.index.catchUpToHead(1_000);
    return this.users.list().length === 0;
  }
}
