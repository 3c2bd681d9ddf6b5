import type { Request } from 'express';
import type { SessionClient } from './session-store';

/**
 * Where a request came from, as a session keeps it. `request.ip` is Express's: the socket's
 * address, or the client's from X-Forwarded-For when TRUST_PROXY trusts the proxy that added it,
 * so a forged header from anyone else is ignored. An IPv4 address reached over IPv6 is shown as IPv4.
 */
export function clientOf(request: Request): SessionClient {
  const ip = request.ip?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') || null;
  return { ip, userAgent: request.get('user-agent')?.trim() || null };
}

/*
 * A few lines of patterns instead of a User-Agent parser package: the page needs a browser's family
 * and its system in words ("Chrome on Windows") to let someone recognise their own sessions, not
 * versions or devices; the families below are the ones council laptops and phones run, and the
 * patterns are the ones each browser documents as its own token. Order matters: Edge, Opera and
 * Samsung Internet also say "Chrome", and Chrome also says "Safari".
 */
const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\bHeadlessChrome\//, 'Headless Chrome'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\b(?:MSIE |Trident\/)/, 'Internet Explorer'],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/\bWindows\b/, 'Windows'],
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\b(?:Macintosh|Mac OS X)\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

const firstOf = (patterns: Array<[RegExp, string]>, text: string) => patterns.find(([pattern]) => pattern.test(text))?.[1];

/** "Chrome on Windows", "Safari on iPhone", "Firefox"; null when neither the browser nor its system is one we know. */
export function describeBrowser(userAgent: string): string | null {
  const browser = firstOf(BROWSERS, userAgent);
  const system = firstOf(SYSTEMS, userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `A browser on ${system}` : null);
}

/** A session's client as a page shows it: the browser in words (else its User-Agent, cut short and labelled) and the address. */
export function clientLines(client: SessionClient): { browser: string; address: string } {
  const described = client.userAgent ? describeBrowser(client.userAgent) : null;
  const raw = client.userAgent && client.userAgent.length > 80 ? `${client.userAgent.slice(0, 79)}…` : client.userAgent;
  return {
    browser: described ?? (raw ? `User agent: ${raw}` : 'Browser not recorded'),
    address: client.ip ?? 'Address not recorded',
  };
}
