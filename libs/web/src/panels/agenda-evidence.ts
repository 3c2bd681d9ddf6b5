import type { EvidenceConsidered } from '@actionplans/domain';
import type { ActionView, ShownEvidence } from '@actionplans/read-models';
import { outcomeTag, type Tag } from './panel-format';
import { dayInWords } from '../page/dates';

/** A piece of evidence before the panel, as this reader may see it. */
export interface ConsideredEvidence {
  title: string;
  kind: string | null;
  fileName: string | null;
  sha256: string | null;
  link: string | null;
  redacted: boolean;
}

/** A decision of an earlier meeting, with what the owner answered to each challenge point when resubmitting. */
export interface EarlierDecision {
  date: string;
  outcome: Tag;
  rationale: string;
  points: Array<{ point: string; answer: string | null }>;
}

/**
 * The evidence a decision considered (or will consider: what the action was submitted with), its
 * title as the meeting's redaction shows it, and its kind and file from the action's evidence as
 * the action's redaction shows them.
 */
export function considered(items: EvidenceConsidered[], shown: ShownEvidence[]): ConsideredEvidence[] {
  return items.map((item) => {
    const evidence = shown.find((candidate) => candidate.evidenceId === item.evidenceId);
    const redacted = evidence?.redacted ?? false;
    return {
      title: evidence?.redacted ? evidence.title : item.title,
      kind: evidence?.kind ?? null,
      fileName: evidence?.file?.name ?? null,
      sha256: item.sha256 ?? evidence?.file?.sha256 ?? null,
      link: redacted ? null : (evidence?.link ?? null),
      redacted,
    };
  });
}

/** The action's panel decisions other than `except`, each with the answers of the submission that followed it. */
export function earlierDecisions(action: Pick<ActionView, 'panelOutcomes' | 'submissions'>, except?: string): EarlierDecision[] {
  return action.panelOutcomes
    .filter((outcome) => outcome.decisionId !== except)
    .map((outcome) => {
      const next = action.submissions.find((submission) => submission.recordedAt > outcome.recordedAt);
      return {
        date: dayInWords(outcome.at),
        outcome: outcomeTag(outcome.outcome),
        rationale: outcome.rationale,
        points: outcome.challengePoints.map((point) => ({ point, answer: next?.answers[point] ?? null })),
      };
    });
}
