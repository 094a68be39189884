/**
 * Contrast of chart marks on their background, for the Dark/Light theme check of
 * tests/jupyterlab-ui.test.ts: WCAG 2 relative luminance and contrast ratio, and the colours of a
 * chart read from its canvas pixels.
 */

/** An sRGB colour, channels 0-255. */
export type Rgb = [number, number, number];

/** WCAG 2 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linearised channels. */
export function relativeLuminance([r, g, b]: Rgb): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter: 1 (none) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** "#rrggbb" of a colour. */
export function hex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** The colours of a chart drawn in a canvas: its background and its marks. */
export interface ChartColours {
  /** The most frequent colour of the canvas (the chart's background). */
  background: Rgb;
  /** The most frequent saturated colour (chroma >= 60 of 255: marks, not grey text, axes or grid). */
  mark: Rgb;
  /** The share of the canvas's pixels in saturated colours. */
  markShare: number;
}

/**
 * Reads a chart's colours from its canvas pixels. Runs in the page (passed to
 * `locator.evaluate`): it must not use anything from outside its body.
 */
export function canvasColours(element: Element): ChartColours {
  const canvas = element as HTMLCanvasElement;
  const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
  const all = new Map<number, number>();
  const saturated = new Map<number, number>();
  let nSaturated = 0;
  for (let k = 0; k < data.length; k += 4) {
    if (data[k + 3] < 255) continue;
    const key = (data[k] << 16) | (data[k + 1] << 8) | data[k + 2];
    all.set(key, (all.get(key) ?? 0) + 1);
    if (Math.max(data[k], data[k + 1], data[k + 2]) - Math.min(data[k], data[k + 1], data[k + 2]) >= 60) {
      saturated.set(key, (saturated.get(key) ?? 0) + 1);
      nSaturated++;
    }
  }
  const mode = (m: Map<number, number>) => [...m.entries()].reduce((a, b) => (b[1] > a[1] ? b : a), [0, -1])[0];
  const rgb = (key: number): [number, number, number] => [(key >> 16) & 255, (key >> 8) & 255, key & 255];
  return { background: rgb(mode(all)), mark: rgb(mode(saturated)), markShare: nSaturated / (data.length / 4) };
}
