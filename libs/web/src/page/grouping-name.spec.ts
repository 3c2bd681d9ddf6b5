import { groupingName } from './grouping-name';

describe('a grouping as a heading names it', () => {
  it('says a reference once when the title is only the reference', () => {
    expect(groupingName(['1'], '1')).toBe('1');
    expect(groupingName(['2'], ' 2 ')).toBe('2');
  });

  it('puts the reference before a title, unless the title starts with it', () => {
    expect(groupingName(['2'], 'Governance')).toBe('2 Governance');
    expect(groupingName(['2'], '2. Governance')).toBe('2. Governance');
    expect(groupingName(['1'], '10 things')).toBe('1 10 things');
    expect(groupingName([], 'Actions')).toBe('Actions');
    expect(groupingName(['1', 'PR-1'], 'Prevention')).toBe('1 PR-1 Prevention');
  });
});
