import type { Actor } from '@actionplans/domain';

/** What the write layer needs to know of uploaded evidence files; the app that stores them provides it. */
export abstract class EvidenceFiles {
  /** The stored size, or null when nothing was uploaded under that hash. */
  abstract size(sha256: string): Promise<number | null>;
  /** Whether the actor may read the file (it is not only restricted evidence they may not read). */
  abstract mayRead(actor: Actor, sha256: string): Promise<boolean>;
  /** Whether the actor may read the action's restricted evidence (its owners, its panel, auditors). */
  abstract mayReadRestricted(actor: Actor, actionId: string): Promise<boolean>;
}
