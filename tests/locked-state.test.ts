import { SpikeTrains } from "../lib/src/spikes/spike-trains";
import { ParameterError } from "../lib/src/core/validate";
import { populationSpikeRecovery, populationSpikes } from "../lib/src/analysis/synchronous-state";
import { lockPeriods, lockedEpisodeRates, lockedIntervals, syncRun, voltageBeforePopulationSpikes } from "../lib/src/analysis/locked-state";

const dt = 1e-4;

/** n neurons that all fire in the bins `bins` (a locked population), nBins bins. */
function locked(n: number, nBins: number, bins: number[]): SpikeTrains {
  const neuron: number[] = [], bin: number[] = [];
  for (const k of bins) for (let i = 0; i < n; i++) { neuron.push(i); bin.push(k); }
  return SpikeTrains.fromEvents(n, nBins, dt, neuron, bin);
}

const every300 = (from: number, count: number) => Array.from({ length: count }, (_, j) => from + 300 * j);

describe("the locked state of a run", () => {
  test("a population firing together every 30 ms has locked intervals of 30 ms; a single population spike is no lock", () => {
    const lockedRun = syncRun("lock", 100, 0.5, { E: locked(20, 5000, every300(100, 10)), I: locked(10, 5000, every300(101, 10)) });
    expect(lockedRun.psE.times.length).toBe(10);
    const iv = lockedIntervals(lockedRun.psE);
    expect(iv).toHaveLength(9);
    for (const x of iv) expect(x).toBeCloseTo(0.03, 12);
    const once = populationSpikes(locked(20, 5000, [100]));
    expect(lockedIntervals(once)).toEqual([]);
  });

  test("the rates inside a locked episode are the spikes per neuron over the episode, and a run without a lock gives none", () => {
    // 10 population spikes from bin 100 to bin 2800: one spike per neuron each; the counted range starts at
    // bin 120 (first spike + 2 ms) and ends at bin 2820: it holds the 9 later spikes in 0.27 s
    const run = syncRun("lock", 100, 0.5, { E: locked(20, 5000, every300(100, 10)), I: locked(10, 5000, every300(100, 10)) });
    const quiet = syncRun("quiet", 100, 0.5, { E: locked(20, 5000, []), I: locked(10, 5000, []) });
    const rates = lockedEpisodeRates([run, quiet], dt);
    expect(rates).toHaveLength(1);
    expect(rates[0].label).toBe("lock");
    expect(rates[0].E).toBeCloseTo(9 / 0.27, 6);
    expect(rates[0].I).toBeCloseTo(9 / 0.27, 6);
    expect(() => lockedEpisodeRates([run], 0)).toThrow(ParameterError);
  });

  test("V before each locked population spike: mean and sd across neurons in the bin before it begins", () => {
    const ps = populationSpikes(locked(5, 2000, every300(100, 4)));
    // trace n holds n + k / 1000 in bin k
    const traces = Array.from({ length: 3 }, (_, n) => Float64Array.from({ length: 2000 }, (_, k) => n + k / 1000));
    const v = voltageBeforePopulationSpikes(ps, traces, dt);
    expect(v.neurons).toBe(3);
    expect(v.mean).toHaveLength(3);
    [399, 699, 999].forEach((k, q) => {
      expect(v.mean[q]).toBeCloseTo(1 + k / 1000, 12);
      expect(v.sd[q]).toBeCloseTo(1, 12);
    });
    expect(() => voltageBeforePopulationSpikes(ps, [], dt)).toThrow(ParameterError);
  });

  test("lockPeriods sets the recovery theory beside the measured intervals, per K", () => {
    const run = syncRun("lock", 1000, 0.5, { E: locked(20, 5000, every300(100, 10)), I: locked(10, 5000, every300(100, 10)) });
    const [at100, at1000] = lockPeriods([run], [100, 1000]);
    expect(at100.iv).toBeUndefined();
    expect(at1000.iv!.n).toBe(9);
    expect(at1000.iv!.mean).toBeCloseTo(0.03, 12);
    expect(at1000.rec).toEqual(populationSpikeRecovery({ K: 1000 }));
    expect(() => lockPeriods([run], [])).toThrow(ParameterError);
  });

  test("syncRun refuses what is not a pair of spike trains or a duration that is not positive", () => {
    const E = locked(2, 100, []);
    expect(() => syncRun("x", 100, 0.01, { E, I: [] as unknown as SpikeTrains })).toThrow(/syncRun: run.I/);
    expect(() => syncRun("x", 100, 0, { E, I: E })).toThrow(/syncRun: T/);
  });
});
