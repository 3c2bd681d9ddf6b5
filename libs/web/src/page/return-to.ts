/**
 * Where to send someone after signing in: a path on this site, or home. Anything that could leave
 * the site is refused: absolute URLs, scheme-relative `//host`, backslashes (which browsers read
 * as slashes), control characters, and the sign-in pages themselves (no loop).
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || hasControlCharacter(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, 'http://same.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://same.invalid' || url.pathname.startsWith('/sign-in') || url.pathname.startsWith('/sign-out')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

const hasControlCharacter = (value: string) =>
  [...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
