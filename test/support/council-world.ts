import { buildCouncilPlan, COUNCIL_PEOPLE } from '@actionplans/testing';
import { startWorld } from './api-world';

/**
 * The built all-in-one app with the council's people and their plan (`buildCouncilPlan`).
 */
export async function startCouncilWorld(label: string, env: Record<string, string> = {}) {
  const world = await startWorld(label, COUNCIL_PEOPLE, env);
  const plan = await buildCouncilPlan(world.users);
  return { ...world, plan };
}
