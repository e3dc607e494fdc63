/**
 * The largest die one lithography exposure can print: the scanner's full field, 26 mm x 33 mm at the wafer
 * (ASML's DUV immersion and 0.33-NA EUV scanners, the industry-standard field size since the 4x reduction
 * steppers of the 1990s; high-NA EUV halves it to 26 mm x 16.5 mm). A larger design must be split over several dies
 * joined by a network-on-package (NoP), which cosearch does not model. docs/sources.md#reticle [recall].
 */
export const RETICLE_FIELD_WIDTH_mm = 26;
export const RETICLE_FIELD_HEIGHT_mm = 33;
export const RETICLE_FIELD_AREA_mm2 = RETICLE_FIELD_WIDTH_mm * RETICLE_FIELD_HEIGHT_mm;

/** Chip area in reticle fields: above 1 the design does not fit one die. */
export function reticleFields(area_mm2: number): number {
  return area_mm2 / RETICLE_FIELD_AREA_mm2;
}

/** The note `cosearch evaluate` prints for a chip beyond one field; undefined when it fits. */
export function reticleNote(area_mm2: number): string | undefined {
  if (area_mm2 <= RETICLE_FIELD_AREA_mm2) return undefined;
  return `the chip (${area_mm2.toFixed(0)} mm²) exceeds one reticle field (${RETICLE_FIELD_WIDTH_mm} mm x ${RETICLE_FIELD_HEIGHT_mm} mm = `
    + `${RETICLE_FIELD_AREA_mm2} mm²): it needs at least ${Math.ceil(reticleFields(area_mm2))} dies joined by a network-on-package, which is not modelled`;
}
