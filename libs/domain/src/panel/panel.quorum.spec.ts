import { decisionStanding, refusalToDecide } from './panel.quorum';

const facts = (ownerUserIds: string[], quorum = 2) => ({
  action: { planId: 'p', stage: 'submitted' as const, evidenceConsidered: [], ownerUserIds },
  quorum,
});
const meeting = { members: ['chair', 'ian', 'owen'], present: ['chair', 'ian', 'owen'] };

describe('where a meeting stands on deciding one action, before anyone decides', () => {
  it('names the member who owns the action and does not count them', () => {
    expect(decisionStanding(meeting, facts(['owen']))).toEqual({
      conflicted: ['owen'],
      conflictedMembers: ['owen'],
      counted: ['chair', 'ian'],
      needed: 2,
      quorate: true,
    });
  });

  it('is not quorate when too few present members are free of the action', () => {
    const standing = decisionStanding(meeting, facts(['owen', 'ian']));
    expect(standing.quorate).toBe(false);
    expect(refusalToDecide('chair', meeting.present, standing)?.code).toBe('PANEL.QUORUM_NOT_MET');
  });

  it('refuses the owner before the quorum, and anyone absent before that', () => {
    const standing = decisionStanding(meeting, facts(['owen'], 5));
    expect(refusalToDecide('owen', meeting.present, standing)?.code).toBe('PANEL.CONFLICT_OF_INTEREST');
    expect(refusalToDecide('someone', meeting.present, standing)?.code).toBe('PANEL.NOT_PRESENT');
  });

  it('lets a present, unconflicted member of a quorate meeting decide', () => {
    expect(refusalToDecide('ian', meeting.present, decisionStanding(meeting, facts(['owen'])))).toBeNull();
  });
});
