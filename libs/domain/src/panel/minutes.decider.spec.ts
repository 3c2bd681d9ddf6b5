import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { readEffective, type Effective } from '../effective';
import type { ApprovingMeeting } from './minutes.commands';
import type { DecisionFacts, PanelCommand } from './panel.commands';
import { panelDecider } from './panel.decider';
import type { PanelEvent } from './panel.events';

// The children's services evidence challenge panel of 12 January 2022, whose minutes the 9 February meeting approves.
const now = '2022-02-09T15:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const chair: Actor = { userId: 'u-chair', role: 'panel member' };
const health: Actor = { userId: 'u-health', role: 'panel member' };
const police: Actor = { userId: 'u-police', role: 'panel member' };
const viewer: Actor = { userId: 'u-viewer', role: 'viewer' };

const scheduled: PanelEvent = {
  type: 'PanelScheduled',
  data: {
    panelId: 'ecp-jan',
    planId: 'p-cyp',
    title: 'Evidence challenge panel',
    date: '2022-01-12',
    chair: 'u-chair',
    members: ['u-health', 'u-police', 'u-chair'],
  },
};
const tabled: PanelEvent = { type: 'ActionTabled', data: { actionId: 'a-2.3', references: ['2.3'], submittedVersion: 5 } };
const present: PanelEvent = { type: 'AttendanceRecorded', data: { present: ['u-chair', 'u-health', 'u-police'] } };
const report: PanelEvent = {
  type: 'AgendaItemAdded',
  data: { itemId: 'i-report', kind: 'progress report', title: 'SEND WSOA progress report', planId: null },
};
const declared = (memberId: string): PanelEvent => ({
  type: 'InterestDeclared',
  data: { itemId: 'a-2.3', memberId, reason: 'Manages the service that delivered this action' },
});
const approved: PanelEvent = {
  type: 'MinutesApproved',
  data: { approvedAt: 'ecp-feb', approvedOn: '2022-02-09', proposedBy: 'u-health', secondedBy: null },
};
const seated = [chair, health, police].map(({ userId, role }) => ({ userId, role, disabled: false }));
const facts: DecisionFacts = {
  action: {
    planId: 'p-cyp',
    stage: 'submitted',
    ownerUserIds: [],
    submittedBy: null,
    evidenceConsidered: [{ evidenceId: 'e-1', sha256: null, title: 'Audit of EHC plans' }],
  },
  quorum: 3,
  members: seated,
};
type Decide = Extract<PanelCommand, { type: 'DecideOnAction' }>;
const decide = (actor: Actor, extra: Partial<Decide> = {}): Decide => ({
  type: 'DecideOnAction',
  actor,
  now,
  decisionId: 'd-1',
  actionId: 'a-2.3',
  outcome: 'signed off',
  rationale: 'Audit shows 75% rated good',
  facts,
  ...extra,
});
const declare = (actor: Actor, memberId = actor.userId, itemId = 'a-2.3'): PanelCommand => ({
  type: 'DeclareInterest',
  actor,
  now,
  itemId,
  memberId,
  reason: 'Manages the service that delivered this action',
});
const approve = (approvingMeeting: ApprovingMeeting | null, approvedAt = 'ecp-feb'): Extract<PanelCommand, { type: 'ApproveMinutes' }> => ({
  type: 'ApproveMinutes',
  actor: chair,
  now,
  approvedAt,
  proposedBy: 'u-health',
  facts: { approvingMeeting },
});
const february: ApprovingMeeting = {
  date: '2022-02-09',
  chair: 'u-chair',
  present: ['u-chair', 'u-health'],
  planId: 'p-cyp',
  standingPanelId: null,
};
const given = (...events: PanelEvent[]) => spec(panelDecider).given(events);

describe('attendance with apologies and guests', () => {
  const attend = (extra: object): PanelCommand => ({
    type: 'RecordAttendance',
    actor: chair,
    now,
    present: ['u-chair', 'u-health'],
    facts: { people: seated },
    ...extra,
  });
  const guest = { name: 'Sam Patel', role: 'Head of Service, Remedi' };
  it('records members present, members who sent apologies and guests who are not users', () =>
    given(scheduled)
      .when(attend({ apologies: ['u-police'], guests: [guest] }))
      .then([{ type: 'AttendanceRecorded', data: { present: ['u-chair', 'u-health'], apologies: ['u-police'], guests: [guest] } }]));
  it('refuses apologies from someone present', () =>
    given(scheduled)
      .when(attend({ apologies: ['u-health'] }))
      .thenRefuses('PANEL.APOLOGIES_FROM_PRESENT'));
  it('refuses apologies from a member recorded present at one of its decisions: they attended, so the minutes cannot say otherwise', () => {
    const decided: PanelEvent = {
      type: 'PanelDecisionRecorded',
      data: {
        decisionId: 'd-1',
        actionId: 'a-2.3',
        outcome: 'signed off',
        rationale: 'Audit shows the change',
        challengePoints: [],
        deferredTo: null,
        present: ['u-chair', 'u-health', 'u-police'],
        countedTowardsQuorum: ['u-chair', 'u-health', 'u-police'],
        evidenceConsidered: [],
        decidedBy: 'u-chair',
      },
    };
    given(scheduled, tabled, present, decided)
      .when(attend({ apologies: ['u-police'] }))
      .thenRefuses('PANEL.APOLOGIES_FROM_ATTENDEE');
  });
  it('refuses apologies from someone who is not a member', () =>
    given(scheduled)
      .when(attend({ apologies: ['u-stranger'] }))
      .thenRefuses('PANEL.NOT_A_MEMBER'));
  it('refuses a guest without a role or organisation', () =>
    given(scheduled)
      .when(attend({ guests: [{ name: 'Sam Patel', role: ' ' }] }))
      .thenRefuses('PANEL.REQUIRED'));
});

describe('declarations of interest', () => {
  it('lets a member declare their own interest in an item, with the reason', () =>
    given(scheduled, tabled)
      .when(declare(police))
      .then([declared('u-police')]));
  it('lets the chair record a declaration for a member, on an item that is not an action', () =>
    given(scheduled, report)
      .when(declare(chair, 'u-police', 'i-report'))
      .thenAppends('InterestDeclared'));
  it("refuses a member declaring someone else's interest", () =>
    given(scheduled, tabled).when(declare(health, 'u-police')).thenRefuses('PANEL.NOT_CHAIR'));
  it('refuses a declaration on an item not on the agenda', () => given(scheduled).when(declare(police)).thenRefuses('PANEL.UNKNOWN_ITEM'));
  it('refuses the same declaration twice', () =>
    given(scheduled, tabled, declared('u-police')).when(declare(police)).thenRefuses('PANEL.ALREADY_DECLARED'));
  it('leaves a declared member out of the quorum: three present, one declared, a quorum of three is not met', () =>
    given(scheduled, tabled, present, declared('u-police')).when(decide(chair)).thenRefuses('PANEL.QUORUM_NOT_MET'));
  it('does not let a declared member decide the item', () =>
    given(scheduled, tabled, present, declared('u-police'))
      .when({ ...decide(police), facts: { ...facts, quorum: 2 } })
      .thenRefuses('PANEL.INTEREST_DECLARED'));
  it('records who counted towards the quorum without the declared member', () => {
    const [decision] = given(scheduled, tabled, present, declared('u-police'))
      .when({ ...decide(chair), facts: { ...facts, quorum: 2 } })
      .events();
    expect(decision.data).toMatchObject({ countedTowardsQuorum: ['u-chair', 'u-health'], decidedBy: 'u-chair' });
  });
});

describe('items, notes and resulting actions', () => {
  it('adds a progress report to the agenda', () =>
    given(scheduled)
      .when({
        type: 'AddAgendaItem',
        actor: manager,
        now,
        itemId: 'i-report',
        kind: 'progress report',
        title: 'SEND WSOA progress report',
        facts: { planExists: true },
      })
      .then([report]));
  it('refuses an item of another kind', () =>
    given(scheduled)
      .when({ type: 'AddAgendaItem', actor: manager, now, itemId: 'i-x', kind: 'gossip' as never, title: 'x', facts: { planExists: true } })
      .thenRefuses('PANEL.ITEM_KIND'));
  it('notes an item, and notes it again to amend the draft', () =>
    given(scheduled, report, { type: 'ItemNotesRecorded', data: { itemId: 'i-report', notes: 'Noted.' } })
      .when({ type: 'RecordItemNotes', actor: chair, now, itemId: 'i-report', notes: 'Noted the progress; 52 of 75 complete.' })
      .thenAppends('ItemNotesRecorded'));
  it('refuses notes from a member who does not chair', () =>
    given(scheduled, report)
      .when({ type: 'RecordItemNotes', actor: health, now, itemId: 'i-report', notes: 'x' })
      .thenRefuses('PANEL.NOT_CHAIR'));
  const resulting = (actionId: string | null, raisedAtPanel: string | null): PanelCommand => ({
    type: 'RecordResultingAction',
    actor: chair,
    now,
    resultingActionId: 'r-1',
    itemId: 'i-report',
    text: 'Circulate the re-audit results',
    forWhom: 'Head of SEND',
    actionId,
    facts: { action: actionId ? { raisedAtPanel } : null },
  });
  it('records a resulting action and who is to do it', () =>
    given(scheduled, report)
      .when(resulting(null, null))
      .then([
        {
          type: 'ResultingActionRecorded',
          data: {
            resultingActionId: 'r-1',
            itemId: 'i-report',
            text: 'Circulate the re-audit results',
            forWhom: 'Head of SEND',
            actionId: null,
          },
        },
      ]));
  it('links only a plan action raised at this meeting', () =>
    given(scheduled, report).when(resulting('a-9', 'ecp-other')).thenRefuses('PANEL.ACTION_NOT_RAISED_HERE'));
});

describe('approving minutes as a correct record', () => {
  it('is approved at a later meeting, proposed by a member present at it', () =>
    given(scheduled, tabled, present).when(approve(february)).then([approved]));
  it('refuses minutes that do not say who was present', () =>
    given(scheduled, tabled).when(approve(february)).thenRefuses('PANEL.NO_ATTENDANCE'));
  it("refuses approval at a later meeting of another plan's panel", () =>
    given(scheduled, present)
      .when(approve({ ...february, planId: 'p-send' }))
      .thenRefuses('PANEL.MINUTES_OTHER_PANEL'));
  it("approves a plan's meeting's minutes at a standing panel's meeting scheduled under the same plan", () =>
    given(scheduled, present)
      .when(approve({ ...february, standingPanelId: 'sp-childrens' }))
      .thenAppends('MinutesApproved'));
  describe("a standing panel's meeting", () => {
    const standing: PanelEvent = { ...scheduled, data: { ...scheduled.data, standingPanelId: 'sp-childrens' } };
    it('is approved at a later meeting of the same standing panel, whichever plan it was scheduled under', () =>
      given(standing, present)
        .when(approve({ ...february, planId: 'p-yjs', standingPanelId: 'sp-childrens' }))
        .then([approved]));
    it("refuses approval at another standing panel's meeting or at a meeting of one of its plans", () => {
      given(standing, present)
        .when(approve({ ...february, standingPanelId: 'sp-adults' }))
        .thenRefuses('PANEL.MINUTES_OTHER_PANEL');
      given(standing, present).when(approve(february)).thenRefuses('PANEL.MINUTES_OTHER_PANEL');
    });
  });
  it('refuses approval at the same meeting', () =>
    given(scheduled, present)
      .when(approve({ ...february, date: '2022-01-12' }, 'ecp-jan'))
      .thenRefuses('PANEL.MINUTES_NOT_LATER'));
  it('refuses approval at an earlier meeting', () =>
    given(scheduled, present)
      .when(approve({ ...february, date: '2021-12-08' }, 'ecp-dec'))
      .thenRefuses('PANEL.MINUTES_NOT_LATER'));
  it('refuses approving twice', () => given(scheduled, approved).when(approve(february)).thenRefuses('PANEL.ALREADY_APPROVED'));
  it('refuses a proposer not present at the approving meeting', () =>
    given(scheduled, present)
      .when({ ...approve(february), proposedBy: 'u-police' })
      .thenRefuses('PANEL.NOT_PRESENT'));
  it('refuses approval by someone who does not chair the approving meeting', () =>
    given(scheduled)
      .when({ ...approve(february), actor: viewer })
      .thenRefuses('PANEL.NOT_CHAIR'));
  it('refuses amending approved minutes', () =>
    given(scheduled, report, approved)
      .when({ type: 'RecordItemNotes', actor: chair, now, itemId: 'i-report', notes: 'Changed afterwards' })
      .thenRefuses('PANEL.ALREADY_APPROVED'));
  it('records the approval on the approving meeting once, however often the process carries it', () => {
    const carried: PanelCommand = {
      type: 'RecordEarlierMinutesApproved',
      actor: { userId: 'minutes', role: 'system' },
      now,
      minutesOf: 'ecp-jan',
      minutesDate: '2022-01-12',
      proposedBy: 'u-health',
      secondedBy: null,
    };
    const once: PanelEvent = {
      type: 'EarlierMinutesApproved',
      data: { minutesOf: 'ecp-jan', minutesDate: '2022-01-12', proposedBy: 'u-health', secondedBy: null },
    };
    given(scheduled).when(carried).then([once]);
    given(scheduled, once).when(carried).then([]);
    given(scheduled)
      .when({ ...carried, actor: chair })
      .thenRefuses('PANEL.PROCESS_ONLY');
  });
});

describe('a decision entered from the minutes by a plan manager', () => {
  const minutes = readEffective('2022-01-12', 'Minutes of 12 January 2022, approved 9 February 2022') as Effective;
  it('is recorded as the member named, entered by the plan manager, on the day the minutes give', () => {
    const [decision] = given(scheduled, tabled, present)
      .when(decide(manager, { decidedBy: 'u-chair', effective: minutes }))
      .events();
    expect(decision.data).toMatchObject({ decidedBy: 'u-chair', enteredBy: 'u-manager', awaitingConfirmation: true });
  });
  it('needs the day and source of the minutes', () =>
    given(scheduled, tabled, present)
      .when(decide(manager, { decidedBy: 'u-chair' }))
      .thenRefuses('EFFECTIVE.REQUIRED'));
  it('is only for plan managers', () =>
    given(scheduled, tabled, present)
      .when(decide(chair, { decidedBy: 'u-health', effective: minutes }))
      .thenRefuses('PANEL.NOT_PLAN_MANAGER'));
  it('keeps the member to the rules: one who declared an interest is not entered as deciding', () =>
    given(scheduled, tabled, present, declared('u-police'))
      .when(decide(manager, { decidedBy: 'u-police', effective: minutes, facts: { ...facts, quorum: 2 } }))
      .thenRefuses('PANEL.INTEREST_DECLARED'));
});

describe('a decision entered from the minutes, confirmed by a second person (ADR 33)', () => {
  const minutes = readEffective('2022-01-12', 'Minutes of 12 January 2022, approved 9 February 2022') as Effective;
  const [entered] = spec(panelDecider)
    .given([scheduled, tabled, present])
    .when(decide(manager, { decidedBy: 'u-chair', effective: minutes }))
    .events();
  const secondManager: Actor = { userId: 'u-manager-2', role: 'plan manager' };
  const confirm = (actor: Actor, extra: Partial<DecisionFacts> = {}): PanelCommand => ({
    type: 'ConfirmDecisionEntry',
    actor,
    now,
    decisionId: 'd-1',
    facts: { ...facts, ...extra },
  });
  const reject = (actor: Actor, reason = 'the minutes record a deferral'): PanelCommand => ({
    type: 'RejectDecisionEntry',
    actor,
    now,
    decisionId: 'd-1',
    reason,
  });
  const confirmed: PanelEvent = { type: 'DecisionEntryConfirmed', data: { decisionId: 'd-1', actionId: 'a-2.3', outcome: 'signed off' } };

  it('is confirmed by the member it names as taking it', () =>
    given(scheduled, tabled, present, entered).when(confirm(chair)).then([confirmed]));
  it('is confirmed by another plan manager', () =>
    given(scheduled, tabled, present, entered).when(confirm(secondManager)).then([confirmed]));
  it('is never confirmed by whoever entered it (403)', () => {
    const refused = spec(panelDecider).given([scheduled, tabled, present, entered]).when(confirm(manager)).refusal();
    expect([refused.code, refused.forbids]).toEqual(['PANEL.SELF_CONFIRMATION', true]);
  });
  it('is not confirmed by another member of the panel who did not take it', () =>
    given(scheduled, tabled, present, entered).when(confirm(health)).thenRefuses('PANEL.NOT_CONFIRMER'));
  it('is not confirmed by an owner of the action', () =>
    given(scheduled, tabled, present, entered)
      .when(confirm(secondManager, { action: { ...facts.action!, ownerUserIds: ['u-manager-2'] } }))
      .thenRefuses('PANEL.CONFLICT_OF_INTEREST'));
  it('is not confirmed once the action has left the panel', () =>
    given(scheduled, tabled, present, entered)
      .when(confirm(chair, { action: { ...facts.action!, stage: 'open' } }))
      .thenRefuses('PANEL.ACTION_NOT_SUBMITTED'));
  it('is confirmed once: a second confirmation finds nothing waiting', () =>
    given(scheduled, tabled, present, entered, confirmed).when(confirm(secondManager)).thenRefuses('PANEL.NO_SUCH_ENTRY'));
  it('is no decision once rejected: the action may be decided again', () => {
    given(scheduled, tabled, present, entered)
      .when(reject(secondManager))
      .then([{ type: 'DecisionEntryRejected', data: { decisionId: 'd-1', actionId: 'a-2.3', reason: 'the minutes record a deferral' } }]);
    const rejected: PanelEvent = { type: 'DecisionEntryRejected', data: { decisionId: 'd-1', actionId: 'a-2.3', reason: 'wrong item' } };
    given(scheduled, tabled, present, entered, rejected)
      .when(decide(manager, { decisionId: 'd-2', decidedBy: 'u-chair', effective: minutes, outcome: 'deferred' }))
      .thenAppends('PanelDecisionRecorded');
  });
  it('needs a reason to be rejected', () =>
    given(scheduled, tabled, present, entered).when(reject(chair, '')).thenRefuses('PANEL.REQUIRED'));
  it('leaves a decision taken in the engine alone: nothing waits for confirmation', () => {
    const [taken] = spec(panelDecider).given([scheduled, tabled, present]).when(decide(chair)).events();
    expect(taken.data).not.toHaveProperty('awaitingConfirmation');
    given(scheduled, tabled, present, taken).when(confirm(secondManager)).thenRefuses('PANEL.NO_SUCH_ENTRY');
  });
});
