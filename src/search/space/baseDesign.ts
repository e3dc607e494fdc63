/**
 * The space's base design: its `base` values with every searched parameter at its first value. A space whose base
 * design the simulator refuses (`arch.crossbarsPerPe: 1` with the default differential pairs) is refused up front,
 * with the simulator's one-line reason: before, `validate` passed it and every evaluation of the search failed. Only
 * this one design is checked (one mapping per network, through the context): a space whose other designs fail still
 * runs, and reports them as failed rows.
 */
import { configOverrides } from './assign.js';
import type { Note } from './problems.js';
import type { ParamValue, SpaceContext, SpaceVariable } from './types.js';

export function checkBaseDesign(
  networks: readonly string[], base: Readonly<Record<string, ParamValue>>, variables: readonly SpaceVariable[], context: SpaceContext, note: Note,
): void {
  const refusal = context.designRefusal;
  if (!refusal) return;
  const searched = variables.filter((v) => v.name !== context.networkVariable);
  const overrides = configOverrides({ base, variables: searched }, searched.map((v) => v.values[0]));
  for (const network of networks) {
    const why = refusal(network, overrides);
    if (why !== undefined) {
      note('base', `the space's base design (base values, every parameter at its first value) is refused on ${network}: ${why}`);
      return;
    }
  }
}
