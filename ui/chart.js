// @ts-check
// The per-offer chart: one horizontal bar split by stage, with a legend of
// the non-zero stages. Built from elements (no canvas, no library), so it is
// crisp at any size, readable by a screen reader, and testable.

import { t } from "./i18n.js";
import { el } from "./dom.js";

// Stage order, left to right: from not yet invited to the outcome.
export const STAGES = [
  "not_invited", "link_created", "sending", "sent", "failed", "unknown",
  "expired", "revoked", "interviewed", "hired", "rejected", "withdrawn",
];

export function stageChart(job) {
  const total = job.applications;
  const present = STAGES.filter((s) => (job.stages[s] ?? 0) > 0);
  const label = t("jobs.chart_label", { n: total, title: job.title });
  const bar = el("div", { class: "chart-bar", role: "img", "aria-label": label });
  if (total === 0) bar.classList.add("chart-empty");
  for (const stage of present) {
    const n = job.stages[stage];
    const segment = el("span", {
      class: `chart-seg seg-${stage}`,
      title: `${t(`stage.${stage}`)} : ${n}`,
      dataset: { stage, count: String(n) },
    });
    // Through the CSSOM: the strict CSP forbids style attributes.
    segment.style.flexGrow = String(n);
    bar.append(segment);
  }
  const legend = el("ul", { class: "chart-legend" });
  for (const stage of present) {
    legend.append(
      el("li", { dataset: { stage } }, el("span", { class: `chart-dot seg-${stage}` }), `${t(`stage.${stage}`)} `, el("strong", {}, String(job.stages[stage]))),
    );
  }
  if (total === 0) legend.append(el("li", { class: "muted" }, t("jobs.no_applications")));
  return el("div", { class: "chart", dataset: { jobId: String(job.id) } }, bar, legend);
}
