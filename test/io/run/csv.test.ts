import { describe, expect, it } from 'vitest';
import { readCsvText, runColumns } from '../../../src/io/run/index.js';

describe('the run CSV reader', () => {
  it('drops an unterminated last record for a log, and keeps it when complete for a file from another tool', () => {
    const text = 'a,b\n1,2\n3,4';
    const log = readCsvText(text, 'e.csv', { tail: 'drop' });
    expect(log.rows).toEqual([['1', '2']]);
    expect(log.truncatedTail).toBe(true);
    expect(text.slice(0, log.completeLength)).toBe('a,b\n1,2\n');
    const other = readCsvText(text, 'e.csv');
    expect(other.rows).toEqual([['1', '2'], ['3', '4']]);
    expect(other.completeLength).toBe(text.length);
    expect(readCsvText('a,b\r\n1,2\r\n3', 'e.csv').truncatedTail).toBe(true);
  });

  it('names the run columns once', () => {
    expect(runColumns(['adc.bits'], ['energy_pJ'])).toEqual(['index', 'generation', 'adc.bits', 'energy_pJ', 'feasible', 'violation', 'error']);
  });
});
