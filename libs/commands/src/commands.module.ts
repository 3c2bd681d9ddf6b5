import { type DynamicModule, Module } from '@nestjs/common';
import { ActionsBatch, ApproveClosuresHandler, ConfirmSignOffsHandler } from './action/approvals-to-close';
import { ActionCommandHandler, RecordPanelOutcomeHandler, RecordReminderSentHandler } from './action/action.handler';
import { CommandRunner } from './command-runner';
import { PanelCommandHandler } from './panel/panel.handler';
import { RecordEarlierMinutesApprovedHandler } from './panel/minutes-approval.process';
import { PlanCommandHandler } from './plan/plan.handler';
import { OrganisationCommandHandler, PersonCommandHandler } from './register/register.handler';
import { StandingPanelCommandHandler } from './standing-panel/standing-panel.handler';
import { PackCommandHandler } from './pack/pack.handler';
import { NotificationChannelCommandHandler } from './notifications/notification-channel.handler';
import { ResealNotificationChannelHandler } from './notifications/reseal-notification-channel.handler';
import { MeasureCommandHandler } from './measure/measure.handler';
import { MeasureFacts } from './measure/measure-facts';
import { StreamFacts } from './stream-facts';
import { AddUserHandler, IssueApiTokenHandler, UserCommandHandler } from './user/user.handler';

/** Handlers that need nothing but the event store: users, the register, and what the panel and reminder processes record. */
const SYSTEM_HANDLERS = [
  AddUserHandler,
  IssueApiTokenHandler,
  UserCommandHandler,
  RecordPanelOutcomeHandler,
  RecordReminderSentHandler,
  RecordEarlierMinutesApprovedHandler,
  OrganisationCommandHandler,
  PersonCommandHandler,
  ResealNotificationChannelHandler,
];

/**
 * The write layer on the `CommandBus` (import `CqrsModule` beside it). Every handler needs the
 * event store (`EventStoreModule`); an `AFTER_WRITE` hook, if the app provides one globally, runs
 * after each command asking for read-your-writes.
 */
@Module({})
export class CommandsModule {
  /**
   * Every command. The handlers of plans, actions and panels read facts through the in-memory
   * index, so the app provides `UserDirectory`, `PlanIndex`, `LiveIndex` and `EvidenceFiles` globally.
   */
  static forRoot(): DynamicModule {
    return {
      module: CommandsModule,
      providers: [
        CommandRunner,
        StreamFacts,
        ActionCommandHandler,
        ApproveClosuresHandler,
        ConfirmSignOffsHandler,
        ActionsBatch,
        PlanCommandHandler,
        PanelCommandHandler,
        StandingPanelCommandHandler,
        PackCommandHandler,
        NotificationChannelCommandHandler,
        MeasureFacts,
        MeasureCommandHandler,
        ...SYSTEM_HANDLERS,
      ],
      exports: [CommandRunner],
    };
  }

  /** Only the commands that read no facts (users, panel outcomes, reminders sent): for the command line and the worker. */
  static withoutFacts(): DynamicModule {
    return { module: CommandsModule, providers: [CommandRunner, ...SYSTEM_HANDLERS], exports: [CommandRunner] };
  }
}
