import { relative, isAbsolute } from 'node:path';

/** Where the running app keeps its data and how people reach it: what the CLI must be told to add a user to the same place. */
export interface FirstAdminSettings {
  /** DATA_DIR, resolved. */
  dataDir: string;
  /** PUBLIC_URL as the app uses it (from PORT when unset): the address the printed sign-in link starts with. */
  publicUrl: string;
  /** The settings that name the stores (EVENT_STORE, DATABASE_URL…) set for this app: named, never printed, since some hold passwords. */
  storeSettings: string[];
  /** The folder the app runs from, which the command is run in. */
  cwd: string;
}

const DEFAULT_URL = 'http://localhost:3000';

/** A value as a POSIX shell reads it, quoted only when it needs to be. */
const shellWord = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/**
 * The command that adds the first administrator to the store this app runs on and prints a link
 * at the address people reach it: `npm run cli -- users add …`, prefixed with DATA_DIR and
 * PUBLIC_URL when the app runs with its own, and the store settings it must share, by name.
 */
export function firstAdminCommand(settings: FirstAdminSettings): { command: string; alsoSet: string[] } {
  const prefix: string[] = [];
  const dataDir = relative(settings.cwd, settings.dataDir) || '.';
  if (dataDir !== 'data')
    prefix.push(`DATA_DIR=${shellWord(isAbsolute(dataDir) || dataDir.startsWith('..') ? settings.dataDir : dataDir)}`);
  if (settings.publicUrl !== DEFAULT_URL) prefix.push(`PUBLIC_URL=${shellWord(settings.publicUrl)}`);
  const command = [...prefix, 'npm run cli -- users add --name "Your Name" --email you@example.gov.uk --role admin'].join(' ');
  return { command, alsoSet: settings.storeSettings };
}

/** The store settings set in the environment, by name. */
export const STORE_SETTINGS = ['EVENT_STORE', 'READ_MODELS', 'DATABASE_URL', 'KURRENTDB_URL'];
