import type { RatingColour } from '@actionplans/domain';
import type { PackProgress } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';

/** Fill colours of the BRAG categories; each pairs with a text colour that reads on it (4.5:1 or more). */
export const BRAG_COLOURS: Record<RatingColour, { fill: string; text: string }> = {
  blue: { fill: '#1d70b8', text: '#ffffff' },
  green: { fill: '#00703c', text: '#ffffff' },
  amber: { fill: '#f47738', text: '#0b0c0c' },
  red: { fill: '#d4351c', text: '#ffffff' },
  grey: { fill: '#505a5f', text: '#ffffff' },
  purple: { fill: '#4c2c92', text: '#ffffff' },
  black: { fill: '#0b0c0c', text: '#ffffff' },
  white: { fill: '#ffffff', text: '#0b0c0c' },
};

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const WIDTH = 640;
const HEIGHT = 260;
const LEFT = 40;
const BOTTOM = 40;
const TOP = 10;

/**
 * Progress over time as stacked bars, one bar a day and one segment a category, written by hand so
 * the same figures always give the same markup. It is an image to assistive technology, named by
 * its title and described by its figures; the data table beside it carries the same numbers.
 */
export function progressChart(progress: PackProgress, id: string): string {
  const totals = progress.days.map((_, day) => progress.series.reduce((sum, series) => sum + series.counts[day], 0));
  const most = Math.max(1, ...totals);
  const plot = HEIGHT - BOTTOM - TOP;
  const step = (WIDTH - LEFT) / Math.max(1, progress.days.length);
  const barWidth = Math.min(60, step * 0.6);
  const bars = progress.days.map((day, at) => {
    const x = LEFT + at * step + (step - barWidth) / 2;
    let y = HEIGHT - BOTTOM;
    const segments = progress.series.flatMap((series) => {
      const count = series.counts[at];
      if (count === 0) return [];
      const height = (count / most) * plot;
      y -= height;
      const fill = BRAG_COLOURS[series.category.colour]?.fill ?? '#505a5f';
      return [
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" fill="${fill}" stroke="#0b0c0c" stroke-width="0.5"/>`,
      ];
    });
    const label = `<text x="${(x + barWidth / 2).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="14">${escape(dayInWords(day))}</text>`;
    const total = `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="14">${totals[at]}</text>`;
    return [...segments, label, total].join('');
  });
  const description = progress.days
    .map((day, at) => `${dayInWords(day)}: ${progress.series.map((series) => `${series.counts[at]} ${series.category.label}`).join(', ')}`)
    .join('. ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">Actions in each category on each day</title>`,
    `<desc id="${id}-desc">${escape(description)}.</desc>`,
    `<line x1="${LEFT}" y1="${HEIGHT - BOTTOM}" x2="${WIDTH}" y2="${HEIGHT - BOTTOM}" stroke="#0b0c0c"/>`,
    `<text x="${LEFT - 6}" y="${TOP + 10}" text-anchor="end" font-size="14">${most}</text>`,
    `<text x="${LEFT - 6}" y="${HEIGHT - BOTTOM}" text-anchor="end" font-size="14">0</text>`,
    ...bars,
    '</svg>',
  ].join('');
}
