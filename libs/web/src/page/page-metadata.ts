/** Marks a route as a page: the API's bearer guard lets it through to the page guard, which uses the session. */
export const WEB_PAGE = 'actionplans:web-page';
/** The roles a `@SignedIn()` page allows (empty: any signed-in user). */
export const SIGNED_IN = 'actionplans:signed-in';
/** The form field a route takes one uploaded file in (multipart), and how large it may be. */
export const FILE_FIELD = 'actionplans:file-field';
