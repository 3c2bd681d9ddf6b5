import { ROLES, type Role } from '@actionplans/auth';
import { randomBytes } from 'node:crypto';
import { receiver } from '@actionplans/testing';
import { startWorld, type Client, type Reply } from './api-world';

/**
 * The roles that hold a seat on an evidence challenge panel (ADR 28): a meeting naming anyone else
 * as a member is refused, so only these are tried both on the panel and off it.
 */
export const SEATED_ROLES: readonly Role[] = ['panel member'];

/**
 * The people of the authorisation matrix: one user for every role × owning the actions or not ×
 * sitting on the panel or not (for the roles that may sit on one), the chair, and someone without
 * a token; and the helpers who build each fresh plan, action and meeting a command is tried on, so
 * the only reason a command can fail is who sends it.
 */
export interface Actor {
  name: string;
  role: Role | null;
  owner: boolean;
  member: boolean;
  chair: boolean;
}

export const ACTORS: Actor[] = [
  ...ROLES.flatMap((role) =>
    [true, false].flatMap((owner) =>
      (SEATED_ROLES.includes(role) ? [true, false] : [false]).map((member) => ({
        name: `${role} (${owner ? 'owner' : 'not owner'}, ${member ? 'on the panel' : 'not on the panel'})`,
        role,
        owner,
        member,
        chair: false,
      })),
    ),
  ),
  { name: 'the chair (panel member, not owner)', role: 'panel member', owner: false, member: true, chair: true },
  { name: 'anonymous (no token)', role: null, owner: false, member: false, chair: false },
];

const HELPERS = {
  setup: { name: 'Plan builder', role: 'plan manager' },
  helperOwner: { name: 'Owner of closing plans', role: 'action owner' },
  helperChair: { name: 'Chair of closing panels', role: 'panel member' },
  helperMember: { name: 'Member of closing panels', role: 'panel member' },
} as const;

export const today = () => new Date().toISOString().slice(0, 10);
const PLAN = { kind: 'inspection', title: 'Authorisation matrix plan', source: { body: 'HMIP', date: '2020-11-18' } };

/** Awaits a command the fixture needs, failing with the problem it answered otherwise. */
export async function must(reply: Promise<Reply>): Promise<any> {
  const answered = await reply;
  if (answered.status >= 300) throw new Error(`fixture step failed with ${answered.status}: ${JSON.stringify(answered.body)}`);
  return answered.body;
}

export async function startAuthorisationWorld() {
  const people = Object.fromEntries([
    ...ACTORS.filter((actor) => actor.role).map((actor) => [actor.name, { name: actor.name, role: actor.role! }]),
    ...Object.entries(HELPERS).map(([key, person]) => [key, person]),
  ]) as Record<string, { name: string; role: string }>;
  const world = await startWorld('authorisation-matrix', people, {
    RATE_LIMIT: '0',
    NOTIFY_SECRET_KEY: randomBytes(32).toString('base64'),
    NOTIFY_ALLOW_HTTP_LOOPBACK: 'true',
  });
  // Where the matrix's notification channels post: it takes every request.
  const hooks = await receiver([200]);
  const clientOf = (actor: Actor): Client => (actor.role ? world.users[actor.name] : world.anonymous);
  const { setup, helperOwner, helperChair, helperMember } = world.users;
  const link = (actor: Actor) => ({ kind: 'person', name: actor.name, userId: clientOf(actor).userId });
  const owners = {
    leadOwners: ACTORS.filter((actor) => actor.owner && !actor.member).map(link),
    supportingOwners: ACTORS.filter((actor) => actor.owner && actor.member).map(link),
  };
  const chair = clientOf(ACTORS.find((actor) => actor.chair)!).userId;
  const members = ACTORS.filter((actor) => actor.member && !actor.chair).map((actor) => clientOf(actor).userId);

  const plan = async (options: { active?: boolean } = {}) => {
    const planId = (await must(setup.post('/plans', PLAN))).id as string;
    const groupingId = (
      await must(setup.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['1'], title: 'Recommendation 1' }))
    ).createdId as string;
    if (options.active)
      await must(setup.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
    return { planId, groupingId };
  };
  const work = await plan({ active: true });

  const raise = async (where = work, who: object = owners) =>
    (
      await must(
        setup.post(`/plans/${where.planId}/actions`, {
          groupingId: where.groupingId,
          references: ['1.1'],
          description: 'Audit the quality of assessments',
          targetDate: 'Mar-27',
          ...who,
        }),
      )
    ).id as string;
  const attach = async (
    actionId: string,
    evidence: object = { title: 'Audit report', kind: 'audit', link: 'https://council.example/audit' },
  ) => (await must(setup.post(`/actions/${actionId}/evidence`, evidence))).createdId as string;
  const submitted = async (where = work, who: object = owners) => {
    const actionId = await raise(where, who);
    await must(setup.post(`/actions/${actionId}/submission`, { evidenceIds: [await attach(actionId)] }));
    return actionId;
  };
  const panel = async (where = work, people = { chair, members }) =>
    (await must(setup.post('/panels', { planId: where.planId, title: 'Evidence challenge panel', date: today(), ...people }))).id as string;
  /** A meeting of the matrix's panel, everyone present, with a submitted action of the matrix's owners tabled. */
  const tabled = async () => {
    const [panelId, actionId] = await Promise.all([panel(), submitted()]);
    await must(setup.post(`/panels/${panelId}/agenda`, { actionId }));
    await must(setup.post(`/panels/${panelId}/attendance`, { present: [chair, ...members] }));
    return { panelId, actionId };
  };
  /** An active plan whose one action the panel has signed off: ready to close. */
  const closable = async () => {
    const where = await plan({ active: true });
    const helpers = { chair: helperChair.userId, members: [helperMember.userId] };
    const panelId = await panel(where, helpers);
    const actionId = await submitted(where, { leadOwners: [{ kind: 'person', name: 'Owner', userId: helperOwner.userId }] });
    await must(setup.post(`/panels/${panelId}/agenda`, { actionId }));
    await must(setup.post(`/panels/${panelId}/attendance`, { present: [helpers.chair, ...helpers.members] }));
    await must(
      helperChair.post(`/panels/${panelId}/decisions`, {
        actionId,
        outcome: 'signed off',
        rationale: 'Evidence of change and impact seen',
      }),
    );
    return where.planId;
  };

  return {
    world,
    receiver: hooks,
    clientOf,
    setup,
    owners,
    chair,
    members,
    work,
    plan,
    raise,
    attach,
    submitted,
    panel,
    tabled,
    closable,
  };
}

export type AuthorisationWorld = Awaited<ReturnType<typeof startAuthorisationWorld>>;
