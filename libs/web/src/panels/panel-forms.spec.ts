import { DomainError } from '@actionplans/domain';
import { CommandRefusedError, IdempotencyKeyReusedError } from '@actionplans/event-store';
import { refusalOf } from './panel-forms';

const ACTION_ID = '01a24b45-7248-73eb-8f3b-d05e20a9e0b7';
const refused = (code: string, message: string) => new CommandRefusedError(new DomainError(code, message));

describe('a panel form’s refusal in words', () => {
  it('says an action was decided or tabled already without the id the engine names it by', () => {
    const decided = refusalOf(
      refused('PANEL.ALREADY_DECIDED', `this meeting has already decided on action ${ACTION_ID}`),
      () => 'outcome-1',
    );
    const tabled = refusalOf(refused('PANEL.ALREADY_TABLED', `action ${ACTION_ID} is on this meeting's agenda already`), () => 'actionId');
    expect(decided).toEqual({ error: { field: 'outcome-1', text: expect.stringContaining('recorded already') }, status: 422 });
    expect(tabled).toEqual({ error: { field: 'actionId', text: expect.stringContaining('agenda already') }, status: 422 });
    expect(`${decided!.error.text} ${tabled!.error.text}`).not.toContain(ACTION_ID);
  });

  it('says a form sent again with other answers is refused, and lets an unknown error through', () => {
    expect(refusalOf(new IdempotencyKeyReusedError(), () => 'present')?.status).toBe(409);
    expect(refusalOf(new Error('disk full'), () => 'present')).toBeNull();
  });
});
