import type { CellValue } from './sheet';

const C = 'Action completed';

/**
 * The shape of a youth justice service's action plan as its select commission paper printed it
 * (shortened): a title, a section heading over the peer review's areas, numbered priority headings
 * in the reference column, duplicate rows with no lead that say "DUPLICATION WITH" the row they
 * repeat (one pair saying it of each other), and the paper's own count of actions by status below
 * the table. Target dates are as typed ("Mar-23").
 */
export function yjsSheetRows(date: (text: string) => CellValue = (text) => text): CellValue[][] {
  return [
    ['Youth Justice Service Action Plan 2022-23'],
    [],
    ['Ref:', 'Action/Notes:', 'Lead Action Owner:', 'By When:', 'Progress Update:', 'Status:'],
    ['Peer Review Areas for Consideration March 2022'],
    [
      'PR-3',
      'Understand and respond to an increase in First Time Entrants (FTE).',
      'Dee Williams',
      date('Dec-22'),
      'Analysis presented.',
      C,
    ],
    ['PR-4', 'Expedite Health pathways. DUPLICATION WITH 2.1', 'Helen Sweaton', date('Dec-22'), 'New Health Pathway now in place.', C],
    ['PR-7', 'Enhance Board oversight of Out of Court Disposal decision making.', 'Zulfiqar Shaffi', date('Mar-23'), 'Process set up.', C],
    ['Youth Justice Service Priorities 2022/23'],
    ['1. Early Intervention and Prevention'],
    ['1.1', 'Understand and respond to an increase in First Time Entrants (FTE).', null, null, 'DUPLICATION WITH PR-3', C],
    ['1.2', 'Enhance Board oversight of Out of Court Disposal decision making.', null, null, 'DUPLICATION WITH PR-7', null],
    ['1.3', 'Work with partners to develop Serious Violence Strategy.', null, null, 'DUPLICATION WITH 3.3', null],
    ['2. Health and Wellbeing'],
    ['2.1', 'Expedite Health pathways.', null, null, 'DUPLICATION WITH PR-4', null],
    ['2.2', 'Commission additional SALT and MH provision.', 'Helen Sweaton', date('Mar-23'), 'Nurses appointed.', C],
    ['3. Education, Training and Employment'],
    ['3.2', 'Understand the impact locally of exclusions.', 'Zulfiqar Shaffi', date('Jan-23'), 'Staff attend panels.', C],
    ['3.3', 'Engage partners with Serious Violence Strategy.', null, null, 'DUPLICATION WITH 1.3', null],
    [],
    ['Action may exceed original target date', 0],
    ['Action progressing and on track', 0],
    ['Action completed', 6],
    ['Action planned but not started', 0],
  ];
}
