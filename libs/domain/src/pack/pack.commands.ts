import type { CommandContext } from '../decider';
import type { PackInputs, PackMeeting, PackRecipients } from './pack.events';

/** Commands on a plan's register of issued packs (`packs-<planId>`). */
export type PackCommand = CommandContext &
  (
    | {
        type: 'IssuePack';
        packId: string;
        planId: string;
        inputs: PackInputs;
        hash: string;
        meeting: PackMeeting;
        /** Given only by the engine's pack schedule (ADR 37), acting as `system`. */
        scheduled?: { daysBefore: number };
        facts: { planExists: boolean; meetingExists: boolean };
      }
    | ({ type: 'RecordScheduledPackSent'; packId: string; pdf: boolean } & PackRecipients)
  );

export type PackCommandType = PackCommand['type'];
