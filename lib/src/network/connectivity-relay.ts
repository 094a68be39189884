/**
 * Internal to {@link buildConnectivity} (not re-exported from the package): the units of one
 * build, shared between the calling thread and a worker through a SharedArrayBuffer. The units
 * are drawn from one random stream, unit after unit; a thread claims the next unit (a counter),
 * takes the stream's state at its start (waiting for it, or, when the unit before is still being
 * drawn, skipping that unit's draws from its published start: see awaitStart), and publishes the
 * state at the start of the unit after it as soon as its own draws are done, before its
 * transpose. So the two threads draw and transpose at the same time; each unit is built from its
 * own start state, so the result does not depend on which thread built it.
 */
import { STREAM_BYTES, type PartBuilder } from "./connectivity-blocks";
import { partBytesBound, type ConnectivityLayout } from "./connectivity-layout";
import { awaitWord, publishWord } from "./shared-words";

/** Plain data of a relay (it is sent to the worker): control words and the stream states. */
export interface Relay {
  /** Int32 words: the next unit to claim, the worker's outcome, the units built, then per unit whether its start state is published, then whether it is built. */
  readonly control: Int32Array;
  /** The stream's state at the start of each unit u (and after the last), STREAM_BYTES each. */
  readonly states: Uint8Array;
  readonly units: number;
}

/** Control words: the next unit to claim, the worker's outcome (0 while it runs), the number of units built; then per unit, start state published, and built. */
const NEXT = 0;
const OUTCOME = 1;
const BUILT = 2;
const readyWord = (u: number): number => 3 + u;
const doneWord = (relay: Relay, u: number): number => 4 + relay.units + u;
/** The worker's outcome: it built every unit it claimed. */
export const FINISHED = 1;
/** The worker's outcome: it failed; the calling thread builds what is left. */
export const FAILED = 2;

/** Longest wait for another thread (ms): a thread that dies without reporting cannot hang a build. */
const DEADLINE_MS = 60_000;

/** A relay of `units` units whose first unit starts at `builder`'s current stream state. */
export function newRelay(units: number, builder: PartBuilder): Relay {
  const control = new Int32Array(new SharedArrayBuffer(4 * (4 + 2 * units + 1)));
  const states = new Uint8Array(new SharedArrayBuffer(STREAM_BYTES * (units + 1)));
  const relay = { control, states, units };
  publish(relay, 0, builder.saveStream());
  return relay;
}

function publish(relay: Relay, u: number, stream: Uint8Array): void {
  relay.states.set(stream, u * STREAM_BYTES);
  publishWord(relay.control, readyWord(u), 1);
}

/** Waits until word `index` of the relay is at least `atLeast`; false if `giveUp()` says so or the deadline passes first. */
function awaitRelayWord(relay: Relay, index: number, atLeast: number, giveUp: () => boolean): boolean {
  return awaitWord(relay.control, index, atLeast, { deadlineMs: DEADLINE_MS, giveUp });
}

/** Postsynaptic neurons of unit u (a part of a block). */
function unitPosts(layout: ConnectivityLayout, u: number): number {
  return layout.partStart[(u % layout.parts) + 1] - layout.partStart[u % layout.parts];
}

/**
 * Waits for the start state of unit u, or makes it: when the unit before has its start
 * published but not yet its end (the other thread is still drawing it), this thread takes that
 * start, moves the stream past that unit's draws without making them (PartBuilder.skip, about a
 * fifth of their cost) and publishes the result, rather than wait for the draws. The other
 * thread reaches the same state and finds it published. So the draws of consecutive units run
 * side by side, and the skips cost CPU only where a thread would otherwise wait.
 * @returns false if it stopped waiting (`giveUp()`, or the deadline).
 */
function awaitStart(layout: ConnectivityLayout, relay: Relay, builder: PartBuilder, u: number, giveUp: () => boolean): boolean {
  const ready = (v: number) => Atomics.load(relay.control, readyWord(v)) === 1;
  if (u > 0 && !ready(u) && ready(u - 1)) {
    builder.loadStream(relay.states.subarray((u - 1) * STREAM_BYTES, u * STREAM_BYTES));
    builder.skip(unitPosts(layout, u - 1));
    publish(relay, u, builder.saveStream());
  }
  return awaitRelayWord(relay, readyWord(u), 1, giveUp);
}

/**
 * Builds unit u, from its published start state, into the shared memory `buffer`, publishing the
 * next unit's start state once its draws are done (unless a thread published it already).
 */
function buildUnit(layout: ConnectivityLayout, buffer: SharedArrayBuffer, relay: Relay, builder: PartBuilder, u: number): void {
  const { N, K } = layout;
  const posts = unitPosts(layout, u);
  builder.loadStream(relay.states.subarray(u * STREAM_BYTES, (u + 1) * STREAM_BYTES));
  const drawn = () => {
    if (Atomics.load(relay.control, readyWord(u + 1)) === 0) publish(relay, u + 1, builder.saveStream());
  };
  const offsets = new Uint32Array(buffer, layout.offsetsAt[u], N + 1);
  builder.build(posts, offsets, new Uint8Array(buffer, layout.targetsAt[u], partBytesBound(N, K, posts)), drawn);
  Atomics.store(relay.control, doneWord(relay, u), 1);
  Atomics.add(relay.control, BUILT, 1);
  Atomics.notify(relay.control, BUILT);
}

/** Units a thread built, and whether it claimed every unit it could (false: it stopped waiting for a start state). */
interface Claimed {
  built: number;
  complete: boolean;
}

/** Claims and builds units (see {@link buildClaimed}), counting them. */
function claimUnits(layout: ConnectivityLayout, buffer: SharedArrayBuffer, relay: Relay, builder: PartBuilder, giveUp: () => boolean): Claimed {
  let built = 0;
  for (let u = Atomics.add(relay.control, NEXT, 1); u < relay.units; u = Atomics.add(relay.control, NEXT, 1)) {
    if (!awaitStart(layout, relay, builder, u, giveUp)) return { built, complete: false };
    buildUnit(layout, buffer, relay, builder, u);
    built++;
  }
  return { built, complete: true };
}

/**
 * Claims and builds units, in stream order, until none is left, or until the start state of a
 * claimed unit fails to come (`giveUp()`, or the deadline).
 * @returns false if it stopped waiting for a start state.
 */
export function buildClaimed(layout: ConnectivityLayout, buffer: SharedArrayBuffer, relay: Relay, builder: PartBuilder, giveUp: () => boolean = () => false): boolean {
  return claimUnits(layout, buffer, relay, builder, giveUp).complete;
}

/** Reports the worker's outcome ({@link FINISHED} or {@link FAILED}) and wakes the calling thread. */
export function reportOutcome(relay: Relay, outcome: number): void {
  publishWord(relay.control, OUTCOME, outcome);
}

/** How the units of a build with a worker were shared: all units, the worker's, and whether it reported a failure. */
export interface BuildShare {
  units: number;
  workerUnits: number;
  workerFailed: boolean;
}

/**
 * The calling thread's share of a build with a worker: builds claimed units; then waits until
 * every unit is built (bounded: not past the worker's failure or the deadline); then builds, in
 * stream order, every unit not built yet, so the build completes whatever the worker does.
 * @returns how the units were shared (the worker's are those the calling thread did not build).
 */
export function buildWithWorker(layout: ConnectivityLayout, buffer: SharedArrayBuffer, relay: Relay, builder: PartBuilder): BuildShare {
  const failed = () => Atomics.load(relay.control, OUTCOME) === FAILED;
  const claimed = claimUnits(layout, buffer, relay, builder, failed);
  if (claimed.complete) awaitRelayWord(relay, BUILT, relay.units, failed);
  let mine = claimed.built;
  for (let u = 0; u < relay.units; u++) {
    // a unit not built has its start state published: every unit before it is built
    if (Atomics.load(relay.control, doneWord(relay, u)) === 0) {
      buildUnit(layout, buffer, relay, builder, u);
      mine++;
    }
  }
  return { units: relay.units, workerUnits: relay.units - mine, workerFailed: failed() };
}
