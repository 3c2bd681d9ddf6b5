import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import { CommitteePacks, PlanIndex } from '@actionplans/read-models';
import { openMailer, type Mailer, type RemindersSettings } from '@actionplans/reminders';
import { PackDocuments, PackIssuer, PdfPrinter, ScheduledPacks } from '@actionplans/web';

export const SCHEDULED_PACKS_MAIL = Symbol('SCHEDULED_PACKS_MAIL');

/**
 * Runs the plans' pack schedules (ADR 37) in every API process that may send mail, once its
 * in-memory index is current (after every module has started). Every instance of a scaled-out API
 * runs one: the pack register lets one of them make each pack.
 */
@Injectable()
export class ScheduledPacksHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly mailer: Mailer;
  private readonly schedule: ScheduledPacks;

  constructor(
    @Inject(SCHEDULED_PACKS_MAIL) settings: RemindersSettings,
    @Inject(EVENT_STORE) store: ConfiguredEventStore,
    plans: PlanIndex,
    packs: CommitteePacks,
    issuer: PackIssuer,
    documents: PackDocuments,
    printer: PdfPrinter,
    commands: CommandBus,
    users: UserDirectory,
  ) {
    this.mailer = openMailer(settings);
    this.schedule = new ScheduledPacks({
      plans,
      packs,
      issuer,
      documents,
      printer,
      commands,
      store,
      users,
      mailer: this.mailer,
      publicUrl: settings.publicUrl,
      logger: new Logger('scheduled-packs'),
    });
  }

  onApplicationBootstrap(): void {
    this.schedule.start();
  }

  /** Before the store and the printer close: a sweep under way finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
    await this.mailer.close();
  }
}
