import type { DomainError } from '../domain-error';
import { ratingCategoryFor, saysComplete, type RatingCategory, type RatingScheme } from '../plan/rating-scheme';
import { refuseRating } from '../plan/rating-scheme.rules';
import type { ActionState } from './action.state';
import { awaitsApprovalToClose, type CompletionRule } from './action.status';

/**
 * The plan's category a rating names, or why it cannot be recorded: a category the plan's scheme
 * does not have, or one that says complete while the action is not signed off (only a panel
 * decision completes an action, whatever stream or paper the sign-off came from).
 */
export function ratedAs(
  rating: string,
  scheme: RatingScheme | null,
  state: ActionState,
  completion?: CompletionRule,
): RatingCategory | DomainError {
  const category = scheme ? ratingCategoryFor(scheme, rating) : null;
  if (!category) return refuseRating.unknownCategory(rating, scheme ?? { name: '(none read)', categories: [] });
  if (!saysComplete(category)) return category;
  if (state.stage !== 'complete') return refuseRating.completeWithoutSignOff(category.label);
  // On a scheme counting approval to close, complete waits for it too.
  return awaitsApprovalToClose(state, completion)
    ? refuseRating.completeWithoutApproval(category.label, completion!.approvalToClose!)
    : category;
}
