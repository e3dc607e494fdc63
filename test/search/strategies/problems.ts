/** Standard test problems (Zitzler, Deb & Thiele 2000; Binh & Korn 1997) written from their definitions. */
import type { Problem, Solution } from '../../../src/search/problem.js';

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
