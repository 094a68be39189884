"""Convert executed notebooks to HTML with nbconvert, as the first step of `npm run export`.

Usage: python3 notebook_html.py [--hand-in] --out DIR NOTEBOOK...

Writes DIR/<name>.html for each notebook, from the outputs stored in the notebook (nothing is
executed). The HTML is an intermediate file: scripts/export.js then typesets its LaTeX in
headless Chromium, removes every script and prints the PDF.

- SVG outputs are inline SVG: nbconvert 7 writes them as base64 <img> by default, and inline
  (skip_svg_encoding) only through its clean_html filter, which strips SVG elements (nbconvert
  6.5's did too): charts would be blank. Our SVG is rendered by vega from our own specs, so the
  export keeps it as it is.
- MathJax 2 is not loaded: nbconvert's template loads it from a CDN (pip's nbconvert) or from
  file:///usr/share/javascript/mathjax (Debian's), neither of which a reader of a handed-in
  file has. export.js typesets the math to SVG with MathJax 3 from node_modules instead.
- require.js (loaded the same way) is not needed by any output of ours and is dropped too.
- --hand-in leaves out code cells' input and the In/Out prompts (a report-style document).
"""
import argparse
import os
import re
import sys

import nbformat
from nbconvert import HTMLExporter

MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\ssrc=\"[^\"]*\"[^>]*>\s*</script>", re.S)


def keep_svg(svg):
    """The SVG as it is, as text (nbconvert 7 passes it to clean_html encoded as UTF-8)."""
    return svg.decode("utf-8") if isinstance(svg, bytes) else svg


def notebook_html(path, hand_in=False, nb=None):
    """The HTML of the notebook at `path` (or of `nb`, already read), as described above."""
    nb = nb if nb is not None else nbformat.read(path, as_version=4)
    exporter = HTMLExporter(
        skip_svg_encoding=True,
        filters={"clean_html": keep_svg},
        exclude_input=hand_in,
        exclude_input_prompt=hand_in,
        exclude_output_prompt=hand_in,
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": os.path.splitext(os.path.basename(path))[0]}})
    body = MATHJAX_BLOCK.sub("", body)
    body = EXTERNAL_SCRIPT.sub("", body)
    return body


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", required=True, help="folder for <name>.html")
    parser.add_argument("--hand-in", action="store_true", help="leave out code cells' input and the prompts")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for path in args.notebooks:
        target = os.path.join(args.out, os.path.splitext(os.path.basename(path))[0] + ".html")
        html = notebook_html(path, args.hand_in)
        with open(target, "w", encoding="utf-8") as f:
            f.write(html)
        print(target, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
