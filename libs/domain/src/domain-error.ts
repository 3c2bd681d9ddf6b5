/**
 * A rule refused a command. `code` is stable (`ACTION.NOT_OWNER`) and maps to HTTP 422;
 * `forbids` marks a refusal about who is acting rather than what they asked (HTTP 403).
 */
export class DomainError {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly forbids = false,
  ) {}
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
