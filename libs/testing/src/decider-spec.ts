import type { Decider } from '../../domain/src/decider';
import { DomainError } from '../../domain/src/domain-error';

/**
 * Given/when/then for a decider: `spec(decider).given(events).when(command).then(events)` or
 * `.thenRefuses(code)` or `.thenAppends(...types)`. Fails with the refusal's message when a command was refused unexpectedly.
 */
export function spec<C, E extends { type: string; data: unknown }, S>(decider: Decider<C, E, S>) {
  return {
    given: (events: E[]) => ({
      when: (command: C) => {
        const state = events.reduce(decider.evolve, decider.initialState);
        const outcome = decider.decide(command, state);
        return {
          then(expected: E[]): void {
            if (outcome instanceof DomainError) throw new Error(`refused with ${outcome.code}: ${outcome.message}`);
            expect(outcome).toEqual(expected);
          },
          thenRefuses(code: string, message?: RegExp): void {
            expect(outcome).toBeInstanceOf(DomainError);
            expect((outcome as DomainError).code).toBe(code);
            if (message) expect((outcome as DomainError).message).toMatch(message);
          },
          /** The command is accepted and appends events of these types, in this order. */
          thenAppends(...types: string[]): void {
            if (outcome instanceof DomainError) throw new Error(`refused with ${outcome.code}: ${outcome.message}`);
            expect(outcome.map((event) => (event as { type: string }).type)).toEqual(types);
          },
          /** The refusal, for assertions on its words or whether it forbids; fails when the command was accepted. */
          refusal(): DomainError {
            expect(outcome).toBeInstanceOf(DomainError);
            return outcome as DomainError;
          },
          /** The events decided, for assertions on part of them. */
          events(): E[] {
            if (outcome instanceof DomainError) throw new Error(`refused with ${outcome.code}: ${outcome.message}`);
            return outcome;
          },
        };
      },
    }),
  };
}
