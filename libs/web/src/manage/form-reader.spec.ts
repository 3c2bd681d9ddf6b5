import { FormReader } from './form-reader';

describe('reading a plan manager’s form', () => {
  it.each([
    ['January 2022', '2022-01'],
    ['14 June 2022', '2022-06-14'],
    ['2022-01', '2022-01'],
  ])('reads the report’s date %s as a day or a month', (typed, read) => {
    expect(new FormReader({ sourceDate: typed }).dayOrMonth('sourceDate', 'The date of the report')).toBe(read);
  });

  it('says beside the field when the report’s date is neither a day nor a month', () => {
    const reader = new FormReader({ sourceDate: 'Ongoing' });
    reader.dayOrMonth('sourceDate', 'The date of the report');
    expect(reader.errors).toEqual([{ field: 'sourceDate', text: expect.stringContaining('must be a day or a month') }]);
  });

  it('reads GOV.UK’s date input, month by number or name, and refuses a day not on the calendar', () => {
    expect(new FormReader({ 'on-day': '27', 'on-month': 'Mar', 'on-year': '2021' }).day('on', 'Date submitted')).toBe('2021-03-27');
    const reader = new FormReader({ 'on-day': '30', 'on-month': '2', 'on-year': '2021' });
    reader.day('on', 'Date submitted');
    expect(reader.errors).toEqual([{ field: 'on', text: 'Date submitted must be a real date' }]);
    const partial = new FormReader({ 'on-day': '30' });
    partial.day('on', 'Date submitted');
    expect(partial.errors[0].text).toBe('Date submitted must include a month and year');
    const farOff = new FormReader({ 'on-day': '31', 'on-month': '12', 'on-year': '9999' });
    farOff.day('on', 'Date submitted');
    expect(farOff.errors).toEqual([{ field: 'on', text: 'Date submitted must be between 1 January 1900 and 31 December 2199' }]);
  });

  it('refuses warning days out of range with their limits', () => {
    const reader = new FormReader({ warningDays: '400' });
    reader.whole('warningDays', 'Warning days', 0, 365);
    expect(reader.errors).toEqual([{ field: 'warningDays', text: 'Warning days must be between 0 and 365' }]);
  });
});
