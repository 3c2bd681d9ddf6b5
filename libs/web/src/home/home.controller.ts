import { resolve } from 'node:path';
import { Get, Inject, Req, Res } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import { managesPlans } from '@actionplans/domain';
import { LiveIndex, MyWorkQuery, WORK_CATEGORIES, type WorkCategory } from '@actionplans/read-models';
import type { Response } from 'express';
import { PageController } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { ratingTag, statusTag } from '../page/tags';
import { outcomeTag } from '../panels/panel-format';
import { WEB_SETTINGS, type WebSettings } from '../web-settings';
import { firstAdminCommand } from './first-admin';

/** Each group of My work's actions, most pressing first. */
const HEADINGS: Record<WorkCategory, string> = {
  overdue: 'Overdue',
  'due soon': 'Due soon',
  'awaiting update': 'Waiting for your update',
  'sent back': 'Sent back by the panel',
  'in hand': 'In hand',
  done: 'Done',
};

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
    private readonly work: MyWorkQuery,
    @Inject(WEB_SETTINGS) private readonly settings: WebSettings,
  ) {}

  @Get()
  async home(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    if (request.user) return this.myWork(request, response, request.user);
    if (await this.isFreshInstall()) {
      const firstAdmin = firstAdminCommand(
        this.settings.firstAdmin ?? { dataDir: resolve('data'), publicUrl: this.settings.publicUrl, storeSettings: [], cwd: process.cwd() },
      );
      return this.pages.render(request, response, 'home/fresh-install.njk', { pageTitle: 'Add the first administrator', firstAdmin });
    }
    await this.pages.render(request, response, 'home/start.njk', { pageTitle: 'Start' });
  }

  /** My work: the same query as `GET /me/work`, with the actions grouped by what is asked of their owner. */
  private async myWork(request: PageRequest, response: Response, user: User): Promise<void> {
    const work = await this.work.of(user, new Date().toISOString().slice(0, 10));
    const groups = WORK_CATEGORIES.map((category) => ({
      category,
      heading: HEADINGS[category],
      lines: work.actions
        .filter((line) => line.category === category)
        .map((line) => ({
          ...line,
          statusTag: statusTag(line.status),
          ratingTag: line.rating?.colour ? ratingTag({ label: line.rating.label, colour: line.rating.colour }) : null,
        })),
    })).filter((group) => group.lines.length > 0);
    // Who proposed or entered what is said by name; the minutes' own decision, in the meeting page's words.
    const decisionEntries = work.decisionEntries.map((entry) => ({
      ...entry,
      outcomeTag: outcomeTag(entry.outcome),
      enteredByName: this.name(entry.enteredBy),
      decidedByName: this.name(entry.decidedBy),
    }));
    await this.pages.render(request, response, 'home/home.njk', {
      pageTitle: 'My work',
      work,
      groups,
      decisionEntries,
      managesPlans: managesPlans(user),
    });
  }

  private name(userId: string): string {
    return this.users.get(userId)?.name ?? userId;
  }

  private async isFreshInstall(): Promise<boolean> {
    if (this.users.list().length > 0) return false;
    // The first admin may have been added a moment ago, by the command this page shows.
    await this.index.catchUpToHead(1_000);
    return this.users.list().length === 0;
  }
}
