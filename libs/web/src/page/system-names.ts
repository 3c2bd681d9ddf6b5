/** The command line and processes act under names of their own, not as users. */
const SYSTEM_NAMES: Record<string, string> = {
  system: 'the system',
  'command-line': 'the command line',
  'evidence-panel': 'the evidence panel process',
  reminders: 'the reminders',
  'directory-sign-in': 'directory sign-in',
};

/** What a history calls an actor that is not a user: a process by its name; undefined for anyone else. */
export const systemName = (actorId: string): string | undefined => SYSTEM_NAMES[actorId];
