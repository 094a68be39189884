"""Convert executed notebooks to HTML with nbconvert, as the first step of `npm run export`.

Usage: python3 notebook_html.py [--hand-in] --out DIR NOTEBOOK...

Writes DIR/<name>.html for each notebook, from the outputs stored in the notebook (nothing is
executed). The HTML is an intermediate file: scripts/export.js then typesets its LaTeX in
headless Chromium, removes every script and prints the PDF.

- SVG outputs are inline SVG: nbconvert 7 writes them as base64 <img> by default, and inline
  (skip_svg_encoding) only through its clean_html filter, which strips SVG elements (nbconvert
  6.5's did too): charts would be blank. A chart's SVG is rendered by vega from its own
  Vega-Lite spec (export.js adds it to the copy of the notebook given here; the notebook stores
  the spec and a PNG, and nbconvert prefers the SVG), so the export keeps it as it is.
- MathJax 2 is not loaded: nbconvert's template loads it from a CDN (pip's nbconvert) or from
  file:///usr/share/javascript/mathjax (Debian's), neither of which a reader of a handed-in
  file has. export.js typesets the math to SVG with MathJax 3 from node_modules instead.
- require.js (loaded the same way) is not needed by any output of ours and is dropped too.
- --hand-in leaves out code cells' input and the In/Out prompts (a report-style document).
- HTML and SVG outputs are made inert: <script>, <iframe>, <object>, <embed>, inline event
  handlers (onerror=, onload=, ...) and javascript: URLs are removed, so that an output cannot
  run code in the browser that prints the PDF or in the reader's (outputs without any of these,
  such as our charts, are left byte for byte as they are). The one exception is the library's
  network explorer (notebook 05), which runs in the reader's browser: an output of a cell that
  calls showExplorer, shaped exactly as scripts/build-explorer.js writes it (the host element, its
  note, one script), whose script's SHA-256 is the build its host element records. It is kept as
  the notebook ran it, whichever build that was, so a library change does not force the notebook
  to be executed again before an export. The check is one of integrity (a truncated or edited
  explorer is made inert like any other output), not of origin: a notebook written by hand to
  pass it would run its script in the reader's browser, as it would in JupyterLab once trusted.
- A notebook that cannot be read or converted (corrupt or empty file, invalid notebook) is named
  with its problem in one line on stderr; the others are still converted; the exit status is 1.
"""
import argparse
import copy
import hashlib
import html
import os
import re
import sys
from html.parser import HTMLParser

import nbformat
from nbconvert import HTMLExporter

MATHJAX_BLOCK = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\ssrc=\"[^\"]*\"[^>]*>\s*</script>", re.S)


ACTIVE = re.compile(r"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:", re.I)
DROPPED_TAGS = {"script", "iframe", "object", "embed"}
URL_ATTRS = {"href", "src", "xlink:href", "action", "formaction"}


class Inert(HTMLParser):
    """Re-writes HTML without scripts, frames, plugins, event handlers and javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        self.skipping = None  # the dropped element whose content is being skipped

    def attrs(self, attrs):
        kept = []
        for name, value in attrs:
            if name.startswith("on") or (name in URL_ATTRS and value and value.strip().lower().startswith("javascript:")):
                continue
            kept.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
        return "".join(" " + a for a in kept)

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            return
        if tag in DROPPED_TAGS:
            self.skipping = tag
            return
        self.out.append(f"<{self.get_starttag_text()[1:len(tag) + 1]}{self.attrs(attrs)}>")

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and tag not in DROPPED_TAGS:
            self.out.append(f"<{self.get_starttag_text()[1:len(tag) + 1]}{self.attrs(attrs)}/>")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping:
                self.skipping = None
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name):
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def inert(markup):
    """`markup` without anything that runs code (see Inert); unchanged when it has none of it."""
    if not ACTIVE.search(markup):
        return markup
    parser = Inert()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


EXPLORER = re.compile(
    r'<div class="eib-explorer" data-eib-build="([0-9a-f]{64})">(<p class="eib-note">.*?</p>)<script>(.*)</script></div>', re.S)


def is_explorer(cell, html_text):
    """Whether an HTML output is the network explorer as built (see the module's docstring)."""
    m = EXPLORER.fullmatch(html_text)
    if m is None or "showExplorer(" not in "".join(cell.get("source", "")):
        return False
    build, note, script = m.groups()
    intact = hashlib.sha256(script.encode("utf-8")).hexdigest() == build
    return intact and inert(note) == note and re.search(r"</script", script, re.I) is None


def make_outputs_inert(nb):
    """Every HTML and SVG output made inert, except the network explorer's (is_explorer)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/html", "image/svg+xml"):
                if mime in data:
                    text = data[mime] if isinstance(data[mime], str) else "".join(data[mime])
                    data[mime] = text if mime == "text/html" and is_explorer(cell, text) else inert(text)


def keep_svg(svg):
    """The SVG as it is, as text (nbconvert 7 passes it to clean_html encoded as UTF-8)."""
    return svg.decode("utf-8") if isinstance(svg, bytes) else svg


def notebook_html(path, hand_in=False, nb=None):
    """The HTML of the notebook at `path` (or of a copy of `nb`, already read), as described above."""
    nb = copy.deepcopy(nb) if nb is not None else nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    make_outputs_inert(nb)
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
    failed = 0
    for path in args.notebooks:
        target = os.path.join(args.out, os.path.splitext(os.path.basename(path))[0] + ".html")
        try:
            body = notebook_html(path, args.hand_in)
        except Exception as e:  # any reason a notebook cannot be read or converted: name it, go on
            print(f"{os.path.basename(path)}: {problem(e)}", file=sys.stderr, flush=True)
            failed += 1
            continue
        with open(target, "w", encoding="utf-8") as f:
            f.write(body)
        print(target, flush=True)
    return 1 if failed else 0


def problem(error):
    """One line saying what is wrong with a notebook file."""
    text = " ".join(str(error).split()) or type(error).__name__
    if "Expecting value: line 1 column 1" in text or "Notebook does not appear to be JSON: ''" in text:
        return "the file is empty, not a notebook"
    if type(error).__name__ in ("NotJSONError", "JSONDecodeError"):
        return f"not a notebook (invalid JSON): {text[:160]}"
    if type(error).__name__ == "ValidationError":
        return f"invalid notebook: {getattr(error, 'message', text)[:160]}"
    return f"cannot be converted: {type(error).__name__}: {text[:160]}"


if __name__ == "__main__":
    sys.exit(main())
