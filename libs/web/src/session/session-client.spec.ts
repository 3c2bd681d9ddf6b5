import type { Request } from 'express';
import { clientLines, clientOf, describeBrowser } from './session-client';

/** User-Agent strings as each browser sends them. */
const AGENTS: Array<[string, string | null]> = [
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome on Windows'],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
    'Edge on Windows',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15',
    'Safari on macOS',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1',
    'Safari on iPhone',
  ],
  ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
  [
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36',
    'Samsung Internet on Android',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    'Headless Chrome on Linux',
  ],
  ['Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko', 'Internet Explorer on Windows'],
  ['curl/8.5.0', null],
];

const request = (ip: string | undefined, userAgent?: string) =>
  ({ ip, get: (name: string) => (name.toLowerCase() === 'user-agent' ? userAgent : undefined) }) as unknown as Request;

describe('where a session signed in from', () => {
  it.each(AGENTS)('describes %s as %s', (agent, described) => expect(describeBrowser(agent)).toBe(described));

  it('keeps the address Express gives, an IPv4 one reached over IPv6 written as IPv4', () => {
    expect(clientOf(request('::ffff:203.0.113.7', 'curl/8.5.0'))).toEqual({ ip: '203.0.113.7', userAgent: 'curl/8.5.0' });
    expect(clientOf(request('2001:db8::1'))).toEqual({ ip: '2001:db8::1', userAgent: null });
  });

  it('shows an unknown browser by its User-Agent, labelled and cut short, and says when nothing was recorded', () => {
    expect(clientLines({ ip: '203.0.113.7', userAgent: 'curl/8.5.0' })).toEqual({
      browser: 'User agent: curl/8.5.0',
      address: '203.0.113.7',
    });
    expect(clientLines({ ip: null, userAgent: `Bot/${'x'.repeat(200)}` }).browser).toHaveLength('User agent: '.length + 80);
    expect(clientLines({ ip: null, userAgent: null })).toEqual({ browser: 'Browser not recorded', address: 'Address not recorded' });
  });
});
