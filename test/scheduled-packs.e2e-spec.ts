import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { eventually, freePort } from '@actionplans/testing';
import { created, startWorld, type Client } from './support/api-world';

/**
 * Scheduled packs (ADR 37) in the built all-in-one app, mailing into the outbox: a plan asks for its
 * pack a week before each board date; the engine makes it, issues it to the board on the pack
 * register, mails it to the plan's managers with the HTML master and the PDF, and records that, once,
 * across a restart.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager', email: 'yot.performance@rotherham.example' },
  deputy: { name: 'Deputy performance manager', role: 'plan manager' },
  owner: { name: 'CYPS Training', role: 'action owner' },
  auditor: { name: 'Internal Audit', role: 'auditor' },
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const board = 'YOT Management Board';

describe('packs made and mailed before each board date', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const outbox = () => join(world.dir, 'outbox');
  const messages = () => (existsSync(outbox()) ? readdirSync(outbox()).filter((file) => file.endsWith('.eml')) : []);
  const read = (file: string): Promise<ParsedMail> => simpleParser(readFileSync(join(outbox(), file)));

  beforeAll(async () => {
    world = await startWorld('scheduled-packs', people, { PORT: String(await freePort()) });
  });
  afterAll(() => world?.stop());

  /** An active plan with two actions, one overdue, owned by the owner. */
  async function activePlan(manager: Client, title: string): Promise<string> {
    const planId = (await created(manager.post('/plans', { kind: 'inspection', title, source: { body: 'HMIP', date: '2020-12-17' } }))).body
      .id;
    const groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
      )
    ).body.createdId;
    for (const [reference, targetDate] of [
      ['2.1', day(-20)],
      ['2.2', day(60)],
    ])
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: [reference],
          description: `Action ${reference}`,
          targetDate,
          leadOwners: [{ kind: 'role', name: 'CYPS Training', userId: world.users.owner.userId }],
        }),
      );
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: day(-30) }));
    return planId;
  }

  let planId: string;
  let first: { file: string; modified: number; packId: string };

  it('refuses a schedule that cannot be kept, naming the field, and records nothing', async () => {
    const { manager } = world.users;
    planId = await activePlan(manager, 'YOT HMIP Inspection Action Plan');
    for (const [packSchedule, field] of [
      [{ daysBefore: 0, board }, 'packSchedule.daysBefore'],
      [{ daysBefore: 7 }, 'packSchedule.board'],
      [{ daysBefore: 7, board: '' }, 'packSchedule.board'],
    ] as const) {
      const refused = await manager.patch(`/plans/${planId}`, { packSchedule, reason: 'Packs a week ahead' });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    expect((await manager.get(`/plans/${planId}`)).body.packSchedule).toBeNull();
  });

  it("mails the pack to the plan's managers a week before the board, with its HTML and PDF, and records it on the register", async () => {
    const { deputy, auditor } = world.users;
    // The deputy sets the schedule, and so becomes one of the plan's managers; with no address, the pack cannot reach them.
    const amended = await deputy.patch(`/plans/${planId}`, {
      boardDates: [day(-3), day(7), day(30)],
      packSchedule: { daysBefore: 7, board },
      reason: 'The board asked for its pack a week ahead',
    });
    expect(amended.status).toBe(200);
    expect((await auditor.get(`/plans/${planId}`)).body).toMatchObject({
      boardDates: [day(-3), day(7), day(30)],
      packSchedule: { daysBefore: 7, board },
    });

    await eventually('the pack in the outbox', () => messages().length === 1, 60_000);
    const [file] = messages();
    const mail = await read(file);
    expect(mail.to).toMatchObject({ text: 'yot.performance@rotherham.example' });
    expect(mail.subject).toContain(`Committee pack for the ${board}`);
    expect(mail.subject).toContain('YOT HMIP Inspection Action Plan');
    const html = mail.attachments.find((attachment) => attachment.contentType.startsWith('text/html'))!;
    const pdf = mail.attachments.find((attachment) => attachment.contentType === 'application/pdf')!;
    expect(html.filename).toBe(`yot-hmip-inspection-action-plan-pack-${day(0)}.html`);
    expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');

    // Recorded: issued to the board on its date by the engine, and sent to whom, with who could not be reached and why.
    const register = (await auditor.get(`/plans/${planId}/packs`)).body.packs;
    expect(register).toHaveLength(1);
    const [pack] = register;
    expect(pack).toMatchObject({
      meeting: { panelId: null, board, date: day(7) },
      inputs: { asAt: day(0), meeting: { name: board, date: day(7) } },
      scheduled: { daysBefore: 7 },
      issuedBy: { id: 'pack-schedule', role: 'system' },
      sent: {
        to: [{ userId: world.users.manager.userId, email: 'yot.performance@rotherham.example' }],
        notReached: [{ userId: deputy.userId, why: 'no email address' }],
        pdf: true,
      },
    });
    expect(mail.text).toContain(`SHA-256 of its content: ${pack.hash}`);

    // The copy mailed is the pack recorded: an auditor checks it against the register.
    const verified = await auditor.post('/packs/verify', { html: html.content.toString('utf8') });
    expect(verified.body).toMatchObject({ matches: true, packs: [{ packId: pack.packId, planId }] });
    // The pack reads the plan: the overdue action is in it.
    expect(html.content.toString('utf8')).toContain('Action 2.1');
    first = { file, modified: statSync(join(outbox(), file)).mtimeMs, packId: pack.packId };
  });

  it('makes each pack once: after a restart only a newly owed pack goes out', async () => {
    await world.halt();
    await world.restart();
    const { manager, auditor } = world.users;
    // A second plan, made after the first: the sweep that sends its pack has looked at the first plan's board dates too.
    const second = await activePlan(manager, 'SEND Written Statement of Action');
    const scheduled = await manager.patch(`/plans/${second}`, {
      boardDates: [day(2)],
      packSchedule: { daysBefore: 3, board: 'SEND Partnership Board' },
      reason: 'Packs three days ahead',
    });
    expect(scheduled.status).toBe(200);
    await eventually('the second plan’s pack in the outbox', () => messages().length === 2, 60_000);
    expect((await auditor.get(`/plans/${planId}/packs`)).body.packs.map((pack: { packId: string }) => pack.packId)).toEqual([first.packId]);
    expect(statSync(join(outbox(), first.file)).mtimeMs).toBe(first.modified);
    const secondPacks = (await auditor.get(`/plans/${second}/packs`)).body.packs;
    expect(secondPacks).toMatchObject([{ meeting: { board: 'SEND Partnership Board', date: day(2) }, scheduled: { daysBefore: 3 } }]);
  });

  it('turns the schedule off', async () => {
    const { manager } = world.users;
    expect((await manager.patch(`/plans/${planId}`, { packSchedule: null, reason: 'The board now asks for packs by hand' })).status).toBe(
      200,
    );
    expect((await manager.get(`/plans/${planId}`)).body.packSchedule).toBeNull();
  });
});
