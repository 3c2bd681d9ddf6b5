const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });

/** A day as the GOV.UK style writes it: "14 June 2022" (UK time). */
export const britishDay = (at: Date | string): string => DAY.format(new Date(at));

/** A moment as the GOV.UK style writes it: "14 June 2022 at 3:05pm" (UK time). */
export const britishMoment = (at: Date | string): string =>
  `${britishDay(at)} at ${TIME.format(new Date(at)).replace(/\s/g, '').toLowerCase()}`;
