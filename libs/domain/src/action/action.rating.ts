import type { DomainError } from '../domain-error';
import { ratingCategoryFor, saysComplete, type RatingCategory, type RatingScheme } from '../plan/rating-scheme';
import { refuseRating } from '../plan/rating-scheme.rules';
import { isAchieved, type MeasureAchievement } from '../measure/measure.status';
import type { ActionState } from './action.state';
import { awaitsApprovalToClose, type CompletionRule } from './action.status';

/**
 * The plan's category a rating names, or why it cannot be recorded: a category the plan's scheme
 * does not have, or one that says complete while the action is not signed off (only a panel
 * decision completes an action, whatever stream or paper the sign-off came from), or one requiring
 * the action's impact measures achieved while one is not (ADR 36).
 */
export function ratedAs(
  rating: string,
  scheme: RatingScheme | null,
  state: ActionState,
  completion?: CompletionRule,
  measures: MeasureAchievement[] = [],
): RatingCategory | DomainError {
  const category = scheme ? ratingCategoryFor(scheme, rating) : null;
  if (!category) return refuseRating.unknownCategory(rating, scheme ?? { name: '(none read)', categories: [] });
  const refused = saysComplete(category) ? completeRefusal(category, state, completion) : null;
  if (refused) return refused;
  const short = category.requiresMeasuresAchieved ? measures.filter((measure) => !isAchieved(measure)) : [];
  return short.length > 0 ? refuseRating.measuresNotAchieved(category.label, short) : category;
}

/** Only a sign-off completes an action; on a scheme counting approval to close, complete waits for it too. */
function completeRefusal(category: RatingCategory, state: ActionState, completion?: CompletionRule): DomainError | null {
  if (state.stage !== 'complete') return refuseRating.completeWithoutSignOff(category.label);
  return awaitsApprovalToClose(state, completion)
    ? refuseRating.completeWithoutApproval(category.label, completion!.approvalToClose!)
    : null;
}
