import { checkBudget, DEFAULT_MAX_BYTES, DEFAULT_MAX_STEPS, formatBytes, MAX_BYTES_ENV, MAX_STEPS_ENV, resolveLimits } from "../lib/src/core/limits";
import { CancelledError, runControl } from "../lib/src/core/run-control";
import { ParameterError } from "../lib/src/core/validate";

function withEnv(name: string, value: string | undefined, body: () => void): void {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    body();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

describe("limits", () => {
  test("the limits default to 2e9 bytes and 2e9 steps, an option overrides them, an environment variable too", () => {
    withEnv(MAX_BYTES_ENV, undefined, () =>
      withEnv(MAX_STEPS_ENV, undefined, () => {
        expect(resolveLimits("f")).toEqual({ maxBytes: DEFAULT_MAX_BYTES, maxSteps: DEFAULT_MAX_STEPS });
        expect(resolveLimits("f", { maxBytes: 5e9, maxSteps: 7 })).toEqual({ maxBytes: 5e9, maxSteps: 7 });
      }),
    );
    withEnv(MAX_BYTES_ENV, "3e10", () => withEnv(MAX_STEPS_ENV, "1e12", () => expect(resolveLimits("f")).toEqual({ maxBytes: 3e10, maxSteps: 1e12 })));
    withEnv(MAX_BYTES_ENV, "3e10", () => expect(resolveLimits("f", { maxBytes: 1e3 }).maxBytes).toBe(1e3)); // the option wins
  });

  test("a bad limit is refused, naming the option or the environment variable", () => {
    expect(() => resolveLimits("f", { maxBytes: -1 })).toThrow("f: maxBytes must be a finite number > 0 (bytes), got -1");
    expect(() => resolveLimits("f", { maxSteps: NaN })).toThrow("f: maxSteps must be a finite number > 0 (steps), got NaN");
    withEnv(MAX_BYTES_ENV, "lots", () => expect(() => resolveLimits("f")).toThrow('f: the environment variable EI_BALANCE_MAX_BYTES must be a finite number > 0, got "lots"'));
  });

  test("an estimate above the memory limit is refused with the estimate, the limit and how to raise it", () => {
    const limits = { maxBytes: 2e9, maxSteps: 2e9 };
    const call = () => checkBudget("buildConnectivity", limits, { what: "the synapses of N = 1e6 neurons", bytes: 24e9 });
    expect(call).toThrow(ParameterError);
    expect(call).toThrow(
      "buildConnectivity: the synapses of N = 1e6 neurons would need about 24 GB, above the memory limit of 2 GB; " +
        "pass maxBytes: 2.4e10 (or set EI_BALANCE_MAX_BYTES=2.4e10) to allow it",
    );
  });

  test("an estimate above the work limit is refused; estimates at or below the limits pass", () => {
    const limits = { maxBytes: 2e9, maxSteps: 2e9 };
    expect(() => checkBudget("simulateLifGaussian", limits, { what: "1e10 time steps", steps: 1e10 })).toThrow(
      "simulateLifGaussian: 1e10 time steps would take about 1e10 steps, above the work limit of 2e9 steps; pass maxSteps: 1e10 (or set EI_BALANCE_MAX_STEPS=1e10) to allow it",
    );
    expect(() => checkBudget("f", limits, { what: "x", bytes: 2e9, steps: 2e9 })).not.toThrow();
    expect(() => checkBudget("f", limits, { what: "x", bytes: NaN })).toThrow("would need about NaN B"); // an overflowed size is refused
  });

  test("byte counts are written with 3 significant digits in decimal units", () => {
    expect([512, 1500, 2.345e6, 24e9, 3.2e13].map(formatBytes)).toEqual(["512 B", "1.5 kB", "2.35 MB", "24 GB", "32 TB"]);
  });
});

describe("runControl", () => {
  test("reports progress to onProgress and stops a run whose signal is aborted, saying how far it got", () => {
    const seen: Array<[number, number]> = [];
    const controller = new AbortController();
    const run = runControl("f", { onProgress: (d, t) => seen.push([d, t]), signal: controller.signal }, 10, "s of simulated time");
    run.report(3);
    controller.abort();
    expect(() => run.report(5)).toThrow(new CancelledError("f: cancelled by its signal after 5 of 10 s of simulated time"));
    expect(seen).toEqual([[3, 10], [5, 10]]);
  });

  test("an already aborted signal stops the run before it starts; bad options are named", () => {
    expect(() => runControl("f", { signal: AbortSignal.abort() }, 1, "runs")).toThrow("f: cancelled by its signal after 0 of 1 runs");
    expect(() => runControl("f", { onProgress: 3 as never }, 1, "runs")).toThrow("f: onProgress must be a function (done, total) => void, got 3");
    expect(() => runControl("f", { signal: {} as never }, 1, "runs")).toThrow("f: signal must be an AbortSignal, got an object");
  });
});
