import type { CommandContext } from '../decider';
import type { PackInputs, PackMeeting } from './pack.events';

/** Commands on a plan's register of issued packs (`packs-<planId>`). */
export type PackCommand = CommandContext & {
  type: 'IssuePack';
  packId: string;
  planId: string;
  inputs: PackInputs;
  hash: string;
  meeting: PackMeeting;
  facts: { planExists: boolean; meetingExists: boolean };
};

export type PackCommandType = PackCommand['type'];
