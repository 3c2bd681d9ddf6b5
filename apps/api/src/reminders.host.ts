import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { recordRemindersOn } from '@actionplans/commands';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import { ReminderBook, RemindersRunner, type RemindersSettings } from '@actionplans/reminders';

export const REMINDERS_SETTINGS = Symbol('REMINDERS_SETTINGS');

/** Sends reminders from this process: BullMQ with `REDIS_URL`, else the in-process timer. */
@Injectable()
export class RemindersHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runner: RemindersRunner;

  constructor(@Inject(EVENT_STORE) store: ConfiguredEventStore, book: ReminderBook, users: UserDirectory, @Inject(REMINDERS_SETTINGS) settings: RemindersSettings,
    commands: CommandBus) {
    this.runner = new RemindersRunner(store, book, users, settings, recordRemindersOn(commands), new Logger('reminders'));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}
