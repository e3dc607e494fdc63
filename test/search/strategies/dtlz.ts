/**
 * DTLZ1 and DTLZ2 (Deb, Thiele, Laumanns & Zitzler 2002), written from their definitions, k = n - m + 1 distance
 * variables. DTLZ1's front: sum f = 0.5; DTLZ2's: sum f^2 = 1.
 */
import type { Problem } from '../../../src/search/problem.js';

function dtlz(variables: number, objectives: number, g: (xm: number[]) => number, f: (x: number[], g: number, i: number) => number): Problem {
  const names = Array.from({ length: variables }, (_, i) => `x${i + 1}`);
  return {
    variables: names.map((name) => ({ name, kind: 'real' as const, min: 0, max: 1 })),
    objectives: new Array<'min'>(objectives).fill('min'),
    evaluate(solution) {
      const x = names.map((n) => solution[n] as number);
      const gv = g(x.slice(objectives - 1));
      return { objectives: Array.from({ length: objectives }, (_, i) => f(x, gv, i)) };
    },
  };
}

export const dtlz1 = (variables: number, objectives: number): Problem =>
  dtlz(
    variables,
    objectives,
    (xm) => 100 * (xm.length + xm.reduce((s, v) => s + (v - 0.5) ** 2 - Math.cos(20 * Math.PI * (v - 0.5)), 0)),
    (x, g, i) => {
      const m = objectives;
      let v = 0.5 * (1 + g);
      for (let j = 0; j < m - 1 - i; j++) v *= x[j];
      if (i > 0) v *= 1 - x[m - 1 - i];
      return v;
    },
  );

export const dtlz2 = (variables: number, objectives: number): Problem =>
  dtlz(
    variables,
    objectives,
    (xm) => xm.reduce((s, v) => s + (v - 0.5) ** 2, 0),
    (x, g, i) => {
      const m = objectives;
      let v = 1 + g;
      for (let j = 0; j < m - 1 - i; j++) v *= Math.cos((x[j] * Math.PI) / 2);
      if (i > 0) v *= Math.sin((x[m - 1 - i] * Math.PI) / 2);
      return v;
    },
  );

/** Issue 15's settings (pymoo's standard NSGA-III settings) and pymoo 0.6.2's median hypervolume over seeds 1-10. */
export const DTLZ_CASES: readonly { name: string; problem: () => Problem; partitions: number; generations: number; reference: number; objectives: number; pymoo: number }[] = [
  { name: 'DTLZ1, 3 objectives', problem: () => dtlz1(7, 3), partitions: 12, generations: 400, reference: 0.55, objectives: 3, pymoo: 0.139885 },
  { name: 'DTLZ2, 3 objectives', problem: () => dtlz2(12, 3), partitions: 12, generations: 250, reference: 1.1, objectives: 3, pymoo: 0.744038 },
  { name: 'DTLZ2, 5 objectives', problem: () => dtlz2(14, 5), partitions: 6, generations: 350, reference: 1.1, objectives: 5, pymoo: 1.304322 },
];
