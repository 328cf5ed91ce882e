// @ts-check
// The per-offer chart: one horizontal bar split by stage, with a legend of
// the non-zero stages. Built from elements (no canvas, no library), so it is
// crisp at any size, readable by a screen reader, and testable. With `onPick`,
// every segment and legend entry is a button that shows those applications
// (the list filtered on the offer and the stage: the same count).

import { t } from "./i18n.js";
import { el } from "./dom.js";

// Stage order, left to right: from not yet invited to the outcome.
export const STAGES = [
  "not_invited", "link_created", "sending", "sent", "failed", "unknown",
  "expired", "revoked", "interviewed", "hired", "rejected", "withdrawn",
];

/**
 * @param {JobOverview} job
 * @param {((stage: Stage) => void) | null} [onPick]
 */
export function stageChart(job, onPick = null) {
  const total = job.applications;
  const present = /** @type {Stage[]} */ (STAGES.filter((s) => (job.stages[s] ?? 0) > 0));
  const label = t("jobs.chart_label", { n: total, title: job.title });
  const bar = el("div", { class: "chart-bar", role: onPick ? "group" : "img", "aria-label": label });
  if (total === 0) bar.classList.add("chart-empty");
  const name = (stage) => t(`stage.${stage}`, { n: job.stages[stage] });
  for (const stage of present) {
    const n = job.stages[stage];
    const title = t("jobs.chart_segment", { stage: name(stage), n });
    const segment = onPick
      ? el("button", { type: "button", class: `chart-seg seg-${stage}`, title, "aria-label": title, dataset: { stage, count: String(n) }, onclick: () => onPick(stage) })
      : el("span", { class: `chart-seg seg-${stage}`, title, dataset: { stage, count: String(n) } });
    // Through the CSSOM: the strict CSP forbids style attributes.
    segment.style.flexGrow = String(n);
    bar.append(segment);
  }
  const legend = el("ul", { class: "chart-legend" });
  for (const stage of present) {
    const content = [el("span", { class: `chart-dot seg-${stage}` }), `${name(stage)} `, el("strong", {}, String(job.stages[stage]))];
    legend.append(
      el(
        "li",
        { dataset: { stage } },
        ...(onPick ? [el("button", { type: "button", class: "chart-pick", onclick: () => onPick(stage) }, ...content)] : content),
      ),
    );
  }
  if (total === 0) legend.append(el("li", { class: "muted" }, t("jobs.no_applications")));
  return el("div", { class: "chart", dataset: { jobId: String(job.id) } }, bar, legend);
}
