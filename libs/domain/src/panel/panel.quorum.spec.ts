import type { PanelPerson } from './panel.commands';
import { decisionStanding, refusalToDecide } from './panel.quorum';

const member = (userId: string, changes: Partial<PanelPerson> = {}): PanelPerson => ({
  userId,
  role: 'panel member',
  disabled: false,
  ...changes,
});
const facts = (
  ownerUserIds: string[],
  quorum = 2,
  submittedBy: string | null = null,
  members = ['chair', 'ian', 'owen'].map((id) => member(id)),
) => ({
  action: { planId: 'p', stage: 'submitted' as const, evidenceConsidered: [], ownerUserIds, submittedBy },
  quorum,
  members,
});
const meeting = { members: ['chair', 'ian', 'owen'], present: ['chair', 'ian', 'owen'] };
const as = (userId: string) => ({ userId, role: 'panel member' as const });

describe('where a meeting stands on deciding one action, before anyone decides', () => {
  it('names the member who owns the action and does not count them', () => {
    expect(decisionStanding(meeting, facts(['owen']))).toEqual({
      conflicted: ['owen'],
      conflicts: new Map([['owen', 'owns or leads']]),
      conflictedMembers: ['owen'],
      unseated: [],
      counted: ['chair', 'ian'],
      needed: 2,
      quorate: true,
    });
  });

  it('names the member who submitted the action, and does not count them either', () => {
    const standing = decisionStanding(meeting, facts([], 2, 'ian'));
    expect([standing.conflictedMembers, standing.counted, standing.conflicts.get('ian')]).toEqual([
      ['ian'],
      ['chair', 'owen'],
      'submitted',
    ]);
  });

  it('does not count a present member whose account is disabled or whose role holds no seat now', () => {
    const members = [member('chair'), member('ian', { disabled: true }), member('owen', { role: 'viewer' })];
    const standing = decisionStanding(meeting, facts([], 2, null, members));
    expect([standing.unseated, standing.counted, standing.quorate]).toEqual([['ian', 'owen'], ['chair'], false]);
  });

  it('is not quorate when too few present members are free of the action', () => {
    const standing = decisionStanding(meeting, facts(['owen', 'ian']));
    expect(standing.quorate).toBe(false);
    expect(refusalToDecide(as('chair'), meeting.present, standing)?.code).toBe('PANEL.QUORUM_NOT_MET');
  });

  it('never needs fewer than two, whatever the plan says', () => {
    const standing = decisionStanding({ members: ['chair'], present: ['chair'] }, facts([], 1));
    expect([standing.needed, standing.quorate]).toEqual([2, false]);
  });

  it('refuses the owner before the quorum, and anyone absent before that', () => {
    const standing = decisionStanding(meeting, facts(['owen'], 5));
    expect(refusalToDecide(as('owen'), meeting.present, standing)?.code).toBe('PANEL.CONFLICT_OF_INTEREST');
    expect(refusalToDecide(as('someone'), meeting.present, standing)?.code).toBe('PANEL.NOT_PRESENT');
  });

  it('refuses a present member acting in a role that holds no seat', () => {
    const standing = decisionStanding(meeting, facts([]));
    expect(refusalToDecide({ userId: 'ian', role: 'admin' }, meeting.present, standing)?.code).toBe('PANEL.ROLE_CANNOT_DECIDE');
  });

  it('lets a present, unconflicted member of a quorate meeting decide', () => {
    expect(refusalToDecide(as('ian'), meeting.present, decisionStanding(meeting, facts(['owen'])))).toBeNull();
  });
});
