import { countIntoBins, timeToBins } from "../lib/src/core/time-bins";
import { ParameterError } from "../lib/src/core/validate";

describe("timeToBins", () => {
  test("a time is a whole number of bins despite rounding: 2 s at dt = 0.1 ms is 20 000 bins, 0.3 s at 0.1 s is 3", () => {
    expect(timeToBins("f", "start", 2, 1e-4)).toBe(20000);
    expect(timeToBins("f", "start", 0.3, 0.1)).toBe(3);
    expect(timeToBins("f", "start", 0, 1e-3)).toBe(0);
  });

  test("a time between bins, a negative one or one shorter than minBins is refused, named", () => {
    expect(() => timeToBins("f", "window", 0.0015, 1e-3)).toThrow(/^f: window must be a whole number of bins of dt = 0.001 s, got 0.0015 s$/);
    expect(() => timeToBins("f", "start", -0.1, 0.1)).toThrow(ParameterError);
    expect(() => timeToBins("f", "step", 0, 1e-3, 1)).toThrow(/^f: step must be at least 1 bin\(s\) of dt = 0.001 s, got 0$/);
  });
});

describe("countIntoBins", () => {
  test("each index k in [k0, k0 + length factor) adds 1 to bin floor((k - k0) / factor); the rest are not counted", () => {
    const bins = Uint32Array.from([0, 1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
    const counts = new Float64Array(3);
    // k0 = 2, factor = 2: bins [2, 3], [4, 5], [6, 7]; 0, 1, 8, 9 fall outside
    expect(countIntoBins(bins, 0, bins.length, 2, 2, counts)).toBe(7);
    expect(Array.from(counts)).toEqual([2, 3, 2]);
  });

  test("only positions from .. to - 1 are read, and counts add to what is there", () => {
    const bins = Uint32Array.from([0, 1, 2, 3]);
    const counts = Float64Array.from([10, 10]);
    expect(countIntoBins(bins, 1, 3, 0, 2, counts)).toBe(2);
    expect(Array.from(counts)).toEqual([11, 11]);
    expect(countIntoBins(bins, 2, 2, 0, 1, counts)).toBe(0);
  });

  test("positions past the array, a reversed range, a negative k0 or a factor below 1 are refused", () => {
    const bins = Uint32Array.from([0, 1]);
    const counts = new Float64Array(2);
    expect(() => countIntoBins(bins, 0, 3, 0, 1, counts)).toThrow(/countIntoBins: to/);
    expect(() => countIntoBins(bins, 2, 1, 0, 1, counts)).toThrow(/countIntoBins: from/);
    expect(() => countIntoBins(bins, 0, 2, -1, 1, counts)).toThrow(/countIntoBins: k0/);
    expect(() => countIntoBins(bins, 0, 2, 0, 0, counts)).toThrow(/countIntoBins: factor/);
  });
});
