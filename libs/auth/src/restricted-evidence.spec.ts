import { ROLES } from './roles';
import { mayReadRestrictedEvidence } from './restricted-evidence';

const audience = { owners: ['u-lead', 'u-supporting'], panel: ['u-chair', 'u-member'] };

describe('who reads restricted evidence', () => {
  it.each(['u-lead', 'u-supporting'])('lets an owner (%s) read it whatever their role', (userId) => {
    for (const role of ROLES) expect(mayReadRestrictedEvidence({ userId, role }, audience)).toBe(true);
  });

  it.each(['u-chair', 'u-member'])('lets a member of a meeting the action was tabled at (%s) read it', (userId) => {
    expect(mayReadRestrictedEvidence({ userId, role: 'panel member' }, audience)).toBe(true);
  });

  it('lets any auditor read it', () => {
    expect(mayReadRestrictedEvidence({ userId: 'u-audit', role: 'auditor' }, audience)).toBe(true);
  });

  it.each(['admin', 'plan manager', 'action owner', 'panel member', 'viewer'] as const)(
    'keeps it from a %s who neither owns the action nor sits on its panel',
    (role) => {
      expect(mayReadRestrictedEvidence({ userId: 'u-other', role }, audience)).toBe(false);
    },
  );

  it('keeps it from everyone but auditors while the action has no owners linked to users and has not been tabled', () => {
    expect(ROLES.filter((role) => mayReadRestrictedEvidence({ userId: 'u-any', role }, { owners: [], panel: [] }))).toEqual(['auditor']);
  });
});
