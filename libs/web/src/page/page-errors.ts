/** A page that needs someone signed in, asked for by someone who is not: they are sent to sign in and brought back. */
export class SignInRequiredError extends Error {
  readonly code = 'WEB.SIGN_IN_REQUIRED';
  constructor(readonly returnTo: string) {
    super('sign in to see this page');
    this.name = 'SignInRequiredError';
  }
}

/** A form sent without the CSRF token of this browser's session (expired, or sent from another site). */
export class FormExpiredError extends Error {
  readonly code = 'WEB.FORM_EXPIRED';
  /** `page`: the page the form was on, when it said. */
  constructor(readonly page?: string) {
    super('the form was not sent with this session’s security token');
    this.name = 'FormExpiredError';
  }
}

/** A signed-in user whose role does not open this page, or who may only read. */
export class PageForbiddenError extends Error {
  readonly code = 'WEB.FORBIDDEN';
  constructor(message: string) {
    super(message);
    this.name = 'PageForbiddenError';
  }
}

/**
 * A form sent from a signed-in session that has since lapsed (unused too long, or open too long):
 * the person signs in again and comes back to the form's page, with what they typed when `fields`
 * is given (only when the form carried that session's own token).
 */
export class SessionEndedError extends Error {
  readonly code = 'WEB.SESSION_ENDED';
  constructor(
    readonly page: string,
    readonly userId: string,
    readonly fields?: Record<string, string | string[]>,
  ) {
    super('the session this form was sent from has ended');
    this.name = 'SessionEndedError';
  }
}
