import type { DomainError } from '../domain-error';
import type { ActionCommand } from './action.commands';
import type { ActionEvent } from './action.events';
import { firstOf, refuse } from './action.rules';
import type { ActionState } from './action.state';

type Decision = ActionEvent[] | DomainError;
type Of<T extends ActionCommand['type']> = Extract<ActionCommand, { type: T }>;

/**
 * A download of a restricted file, recorded before its bytes are sent: by anyone who may read the
 * action's restricted evidence (auditors included, whose role otherwise changes nothing), whatever
 * stage the action is at.
 */
export function recordRestrictedRead(c: Of<'RecordRestrictedRead'>, state: ActionState): Decision {
  const item = state.evidence.get(c.evidenceId);
  return (
    firstOf(
      state.stage === 'not raised' ? refuse.notFound() : null,
      item?.restricted && item.sha256 === c.sha256 ? null : refuse.notRestrictedFile(c.evidenceId),
      c.facts.mayRead ? null : refuse.fileRestricted(),
    ) ?? [{ type: 'RestrictedEvidenceRead', data: { evidenceId: c.evidenceId, sha256: c.sha256 } }]
  );
}
