import type { CommandBus } from '@nestjs/cqrs';
import type { UserDirectory } from '@actionplans/auth';
import { PackCommandMessage, type RequestContext } from '@actionplans/commands';
import {
  dayNumber,
  DomainError,
  isoDay,
  makesPlanManager,
  planStream,
  type Actor,
  type PackRecipients,
  type PackSchedule,
} from '@actionplans/domain';
import { CommandRefusedError, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import type { CommitteePacks, IssuedPack, PlanEntry, PlanIndex } from '@actionplans/read-models';
import type { Mailer } from '@actionplans/reminders';
import { v7 as uuidv7 } from 'uuid';
import { PdfUnavailableError, type PdfPrinter } from '../documents/pdf-printer';
import type { PackDocuments } from './pack-document';
import type { PackIssuer } from './pack-issuer';
import { scheduledPackMail } from './scheduled-pack-mail';

/** The engine makes and sends scheduled packs as itself; the register and the history name it. */
export const PACK_SCHEDULE: Actor = { userId: 'pack-schedule', role: 'system' };

/** How often the plans' board dates are looked over: a schedule set or a plan activated is acted on within seconds. */
const SWEEP_EVERY_MS = 5_000;
/**
 * A scheduled pack recorded as made but not as sent is sent again after this long: its maker
 * stopped between the two (or another instance is sending it right now, which takes seconds).
 */
const RESEND_AFTER_MS = 10 * 60_000;
/** After a failure (the mail server away, say) a board date is tried again after 1 minute, doubling up to an hour. */
const FIRST_RETRY_MS = 60_000;
const LAST_RETRY_MS = 60 * 60_000;

export interface ScheduledPacksLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** A board date a plan's pack is owed for today. */
export interface PackDue {
  planId: string;
  boardDate: string;
  schedule: PackSchedule;
}

/** What one sweep did for one board date. */
export type PackOutcome =
  | { planId: string; boardDate: string; outcome: 'sent'; packId: string; pdf: boolean }
  | { planId: string; boardDate: string; outcome: 'issued by a person' | 'already sent' | 'being sent elsewhere' | 'made elsewhere' }
  | { planId: string; boardDate: string; outcome: 'failed'; why: string };

/**
 * The board dates owed a pack today: of each active plan with a schedule, those from `daysBefore`
 * days ahead up to the day itself. A board date already past is owed nothing (the meeting has
 * been); one nearer than `daysBefore` when the schedule was set still gets its pack, late.
 */
export function packsDue(plans: PlanEntry[], today: string): PackDue[] {
  return plans.flatMap(({ planId, stage, packSchedule, boardDates }) =>
    stage === 'active' && packSchedule
      ? boardDates
          .filter((boardDate) => boardDate >= today && isoDay(dayNumber(boardDate) - packSchedule.daysBefore) <= today)
          .map((boardDate) => ({ planId, boardDate, schedule: packSchedule }))
      : [],
  );
}

/**
 * The plan's managers as reminders know them (ADR 32): whoever created it, then each plan manager
 * who has since recorded anything on the plan's own stream, in the order they first did.
 */
export function planManagersFrom(planEvents: RecordedEvent[]): string[] {
  const managers = planEvents
    .filter((event) => makesPlanManager(event.type, event.metadata.actor.role))
    .map((event) => event.metadata.actor.id);
  return [...new Set(managers)];
}

/**
 * Scheduled committee packs (ADR 37). A plan may ask for its pack a set number of days before each
 * of its board dates: the engine then makes the pack as at that day, issues it to the board on the
 * plan's pack register (`PackIssued` with `scheduled`, by `system`), mails it to the plan's managers
 * with its HTML master and its PDF attached, and records that (`ScheduledPackSent`: to whom, who
 * could not be reached and why, whether the PDF went).
 *
 * The issue is the claim: the register refuses a second scheduled pack for the same board date, so
 * two processes sweeping at once make one pack. The sending comes after, so a stop between the two
 * leaves a pack made and not sent, which the next sweep sends after `RESEND_AFTER_MS`; a message
 * handed over twice keeps its message id. A board date a person has already issued a pack to is
 * left to them.
 */
export class ScheduledPacks {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PackOutcome[]> | null = null;
  /** Board dates whose pack is sent or was issued by a person: never looked at again by this process. */
  private readonly settled = new Set<string>();
  /** Scheduled packs this process made and has not yet recorded as sent: it sends them without waiting. */
  private readonly madeHere = new Set<string>();
  private readonly retries = new Map<string, { at: number; wait: number }>();

  constructor(
    private readonly deps: {
      plans: PlanIndex;
      packs: CommitteePacks;
      issuer: PackIssuer;
      documents: PackDocuments;
      printer: PdfPrinter;
      commands: CommandBus;
      store: EventStore;
      users: UserDirectory;
      mailer: Mailer;
      publicUrl: string;
      logger: ScheduledPacksLogger;
      clock?: () => Date;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    void this.sweep();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks over every plan's board dates once and makes and sends what is owed; one sweep at a time. */
  sweep(): Promise<PackOutcome[]> {
    this.running ??= this.sweepOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepOnce(): Promise<PackOutcome[]> {
    const now = this.now();
    const outcomes: PackOutcome[] = [];
    for (const due of packsDue(this.deps.plans.list(), now.toISOString().slice(0, 10))) {
      const key = `${due.planId}|${due.boardDate}`;
      if (this.settled.has(key) || (this.retries.get(key)?.at ?? 0) > now.getTime()) continue;
      const outcome = await this.owe(due, now).catch((error: Error): PackOutcome => ({ ...due, outcome: 'failed', why: error.message }));
      outcomes.push(outcome);
      if (outcome.outcome === 'failed') this.retryLater(due, now, outcome.why);
      else this.retries.delete(key);
      if (['sent', 'issued by a person', 'already sent'].includes(outcome.outcome)) this.settled.add(key);
    }
    return outcomes;
  }

  private async owe({ planId, boardDate, schedule }: PackDue, now: Date): Promise<PackOutcome> {
    const packs = await this.deps.packs.issued(planId);
    const toTheBoard = packs.filter((pack) => pack.meeting.board !== null && pack.meeting.date === boardDate);
    const scheduled = toTheBoard.find((pack) => pack.scheduled);
    if (!scheduled && toTheBoard.length > 0) return { planId, boardDate, outcome: 'issued by a person' };
    if (scheduled?.sent) return { planId, boardDate, outcome: 'already sent' };
    if (scheduled) {
      const mine = this.madeHere.has(scheduled.packId);
      if (!mine && now.getTime() - Date.parse(scheduled.issuedAt) < RESEND_AFTER_MS)
        return { planId, boardDate, outcome: 'being sent elsewhere' };
      return this.send(scheduled, await this.deps.packs.reissue(scheduled).then((pack) => this.deps.documents.committeePack(pack)), now);
    }
    const made = await this.make(planId, boardDate, schedule, now);
    if (!made) return { planId, boardDate, outcome: 'made elsewhere' };
    return this.send(made.pack, made, now);
  }

  /** Issues the pack to the board on the register; null when another process made it first. */
  private async make(planId: string, boardDate: string, schedule: PackSchedule, now: Date) {
    const title = this.deps.plans.entry(planId)?.title ?? planId;
    const packId = uuidv7();
    const today = now.toISOString().slice(0, 10);
    try {
      const { hash, html } = await this.deps.issuer.issue(
        planId,
        {
          asAt: today,
          compareWith: null,
          exceptionsOnly: false,
          cover: {
            title: `${title}: progress report`,
            purpose: `To report the progress of the ${title} to the ${schedule.board}.`,
            recommendations: [`That the ${schedule.board} note the progress.`],
          },
          meeting: { name: schedule.board, date: boardDate },
        },
        { panelId: null, board: schedule.board, date: boardDate },
        packId,
        this.context(now),
        { daysBefore: schedule.daysBefore },
      );
      this.madeHere.add(packId);
      const pack = (await this.deps.packs.issued(planId)).find((issued) => issued.packId === packId)!;
      return { pack, hash, html };
    } catch (error) {
      if (error instanceof CommandRefusedError && (error.refusal as DomainError).code === 'PACK.ALREADY_SCHEDULED') return null;
      throw error;
    }
  }

  /** Mails the pack to each of the plan's managers who can be reached, then records who got it and who did not. */
  private async send(pack: IssuedPack, rendered: { hash: string; html: string }, now: Date): Promise<PackOutcome> {
    const outcome = { planId: pack.planId, boardDate: pack.meeting.date };
    // A pack made again must be the pack made then: a copy that does not verify is never sent.
    if (rendered.hash !== pack.hash)
      return { ...outcome, outcome: 'failed', why: `made again it hashes ${rendered.hash}, not ${pack.hash} as recorded` };
    const recipients = await this.recipients(pack.planId);
    const pdf = await this.deps.printer.print(rendered.html).catch((error: Error) => {
      if (error instanceof PdfUnavailableError) return { unavailable: error.message };
      throw error;
    });
    const planTitle = this.deps.plans.entry(pack.planId)?.title ?? pack.planId;
    for (const { email } of recipients.to) {
      await this.deps.mailer.send(
        scheduledPackMail(pack, { planTitle, publicUrl: this.deps.publicUrl, to: email, html: rendered.html, pdf }),
      );
    }
    const printed = Buffer.isBuffer(pdf);
    await this.deps.commands.execute(
      new PackCommandMessage(
        pack.planId,
        { type: 'RecordScheduledPackSent', packId: pack.packId, ...recipients, pdf: printed },
        this.context(now),
      ),
    );
    this.madeHere.delete(pack.packId);
    if (recipients.to.length === 0)
      this.deps.logger.warn(
        `scheduled packs: pack ${pack.packId} of plan ${pack.planId} reached none of its managers (${recipients.notReached.map((miss) => `${miss.userId}: ${miss.why}`).join('; ')})`,
      );
    return { ...outcome, outcome: 'sent', packId: pack.packId, pdf: printed };
  }

  /** The plan's managers with an address and an account in use; the others, each with why not. */
  private async recipients(planId: string): Promise<PackRecipients> {
    const recipients: PackRecipients = { to: [], notReached: [] };
    for (const userId of planManagersFrom(await this.deps.store.readStream(planStream(planId)))) {
      const user = this.deps.users.get(userId);
      if (!user) recipients.notReached.push({ userId, why: 'not a user of the engine' });
      else if (user.disabled) recipients.notReached.push({ userId, why: 'their account is disabled' });
      else if (!user.email) recipients.notReached.push({ userId, why: 'no email address' });
      else recipients.to.push({ userId, email: user.email });
    }
    return recipients;
  }

  private retryLater({ planId, boardDate }: PackDue, now: Date, why: string): void {
    const key = `${planId}|${boardDate}`;
    const wait = Math.min(LAST_RETRY_MS, (this.retries.get(key)?.wait ?? FIRST_RETRY_MS / 2) * 2);
    this.retries.set(key, { at: now.getTime() + wait, wait });
    this.deps.logger.warn(
      `scheduled packs: the pack of plan ${planId} for the board of ${boardDate} failed (${why}); trying again in ${wait / 60_000} min`,
    );
  }

  private context(now: Date): RequestContext {
    return { actor: PACK_SCHEDULE, now: now.toISOString() };
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}
