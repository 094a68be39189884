/**
 * The explorer's page code: finds its host element (the element around this script), builds the
 * controls and the charts in it, and runs the network in a Web Worker after each change. A run in
 * progress is cancelled by the next change (its worker is terminated; a warm spare takes over).
 * The host's `data-state` ("running", "drawn", "refused"), `data-done` (runs finished, drawn or
 * refused), `data-redraw-ms` (change to drawn charts) and `data-draw-ms` (drawing alone) are for
 * the tests and the benchmark; the last result is `host.explorer.result`.
 */
import { drawCharts, type ChartCanvases } from "./charts";
import { buildControls, readSettings, writeSettings } from "./controls";
import type { ExplorerResult } from "./run";
import { settingsFromText, settingsToText, TUTORIAL, type Settings } from "./settings";
import STYLE from "./style.css";
import type { RunReply } from "./worker";

declare const __EXPLORER_WORKER__: string;

/** What the page keeps on its host element, for the tests. */
export interface ExplorerHandle {
  result?: ExplorerResult;
  settings: Settings;
}

/** A Web Worker started from the bundled worker code. */
function startWorker(): Worker {
  const url = URL.createObjectURL(new Blob([__EXPLORER_WORKER__], { type: "text/javascript" }));
  const w = new Worker(url);
  URL.revokeObjectURL(url);
  return w;
}

/**
 * The workers: one that runs (and stays warm between runs), and a spare started ahead that takes
 * over when a run in progress is cancelled (the cancelled worker is terminated: a run is
 * synchronous inside its worker).
 */
class Runner {
  private worker = startWorker();
  private spare = startWorker();
  private running = false;
  private latest = 0;

  /** Runs the settings, cancelling a run in progress; calls `done` with the reply of the latest run only. */
  run(settings: Settings, done: (reply: RunReply) => void): void {
    if (this.running) {
      this.worker.terminate();
      this.worker = this.spare;
      this.spare = startWorker();
    }
    this.running = true;
    const id = ++this.latest;
    // a reply the worker posted before it was terminated may still arrive: only the latest counts
    this.worker.onmessage = (e: MessageEvent<RunReply>) => {
      if (e.data.id !== this.latest) return;
      this.running = false;
      done(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      if (id !== this.latest) return;
      this.running = false;
      this.worker = startWorker();
      done({ id, error: e.message || "the simulation stopped (out of memory?)", name: "Error" });
    };
    this.worker.postMessage({ id, settings });
  }
}

/** The elements of one explorer. */
interface Parts {
  host: HTMLElement;
  form: HTMLFormElement;
  status: HTMLElement;
  message: HTMLElement;
  balance: HTMLElement;
  verdict: HTMLElement;
  canvases: ChartCanvases;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, parent: HTMLElement): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  parent.append(e);
  return e;
}

/** Builds the explorer's elements inside the host. */
function build(host: HTMLElement): Parts {
  host.querySelector(".eib-note")?.remove();
  const style = document.createElement("style");
  style.textContent = STYLE;
  host.prepend(style);
  el("h3", "eib-title", host).textContent = "Balanced E/I network explorer";
  const form = el("form", "eib-controls", host);
  const status = el("p", "eib-status", host);
  status.setAttribute("aria-live", "polite");
  const message = el("p", "eib-message", host);
  message.setAttribute("role", "alert");
  const balance = el("p", "eib-balance", host);
  const verdict = el("p", "eib-verdict", host);
  const grid = el("div", "eib-charts", host);
  const canvas = (label: string) => {
    const c = el("canvas", "eib-chart", grid);
    c.setAttribute("role", "img");
    c.setAttribute("aria-label", label);
    return c;
  };
  const canvases = {
    raster: canvas("raster of E and I spikes"), activity: canvas("population rates over time"),
    rates: canvas("distribution of single-neuron rates"), means: canvas("mean rates against the theories"),
  };
  return { host, form, status, message, balance, verdict, canvases };
}

/** Shows a result: charts, balance condition, verdict and numbers. */
function show(p: Parts, r: ExplorerResult): void {
  drawCharts(p.canvases, r);
  const m = r.means;
  p.message.textContent = "";
  p.balance.textContent = `Balance condition: ${r.balance.sentence}.`;
  const th = (t: ExplorerResult["balanced"], a: "rE" | "rI") => ("error" in t ? "—" : t[a].toFixed(2));
  p.verdict.textContent = `Simulated after ${r.transient} s: r_E = ${m.E.mean.toFixed(2)} ± ${m.E.sem.toFixed(2)} Hz, ` +
    `r_I = ${m.I.mean.toFixed(2)} ± ${m.I.sem.toFixed(2)} Hz (± SE across neurons); balanced limit ${th(r.balanced, "rE")}, ` +
    `${th(r.balanced, "rI")} Hz; mean field ${th(r.meanField, "rE")}, ${th(r.meanField, "rI")} Hz. ${r.verdict}`;
}

/** Starts one explorer in its host element. */
function start(host: HTMLElement): void {
  const syncUrl = document.body.hasAttribute("data-eib-page");
  const parts = build(host);
  const runner = new Runner();
  const handle: ExplorerHandle = { settings: syncUrl ? settingsFromText(location.hash.slice(1)) : { ...TUTORIAL } };
  (host as HTMLElement & { explorer: ExplorerHandle }).explorer = handle;
  const go = () => {
    const t0 = performance.now();
    handle.settings = readSettings(parts.form);
    if (syncUrl) history.replaceState(null, "", `#${settingsToText(handle.settings)}`);
    host.dataset.state = "running";
    parts.status.textContent = "running…";
    runner.run(handle.settings, (reply) => {
      host.dataset.done = String(Number(host.dataset.done ?? 0) + 1);
      if ("error" in reply) {
        host.dataset.state = "refused";
        parts.message.textContent = reply.error;
        parts.status.textContent = "not run: the library refused these settings";
        return;
      }
      handle.result = reply.result;
      const t1 = performance.now();
      show(parts, reply.result);
      const ms = performance.now() - t0;
      host.dataset.drawMs = (performance.now() - t1).toFixed(1);
      host.dataset.redrawMs = ms.toFixed(1);
      host.dataset.state = "drawn";
      const worker = (reply.result.seconds * 1e3).toFixed(0);
      parts.status.textContent = `drawn in ${ms.toFixed(0)} ms (of which the network's connectivity and simulation ${worker} ms)`;
    });
  };
  buildControls(parts.form, go, () => { writeSettings(parts.form, TUTORIAL); go(); });
  writeSettings(parts.form, handle.settings);
  if (syncUrl) {
    addEventListener("hashchange", () => {
      if (location.hash.slice(1) === settingsToText(handle.settings)) return;
      writeSettings(parts.form, settingsFromText(location.hash.slice(1)));
      go();
    });
  }
  go();
}

/** The host of this script: the element around it (or, where currentScript is not set, every host not yet started). */
function hosts(): HTMLElement[] {
  const own = document.currentScript?.closest<HTMLElement>(".eib-explorer");
  const all = own ? [own] : Array.from(document.querySelectorAll<HTMLElement>(".eib-explorer"));
  return all.filter((h) => !h.dataset.state);
}

for (const host of hosts()) {
  try {
    start(host);
  } catch (e) {
    host.textContent = `The explorer could not start: ${(e as Error).message}`;
  }
}
