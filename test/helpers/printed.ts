/** A doc's printed number against the engine's value: within half a unit of the last printed digit. */
export function matchesPrinted(printed: string, value: number): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1].length : 0;
  return Math.abs(value - Number(printed)) <= 0.5 * 10 ** -decimals + 1e-12;
}
