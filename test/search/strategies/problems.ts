/** Standard test problems (Zitzler, Deb & Thiele 2000; Binh & Korn 1997) written from their definitions. */
import type { Problem, Solution } from '../../../src/search/problem.js';
import { paretoFront } from '../../../src/search/pareto/dominance.js';

function zdtVariables(n: number) {
  return Array.from({ length: n }, (_, i) => ({ name: `x${i + 1}`, kind: 'real' as const, min: 0, max: 1 }));
}

function zdt(h: (f1: number, g: number) => number, n = 30): Problem {
  const names = Array.from({ length: n }, (_, i) => `x${i + 1}`);
  return {
    variables: zdtVariables(n),
    objectives: ['min', 'min'],
    evaluate(x: Solution) {
      const f1 = x.x1 as number;
      let sum = 0;
      for (let i = 1; i < n; i++) sum += x[names[i]] as number;
      const g = 1 + (9 * sum) / (n - 1);
      return { objectives: [f1, g * h(f1, g)] };
    },
  };
}

/** A real, an integer and a two-value choice: the operator and proposal checks' space. */
export const MIXED_VARIABLES: Problem['variables'] = [
  { name: 'r', kind: 'real', min: 0, max: 1 },
  { name: 'i', kind: 'integer', min: 0, max: 3 },
  { name: 'c', kind: 'choice', values: ['a', 'b'] },
];

export const zdt1 = (n = 30): Problem => zdt((f1, g) => 1 - Math.sqrt(f1 / g), n);
export const zdt2 = (n = 30): Problem => zdt((f1, g) => 1 - (f1 / g) ** 2, n);
export const zdt3 = (n = 30): Problem => zdt((f1, g) => 1 - Math.sqrt(f1 / g) - (f1 / g) * Math.sin(10 * Math.PI * f1), n);

/**
 * BNH (Binh & Korn): min f1 = 4x^2 + 4y^2, f2 = (x-5)^2 + (y-5)^2, x in [0, 5], y in [0, 3],
 * s.t. (x-5)^2 + y^2 <= 25 and (x-8)^2 + (y+3)^2 >= 7.7. The Pareto set is x = y in [0, 3] then
 * y = 3, x in [3, 5]; f1 spans [0, 136], f2 [4, 50] on the front.
 */
export const bnh: Problem = {
  variables: [
    { name: 'x', kind: 'real', min: 0, max: 5 },
    { name: 'y', kind: 'real', min: 0, max: 3 },
  ],
  objectives: ['min', 'min'],
  constraints: 2,
  evaluate(p) {
    const x = p.x as number;
    const y = p.y as number;
    const g1 = (x - 5) ** 2 + y ** 2 - 25;
    const g2 = 7.7 - ((x - 8) ** 2 + (y + 3) ** 2);
    return { objectives: [4 * x * x + 4 * y * y, (x - 5) ** 2 + (y - 5) ** 2], violation: Math.max(0, g1) + Math.max(0, g2) };
  },
};

/** Points on BNH's true front: x = y = t in [0, 3], then y = 3 and x in [3, 5]. */
export function bnhTrueFront(n = 200): number[][] {
  const out: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const t = (3 * i) / n;
    out.push([8 * t * t, 2 * (5 - t) ** 2]);
  }
  for (let i = 1; i <= n; i++) {
    const x = 3 + (2 * i) / n;
    out.push([4 * x * x + 36, (x - 5) ** 2 + 4]);
  }
  return out;
}

/**
 * SRN (Srinivas & Deb 1994): min f1 = 2 + (x1-2)^2 + (x2-1)^2, f2 = 9 x1 - (x2-1)^2, x in [-20, 20]^2,
 * s.t. x1^2 + x2^2 <= 225 and x1 - 3 x2 + 10 <= 0. Where no constraint is active, Pareto-optimal points
 * have x1 = -2.5 (the gradients of f1 and f2 in x1 balance there), i.e. f1 + f2 = -0.25, for x2 in [2.5, 14.79]
 * (Deb 2001); the front also runs along the active constraints: below f1 = 24.5 only points on
 * x1 - 3 x2 + 10 = 0 are feasible and non-dominated. Violations are normalised by the constraint constants.
 */
export const srn: Problem = {
  variables: [
    { name: 'x1', kind: 'real', min: -20, max: 20 },
    { name: 'x2', kind: 'real', min: -20, max: 20 },
  ],
  objectives: ['min', 'min'],
  constraints: 2,
  evaluate(p) {
    const x1 = p.x1 as number;
    const x2 = p.x2 as number;
    const g1 = (x1 * x1 + x2 * x2 - 225) / 225;
    const g2 = (x1 - 3 * x2 + 10) / 10;
    return {
      objectives: [2 + (x1 - 2) ** 2 + (x2 - 1) ** 2, 9 * x1 - (x2 - 1) ** 2],
      violation: Math.max(0, g1) + Math.max(0, g2),
    };
  },
};

/**
 * SRN's true front, sampled: non-dominated points among the three curves where optima can lie (x1 = -2.5,
 * and the boundaries of both constraints; the variable bounds are never active since the circle has
 * radius 15 < 20).
 */
export function srnTrueFront(n = 4000): number[][] {
  const f = (x1: number, x2: number): number[] => [2 + (x1 - 2) ** 2 + (x2 - 1) ** 2, 9 * x1 - (x2 - 1) ** 2];
  const feasible = (x1: number, x2: number): boolean => x1 * x1 + x2 * x2 <= 225 + 1e-9 && x1 - 3 * x2 + 10 <= 1e-9;
  const candidates: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const s = i / n;
    const x2 = 2.5 + s * (Math.sqrt(225 - 6.25) - 2.5);
    candidates.push(f(-2.5, x2));
    const t = -20 + 40 * s;
    if (feasible(t, (t + 10) / 3)) candidates.push(f(t, (t + 10) / 3));
    const theta = 2 * Math.PI * s;
    const [c1, c2] = [15 * Math.cos(theta), 15 * Math.sin(theta)];
    if (feasible(c1, c2)) candidates.push(f(c1, c2));
  }
  return paretoFront(candidates);
}
