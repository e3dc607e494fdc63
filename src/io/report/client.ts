/**
 * The report page's stylesheet and script, inlined into report.html (no network access, no framework).
 * The script reads the embedded JSON (#report-data), sorts the front table on header clicks, and on a row
 * or front-point click shows that point's energy / area breakdown by component and by layer.
 */

export const REPORT_CSS = String.raw`
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b62d6; --accent-soft: #e7f0fd;
  --sel: #e36209; --sel-soft: #fff4e5; --radius: 8px;
  font-family: Inter, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: #fff;
}
* { box-sizing: border-box; }
body { margin: 0; font-size: 14px; line-height: 1.45; }
header.top { background: #0d1b2a; color: #fff; padding: 22px 32px 18px; }
header.top h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: -0.01em; }
header.top .sub { margin-top: 4px; color: #b6c2cf; font-size: 13px; }
header.top .brand { color: #7fb2ff; font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; }
main { max-width: 1240px; margin: 0 auto; padding: 8px 32px 48px; }
section { margin-top: 28px; min-width: 0; max-width: 100%; }
h2 { font-size: 16px; font-weight: 650; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 13px; font-weight: 650; margin: 0 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
p.note { color: var(--muted); margin: 6px 0 0; font-size: 12.5px; }
p.note.warn { color: #9a6700; }
.settings { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px; margin: 0; }
.settings div { background: var(--soft); border: 1px solid var(--line); border-radius: var(--radius); padding: 8px 12px; min-width: 0; }
.settings dt { color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.05em; }
.settings dd { margin: 2px 0 0; font-weight: 550; overflow-wrap: anywhere; }
.settings dd code { font-weight: 500; }
code { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: var(--radius); padding: 16px; overflow-x: auto; background: #fff; }
figure svg { display: block; max-width: 100%; height: auto; }
figure.empty { display: flex; align-items: center; justify-content: center; color: var(--muted); min-height: 120px; }
#front-empty { margin-top: 10px; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 8px; }
.plots { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); }
.plots .wide { grid-column: 1 / -1; }
#pareto-plot [aria-roledescription="point"] { transition: opacity 0.1s; }
#pareto-plot [aria-label$="(Pareto front)"] { cursor: pointer; }
#pareto-plot [aria-label$="(Pareto front)"]:hover { stroke: var(--fg); stroke-width: 1.5px; }
#pareto-plot path.selected { stroke: var(--sel) !important; stroke-width: 3px !important; }
.table-wrap { overflow: auto; max-width: 100%; max-height: 520px; border: 1px solid var(--line); border-radius: var(--radius); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; text-align: right; white-space: nowrap; border-bottom: 1px solid #eaeef2; }
th:first-child, td:first-child, th.text, td.text { text-align: left; }
thead th { position: sticky; top: 0; background: var(--soft); z-index: 1; font-weight: 600; font-size: 12.5px; border-bottom: 1px solid var(--line); }
#front-table thead th { cursor: pointer; user-select: none; }
#front-table thead th:hover { background: #eaeef2; }
th .unit { display: block; font-weight: 400; color: var(--muted); font-size: 11px; }
th.objective { color: var(--accent); }
th[aria-sort]::after { content: ""; display: inline-block; width: 0; height: 0; margin-left: 5px; vertical-align: middle; }
th[aria-sort="ascending"]::after { border: 4px solid transparent; border-bottom: 5px solid currentColor; border-top: 0; }
th[aria-sort="descending"]::after { border: 4px solid transparent; border-top: 5px solid currentColor; border-bottom: 0; }
td.objective { font-weight: 600; }
th.group-start, td.group-start { border-left: 1px solid var(--line); }
#front-table tbody tr { cursor: pointer; }
#front-table.compact .extra { display: none; }
label.toggle { display: inline-flex; align-items: center; gap: 6px; color: var(--muted); font-size: 12.5px; margin: 0 0 8px; cursor: pointer; }
#front-table tbody tr:hover { background: var(--accent-soft); }
#front-table tbody tr.selected { background: var(--sel-soft); box-shadow: inset 3px 0 0 var(--sel); }
.breakdown-empty { color: var(--muted); border: 1px dashed var(--line); border-radius: var(--radius); padding: 22px; text-align: center; }
.bd-head { display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: baseline; margin-bottom: 12px; }
.bd-head .title { font-size: 15px; font-weight: 650; }
.bd-head .kv { color: var(--muted); }
.bd-head .kv b { color: var(--fg); font-weight: 600; }
.bd-params { display: flex; flex-wrap: wrap; gap: 6px; margin: -4px 0 14px; }
.bd-params span { background: var(--soft); border: 1px solid var(--line); border-radius: 999px; padding: 1px 10px; font-size: 12px; color: var(--muted); }
.bd-params b { color: var(--fg); font-weight: 600; }
.bd-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
@media (max-width: 820px) { .bd-grid { grid-template-columns: minmax(0, 1fr); } }
/* Print: no scroll box cuts a table off (each prints whole), figures and rows are not split across pages. */
@media print {
  .table-wrap { max-height: none; overflow: visible; }
  figure, tr { break-inside: avoid; }
  header.top { background: none; color: var(--fg); }
  header.top .sub, header.top .brand { color: var(--muted); }
}
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 16px; background: #fff; min-width: 0; }
.card table td, .card table th { padding: 4px 8px; }
.card .total td { font-weight: 650; border-top: 1px solid var(--line); border-bottom: 0; }
td.bar { width: 40%; min-width: 90px; }
.bar span { display: block; height: 10px; border-radius: 2px; background: var(--accent); opacity: 0.85; }
.card.layers { grid-column: 1 / -1; overflow-x: auto; }
.card.layers .bar span { background: #2da44e; }
.src { color: var(--muted); font-size: 12px; margin-top: 8px; }
.error { color: #cf222e; }
footer { color: var(--muted); font-size: 12px; margin-top: 36px; border-top: 1px solid var(--line); padding-top: 10px; }
`;

import { formatQuantity } from './numberFormat.js';

/** Plain ES2017, no template literals (it lives inside one; the one interpolation is formatQuantity's source). */
export const REPORT_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var table = document.getElementById('front-table');
  var tbody = table.tBodies[0];
  var panel = document.getElementById('breakdown');
  var byIndex = {};
  data.breakdowns.forEach(function (b) { byIndex[b.index] = b; });
  var rowsByIndex = {};
  data.rows.forEach(function (r) { rowsByIndex[r.index] = r; });
  // Objective values of every drawn point, for its tooltip: the front's rows, then the cloud's [index, values...].
  var valuesByIndex = {};
  data.rows.forEach(function (r) { valuesByIndex[r.index] = data.objectives.map(function (o) { return r.values[o.metric]; }); });
  data.cloud.forEach(function (c) { valuesByIndex[c[0]] = c.slice(1); });

  // The report's one number format (numberFormat.ts), its source embedded: fmt(v, unit) writes a prefixed unit.
  var formatQuantity = ${formatQuantity.toString()};
  function fmt(v, unit, alwaysUnit) { return formatQuantity(v, unit || '', Boolean(alwaysUnit)); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === 'text') e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  var showAll = document.getElementById('show-all-metrics');
  if (showAll) showAll.addEventListener('change', function () { table.classList.toggle('compact', !showAll.checked); });

  // Sorting: click a header; a second click on the same header reverses the order.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, col) {
    th.tabIndex = 0;
    function sort() {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      var rows = Array.prototype.slice.call(tbody.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-value'), y = b.cells[col].getAttribute('data-value');
        var c;
        if (numeric) {
          var nx = x === '' ? NaN : Number(x), ny = y === '' ? NaN : Number(y);
          if (isNaN(nx) !== isNaN(ny)) return isNaN(nx) ? 1 : -1; // empty cells last in either order
          c = isNaN(nx) ? 0 : nx - ny;
        } else c = x < y ? -1 : x > y ? 1 : 0;
        if (c === 0) c = Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index'));
        return asc ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); sort(); } });
  });

  function componentCard(title, unit, values) {
    var names = Object.keys(values).filter(function (k) { return isFinite(values[k]); });
    names.sort(function (a, b) { return values[b] - values[a]; });
    var total = names.reduce(function (s, k) { return s + values[k]; }, 0);
    var max = names.reduce(function (m, k) { return Math.max(m, values[k]); }, 0);
    var body = names.map(function (k) {
      var bar = el('span', { style: 'width:' + (max > 0 ? (100 * values[k] / max).toFixed(1) : 0) + '%' });
      return el('tr', {}, [el('td', { text: k }), el('td', { text: fmt(values[k], unit, true) }),
        el('td', { text: total > 0 ? (100 * values[k] / total).toFixed(1) + '%' : '–' }), el('td', { class: 'bar' }, [bar])]);
    });
    body.push(el('tr', { class: 'total' }, [el('td', { text: 'total' }), el('td', { text: fmt(total, unit, true) }), el('td', { text: '100%' }), el('td', {})]));
    var head = el('tr', {}, [el('th', { text: 'component' }), el('th', { text: 'value' }), el('th', { text: 'share' }), el('th', {})]);
    var t = el('table', { 'data-breakdown': title }, [el('thead', {}, [head]), el('tbody', {}, body)]);
    return el('div', { class: 'card' }, [el('h3', { text: title }), names.length ? t : el('p', { class: 'note', text: 'No figures.' })]);
  }

  // A layer figure's unit from its name's suffix (energy_pJ, latency_ns, area_mm2), as metrics.ts reads it.
  var SUFFIX_UNITS = { pJ: 'pJ', ns: 'ns', mm2: 'mm²' };
  function unitOf(key) { var m = /_([A-Za-z0-9]+)$/.exec(key); return m && SUFFIX_UNITS[m[1]] ? SUFFIX_UNITS[m[1]] : ''; }

  function layerCard(layers) {
    var keys = [];
    layers.forEach(function (l) { Object.keys(l.values).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); }); });
    var barKey = keys.indexOf('energy_pJ') >= 0 ? 'energy_pJ' : keys[0];
    var value = function (l) { var v = l.values[barKey]; return isFinite(v) ? v : 0; };
    var max = layers.reduce(function (m, l) { return Math.max(m, value(l)); }, 0);
    var total = layers.reduce(function (s, l) { return s + value(l); }, 0);
    var head = el('tr', {}, [el('th', { text: 'layer' }), el('th', { class: 'text', text: 'kind' })].concat(
      keys.map(function (k) { return el('th', { text: k }); }), [el('th', { text: barKey + ' share' }), el('th', {})]));
    var body = layers.map(function (l) {
      var bar = el('span', { style: 'width:' + (max > 0 ? (100 * value(l) / max).toFixed(1) : 0) + '%' });
      return el('tr', {}, [el('td', { text: l.index + ' ' + l.name }), el('td', { class: 'text', text: l.kind })].concat(
        keys.map(function (k) { return el('td', { text: k in l.values ? fmt(l.values[k], unitOf(k), true) : '' }); }),
        [el('td', { text: total > 0 ? (100 * value(l) / total).toFixed(1) + '%' : '–' }), el('td', { class: 'bar' }, [bar])]));
    });
    var t = el('table', { 'data-breakdown': 'layers' }, [el('thead', {}, [head]), el('tbody', {}, body)]);
    return el('div', { class: 'card layers' }, [el('h3', { text: 'By layer' }), t,
      el('p', { class: 'note', text: 'Share: of the summed per-layer ' + barKey + '. Chip-level parts not charged to a layer are in the component totals only.' })]);
  }

  function showBreakdown(index) {
    var b = byIndex[index], row = rowsByIndex[index];
    panel.innerHTML = '';
    panel.setAttribute('data-selected', String(index));
    var head = el('div', { class: 'bd-head' }, [el('span', { class: 'title', text: 'Evaluation ' + index })]);
    data.objectives.forEach(function (o) {
      var kv = el('span', { class: 'kv' });
      kv.appendChild(document.createTextNode(o.metric + ' '));
      kv.appendChild(el('b', { text: fmt(row.values[o.metric], o.unit, true) }));
      head.appendChild(kv);
    });
    panel.appendChild(head);
    var params = el('div', { class: 'bd-params' });
    Object.keys(row.params).forEach(function (k) {
      var chip = el('span', { text: k + ' ' });
      chip.appendChild(el('b', { text: fmt(row.params[k]) }));
      params.appendChild(chip);
    });
    panel.appendChild(params);
    if (!b || b.source === 'error') {
      panel.appendChild(el('p', { class: 'error', text: 'This point could not be re-evaluated: ' + (b ? b.error : 'no breakdown recorded') }));
      return;
    }
    var grid = el('div', { class: 'bd-grid' }, [componentCard('Energy by component', 'pJ', b.energy_pJ), componentCard('Area by component', 'mm²', b.area_mm2)]);
    if (b.layers.length) grid.appendChild(layerCard(b.layers));
    panel.appendChild(grid);
    if (b.mismatch) panel.appendChild(el('p', { class: 'error', text: 'Note: ' + b.mismatch + '.' }));
    if (b.evaluateError) panel.appendChild(el('p', { class: 'error', text: 'Could not re-evaluate this point: ' + b.evaluateError }));
    panel.appendChild(el('p', { class: 'src', text: b.source === 'evaluate'
      ? 'Re-evaluated by the simulator at report time from the space base configuration and this point parameters.'
      : 'From the breakdown columns of evaluations.csv (not re-evaluated, so no per-layer figures).' }));
  }

  var points = Array.prototype.slice.call(document.querySelectorAll('#pareto-plot [aria-label^="Evaluation "]'));
  function pointIndex(p) { var m = /^Evaluation (\d+)/.exec(p.getAttribute('aria-label')); return m ? Number(m[1]) : NaN; }
  points.forEach(function (p) {
    var i = pointIndex(p), row = rowsByIndex[i], values = valuesByIndex[i];
    var tip = document.createElementNS(p.namespaceURI, 'title');
    tip.textContent = p.getAttribute('aria-label') + (values ? '\n' + data.objectives.map(function (o, k) {
      return o.metric + ': ' + fmt(values[k], o.unit, true);
    }).join('\n') : '');
    p.appendChild(tip);
    if (row) p.addEventListener('click', function () { select(i, true); });
  });

  function select(index, fromPlot) {
    Array.prototype.forEach.call(tbody.rows, function (r) {
      var on = Number(r.getAttribute('data-index')) === index;
      r.classList.toggle('selected', on);
      r.setAttribute('aria-selected', on ? 'true' : 'false');
      if (on && fromPlot) r.scrollIntoView({ block: 'nearest' });
    });
    points.forEach(function (p) { p.classList.toggle('selected', pointIndex(p) === index); });
    showBreakdown(index);
    if (fromPlot) panel.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }
  Array.prototype.forEach.call(tbody.rows, function (r) {
    r.tabIndex = 0;
    r.addEventListener('click', function () { select(Number(r.getAttribute('data-index')), false); });
    r.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') select(Number(r.getAttribute('data-index')), false); });
  });
})();
`;
