/**
 * The explorer's controls: one labelled number input per setting (with a slider for r_X, J_EI and
 * J_II), the initial-V choice, and a reset to the tutorial's values. Native inputs: every control
 * is reachable with Tab and set with the keyboard (arrow keys step within the library's range).
 */
import { NUMBER_CONTROLS, type NumberControl, type Settings } from "./settings";

/** The slider range of the controls that have one. */
const SLIDERS: Partial<Record<NumberControl["key"], [number, number]>> = { rX: [0, 50], JEI: [-5, 0], JII: [-5, 0] };

function input(type: string, c: NumberControl, id: string): HTMLInputElement {
  const i = document.createElement("input");
  i.type = type;
  i.name = c.key;
  i.id = id;
  i.step = String(c.step);
  const range = type === "range" ? SLIDERS[c.key] : undefined;
  const [min, max] = range ?? [c.min, c.max];
  if (min !== undefined) i.min = String(min);
  if (max !== undefined) i.max = String(max);
  return i;
}

let instances = 0;

/** One numeric control: label, number input and (for some) a slider kept in step with it. */
function numberField(form: HTMLFormElement, c: NumberControl, prefix: string, onChange: () => void): void {
  const field = document.createElement("div");
  field.className = "eib-field";
  const label = document.createElement("label");
  const box = input("number", c, `${prefix}-${c.key}`);
  box.dataset.control = c.key;
  label.htmlFor = box.id;
  label.innerHTML = `${c.label}${c.unit ? ` <span class="eib-unit">(${c.unit})</span>` : ""}`;
  field.append(label, box);
  box.addEventListener("change", onChange);
  if (SLIDERS[c.key]) {
    const slider = input("range", c, `${prefix}-${c.key}-slider`);
    slider.setAttribute("aria-label", `${label.textContent} slider`);
    slider.addEventListener("input", () => { box.value = slider.value; onChange(); });
    box.addEventListener("input", () => { slider.value = box.value; });
    field.append(slider);
  }
  form.append(field);
}

/**
 * Builds the controls into the form.
 * @param form the form.
 * @param onChange called after any change.
 * @param onReset called by the reset button.
 */
export function buildControls(form: HTMLFormElement, onChange: () => void, onReset: () => void): void {
  const prefix = `eib${++instances}`;
  for (const c of NUMBER_CONTROLS) numberField(form, c, prefix, onChange);
  const field = document.createElement("div");
  field.className = "eib-field";
  const label = document.createElement("label");
  const select = document.createElement("select");
  select.name = "V0";
  select.id = `${prefix}-V0`;
  label.htmlFor = select.id;
  label.textContent = "initial V";
  for (const [value, text] of [["zero", "V(0) = 0 (tutorial)"], ["uniform", "uniform in [0, V_th)"]]) select.add(new Option(text, value));
  select.addEventListener("change", onChange);
  const reset = document.createElement("button");
  reset.type = "button";
  reset.textContent = "Reset to the tutorial";
  reset.addEventListener("click", onReset);
  field.append(label, select);
  form.append(field, reset);
  form.addEventListener("submit", (e) => { e.preventDefault(); onChange(); });
}

/** The settings in the form (a number input that is empty or not a number gives NaN, refused by the library). */
export function readSettings(form: HTMLFormElement): Settings {
  const get = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | RadioNodeList).value;
  const s = {} as Record<string, unknown>;
  for (const c of NUMBER_CONTROLS) {
    const box = form.querySelector<HTMLInputElement>(`input[type=number][name=${c.key}]`)!;
    s[c.key] = box.value.trim() === "" ? NaN : Number(box.value);
  }
  s.V0 = get("V0");
  return s as unknown as Settings;
}

/** Writes settings into the form (number inputs, sliders and the initial-V choice). */
export function writeSettings(form: HTMLFormElement, s: Settings): void {
  for (const c of NUMBER_CONTROLS) {
    for (const i of form.querySelectorAll<HTMLInputElement>(`input[name=${c.key}]`)) i.value = String(s[c.key]);
  }
  (form.elements.namedItem("V0") as HTMLSelectElement).value = s.V0;
}
