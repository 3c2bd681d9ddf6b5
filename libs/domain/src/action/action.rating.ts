import type { DomainError } from '../domain-error';
import { ratingCategoryFor, saysComplete, type RatingCategory, type RatingScheme } from '../plan/rating-scheme';
import { refuseRating } from '../plan/rating-scheme.rules';
import type { ActionState } from './action.state';

/**
 * The plan's category a rating names, or why it cannot be recorded: a category the plan's scheme
 * does not have, or one that says complete while the action is not signed off (only a panel
 * decision completes an action, whatever stream or paper the sign-off came from).
 */
export function ratedAs(rating: string, scheme: RatingScheme | null, state: ActionState): RatingCategory | DomainError {
  const category = scheme ? ratingCategoryFor(scheme, rating) : null;
  if (!category) return refuseRating.unknownCategory(rating, scheme ?? { name: '(none read)', categories: [] });
  return saysComplete(category) && state.stage !== 'complete' ? refuseRating.completeWithoutSignOff(category.label) : category;
}
