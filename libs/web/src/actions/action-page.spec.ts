import type { User } from '@actionplans/auth';
import { actionView } from '@actionplans/read-models';
import { action31, action61 } from '../../../read-models/src/as-at/hmip-history.fixture';
import { paperOf, permissions } from './action-page';

const manager = { userId: 'u-yot-manager', role: 'plan manager', name: 'Yvonne Manager' } as unknown as User;
const view = (events: typeof action31) => actionView(events, { today: '2021-05-31', warningDays: 14, labels: {} })!;

describe("an action page's forms and bylines", () => {
  it('offers neither a submission nor a new target date on a duplicate, which is signed off as the action it duplicates', () => {
    const duplicate = permissions(view(action61), manager);
    expect(duplicate).toMatchObject({ submit: false, requestRevision: false, updateProgress: true });
    expect(permissions(view(action31), manager)).toMatchObject({ submit: true, requestRevision: true });
  });

  it('names the paper an imported update was taken from, and nothing for an update typed in late', () => {
    expect(paperOf('imported (import 3f2a) from Progress Report, Improving Lives Select Commission, 25 July 2023')).toBe(
      'Progress Report, Improving Lives Select Commission, 25 July 2023',
    );
    expect(paperOf('reported at the March Board, entered late')).toBeNull();
    expect(paperOf(null)).toBeNull();
  });
});
