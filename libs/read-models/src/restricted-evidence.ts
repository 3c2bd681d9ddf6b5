import type { ActionView } from './action.view';
import type { PanelView } from './panel.view';

/** What a reader who may not see a piece of restricted evidence is shown instead of its title. */
export const RESTRICTED_TITLE = 'Restricted evidence';

type Evidence = ActionView['evidence'][number];

/** A piece of evidence as one reader is shown it: `redacted` when its title, link and file name are withheld. */
export type ShownEvidence = Omit<Evidence, 'file'> & {
  file: { name: string | null; sha256: string; bytes: number } | null;
  redacted: boolean;
};

/**
 * Restricted evidence stays in the list for a reader who may not see it, so counts, submissions and
 * the audit trail still add up; what it is (title, link, file name) is withheld. Its id, kind, who
 * attached it when, and its file's SHA-256 and size stay: a hash discloses nothing of the content
 * and is what shows which version a sign-off relied on.
 */
export function showEvidence(item: Evidence, mayReadRestricted: boolean): ShownEvidence {
  if (!item.restricted || mayReadRestricted) return { ...item, redacted: false };
  const file = item.file ? { name: null, sha256: item.file.sha256, bytes: item.file.bytes } : null;
  return { ...item, title: RESTRICTED_TITLE, link: null, file, redacted: true };
}

export function actionWithEvidenceShown(
  view: ActionView,
  mayReadRestricted: boolean,
): Omit<ActionView, 'evidence'> & { evidence: ShownEvidence[] } {
  return { ...view, evidence: view.evidence.map((item) => showEvidence(item, mayReadRestricted)) };
}

/** A meeting's decisions with the title of each piece of evidence considered withheld where `visible` says so. */
export function panelWithEvidenceShown(view: PanelView, visible: (actionId: string, evidenceId: string) => boolean): PanelView {
  return {
    ...view,
    agenda: view.agenda.map((item) =>
      item.decision
        ? {
            ...item,
            decision: {
              ...item.decision,
              evidenceConsidered: item.decision.evidenceConsidered.map((considered) =>
                visible(item.actionId, considered.evidenceId) ? considered : { ...considered, title: RESTRICTED_TITLE },
              ),
            },
          }
        : item,
    ),
  };
}
