// Stock on hand over time as a hand-made SVG step line, with the min-max band and the emergency order point.
// The table of lines next to it is the accessible equivalent; the SVG has a title and a description.

import { h } from './dom.js';
import { t, fmt } from './i18n.js';

const W = 640;
const H = 260;
const PAD = { l: 62, r: 14, t: 14, b: 34 };

/** takesOff(line): whether a line took stock off the shelf (ref.js takesStockOff, the server's reasons). */
export function stockChart(lines, band, { from, soh, takesOff } = {}) {
  const points = lines.map((l) => ({ x: new Date(l.occurredAt).getTime(), y: l.balance }));
  const start = from ? Math.min(new Date(`${from}T00:00:00Z`).getTime(), points[0].x) : points[0].x;
  const end = Date.now();
  const first = lines[0];
  // The balance before the first line shown: what that line started from.
  const opening = first.type === 'physical_count' ? first.balance - (first.variance || 0)
    : first.balance + (takesOff(first) ? first.quantity : -first.quantity);
  const top = Math.max(1, ...points.map((p) => p.y), band ? band.max * 1.1 : 0, opening);
  const x = (v) => PAD.l + ((v - start) / Math.max(1, end - start)) * (W - PAD.l - PAD.r);
  const y = (v) => H - PAD.b - (v / top) * (H - PAD.t - PAD.b);
  let d = `M${x(start).toFixed(1)},${y(Math.max(0, opening)).toFixed(1)}`;
  for (const p of points) d += `H${x(p.x).toFixed(1)}V${y(p.y).toFixed(1)}`;
  d += `H${x(end).toFixed(1)}`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
  const months = [];
  const m = new Date(start);
  m.setUTCDate(1);
  m.setUTCMonth(m.getUTCMonth() + 1);
  while (m.getTime() < end) {
    months.push(m.getTime());
    m.setUTCMonth(m.getUTCMonth() + 1);
  }
  const monthFmt = new Intl.DateTimeFormat(document.documentElement.lang === 'xx-test' ? 'en-GB' : document.documentElement.lang, { month: 'short' });
  const desc = t('chart.desc', {
    from: fmt.date(new Date(start)), to: fmt.date(new Date(end)), soh: fmt.num(soh ?? points[points.length - 1].y),
    min: band ? fmt.num(band.min) : '–', max: band ? fmt.num(band.max) : '–',
  });
  return h('figure', { class: 'chart' },
    h('svg:svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-svg-title chart-svg-desc' },
      h('svg:title', { id: 'chart-svg-title' }, t('card.chartTitle')),
      h('svg:desc', { id: 'chart-svg-desc' }, desc),
      band ? h('svg:rect', {
        class: 'band', x: PAD.l, width: W - PAD.l - PAD.r, y: y(Math.min(band.max, top)), height: Math.max(0, y(band.min) - y(Math.min(band.max, top))),
      }) : null,
      band ? h('svg:line', { class: 'eop', x1: PAD.l, x2: W - PAD.r, y1: y(band.eop), y2: y(band.eop) }) : null,
      ticks.map((v) => [
        h('svg:line', { class: 'grid', x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v) }),
        h('svg:text', { class: 'axis', x: PAD.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmt.num(v)),
      ]),
      months.map((v) => [
        h('svg:line', { class: 'grid', x1: x(v), x2: x(v), y1: PAD.t, y2: H - PAD.b }),
        h('svg:text', { class: 'axis', x: x(v), y: H - 10, 'text-anchor': 'middle' }, monthFmt.format(new Date(v))),
      ]),
      h('svg:path', { class: 'soh', d }),
      points.filter((p) => p.y === 0).map((p) => h('svg:circle', { class: 'zero', cx: x(p.x), cy: y(0), r: 4 }))),
    h('figcaption', { class: 'legend' },
      h('span', { class: 'key key-soh' }, t('chart.soh')),
      band ? h('span', { class: 'key key-band' }, t('chart.band')) : null,
      band ? h('span', { class: 'key key-eop' }, t('chart.eop')) : null));
}
