import type { StatusBasis } from '../plan/rating-scheme.rules';

/** The meeting a pack is issued to: a panel meeting of the engine, or a board or committee named with its date. */
export type PackMeeting = { panelId: string; board: null; date: string } | { panelId: null; board: string; date: string };

/** What the plan manager writes on the cover. */
export interface PackCover {
  title: string;
  purpose: string;
  recommendations: string[];
}

/**
 * Everything a committee pack is made from besides the log: the day, the basis and the words the
 * plan manager gave. With `upTo` (the log position its figures were read to) the same inputs make
 * the same pack again, byte for byte.
 */
export interface PackInputs {
  asAt: string;
  basis: StatusBasis;
  /** The day the BRAG on a page compares with; null: the previous pack's day. */
  compareWith: string | null;
  exceptionsOnly: boolean;
  cover: PackCover;
  /** The meeting's name and day as the cover prints them. */
  meeting: { name: string; date: string };
  /** The global log position the plan's streams were read to. */
  upTo: number;
}

/** Who a scheduled pack was mailed to, and who it could not reach and why. */
export interface PackRecipients {
  to: Array<{ userId: string; email: string }>;
  notReached: Array<{ userId: string; why: string }>;
}

export type PackEvent =
  | {
      type: 'PackIssued';
      data: {
        packId: string;
        planId: string;
        inputs: PackInputs;
        /** SHA-256 (hex) of the pack's canonical HTML content, as its footer prints it. */
        hash: string;
        meeting: PackMeeting;
        /** Made by the engine on the plan's pack schedule (ADR 37), this many days before the board date; absent: issued by a person. */
        scheduled?: { daysBefore: number };
      };
    }
  | {
      /** A scheduled pack handed to the mail server (or the outbox) for the plan's managers, with its HTML and, where Chromium could print it, its PDF. */
      type: 'ScheduledPackSent';
      data: PackRecipients & { packId: string; pdf: boolean };
    };

export type PackEventType = PackEvent['type'];
