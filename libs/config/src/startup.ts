import { ConfigurationError } from './config';

/** Start-up failures end the process with one line saying what to fix, and a non-zero code. */
export function exitOnStartupError(error: unknown): never {
  const line = error instanceof ConfigurationError ? error.message : `start-up failed: ${(error as Error)?.stack ?? String(error)}`;
  console.error(`actionplans: ${line}`);
  process.exit(1);
}
