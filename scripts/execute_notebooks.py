"""Execute Jupyter notebooks with the tslab kernel through nbclient, one cell at a time.

Usage: python3 execute_notebooks.py [--results DIR] [--timeout S] [--html DIR] [--kernel NAME] [--out DIR] [--timings FILE] NOTEBOOK...

For each notebook, in order: prints progress (notebook, cell i/n, seconds), executes every code
cell in a fresh kernel started in the notebook's folder, and stops at the first failed cell with
the notebook name, the cell number, the cell's source line and tslab's message (tslab reports a
failure only as stderr stream output and an error reply without a traceback). When every cell
succeeded it stores the notebook as JupyterLab saves it after Restart Kernel and Run All (the
kernel's language_info, execution counts 1..n, consecutive stream outputs merged; see normalize),
without volatile metadata (execution timestamps), and writes the notebook back atomically
(temporary file + rename: a failed run never clobbers the committed notebook). With --html DIR it
also writes DIR/<name>.html.
With --results DIR (the tests) it leaves the notebooks alone, writes each executed notebook to
DIR/<name> and then its result to DIR/<name>.json: the failure report (notebook, cell, line,
message; null when every cell ran), a summary of the outputs (the code cell and MIME types of each
display, the machine-readable verdicts, the stderr texts) and the timings; a failed notebook does
not stop the run, the next one is executed.
With --kernel NAME the notebooks run on that kernel (default tslab) whatever their kernelspec says;
with --out DIR each executed notebook is written to DIR/<name> instead of back (the Deno check).
With --timings FILE it writes the wall times (s) to FILE as JSON: per notebook, the kernel's
start-up, every code cell (id and seconds) and the total (bench/notebooks.bench.js reads it).
Exit status: 0 when every notebook ran, 1 otherwise, 130 when interrupted.

Interruption (Ctrl+C, SIGTERM, SIGHUP, or the death of the parent process on Linux): the kernel
is stopped at once, the notebook being executed is not written, and one line is printed,
"interrupted: nothing written" (or which notebooks were written before), instead of a traceback.

Orphan-proof from its first instruction: before the heavy imports (Jupyter's modules take 1-3 s),
it arms the parent-death signal (Linux prctl PR_SET_PDEATHSIG: SIGTERM when the parent dies) and
then checks that its parent is still the one that started it ($EI_BALANCE_RUNNER_PARENT, set by
scripts/run-notebooks.js; else that it was not re-parented to init): a parent killed during the
imports leaves no runner to start a kernel and rewrite the notebook afterwards.
"""
import os
import signal
import sys


def guard_parent():
    """Arms PR_SET_PDEATHSIG, then exits at once when the parent is already gone (see the header)."""
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: a killed parent leaves this process to finish
    expected = os.environ.get("EI_BALANCE_RUNNER_PARENT")
    parent = os.getppid()
    if (expected and expected.isdigit() and parent != int(expected)) or parent == 1:
        print("interrupted: the parent process is gone, nothing written", file=sys.stderr, flush=True)
        os._exit(130)


if __name__ == "__main__":
    guard_parent()

import argparse  # noqa: E402  (after guard_parent: see the header)
import json  # noqa: E402
import logging  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

from late_outputs import collect_late_outputs  # noqa: E402

VEGA_LITE = "application/vnd.vegalite.v5+json"
VERDICT = "application/vnd.ei-balance.verdict+json"


def stderr_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")


# tslab's report of a runtime error starts with the compiled line that threw: "evalmachine.<anonymous>:6"
# (or a library file's "/path/x.js:35"), that line's code, a caret line and a blank line; then the
# message and the stack (tslab's own frames). A ParameterError has no frames (its stack is its message).
THROW_SITE = re.compile(r"^\[?(evalmachine\.<anonymous>|\S+\.js):\d+\n(.*)\n[ \t]*\^+[ \t]*\n\n?", re.M)
STACK_FRAME = re.compile(r"^\s+at .*$\n?", re.M)
WORD = re.compile(r"[A-Za-z_$][\w$]*|\d+")


def code_lines(cell):
    """The cell's lines as (number, text), without blank lines and // comments."""
    return [(k, l) for k, l in enumerate(cell.source.splitlines(), 1) if l.strip() and not l.strip().startswith("//")]


def compiled_line_in_source(cell, code):
    """The cell line that tslab compiled to `code` (the same text, or the most words in common)."""
    words = set(WORD.findall(code))
    best, score = None, 0
    for k, line in code_lines(cell):
        if line.strip() == code.strip():
            return k, line
        common = len(words & set(WORD.findall(line)))
        if common > score:
            best, score = (k, line), common
    return best


def source_line(cell, message):
    """The line of the cell a failure points at: tslab's compile error ("3:7 - ..."), the source of
    the compiled line that threw, the line calling the function a ParameterError names, else the
    first line of code."""
    lines = cell.source.splitlines()
    m = re.search(r"^(\d+):\d+ - ", message, re.M)
    if m and 0 < int(m.group(1)) <= len(lines):
        return int(m.group(1)), lines[int(m.group(1)) - 1]
    site = THROW_SITE.search(message)
    if site and site.group(1).startswith("evalmachine"):
        found = compiled_line_in_source(cell, site.group(2))
        if found:
            return found
    named = re.search(r"^ParameterError: ([\w$.]+):", message, re.M)
    if named:
        name = named.group(1).split(".")[-1]
        for k, line in code_lines(cell):
            if re.search(r"\b" + re.escape(name) + r"\s*\(", line):
                return k, line
    first = code_lines(cell)
    return first[0] if first else (1, lines[0] if lines else "")


def clean_failure(message):
    """tslab's message without the compiled code that threw, the stack of tslab's frames and the
    brackets around it: for a ParameterError just "ParameterError: <message>"."""
    text = THROW_SITE.sub("", message.strip(), count=1)
    text = STACK_FRAME.sub("", text).strip()
    if message.strip().startswith("[") and text.endswith("]"):
        text = text[:-1].rstrip()
    return text or message.strip()


class Interrupted(BaseException):
    """Raised in the main thread by SIGTERM or SIGHUP, like KeyboardInterrupt by SIGINT."""


def on_signal(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def handle_signals():
    """SIGTERM and SIGHUP interrupt like Ctrl+C; on Linux the death of the parent (the npm runner,
    even by SIGKILL) sends SIGTERM (armed by guard_parent), so this process never finishes and
    writes after it."""
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)


def ignore_signals():
    """While the kernel is being stopped, a second Ctrl+C or SIGTERM must not interrupt the stop."""
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)


def overwritten_line(line):
    """A line after its carriage returns: each part after a "\r" overwrites the start of the line."""
    parts = line.split("\r")
    text = parts[0]
    for part in parts[1:]:
        text = part + text[len(part):]
    return text


def jupyterlab_stream_text(text):
    """Stream text as JupyterLab keeps it (its removeOverwrittenChars): backspaces applied,
    "\r\n" read as "\n", and a carriage return overwriting the start of its line."""
    while True:
        shorter = re.sub(r"[^\n]\x08", "", text)
        if len(shorter) == len(text):
            break
        text = shorter
    text = re.sub(r"\r+\n", "\n", text)
    return "\n".join(overwritten_line(line) for line in text.split("\n"))


def merged_streams(outputs):
    """The outputs with consecutive stream outputs of the same name merged into one, as
    JupyterLab shows and saves them (a save in JupyterLab would merge them anyway)."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if output.get("output_type") == "stream" and previous is not None and previous.get("output_type") == "stream" and previous.get("name") == output.get("name"):
            previous["text"] = jupyterlab_stream_text(previous["text"] + output["text"])
            continue
        if output.get("output_type") == "stream":
            output["text"] = jupyterlab_stream_text(output["text"])
        merged.append(output)
    return merged


def normalize(nb, language_info):
    """The notebook as JupyterLab saves it after Restart Kernel and Run All, without volatile
    metadata: the kernel's language_info; execution counts 1..n over the non-empty code cells (as
    a fresh tslab kernel numbers them; JupyterLab runs no empty cell); merged stream outputs."""
    if language_info is not None:
        nb.metadata["language_info"] = language_info
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        executed = cell.source.strip() != ""
        count += executed
        cell.execution_count = count if executed else None
        cell.outputs = merged_streams(cell.outputs)
        for output in cell.outputs:
            if "execution_count" in output:
                output["execution_count"] = cell.execution_count
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)


def kernel_language_info(client):
    """The language_info of the running kernel's kernel_info reply (what JupyterLab stores), or None."""
    reply = client.wait_for_reply(client.kc.kernel_info())
    return (reply or {}).get("content", {}).get("language_info")


def summarize(nb):
    """Per display output: its code cell (counted from 1) and MIME types; every verdict the
    report outputs carry (their JSON under VERDICT, with the cell); the stderr of failed cells."""
    displays, verdicts = [], []
    for k, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        for o in cell.outputs:
            if o.get("output_type") == "display_data":
                data = o.get("data", {})
                displays.append({"cell": k + 1, "mimetypes": sorted(data.keys())})
                verdicts.extend({"cell": k + 1, **v} for v in data.get(VERDICT, {}).get("verdicts", []))
    stderr = [stderr_text(c) for c in nb.cells if c.cell_type == "code" and stderr_text(c)]
    return {"displays": displays, "verdicts": verdicts, "stderr": stderr}


def atomic_write(path, write):
    """Writes a file through `write(f)` into a temporary file beside `path`, then renames it over
    `path`: a reader sees the old file or the whole new one, never a part."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=os.path.splitext(path)[1], dir=folder)
    mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_html(nb, path, html_dir):
    from notebook_html import notebook_html

    os.makedirs(html_dir, exist_ok=True)
    target = os.path.join(html_dir, os.path.splitext(os.path.basename(path))[0] + ".html")
    with open(target, "w", encoding="utf-8") as f:
        f.write(notebook_html(path, nb=nb))
    return target


def execute(path, timeout, kernel="tslab", timings=None):
    """Executes the notebook at `path`; returns (the notebook normalized, None), or (None, the
    failure report) after printing it. `timings`, a dict, receives the kernel's start-up, each code
    cell's and the total seconds."""
    name = os.path.basename(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # not JSON, empty, not a notebook: one line, no traceback
        from notebook_html import problem

        report = f"FAILED: {name}: {problem(error)}"
        print(report, file=sys.stderr, flush=True)
        return None, report
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    start = time.time()
    cells = []
    with client.setup_kernel():
        language_info = kernel_language_info(client)
        kernel_start = time.time() - start
        try:
            failure = execute_cells(client, code, name, timeout, kernel, cells)
        except BaseException:
            ignore_signals()
            client.shutdown_kernel = "immediate"  # stop the kernel now, even mid-cell
            raise
    if failure:
        return None, failure
    total = time.time() - start
    print(f"  {name}: {len(code)} cells in {total:.1f} s", flush=True)
    if timings is not None:
        timings.update({"kernelStart": kernel_start, "cells": cells, "total": total})
    normalize(nb, language_info)
    return nb, None


def execute_cells(client, code, name, timeout, kernel, cells):
    """Executes the code cells in order, appending {id, seconds} per cell to `cells`; stops at the
    first failed cell and returns its report (notebook, cell, line, message) after printing it to
    stderr, or None when every cell ran."""
    for n, (i, cell) in enumerate(code, 1):
        t0 = time.time()
        print(f"  {name}: cell {n}/{len(code)} ...", end="", flush=True)
        failure = None
        try:
            client.execute_cell(cell, i)
            if kernel == "deno":
                collect_late_outputs(client, cell, i)
        except CellTimeoutError:
            failure = f"timed out after {timeout} s"
        except DeadKernelError as e:
            failure = f"the kernel died: {e}"
        except CellExecutionError as e:
            failure = stderr_text(cell).strip() or str(e).strip() or "the cell failed (no message)"
        seconds = time.time() - t0
        cells.append({"id": cell.get("id", str(n)), "seconds": seconds})
        print(f" {seconds:.1f} s", flush=True)
        if failure:
            line_no, line = source_line(cell, failure)
            report = f"FAILED: {name}, cell {n} of {len(code)}, line {line_no}: {line.strip()}\n" + "\n".join("  | " + l for l in clean_failure(failure).splitlines())
            print("\n" + report, file=sys.stderr, flush=True)
            return report
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--results", metavar="DIR", help="leave the notebooks alone; write each executed notebook and its result (failure, outputs' summary, timings) to DIR; keep going after a failed notebook")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell (default 1800: a guard against a hung kernel; notebook 06's theory table takes about 2 minutes on a busy 2-core machine)")
    parser.add_argument("--html", metavar="DIR", help="also export each executed notebook to DIR/<name>.html")
    parser.add_argument("--kernel", default="tslab", help="kernel spec to run the notebooks on (default tslab)")
    parser.add_argument("--out", metavar="DIR", help="write each executed notebook to DIR/<name>, not back")
    parser.add_argument("--timings", metavar="FILE", help="write the kernel start-up, per-cell and total seconds of each notebook to FILE (JSON)")
    args = parser.parse_args()
    handle_signals()
    written = []
    try:
        return run(args, written)
    except (KeyboardInterrupt, Interrupted):
        ignore_signals()
        # the cell's abandoned asyncio task would log "Task exception was never retrieved" and a traceback at exit
        logging.getLogger("asyncio").disabled = True
        done = f"wrote only {', '.join(written)}, nothing else" if written else "nothing written"
        print(f"\ninterrupted: {done}", file=sys.stderr, flush=True)
        return 130


def write_result(folder, name, nb, failure, timings):
    """--results: the executed notebook as folder/<name> (when every cell ran), then its result as
    folder/<name>.json, whose presence tells a reader that the notebook is done. Returns the files
    written."""
    os.makedirs(folder, exist_ok=True)
    written = []
    if nb is not None:
        written.append(os.path.join(folder, name))
        atomic_write(written[-1], lambda f: nbformat.write(nb, f))
    result = {"notebook": name, "failure": failure, "summary": summarize(nb) if nb is not None else None, "timings": timings}
    written.append(os.path.join(folder, name + ".json"))
    atomic_write(written[-1], lambda f: json.dump(result, f))
    return written


def run(args, written):
    timings = {}
    failed = 0
    for k, path in enumerate(args.notebooks, 1):
        name = os.path.basename(path)
        print(f"[{k}/{len(args.notebooks)}] {path}", flush=True)
        timings[name] = {}
        nb, failure = execute(path, args.timeout, args.kernel, timings[name])
        if args.timings:
            with open(args.timings, "w", encoding="utf-8") as f:
                json.dump(timings, f, indent=1)
        if args.results:
            written.extend(write_result(args.results, name, nb, failure, timings[name]))
        elif nb is not None:
            target = os.path.join(args.out, name) if args.out else path
            atomic_write(target, lambda f: nbformat.write(nb, f))
            written.append(target)
            print(f"  wrote {target}", flush=True)
        if failure:
            if not args.results:
                return 1
            failed += 1
            continue
        if args.html:
            print(f"  wrote {write_html(nb, path, args.html)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
