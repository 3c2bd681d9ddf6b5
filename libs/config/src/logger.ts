import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogSettings } from './config';

/**
 * What may carry a secret is never written: bearer tokens, session cookies (the admin's cookie
 * is a token), and Idempotency-Keys, which a client may build from what it sends. Request
 * bodies, where evidence titles live, are never logged at all (see the API's request log).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["idempotency-key"]', 'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

/**
 * The process's one logger: JSON lines on stdout, or readable lines when `format` is `pretty`
 * (the default when stdout is a terminal). `destination` replaces stdout (tests).
 */
export async function createLogger(settings: LogSettings, destination?: DestinationStream): Promise<Logger> {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const pretty = (settings.format ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty';
  if (!pretty) return destination ? pino(options, destination) : pino(options);
  // Loaded only for a terminal, so a JSON-logging deployment does not need it.
  const { default: prettyStream } = await import('pino-pretty');
  return pino(options, prettyStream({
    destination: destination ?? 1, colorize: !destination && process.stdout.isTTY, singleLine: true, translateTime: 'SYS:HH:MM:ss.l',
    // What the message already says (see the API's request and command lines), and what only a machine needs.
    messageFormat: '{if context}{context}: {end}{msg}',
    ignore: 'pid,hostname,context,req,res,responseTime,command,stream,outcome,version,position,events,code,durationMs,correlationId', sync: true,
  }));
}
