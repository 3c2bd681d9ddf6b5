/** A rule refused a command. `code` is stable (`ACTION.NOT_OWNER`) and maps to HTTP 422. */
export class DomainError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;
