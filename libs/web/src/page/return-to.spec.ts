import { safeReturnTo } from './return-to';

describe('where someone lands after signing in', () => {
  it.each(['/', '/plans/123', '/actions/abc?tab=history', '/plans/1#summary'])('keeps the path on this site %s', (path) => {
    expect(safeReturnTo(path)).toBe(path);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example/x'],
    ['a backslash a browser reads as a slash', '/\\evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'plans/1'],
    ['a control character', '/plans\n/1'],
    ['the sign-in page itself', '/sign-in?returnTo=/x'],
    ['nothing', undefined],
    ['something not text', ['/plans']],
    ['an over-long path', `/${'a'.repeat(3000)}`],
  ])('sends %s home instead', (_, value) => {
    expect(safeReturnTo(value)).toBe('/');
  });
});
