import type { ActionEvent, Owner, PanelEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/** One piece of evidence that carries an uploaded file. */
export interface FileCarrier {
  actionId: string;
  evidenceId: string;
  restricted: boolean;
}

const ACTION = 'action-';
const PANEL = 'panel-';

export const ownerUserIds = (owners: { leadOwners: Owner[]; supportingOwners: Owner[] }): string[] =>
  [...owners.leadOwners, ...owners.supportingOwners].flatMap((owner) => (owner.userId ? [owner.userId] : []));

/**
 * What deciding who may see restricted evidence needs from across streams, kept in memory from the
 * global log: each action's owners, the meetings it has been tabled at and their members, whether
 * each piece of evidence is restricted, and which evidence carries each uploaded file.
 */
export class RestrictedEvidenceIndex {
  private readonly owners = new Map<string, string[]>();
  private readonly members = new Map<string, string[]>();
  private readonly tabledAt = new Map<string, Set<string>>();
  private readonly restricted = new Map<string, boolean>();
  private readonly carriers = new Map<string, FileCarrier[]>();

  apply(recorded: RecordedEvent): void {
    if (recorded.stream.startsWith(ACTION)) this.applyAction(recorded.stream.slice(ACTION.length), recorded as unknown as ActionEvent);
    else if (recorded.stream.startsWith(PANEL)) this.applyPanel(recorded.stream.slice(PANEL.length), recorded as unknown as PanelEvent);
  }

  /** The action's owners (as users) and the members of every meeting it has been tabled at. */
  audience(actionId: string): { owners: string[]; panel: string[] } {
    const panels = [...(this.tabledAt.get(actionId) ?? [])];
    return { owners: this.owners.get(actionId) ?? [], panel: [...new Set(panels.flatMap((panelId) => this.members.get(panelId) ?? []))] };
  }

  /** Only evidence this index has seen attached unrestricted is open: anything it has not seen yet is treated as restricted. */
  isOpen(actionId: string, evidenceId: string): boolean {
    return this.restricted.get(key(actionId, evidenceId)) === false;
  }

  /** Every piece of evidence, on any action, attached with this file. */
  carriersOf(sha256: string): readonly FileCarrier[] {
    return this.carriers.get(sha256) ?? [];
  }

  private applyAction(actionId: string, event: ActionEvent): void {
    switch (event.type) {
      case 'ActionRaised':
      case 'OwnersChanged':
        this.owners.set(actionId, ownerUserIds(event.data));
        return;
      case 'EvidenceAttached': {
        const { evidenceId, file, restricted } = event.data;
        this.restricted.set(key(actionId, evidenceId), restricted);
        if (file) this.carriers.set(file.sha256, [...this.carriersOf(file.sha256), { actionId, evidenceId, restricted }]);
        return;
      }
      default:
        return;
    }
  }

  private applyPanel(panelId: string, event: PanelEvent): void {
    if (event.type === 'PanelScheduled') this.members.set(panelId, [...new Set([event.data.chair, ...event.data.members])]);
    if (event.type === 'ActionTabled') this.tabledAt.set(event.data.actionId, new Set(this.tabledAt.get(event.data.actionId)).add(panelId));
  }
}

const key = (actionId: string, evidenceId: string) => `${actionId}\n${evidenceId}`;
