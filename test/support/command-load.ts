import type { EventStore } from '@actionplans/event-store';
import { runBuilt } from '@actionplans/testing';
import { created, type Client, type Reply } from './api-world';

/** A command the API answered 2xx for, and the text only that command carries, to find it by. */
export interface Acknowledged {
  stream: string;
  version: number;
  position: number;
  marker: string;
}

/** One command sent by the load, and what became of it. */
export interface Sent {
  marker: string;
  /** The status answered; 0 when no answer came (the connection was refused or cut). */
  status: number;
  sentAt: number;
  answeredAt: number;
  reply: Reply | null;
  error: string | null;
  /** Sends the same command again, with the same Idempotency-Key. */
  again(): Promise<Reply>;
}

/** A command sent again with its Idempotency-Key, and the answer to that. */
export interface Retry {
  sent: Sent;
  reply: Reply;
}

/** Every command the load sent, and those the API acknowledged. */
export interface LoadFigures {
  sent: Sent[];
  acknowledged: Acknowledged[];
}

const today = () => new Date().toISOString().slice(0, 10);

/** A plan, active, with `actions` actions led by `owner`, for load to work on. */
export async function planForLoad(
  manager: Client,
  owner: Client,
  actions: number,
): Promise<{ planId: string; groupingId: string; actionIds: string[] }> {
  const planId = (
    await created(
      manager.post('/plans', {
        kind: 'inspection',
        title: 'Plan under load',
        source: { body: 'HMIP', date: '2020-11-18', judgement: 'Requires improvement' },
      }),
    )
  ).body.id as string;
  const groupingId = (
    await created(manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: ['1'], title: 'Recommendations' }))
  ).body.createdId as string;
  await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
  const actionIds: string[] = [];
  for (let n = 1; n <= actions; n += 1)
    actionIds.push((await created(manager.post(`/plans/${planId}/actions`, raise(groupingId, `1.${n}`, `Action 1.${n}`, owner)))).body.id);
  return { planId, groupingId, actionIds };
}

const raise = (groupingId: string, reference: string, description: string, owner: Client) => ({
  groupingId,
  references: [reference],
  description,
  targetDate: 'Dec-30',
  leadOwners: [{ kind: 'person', name: 'Lead owner', userId: owner.userId }],
});

/**
 * Closed-loop load of `workers` clients, each sending its next command when the last is answered:
 * mostly progress updates (worker w updates action w mod n, so updates on one action collide now
 * and then), every fifth a new action raised by the manager, every seventh evidence attached.
 * Each command carries a marker no other carries, and that marker as its Idempotency-Key. Runs
 * until `until()` is true; a worker whose request gets no answer stops if `stopOnNoAnswer` (the
 * process was killed). `figures` fill in as answers come.
 */
export function startLoad(options: {
  manager: Client;
  owner: Client;
  plan: { planId: string; groupingId: string; actionIds: string[] };
  workers: number;
  until: () => boolean;
  stopOnNoAnswer: boolean;
}): { figures: LoadFigures; done: Promise<LoadFigures> } {
  const { manager, owner, plan } = options;
  const figures: LoadFigures = { sent: [], acknowledged: [] };
  const command = (w: number, n: number, marker: string): (() => Promise<Reply>) => {
    const key = { 'idempotency-key': marker };
    const actionId = plan.actionIds[w % plan.actionIds.length];
    if (n % 5 === 4) return () => manager.post(`/plans/${plan.planId}/actions`, raise(plan.groupingId, `9.${w}.${n}`, marker, owner), key);
    if (n % 7 === 6)
      return () =>
        owner.post(`/actions/${actionId}/evidence`, { title: marker, kind: 'link', link: `https://evidence.example/${marker}` }, key);
    return () => owner.post(`/actions/${actionId}/progress`, { commentary: marker, assessment: 'on track', asOf: today() }, key);
  };
  const worker = async (w: number) => {
    for (let n = 0; !options.until(); n += 1) {
      const marker = `load-${w}-${n}`;
      const sent: Sent = { marker, status: 0, sentAt: Date.now(), answeredAt: 0, reply: null, error: null, again: command(w, n, marker) };
      figures.sent.push(sent);
      try {
        sent.reply = await sent.again();
        sent.status = sent.reply.status;
        if (sent.status >= 200 && sent.status < 300) figures.acknowledged.push(acknowledgement(sent.reply, marker));
      } catch (error) {
        sent.error = String((error as Error).cause ?? error);
      }
      sent.answeredAt = Date.now();
      if (sent.status === 0 && options.stopOnNoAnswer) return;
      // As a client would, give a store that is down a moment before trying the next command.
      if (sent.status === 503) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, (_, w) => worker(w))).then(() => figures);
  return { figures, done };
}

/** Where the answer says the command's event is. */
export const acknowledgement = (reply: Reply, marker: string): Acknowledged => ({
  stream: `action-${reply.body.id}`,
  version: reply.body.version,
  position: reply.body.position,
  marker,
});

/** How many commands were answered with each status (0: no answer). */
export const byStatus = (sent: Sent[]) =>
  sent.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

/** The acknowledged commands whose event is not in the log where the answer said, carrying its marker. */
export async function missingFromLog(store: EventStore, acknowledged: Acknowledged[]): Promise<Acknowledged[]> {
  const missing: Acknowledged[] = [];
  for (const ack of acknowledged) {
    const [event] = await store.readStream(ack.stream, { fromVersion: ack.version, limit: 1 });
    const found =
      event && event.version === ack.version && event.position === ack.position && JSON.stringify(event.data).includes(`"${ack.marker}"`);
    if (!found) missing.push(ack);
  }
  return missing;
}

/** How many events of the log carry each load marker (in a top-level field of their data). */
export async function markersInLog(store: EventStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let page = await store.readAll(0, 1000); page.length > 0; page = await store.readAll(page.at(-1)!.position, 1000)) {
    for (const event of page) {
      for (const value of Object.values(event.data as Record<string, unknown>)) {
        if (typeof value === 'string' && /^load-\d+-\d+$/.test(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
  }
  return counts;
}

/**
 * Sends again, one at a time and with the same Idempotency-Key, every command that got no answer
 * or a 503: the answer to each is the outcome a client that retries would see.
 */
export async function retryUnsettled(figures: LoadFigures): Promise<Retry[]> {
  const retried: Retry[] = [];
  for (const sent of figures.sent.filter(({ status }) => status === 0 || status === 503)) retried.push({ sent, reply: await sent.again() });
  return retried;
}

/**
 * Every acknowledged command is where its answer said; every command acknowledged, first time or
 * on its retry, is stored exactly once; a command answered 409 stored nothing. Returns how many
 * acknowledged commands were lost (0, or the expectation failed).
 */
export async function expectLogHolds(store: EventStore, figures: LoadFigures, retried: Retry[]): Promise<number> {
  const lost = await missingFromLog(store, figures.acknowledged);
  const markers = await markersInLog(store);
  expect(lost).toEqual([]);
  const acknowledged = [...figures.acknowledged, ...retried.map(({ sent, reply }) => acknowledgement(reply, sent.marker))];
  expect(acknowledged.filter(({ marker }) => markers.get(marker) !== 1)).toEqual([]);
  expect(figures.sent.filter(({ status, marker }) => status === 409 && markers.has(marker))).toEqual([]);
  return lost.length;
}

/** Runs `actionplans verify` as an operator would; returns what it printed. */
export function expectVerified(env: Record<string, string>): string {
  const verified = runBuilt('cli', ['verify'], env);
  expect({ code: verified.code, stdout: verified.stdout.trim() }).toEqual({
    code: 0,
    stdout: expect.stringMatching(/^verified \d+ events in \d+ streams$/),
  });
  return verified.stdout.trim();
}
