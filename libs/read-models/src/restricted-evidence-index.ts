import {
  actionIdOf,
  decodeActionEvent,
  decodePanelEvent,
  isActionStream,
  isPanelStream,
  ownerUserIds,
  panelIdOf,
  type ActionEvent,
  type PanelEvent,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/** A piece of restricted evidence that carries an uploaded file. */
export interface RestrictedCarrier {
  actionId: string;
  evidenceId: string;
}

/** Who carries a file: the restricted evidence that does, and whether any open evidence does too. */
export interface FileCarriers {
  restricted: readonly RestrictedCarrier[];
  open: boolean;
}

interface IndexState {
  owners: Map<string, string[]>;
  members: Map<string, string[]>;
  tabledAt: Map<string, Set<string>>;
  restricted: Set<string>;
  restrictedCarriers: Map<string, RestrictedCarrier[]>;
  openFiles: Set<string>;
}

/**
 * What deciding who may see restricted evidence needs from across streams, kept in memory from the
 * global log: each action's owners, the meetings it has been tabled at and their members, which
 * evidence is restricted, and which files restricted and open evidence carry. Restricted evidence
 * is rare, so only it is kept in full; open evidence costs one short key per file. A caller asking
 * whether evidence is restricted must first let the index reach the position it read at.
 */
export class RestrictedEvidenceIndex {
  readonly snapshotFormat = 'restricted-evidence@1';
  private owners = new Map<string, string[]>();
  private members = new Map<string, string[]>();
  private tabledAt = new Map<string, Set<string>>();
  private restricted = new Set<string>();
  private restrictedCarriers = new Map<string, RestrictedCarrier[]>();
  /** Files open evidence carries, each as its 32 bytes (a third of the hex digits' memory). */
  private openFiles = new Set<string>();
  /** One copy of each user id, however many actions name it. */
  private readonly userIds = new Map<string, string>();

  apply(recorded: RecordedEvent): void {
    if (isActionStream(recorded.stream)) this.applyAction(actionIdOf(recorded.stream), decodeActionEvent(recorded));
    else if (isPanelStream(recorded.stream)) this.applyPanel(panelIdOf(recorded.stream), decodePanelEvent(recorded));
  }

  /** Everything but the interned user ids, which restoring interns again. */
  snapshot(): IndexState {
    const { owners, members, tabledAt, restricted, restrictedCarriers, openFiles } = this;
    return { owners, members, tabledAt, restricted, restrictedCarriers, openFiles };
  }

  restore(state: unknown): void {
    Object.assign(this, state as IndexState);
    for (const [actionId, userIds] of this.owners)
      this.owners.set(
        actionId,
        userIds.map((userId) => this.userId(userId)),
      );
  }

  /** The action's owners (as users) and the members of every meeting it has been tabled at. */
  audience(actionId: string): { owners: string[]; panel: string[] } {
    const panels = [...(this.tabledAt.get(actionId) ?? [])];
    return { owners: this.owners.get(actionId) ?? [], panel: [...new Set(panels.flatMap((panelId) => this.members.get(panelId) ?? []))] };
  }

  /** Whether this evidence was attached as restricted (as far as the index has read). */
  isRestricted(actionId: string, evidenceId: string): boolean {
    return this.restricted.has(key(actionId, evidenceId));
  }

  /** The evidence, on any action, attached with this file. */
  carriersOf(sha256: string): FileCarriers {
    return { restricted: this.restrictedCarriers.get(sha256) ?? [], open: this.openFiles.has(fileKey(sha256)) };
  }

  private applyAction(actionId: string, event: ActionEvent): void {
    switch (event.type) {
      case 'ActionRaised':
      case 'OwnersChanged':
        this.owners.set(
          actionId,
          ownerUserIds(event.data).map((userId) => this.userId(userId)),
        );
        return;
      case 'EvidenceAttached': {
        const { evidenceId, file, restricted } = event.data;
        if (restricted) {
          this.restricted.add(key(actionId, evidenceId));
          if (file)
            this.restrictedCarriers.set(file.sha256, [...(this.restrictedCarriers.get(file.sha256) ?? []), { actionId, evidenceId }]);
        } else if (file) {
          this.openFiles.add(fileKey(file.sha256));
        }
        return;
      }
      case 'ActionAmended':
      case 'OwnerChangeProposed':
      case 'OwnerChangeApproved':
      case 'OwnerChangeRejected':
      case 'RestrictedEvidenceRead':
      case 'ActionLinked':
      case 'ActionReopened':
      case 'ActionUnlinked':
      case 'ActionWithdrawn':
      case 'EvidenceWithdrawn':
      case 'PanelOutcomeRecorded':
      case 'ProgressUpdated':
      case 'RatingModerated':
      case 'ReminderSent':
      case 'SignOffFlagged':
      case 'SignedOffByDelegatedBody':
      case 'ApprovalToCloseRecorded':
      case 'SignOffRecordedFromPaper':
      case 'SignOffProposed':
      case 'SignOffConfirmed':
      case 'SignOffRejected':
      case 'SubmittedForSignOff':
      case 'TargetDateRevisionApproved':
      case 'TargetDateRevisionRejected':
      case 'TargetDateRevisionRequested':
      default:
        return;
    }
  }

  private applyPanel(panelId: string, event: PanelEvent): void {
    if (event.type === 'PanelScheduled') this.members.set(panelId, [...new Set([event.data.chair, ...event.data.members])]);
    if (event.type === 'ActionTabled') this.tabledAt.set(event.data.actionId, new Set(this.tabledAt.get(event.data.actionId)).add(panelId));
  }

  private userId(userId: string): string {
    const known = this.userIds.get(userId);
    if (known) return known;
    this.userIds.set(userId, userId);
    return userId;
  }
}

const key = (actionId: string, evidenceId: string) => `${actionId}\n${evidenceId}`;
const fileKey = (sha256: string) => Buffer.from(sha256, 'hex').toString('latin1');
