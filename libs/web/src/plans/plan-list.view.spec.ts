import { sourceWords } from './plan-list.view';

describe("a plan's source in words", () => {
  it('writes a day or a month as the papers do', () => {
    expect(sourceWords({ body: 'YJB Peer Review', date: '2022-03', judgement: null })).toBe('YJB Peer Review, March 2022');
    expect(sourceWords({ body: 'Ofsted', date: '2022-06-14', judgement: 'Requires Improvement' })).toBe(
      'Ofsted, 14 June 2022 (Requires Improvement)',
    );
  });
});
