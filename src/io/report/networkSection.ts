/**
 * The report's "Front of each network" section (a run whose space searched several networks, networkFronts.ts): a
 * summary line per network (its front's size, its feasible rows, its hypervolume and the reference point it is
 * measured against) and its front's rows, in the network's plot colour. Pure: the same fronts give the same bytes.
 */
import { networkColor } from '../plot/networkFronts.js';
import type { NetworkFront } from './networkFronts.js';
import { formatQuantity, headerUnit, withUnit } from './numberFormat.js';
import type { Objective } from './run.js';
import { escapeHtml } from './html.js';

/** `mnist: 3 front points of 12 feasible, hypervolume 284 against (32 pJ, 52 ns)`: one network's line (the search's summary prints it too). */
export function networkFrontLine(f: NetworkFront, objectives: readonly Objective[], unitOf: (metric: string) => string): string {
  if (f.rows.length === 0) return `${f.network}: no feasible evaluation, no front`;
  const hv = f.hypervolume === undefined ? '' : `, hypervolume ${formatQuantity(f.hypervolume)} against (${f.reference.map((v, k) => withUnit(v, unitOf(objectives[k].metric))).join(', ')})`;
  // Repeats of a chip (sameDesignAs) are no designs of their own: "of 10 feasible" read as 10 of the 16 feasible rows.
  const chips = f.repeats ? ` distinct chips (${f.feasible + f.repeats} feasible rows)` : '';
  return `${f.network}: ${f.rows.length} front point${f.rows.length === 1 ? '' : 's'} of ${f.feasible} feasible${chips}${hv}`;
}

/** The section's HTML; `svg` is the fronts' plot (inlined), absent when no network has a front. */
export function networkFrontsSection(fronts: readonly NetworkFront[], objectives: readonly Objective[], unitOf: (metric: string) => string, svg?: string): string {
  // Headed as the front table is (headerUnit): the unit where the cells do not carry it (`area_mm2 mm² ↓`), then the arrow.
  const head = [...['network', 'eval'].map((h) => `<th scope="col">${h}</th>`),
    ...objectives.map((o) => `<th scope="col">${escapeHtml(o.metric)}<span class="unit">${escapeHtml(headerUnit(unitOf(o.metric), o.sense))}</span></th>`)].join('');
  const first = objectives[0];
  const body = fronts.flatMap((f, k) => [...f.rows]
    .sort((a, b) => (first.sense === 'min' ? 1 : -1) * (a.metrics[first.metric] - b.metrics[first.metric]) || a.index - b.index)
    .map((r) => `<tr data-network="${escapeHtml(f.network)}" data-index="${r.index}"><td class="text"><span class="swatch" style="background:${networkColor(k)}"></span>${escapeHtml(f.network)}</td><td>${r.index}</td>${
      objectives.map((o) => `<td title="${escapeHtml(String(r.metrics[o.metric]))}">${escapeHtml(formatQuantity(r.metrics[o.metric], unitOf(o.metric)))}</td>`).join('')}</tr>`)).join('\n');
  const lines = fronts.map((f, k) => `<li><span class="swatch" style="background:${networkColor(k)}"></span>${escapeHtml(networkFrontLine(f, objectives, unitOf))}</li>`).join('\n');
  return `<section id="network-fronts"><h2>Front of each network</h2>
<p class="note">This run searched ${fronts.length} networks. Each network's front is the non-dominated set of its own feasible evaluations, and its hypervolume is measured against its own reference point: each objective's worst value among that network's feasible evaluations, pushed a further 10% of their range. Compare designs within a network here. The front above mixes workloads, so a design for one network can dominate another network's designs.</p>
<ul class="network-fronts">
${lines}
</ul>
${svg ? `<figure id="network-fronts-plot"${objectives.length > 2 ? ' class="wide"' : ''}>${svg}<figcaption>Each network's own front, in its colour. Arrows show which way is better.</figcaption></figure>\n` : ''}<div class="table-wrap"><table id="network-fronts-table"><thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>
</section>`;
}

/** The section's look: a colour swatch before each network's name. */
export const NETWORK_FRONTS_CSS = '.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.4em;vertical-align:-.05em}'
  + 'ul.network-fronts{list-style:none;padding-left:0}ul.network-fronts li{margin:.2em 0}';

/** The lines `cosearch search` and `cosearch report` print for a multi-network run: one per network, after the files. */
export function networkFrontLines(report: { readonly networkFronts?: readonly string[] }): string {
  if (!report.networkFronts) return '';
  return `  front of each network (pareto.csv holds the one front across them, a cross-workload comparison):\n${report.networkFronts.map((l) => `    ${l}\n`).join('')}`;
}
