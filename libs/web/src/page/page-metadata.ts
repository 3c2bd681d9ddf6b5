/** Marks a route as a page: the API's bearer guard lets it through to the page guard, which uses the session. */
export const WEB_PAGE = 'actionplans:web-page';
/** The roles a `@SignedIn()` page allows (empty: any signed-in user). */
export const SIGNED_IN = 'actionplans:signed-in';
/** A route whose form carries one file (multipart): the file input's name and the largest file taken. */
export const FILE_FORM = 'actionplans:file-form';
export interface FileFormSpec {
  field: string;
  maxBytes: number;
}
