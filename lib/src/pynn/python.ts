import { spawnSync } from "node:child_process";

/** The simulators the exported script knows. */
export type PyNNSimulator = "nest" | "brian2" | "neuron";

/** Result of {@link findPyNN}. */
export interface PyNNPython {
  /** A Python that imports pyNN and the simulator's module, or null. */
  python: string | null;
  /** How to install what is missing (empty when found). */
  hint: string;
}

const MODULE: Record<PyNNSimulator, string> = { nest: "nest", brian2: "brian2", neuron: "neuron" };

/**
 * Finds a Python interpreter that has PyNN and the given simulator: `PYNN_PYTHON` if set, then
 * Debian's `/usr/bin/python3`, then the `python3` first on PATH. It only looks the modules up
 * (importlib.util.find_spec), without importing them, so it takes milliseconds.
 * @param simulator the back end needed (default "brian2")
 * @returns the interpreter, or null with the commands that install PyNN and the simulator
 */
export function findPyNN(simulator: PyNNSimulator = "brian2"): PyNNPython {
  const module = MODULE[simulator] ?? "brian2";
  const code = `import importlib.util as u, sys; sys.exit(0 if u.find_spec("pyNN") and u.find_spec("${module}") else 1)`;
  const candidates = [process.env.PYNN_PYTHON, "/usr/bin/python3", "python3"].filter((p): p is string => !!p);
  for (const python of candidates) {
    if (spawnSync(python, ["-c", code], { stdio: "ignore", timeout: 20_000 }).status === 0) return { python, hint: "" };
  }
  const install = simulator === "nest"
    ? "NEST from its own packages (nest-simulator.org) or `pip install nest-simulator`, and `pip install pyNN`"
    : `\`pip install pyNN ${module}\` (on Debian, as root: apt-get install python3-pynn python3-brian)`;
  return { python: null, hint: `PyNN with ${simulator} was not found (set PYNN_PYTHON to a Python that has it): install ${install}` };
}
