import { classifyState, stateThresholds } from "../lib/src/analysis/network-state";
import { synchronousStart } from "../lib/src/tutorial/notebook07/synchronous-start";
import { simulateNetwork } from "../lib/src/network/simulate";
import { poissonTrains } from "../lib/src/spikes/poisson";
import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { ParameterError } from "../lib/src/core/validate";

const dt = 1e-4;
const T = 0.5;
const nBins = Math.round(T / dt);

/** n trains, neuron i firing at bins phase(i) + k * period. */
function periodic(n: number, period: number, phase: (i: number) => number): SpikeTrains {
  const neuron: number[] = [],
    bin: number[] = [];
  for (let i = 0; i < n; i++)
    for (let k = phase(i); k < nBins; k += period) {
      neuron.push(i);
      bin.push(k);
    }
  return SpikeTrains.fromEvents(n, nBins, dt, neuron, bin);
}

const poisson = (rate: number, seed: number) => poissonTrains({ n: 200, rate, duration: T, dt, seed });
const silent = SpikeTrains.fromEvents(200, nBins, dt, [], []);

describe("classifyState on constructed trains", () => {
  test("Poisson E and I at 20 Hz: asynchronous irregular (chi about 1/sqrt(200), CV about 1)", () => {
    const c = classifyState({ E: poisson(20, 1), I: poisson(20, 2) });
    expect(c.state).toBe("asynchronous irregular");
    expect(c.chi[0]).toBeLessThan(0.15);
    expect(Math.abs(c.cv[0]! - 1)).toBeLessThan(0.1);
  });

  test("E without spikes: E silent (and its chi and CV are null, not computed); I without spikes: I silent", () => {
    const e = classifyState({ E: silent, I: poisson(20, 2) });
    expect(e.state).toBe("E silent");
    expect(e.rates[0]).toBe(0);
    expect(e.chi[0]).toBeNull();
    expect(e.cv[0]).toBeNull();
    expect(classifyState({ E: poisson(20, 1), I: silent }).state).toBe("I silent");
  });

  test("E firing every other bin (5 kHz): runaway, before any other rule (I silent too)", () => {
    const c = classifyState({ E: periodic(200, 2, () => 0), I: silent });
    expect(c.rates[0]).toBeCloseTo(5000, 6);
    expect(c.state).toBe("runaway");
  });

  test("every E neuron with one spike (2 Hz, active, no ISI): its mean CV is null and the CV rule does not apply", () => {
    const c = classifyState({ E: periodic(200, nBins, (i) => (i * 37) % nBins), I: poisson(20, 2) });
    expect(c.rates[0]).toBeCloseTo(2, 9);
    expect(c.cv[0]).toBeNull();
    expect(c.chi[0]).not.toBeNull();
    expect(c.state).toBe("asynchronous irregular");
  });

  test("all neurons firing in the same bins at 20 Hz: synchronous (chi = 1)", () => {
    const c = classifyState({ E: periodic(200, 500, () => 7), I: poisson(20, 2) });
    expect(c.chi[0]).toBeCloseTo(1, 9);
    expect(c.state).toBe("synchronous");
  });

  test("periodic neurons at 20 Hz with spread phases: asynchronous regular (CV = 0, chi small)", () => {
    const c = classifyState({ E: periodic(200, 500, (i) => (i * 37) % 500), I: poisson(20, 2) });
    expect(c.cv[0]).toBe(0);
    expect(c.chi[0]).toBeLessThan(0.3);
    expect(c.state).toBe("asynchronous regular");
  });

  test("the thresholds move the decision: a 20 Hz population is silent below silentRate = 25 Hz", () => {
    expect(classifyState({ E: poisson(20, 1), I: poisson(30, 2) }, { silentRate: 25 }).state).toBe("E silent");
  });

  test("bad thresholds, trains or start are refused with ParameterErrors", () => {
    expect(() => stateThresholds("f", { chi: 0 })).toThrow(ParameterError);
    expect(() => stateThresholds("f", { silentRate: 600 })).toThrow(/saturatedRate must be a finite number > 600/);
    expect(() => classifyState({ E: poisson(20, 1), I: [] as unknown as SpikeTrains })).toThrow(
      /run.I must be a SpikeTrains/,
    );
    expect(() => classifyState({ E: poisson(20, 1), I: poisson(20, 2) }, { start: T })).toThrow(ParameterError);
  });
});

describe("classifyState on network runs", () => {
  test("the tutorial's network (N = 1000, K = 100) from uniform V: asynchronous irregular", () => {
    const run = simulateNetwork({ params: { duration: T }, seed: 3, initialV: "uniform" });
    const c = classifyState(run, { start: 0.1 });
    expect(c.state).toBe("asynchronous irregular");
    expect(c.rates[0]).toBeGreaterThan(20);
    expect(c.rates[0]).toBeLessThan(40);
  });

  test("the synchronous start (notebook 07): K = 1000 from V = 0 is synchronous, K = 100 is not", () => {
    const { small, large } = synchronousStart({ duration: 0.25 });
    const c = classifyState(large, { start: 0.05 });
    expect(c.state).toBe("synchronous");
    expect(Math.max(c.chi[0] ?? 0, c.chi[1] ?? 0)).toBeGreaterThan(0.9);
    expect(classifyState(small, { start: 0.05 }).state).toBe("asynchronous irregular");
  });

  test("a network with weak inhibition onto E (|J_EI| = 0.3, |J_II| = 3) saturates: runaway", () => {
    const run = simulateNetwork({
      params: {
        N: 500,
        duration: 0.05,
        J: [
          [1, -0.3],
          [1, -3],
        ],
      },
      seed: 1,
      initialV: "uniform",
    });
    expect(classifyState(run, { start: 0.02 }).state).toBe("runaway");
  });
});
