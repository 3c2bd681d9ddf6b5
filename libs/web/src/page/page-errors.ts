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
  constructor() {
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
