import type { Role } from './roles';

/**
 * Who an action's restricted evidence (exempt case material) is for: the people answerable for
 * the action and the panel that must challenge it.
 */
export interface RestrictedEvidenceAudience {
  /** The user ids linked to the action's lead and supporting owners, as they are now. */
  owners: readonly string[];
  /** The members (chair included) of every panel meeting the action has been tabled at. */
  panel: readonly string[];
}

/**
 * Whether `reader` may see restricted evidence of an action: its owners, the panel it goes before,
 * and auditors, who read everything. Everyone else, plan managers and admins included, sees
 * that the item exists but not what it is.
 */
export function mayReadRestrictedEvidence(
  reader: { userId: string; role: Role | 'system' },
  audience: RestrictedEvidenceAudience,
): boolean {
  return reader.role === 'auditor' || audience.owners.includes(reader.userId) || audience.panel.includes(reader.userId);
}
