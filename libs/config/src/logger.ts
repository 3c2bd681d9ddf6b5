import pino, { type Logger, type LoggerOptions } from 'pino';
import { ConfigurationError, type LogSettings } from './config';

/**
 * What may carry a secret is never written: bearer tokens, session cookies (the admin's cookie
 * is a token), and Idempotency-Keys, which a client may build from what it sends. Request
 * bodies, where evidence titles live, are never logged at all (see the API's request log).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
];

/**
 * The process's one logger: JSON lines on stdout, or readable lines when `format` is `pretty`
 * (the default when stdout is a terminal, if pino-pretty is installed).
 */
export async function createLogger(settings: LogSettings): Promise<Logger> {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const format = settings.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  // Loaded only for a terminal, so a JSON-logging deployment does not need it.
  const prettyStream =
    format === 'pretty'
      ? await import('pino-pretty').then(
          (loaded) => loaded.default,
          () => undefined,
        )
      : undefined;
  if (!prettyStream) {
    if (settings.format === 'pretty')
      throw new ConfigurationError('LOG_FORMAT', 'pretty needs the pino-pretty package, which is not installed; use json');
    return pino(options);
  }
  return pino(
    options,
    prettyStream({
      destination: 1,
      colorize: process.stdout.isTTY,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      // What the message already says (see the API's request and command lines), and what only a machine needs.
      messageFormat: '{if context}{context}: {end}{msg}',
      ignore: 'pid,hostname,context,req,res,responseTime,command,stream,outcome,version,position,events,code,durationMs,correlationId',
      sync: true,
    }),
  );
}
