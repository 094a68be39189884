import { solveDiscreteMeanField, MAX_EVALUATIONS } from "../lib/src/theory/discrete-mean-field";
import { CancelledError } from "../lib/src/core/run-control";

describe("solveDiscreteMeanField: progress and cancellation", () => {
  test("onProgress is called after each evaluation of the transfer, and an aborted signal stops the solve", () => {
    const seen: [number, number][] = [];
    const r = solveDiscreteMeanField({ K: 20, rX: 5 }, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toHaveLength(r.evaluations);
    expect(seen.map(([d]) => d)).toEqual(Array.from({ length: r.evaluations }, (_, k) => k + 1));
    expect(seen.every(([, t]) => t === MAX_EVALUATIONS)).toBe(true);
    const aborted = new AbortController();
    aborted.abort();
    expect(() => solveDiscreteMeanField({ K: 20, rX: 5 }, { signal: aborted.signal })).toThrow(CancelledError);
  });

});
