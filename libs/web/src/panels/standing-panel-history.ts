import type { StandingPanelEvent, StandingPanelMember } from '@actionplans/domain';
import type { StandingPanelChange } from '@actionplans/read-models';
import { momentInWords } from '../page/dates';

export const ROLE_WORDS: Record<StandingPanelMember['role'], string> = { chair: 'Chair', 'vice-chair': 'Vice-chair', member: 'Member' };

/** One line of a standing panel's history as its page shows it: when, who, what changed and why. */
export interface StandingPanelHistoryLine {
  when: string;
  who: string;
  what: string;
  why: string;
}

/** A standing panel's history in words, newest first: names for users and titles for plans. */
export function standingPanelHistory(
  history: StandingPanelChange[],
  nameOf: (userId: string) => string,
  planTitleOf: (planId: string) => string,
): StandingPanelHistoryLine[] {
  const membersInWords = (members: StandingPanelMember[]) =>
    members.map((member) => `${nameOf(member.userId)} (${ROLE_WORDS[member.role].toLowerCase()})`).join(', ');
  return history
    .map((entry) => {
      const line = (what: string) => ({
        when: momentInWords(entry.recordedAt),
        who: nameOf(entry.by),
        what,
        why: typeof entry.change.reason === 'string' ? entry.change.reason : '',
      });
      // The view keeps each change as its event's data: read it as the event it is.
      const event = { type: entry.type, data: entry.change } as StandingPanelEvent;
      switch (event.type) {
        case 'StandingPanelEstablished': {
          const { quorum, members, planIds } = event.data;
          return line(
            `Established with quorum ${quorum}, members ${membersInWords(members)}, serving ${planIds.map(planTitleOf).join(', ')}`,
          );
        }
        case 'StandingPanelAmended': {
          const { name, termsOfReference, quorum } = event.data;
          const parts = [
            name !== undefined ? `Name changed to “${name}”` : null,
            termsOfReference !== undefined ? 'Terms of reference changed' : null,
            quorum !== undefined ? `Quorum changed to ${quorum}` : null,
          ];
          return line(parts.filter((part) => part !== null).join('; '));
        }
        case 'StandingPanelMembersChanged':
          return line(`Members changed to ${membersInWords(event.data.members)}`);
        case 'StandingPanelStartedServingPlan':
          return line(`Started serving ${planTitleOf(event.data.planId)}`);
        case 'StandingPanelStoppedServingPlan':
          return line(`Stopped serving ${planTitleOf(event.data.planId)}`);
        default:
          return line(entry.type);
      }
    })
    .reverse();
}
