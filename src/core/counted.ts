/** `1 variable`, `3 variables`: a count and its word, plural unless the count is 1 (CLI lines, report and plot text). */
export function counted(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
