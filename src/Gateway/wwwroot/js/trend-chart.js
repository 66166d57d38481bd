// An indicator over consecutive months as a small hand-made SVG line: one point per month (a dot where there is a value,
// a hollow mark on the baseline where there is none), so the months without data are seen as such, not drawn as zero.
// Named for screen readers with the indicator, the place and its last value (aria-label), with a title and a description.

import { h, nextId } from './dom.js';
import { t, fmt } from './i18n.js';

// Drawn small (a 16:7 box) so twelve months stay readable in a 360 px column, scaled up wherever there is room.
const W = 320;
const H = 140;
const PAD = { l: 40, r: 10, t: 10, b: 24 };

export function trendChart(points, { code, unit, name, place, periodLabel, formatValue }) {
  const known = points.filter((p) => p.value != null);
  const last = known[known.length - 1];
  const top = unit === 'rate' ? 1 : Math.max(1, ...known.map((p) => (unit === 'count' ? Math.ceil(Number(p.value)) : Number(p.value))));
  const n = points.length;
  const x = (i) => PAD.l + (n <= 1 ? 0 : (i / (n - 1)) * (W - PAD.l - PAD.r));
  const y = (v) => H - PAD.b - (v / top) * (H - PAD.t - PAD.b);
  // A gap where a month has no value: the line is broken rather than joined across it.
  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.value == null) { pen = false; return; }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(Number(p.value)).toFixed(1)}`;
    pen = true;
  });
  const titleId = nextId('trend-title');
  const descId = nextId('trend-desc');
  const first = points[0]?.period;
  const end = points[n - 1]?.period;
  const lastText = last ? t('trend.last', { value: formatValue(last.value, unit), period: periodLabel(last.period) }) : t('trend.noValues');
  const label = t('trend.label', { indicator: name, place: place || '', last: lastText });
  // Rates from 0 to 100%; counts and days from 0 to their largest value, in whole steps when the values are whole.
  const ticks = unit === 'rate' ? [0, 0.5, 1] : [...new Set([0, unit === 'count' ? Math.round(top / 2) : top / 2, top])];
  const tickText = (v) => (unit === 'rate' ? formatValue(v, unit) : fmt.num(v, 1));
  return h('figure', { class: 'chart trend', dataset: { indicator: code } },
    h('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, 'aria-describedby': descId },
      h('svg:title', { id: titleId }, label),
      h('svg:desc', { id: descId }, t('trend.desc', { indicator: name, from: first ? periodLabel(first) : '–', to: end ? periodLabel(end) : '–', last: lastText })),
      ticks.map((v) => [
        h('svg:line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v) }),
        h('svg:text', { class: 'axis', x: PAD.l - 4, y: y(v) + 4, 'text-anchor': 'end' }, tickText(v)),
      ]),
      // Every third month named (first, fourth, ...) and the last one, none closer to it than three months: readable at 360 px.
      points.map((p, i) => (i % 3 === 0 || i === n - 1) && (i === n - 1 || n - 1 - i >= 3)
        ? h('svg:text', { class: 'axis', x: x(i), y: H - 6, 'text-anchor': i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle' }, periodLabel(p.period))
        : null),
      d ? h('svg:path', { class: 'line', d }) : null,
      points.map((p, i) => h('svg:g', { class: p.value == null ? 'point no-value' : 'point', 'data-period': p.period },
        p.value == null
          ? h('svg:circle', { cx: x(i), cy: y(0), r: 2.5 })
          : h('svg:circle', { cx: x(i), cy: y(Number(p.value)), r: 3.5 })))),
    h('figcaption', {}, h('strong', {}, name), ' ', h('span', { class: 'hint' }, lastText)));
}
