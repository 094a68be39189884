/**
 * Worker entry of the run pool's runners (compiled to lib/dist/experiments/pool-worker.js and
 * started from there by the pool's supervisor; internal, not re-exported). It loads the
 * experiments, whose modules define their pool tasks (run-pool.ts), and serves them, each run on
 * one thread, keeping the memory of one run's connectivity and build for the next
 * (reuseMemories); in any other thread it does nothing.
 */
import "./index";
import { reuseMemories } from "../network/wasm";
import { servePoolJobs } from "../core/pool-runner";
import { runnerTasks } from "./run-pool";

if (servePoolJobs(runnerTasks())) reuseMemories();
