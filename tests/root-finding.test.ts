import { bisect, brent } from "../lib/src/math/root-finding";

describe.each([
  ["bisect", bisect],
  ["brent", brent],
])("%s finds roots of monotone functions", (_name, find) => {
  test("x^2 - 2 on [0, 2] gives sqrt(2) to the requested tolerance", () => {
    const r = find((x) => x * x - 2, 0, 2, { xtol: 1e-10 });
    expect(Math.abs(r.x - Math.SQRT2)).toBeLessThan(1e-10);
    expect(r.bracket[0]).toBeLessThanOrEqual(Math.SQRT2);
    expect(r.bracket[1]).toBeGreaterThanOrEqual(Math.SQRT2);
  });

  test("a decreasing function: cos(x) - x on [0, 1] (Dottie number 0.7390851332151607)", () => {
    expect(find((x) => Math.cos(x) - x, 0, 1).x).toBeCloseTo(0.7390851332151607, 11);
  });

  test("exp(x) - 10 on [-5, 5] gives ln 10 with the default tolerance", () => {
    expect(find((x) => Math.exp(x) - 10, -5, 5).x).toBeCloseTo(Math.LN10, 10);
  });

  test("a monotone step function: converges to the jump at 0.3", () => {
    const r = find((x) => (x >= 0.3 ? 1 : -1), 0, 1, { xtol: 1e-9 });
    expect(Math.abs(r.x - 0.3)).toBeLessThan(1e-9);
  });

  test("a triple root (x - 1)^3 on [0, 3]", () => {
    expect(Math.abs(find((x) => (x - 1) ** 3, 0, 3, { xtol: 1e-12 }).x - 1)).toBeLessThan(1e-9);
  });

  test("a root at a bracket end is returned at once", () => {
    expect(find((x) => x - 1, 1, 2).x).toBe(1);
    expect(find((x) => x - 2, 1, 2).x).toBe(2);
  });

  test.each([
    ["no sign change", (f: typeof bisect) => f((x) => x * x + 1, -1, 1), /f must change sign on \[lo, hi\], got f\(-1\) = 2 and f\(1\) = 2/],
    ["hi <= lo", (f: typeof bisect) => f((x) => x, 1, 0), /hi must be a finite number > 1, got 0/],
    ["a NaN end", (f: typeof bisect) => f((x) => x, NaN, 1), /lo must be a finite number, got NaN/],
    ["f NaN at an end", (f: typeof bisect) => f(() => NaN, 0, 1), /f must return a finite number, got f\(0\) = NaN/],
    ["f undefined", (f: typeof bisect) => f((() => undefined) as unknown as (x: number) => number, 0, 1), /f must return a finite number, got f\(0\) = undefined/],
    ["f infinite", (f: typeof bisect) => f((x) => (x < 0.5 ? -1 : Infinity), 0, 1), /f must return a finite number, got f\(.*\) = Infinity/],
    ["a pole, not a root (1/(x - 0.1) on [-1, 2])", (f: typeof bisect) => f((x) => 1 / (x - 0.1), -1, 2), /f changes sign on \[-1, 2\] through a pole or a jump, not a root/],
    ["a zero xtol", (f: typeof bisect) => f((x) => x, -1, 2, { xtol: 0 }), /xtol must be a finite number > 0, got 0/],
    ["f not a function", (f: typeof bisect) => f(3 as unknown as (x: number) => number, 0, 1), /f must be a function/],
  ])("rejects %s with a message naming the parameter", (_n, call, message) => {
    expect(() => call(find)).toThrow(message);
  });
});

test("Brent needs far fewer evaluations than bisection on a smooth function", () => {
  const f = (x: number) => Math.exp(x) - 10;
  const a = bisect(f, -5, 5, { xtol: 1e-12 });
  const b = brent(f, -5, 5, { xtol: 1e-12 });
  expect(a.evaluations).toBeGreaterThan(40);
  expect(b.evaluations).toBeLessThan(15);
});

test("bisection needs ceil(log2((hi - lo) / xtol)) steps and reports when maxIterations is too small", () => {
  const r = bisect((x) => x - 0.123, 0, 1, { xtol: 1 / 1024 });
  expect(r.evaluations).toBe(2 + 10 + 1);
  expect(r.bracket[1] - r.bracket[0]).toBeLessThanOrEqual(1 / 1024);
  expect(() => bisect((x) => x - 0.123, 0, 1, { xtol: 1e-12, maxIterations: 5 })).toThrow(/bisect: no convergence to xtol = 1e-12 within maxIterations = 5/);
});
