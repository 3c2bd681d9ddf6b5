import { printable } from './printable';

describe("people's text on a terminal", () => {
  it('keeps a comment that forges a line of history on one line, with the break shown', () =>
    expect(printable('Audit done\n2026-01-01 00:00  u-admin (admin)  signed off at panel')).toBe(
      'Audit done⏎2026-01-01 00:00  u-admin (admin)  signed off at panel',
    ));

  it('drops colours, cursor moves and window titles, and spells out any other control character', () =>
    expect(printable('\u001B[31mred\u001B[0m \u001B[2K\u001B[1A\u001B]0;title\u0007ok\u0008\t\u0000 \u202Eevil')).toBe(
      'red ok\\u{8}\\u{9}\\u{0} \\u{202E}evil',
    ));

  it('leaves ordinary text, accents and emoji as they are', () =>
    expect(printable('Service Manager – Evidence Based Hub, café 👩‍👩‍👧')).toBe('Service Manager – Evidence Based Hub, café 👩‍👩‍👧'));

  it('shows every kind of line break the same way', () => expect(printable('a\r\nb\rc\u2028d\u0085e')).toBe('a⏎b⏎c⏎d⏎e'));
});
