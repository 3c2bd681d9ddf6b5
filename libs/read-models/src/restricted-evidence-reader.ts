import { mayReadRestrictedEvidence, type User } from '@actionplans/auth';
import { ownerUserIds } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { ActionView } from './action.view';
import { actionHistory } from './audit/plan-history';
import type { LiveIndex } from './live-index';
import type { PanelView } from './panel.view';
import { actionWithEvidenceShown, panelWithEvidenceShown } from './restricted-evidence';
import type { RestrictedEvidenceIndex } from './restricted-evidence-index';

/** Who is reading: a user, or the engine itself. */
export type EvidenceReader = Pick<User, 'userId'> & { role: User['role'] | 'system' };

/**
 * Applies who may see restricted evidence (`mayReadRestrictedEvidence`) wherever evidence is read,
 * for the API and the pages alike: an action, its history, a panel meeting's decisions. The owners
 * come from what the reader is being shown when it has them; the panel from the in-memory index,
 * which can only lag behind a tabling, so at worst it withholds a moment too long.
 */
export class RestrictedEvidenceReader {
  constructor(
    protected readonly index: RestrictedEvidenceIndex,
    protected readonly live: LiveIndex,
  ) {}

  mayRead(reader: EvidenceReader, actionId: string, owners?: string[]): boolean {
    const audience = this.index.audience(actionId);
    return mayReadRestrictedEvidence(reader, owners ? { ...audience, owners } : audience);
  }

  action(view: ActionView, reader: User) {
    return actionWithEvidenceShown(view, this.mayRead(reader, view.actionId, ownerUserIds(view)));
  }

  history(actionId: string, events: RecordedEvent[], reader: User) {
    return actionHistory(reader, actionId, events, this.index);
  }

  /**
   * The index must have read as far as the meeting was read, or evidence attached restricted a
   * moment ago could pass for open; if it cannot catch up in time, every item is treated as
   * restricted.
   */
  async panel(view: PanelView, reader: User): Promise<PanelView> {
    const current = await this.live.catchUpToHead(5_000);
    return panelWithEvidenceShown(
      view,
      (actionId, evidenceId) => (current && !this.index.isRestricted(actionId, evidenceId)) || this.mayRead(reader, actionId),
    );
  }
}
