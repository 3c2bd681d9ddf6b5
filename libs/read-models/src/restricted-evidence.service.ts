import { Injectable } from '@nestjs/common';
import { mayReadRestrictedEvidence, UserDirectory, type User } from '@actionplans/auth';
import { ownerUserIds } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { ActionView } from './action.view';
import { actionHistory } from './audit/plan-history';
import { ownerAsShown, recipientAsShown } from './contact-details';
import { LiveIndex } from './live-index';
import type { PanelView } from './panel.view';
import { actionWithEvidenceShown, panelWithEvidenceShown } from './restricted-evidence';
import { RestrictedEvidenceIndex, type RestrictedCarrier } from './restricted-evidence-index';

/** Who may read a file could not be checked in time (the index could not catch up): the caller should try again. */
export class FileAccessUncheckedError extends Error {
  readonly code = 'FILE.ACCESS_UNCHECKED';
  constructor() {
    super('who may read this file could not be checked in time: try again');
    this.name = 'FileAccessUncheckedError';
  }
}

/** Who is reading: a user, or the engine itself. */
export type EvidenceReader = Pick<User, 'userId'> & { role: User['role'] | 'system' };

/**
 * Applies who may see restricted evidence (`mayReadRestrictedEvidence`) wherever evidence is read:
 * an action, its history, a panel meeting's decisions, a file's bytes. The owners come from what
 * the reader is being shown when it has them; the panel from the in-memory index, which can only
 * lag behind a tabling, so at worst it withholds a moment too long. An action and its history
 * also name a reminder's recipient to whoever may not read their email address (`recipientAsShown`).
 */
@Injectable()
export class RestrictedEvidence {
  constructor(
    private readonly index: RestrictedEvidenceIndex,
    private readonly live: LiveIndex,
    private readonly users: UserDirectory,
  ) {}

  mayRead(reader: EvidenceReader, actionId: string, owners?: string[]): boolean {
    const audience = this.index.audience(actionId);
    return mayReadRestrictedEvidence(reader, owners ? { ...audience, owners } : audience);
  }

  /** An action as `reader` may read it: restricted evidence only to its audience, owners' and reminders' addresses to few. */
  action(view: ActionView, reader: User) {
    const shown = actionWithEvidenceShown(view, this.mayRead(reader, view.actionId, ownerUserIds(view)));
    const recipient = recipientAsShown(reader, this.users, [...view.leadOwners, ...view.supportingOwners]);
    return {
      ...shown,
      leadOwners: shown.leadOwners.map((owner) => ownerAsShown(owner, reader)),
      supportingOwners: shown.supportingOwners.map((owner) => ownerAsShown(owner, reader)),
      reminders: shown.reminders.map((reminder) => reminderAsShown(reminder, recipient)),
    };
  }

  history(actionId: string, events: RecordedEvent[], reader: User) {
    return actionHistory(reader, actionId, events, this.index, this.users);
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

  /**
   * A file is open to every reader unless every piece of evidence carrying it is restricted; then
   * only to those who may read one of them. This decides downloading it, and attaching it again
   * (which would otherwise open it to all by attaching it to an action of one's own, knowing only
   * its hash). The index must be current: a file attached as restricted a moment ago must not
   * still look unattached.
   */
  async mayReadFile(reader: EvidenceReader, sha256: string): Promise<boolean> {
    return (await this.fileAccess(reader, sha256)).mayRead;
  }

  /**
   * Whether `reader` may download the file and, when only restricted evidence carries it, the
   * pieces of it they may read it through: each download is recorded on those actions.
   */
  async fileAccess(reader: EvidenceReader, sha256: string): Promise<{ mayRead: boolean; restrictedReads: RestrictedCarrier[] }> {
    if (!(await this.live.catchUpToHead(5_000))) {
      throw new FileAccessUncheckedError();
    }
    const carriers = this.index.carriersOf(sha256);
    if (carriers.open || carriers.restricted.length === 0) return { mayRead: true, restrictedReads: [] };
    const readable = carriers.restricted.filter((carrier) => this.mayRead(reader, carrier.actionId));
    return { mayRead: readable.length > 0, restrictedReads: readable };
  }
}

/**
 * A reminder with its recipient as `recipient` shows them. A digest's id is its day and whom it
 * went to (`<day>:<user id or contact address>`), so where the address is withheld only the day stays.
 */
function reminderAsShown<R extends { recipient: string; digestId?: string }>(reminder: R, recipient: (address: string) => string): R {
  const shown = recipient(reminder.recipient);
  if (shown === reminder.recipient) return reminder;
  return { ...reminder, recipient: shown, ...(reminder.digestId ? { digestId: reminder.digestId.slice(0, 10) } : {}) };
}
