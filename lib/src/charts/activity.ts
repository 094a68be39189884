import type { TopLevelSpec } from "vega-lite";
import { checkLength, invalid } from "../core/validate";
import { xyChart } from "./xy";
import { checkSeries, checkTitle } from "./base";

/**
 * The population activity of E and I over time: the fraction of each population firing per bin,
 * as two lines.
 * @param activity bin start times (s) and the E and I fractions (e.g. from `activityFractions`)
 * @param title the chart's title
 * @throws ParameterError when E or I is not as long as t
 * @returns the Vega-Lite spec
 */
export function populationActivityChart(activity: { t: readonly number[]; E: readonly number[]; I: readonly number[] }, title: string): TopLevelSpec {
  const where = "populationActivityChart";
  if (activity === null || typeof activity !== "object") invalid(where, "activity", activity, "an object { t, E, I }");
  checkSeries(where, "activity.t", activity.t);
  checkTitle(where, "title", title);
  checkLength("populationActivityChart", "E", activity.E, activity.t.length);
  checkLength("populationActivityChart", "I", activity.I, activity.t.length);
  return xyChart({
    title, xTitle: "time (s)", yTitle: "fraction firing per ms", height: 160,
    lines: [
      { label: "E", x: activity.t, y: activity.E },
      { label: "I", x: activity.t, y: activity.I },
    ],
  });
}
