"""Execute Jupyter notebooks with the tslab kernel through nbclient, one cell at a time.

Usage: python3 execute_notebooks.py [--check] [--timeout S] [--html DIR] NOTEBOOK...

For each notebook, in order: prints progress (notebook, cell i/n, seconds), executes every code
cell in a fresh kernel started in the notebook's folder, and stops at the first failed cell with
the notebook name, the cell number, the cell's source line and tslab's message (tslab reports a
failure only as stderr stream output and an error reply without a traceback). When every cell
succeeded it strips volatile metadata (execution timestamps) and, unless --check, writes the
notebook back atomically (temporary file + rename: a failed run never clobbers the committed
notebook). With --html DIR it also writes DIR/<name>.html. With --check it writes a JSON summary
of each notebook's outputs (MIME types of each display, the machine-readable verdicts) to stdout's last line (for the tests) and leaves the files alone.
Exit status: 0 when every notebook ran, 1 otherwise.
"""
import argparse
import json
import os
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "tslab"
VEGA_LITE = "application/vnd.vegalite.v5+json"
VERDICT = "application/vnd.ei-balance.verdict+json"


def stderr_text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")


def source_line(cell, message):
    """The line of the cell that tslab's message points at ("3:7 - ..."), else the first non-empty line."""
    lines = cell.source.splitlines()
    m = re.search(r"^(\d+):\d+ - ", message, re.M)
    if m and 0 < int(m.group(1)) <= len(lines):
        return int(m.group(1)), lines[int(m.group(1)) - 1]
    for k, line in enumerate(lines, 1):
        if line.strip() and not line.strip().startswith("//"):
            return k, line
    return 1, lines[0] if lines else ""


def strip_volatile(nb):
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = None
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)


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


def atomic_write(nb, path):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".ipynb", dir=folder)
    mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_html(nb, path, html_dir):
    from nbconvert import HTMLExporter

    os.makedirs(html_dir, exist_ok=True)
    # nbconvert 6.5 passes SVG outputs through lxml's clean_html, which deletes every SVG element
    # and leaves only the text: charts would be blank. Our SVG is rendered by vega from our own
    # specs, so the export keeps it as it is.
    body, _ = HTMLExporter(filters={"clean_html": lambda html: html}).from_notebook_node(nb)
    target = os.path.join(html_dir, os.path.splitext(os.path.basename(path))[0] + ".html")
    with open(target, "w", encoding="utf-8") as f:
        f.write(body)
    return target


def execute(path, timeout):
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    start = time.time()
    with client.setup_kernel():
        for n, (i, cell) in enumerate(code, 1):
            t0 = time.time()
            print(f"  {name}: cell {n}/{len(code)} ...", end="", flush=True)
            failure = None
            try:
                client.execute_cell(cell, i)
            except CellTimeoutError:
                failure = f"timed out after {timeout} s"
            except DeadKernelError as e:
                failure = f"the kernel died: {e}"
            except CellExecutionError as e:
                failure = stderr_text(cell).strip() or str(e).strip() or "the cell failed (no message)"
            print(f" {time.time() - t0:.1f} s", flush=True)
            if failure:
                line_no, line = source_line(cell, failure)
                print(
                    f"\nFAILED: {name}, cell {n} of {len(code)}, line {line_no}: {line.strip()}\n"
                    + "\n".join("  | " + l for l in failure.splitlines()),
                    file=sys.stderr,
                    flush=True,
                )
                return None
    print(f"  {name}: {len(code)} cells in {time.time() - start:.1f} s", flush=True)
    strip_volatile(nb)
    return nb


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--check", action="store_true", help="execute only; print a JSON summary, write nothing")
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell (default 600)")
    parser.add_argument("--html", metavar="DIR", help="also export each executed notebook to DIR/<name>.html")
    args = parser.parse_args()
    summary = {}
    for k, path in enumerate(args.notebooks, 1):
        print(f"[{k}/{len(args.notebooks)}] {path}", flush=True)
        nb = execute(path, args.timeout)
        if nb is None:
            return 1
        if args.check:
            summary[os.path.basename(path)] = summarize(nb)
        else:
            atomic_write(nb, path)
            print(f"  wrote {path}", flush=True)
        if args.html:
            print(f"  wrote {write_html(nb, path, args.html)}", flush=True)
    if args.check:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
