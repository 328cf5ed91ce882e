// @ts-check
// Importing a CSV: the native file picker, then a preview (counts, the first
// rows with what will happen to each, every bad line) before anything is
// saved; the recruiter imports the good rows, or cancels.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { $, el, notify } from "./dom.js";

let pending = null; // the previewed file
let afterImport = async () => {};

export function initImporter(onImported) {
  afterImport = onImported;
  $("#import-csv").addEventListener("click", pick);
  $("#import-cancel").addEventListener("click", close);
  $("#import-confirm").addEventListener("click", confirm);
  $("#import-include-erased").addEventListener("change", showConfirm);
}

// Rust opens the native picker and previews the file; null when cancelled.
async function pick() {
  try {
    const found = await api.previewImport();
    if (found) show(found);
  } catch (error) {
    close();
    notify(api.errorMessage(error), "error");
  }
}

function close() {
  $("#import-panel").hidden = true;
  $("#import-progress").hidden = true;
  pending = null;
}

const MAX_LINES_SHOWN = 100;

function show(p) {
  pending = p;
  const panel = $("#import-panel");
  panel.dataset.rows = String(p.rows);
  panel.dataset.new = String(p.new);
  panel.dataset.rejected = String(p.rejected.length);
  $("#import-title").textContent = t("import.title", { file: p.file_name });
  $("#import-summary").textContent = t("import.summary", {
    rows: p.rows,
    new: p.new,
    present: p.already_present,
    rejected: p.rejected.length,
  });
  $("#import-encoding").hidden = p.encoding === "utf-8";
  $("#import-encoding").textContent = t("import.encoding");
  $("#import-sample tbody").replaceChildren(
    ...p.sample.map((r) =>
      el(
        "tr",
        { dataset: { line: String(r.line), outcome: r.outcome } },
        el("td", { class: "num muted" }, String(r.line)),
        el("td", {}, r.candidate_name),
        el("td", {}, r.email),
        el("td", {}, r.job_title),
        el("td", {}, el("span", { class: `badge badge-import-${r.outcome}` }, t(`import.outcome.${r.outcome}`))),
      ),
    ),
  );
  $("#import-sample-block").hidden = p.sample.length === 0;
  const errors = p.rejected.slice(0, MAX_LINES_SHOWN).map((r) =>
    el(
      "li",
      { dataset: { line: String(r.line) } },
      t("import.error_line", { line: r.line, reasons: r.errors.map((e) => api.errorMessage(e)).join(" ") }),
    ),
  );
  if (p.rejected.length > MAX_LINES_SHOWN) errors.push(el("li", { class: "muted" }, t("import.more_errors", { n: p.rejected.length - MAX_LINES_SHOWN })));
  $("#import-errors").replaceChildren(...errors);
  $("#import-errors-block").hidden = p.rejected.length === 0;
  // Rows of candidates erased at their request: skipped unless ticked.
  const erased = $("#import-include-erased");
  erased.checked = false;
  $("#import-include-erased-label").textContent = t("import.include_erased", { n: p.erased });
  $("#import-erased-block").hidden = p.erased === 0;
  $("#import-duplicates").replaceChildren(
    ...p.duplicates.slice(0, MAX_LINES_SHOWN).map((d) => el("li", {}, t("import.duplicate_line", { line: d.line, first: d.first_line }))),
  );
  $("#import-duplicates-block").hidden = p.duplicates.length === 0;
  showConfirm();
  panel.hidden = false;
}

// The rows the import would add: the new ones, and the erased candidates'
// when the recruiter ticks them.
function toImport() {
  if (!pending) return 0;
  return pending.new + ($("#import-include-erased").checked ? pending.erased : 0);
}

function showConfirm() {
  const button = $("#import-confirm");
  const n = toImport();
  button.disabled = n === 0;
  button.textContent = n === 0 ? t("import.nothing") : t("import.confirm", { n });
}

async function confirm() {
  if (!pending) return;
  const button = $("#import-confirm");
  button.disabled = true;
  button.textContent = t("import.busy");
  const bar = $("#import-progress");
  bar.max = Math.max(toImport(), 1);
  const includeErased = /** @type {HTMLInputElement} */ ($("#import-include-erased")).checked;
  bar.value = 0;
  bar.hidden = false;
  try {
    const r = await api.importFile(({ done, total }) => {
      bar.max = Math.max(total, 1);
      bar.value = done;
    }, includeErased);
    close();
    notify(
      t("import.done", { added: r.added, present: r.already_present, rejected: r.rejected.length }),
      r.rejected.length > 0 ? "info" : "success",
    );
    await afterImport();
  } catch (error) {
    $("#import-progress").hidden = true;
    button.disabled = false;
    button.textContent = t("import.confirm", { n: toImport() });
    notify(api.errorMessage(error), "error");
  }
}
