/**
 * Server-side SVG rendering with vega-lite 6.4.3 + vega 6.4.0 (headless 'none' renderer: no canvas, no
 * browser; Node 20 compatible). Text widths are vega's estimates, good enough for axis layout.
 */
import type { TopLevelSpec } from 'vega-lite';

/** A standalone SVG document (with its xmlns), as written to pareto.svg. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  if (!isTopLevelSpec(spec)) throw new Error('renderSvg: a vega-lite spec needs a mark or a composition (layer, concat, facet, repeat)');
  // Loaded here, not at start-up: vega and vega-lite take ~0.2-0.4 s to import, which every command paid, plotting or not.
  const { compile, parse, View, Warn } = await import('./vega.js');
  const compiled = compile(spec).spec;
  const view = new View(parse(compiled), { renderer: 'none', logLevel: Warn });
  try {
    return accessibleSvg(await view.toSVG(), spec);
  } finally {
    view.finalize();
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The SVG named for assistive technology: role="img" and aria-label (the spec's title) on its root, and a <title> and
 * a <desc> (the subtitle's lines, then the spec's `description`) as its first children, so pareto.svg opened alone and
 * each chart inlined in report.html say what they show (vega writes neither).
 */
export function accessibleSvg(svg: string, spec: Record<string, unknown>): string {
  const title = spec.title as { text?: unknown; subtitle?: unknown } | undefined;
  const name = typeof title?.text === 'string' ? title.text : 'chart';
  const subtitle = title?.subtitle;
  const lines = [...(Array.isArray(subtitle) ? subtitle : typeof subtitle === 'string' ? [subtitle] : []), ...(typeof spec.description === 'string' ? [spec.description] : [])];
  const desc = lines.length > 0 ? `<desc>${escapeXml(lines.join('; '))}</desc>` : '';
  return svg.replace(/^<svg\b([^>]*)>/, (_, attrs: string) => `<svg${attrs} role="img" aria-label="${escapeXml(name)}"><title>${escapeXml(name)}</title>${desc}`);
}

/** The plot builders write plain JSON specs; vega-lite checks them in full when it compiles, this only their kind. */
function isTopLevelSpec(spec: Record<string, unknown>): spec is Record<string, unknown> & TopLevelSpec {
  return ['mark', 'layer', 'concat', 'hconcat', 'vconcat', 'facet', 'repeat'].some((key) => key in spec);
}

/**
 * The same SVG made fit to sit inside an HTML page next to others: namespace declarations dropped (HTML
 * parsing supplies them; the page then carries no URL at all) and element ids (vega's clip paths, gradients)
 * prefixed so two inline charts never point at each other's definitions.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
  return svg
    .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/\sid="([^"]+)"/g, (_, id: string) => ` id="${idPrefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${idPrefix}-${id})`)
    .replace(/(xlink:)?href="#([^"]+)"/g, (_, ns: string | undefined, id: string) => `${ns ?? ''}href="#${idPrefix}-${id}"`);
}
