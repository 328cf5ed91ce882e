// @ts-check
// Entry point: language, navigation between the views, first load.

import { translateDocument, setLang, loadCatalog } from "./i18n.js";
import { applyLimits, loadVocabulary } from "./vocabulary.js";
import { $, $$ } from "./dom.js";
import * as api from "./api.js";
import { t } from "./i18n.js";
import { initList, invite, keepShown, loadJobs, refresh as refreshList, refreshAll, showJob } from "./list.js";
import { initJobs, load as loadJobOverview } from "./jobs.js";
import { initDetail } from "./detail.js";
import { initTemplateEditor, isDirty as templateHasEdits } from "./template.js";
import { initOutbox, load as loadOutbox } from "./outbox.js";
import { initSettings, load as loadSettings, canLeave as canLeaveSettings, hasUnsavedChanges } from "./settings.js";
import { initSetup, loadSetup } from "./setup.js";
import { initRetention, loadRetention } from "./retention.js";

// Says plainly, on every screen, when nothing is really sent.
async function showDeliveryMode() {
  try {
    const info = await api.appInfo();
    const banner = $("#dry-run-banner");
    banner.hidden = !info.dry_run_dir;
    if (info.dry_run_dir) banner.textContent = t("dry_run.banner", { dir: info.dry_run_dir });
  } catch {
    // The list shows its own error.
  }
}

// The view on screen: "list", "jobs", "outbox" or "settings".
const current = () => $(".view:not([hidden])")?.id.replace("view-", "");

// Shows `view`, once Réglages with unsaved changes were left on purpose
// (a native question; "Rester" keeps the edits, and the view).
async function go(view) {
  if (current() === "settings") {
    // Already there: shown again (read afresh) only when nothing would be lost.
    if (view === "settings" && hasUnsavedChanges()) return;
    if (view !== "settings" && !(await canLeaveSettings())) return;
  }
  return show(view);
}

// Tells Rust, when it changes, whether closing the window would lose edits:
// Réglages on screen with changes not saved, or the template editor's draft.
// null: not said yet (a reloaded page says it once, whatever Rust holds).
/** @type {boolean | null} */
let reportedUnsaved = null;
function reportUnsaved() {
  const unsaved = (!$("#view-settings").hidden && hasUnsavedChanges()) || templateHasEdits();
  if (unsaved === reportedUnsaved) return;
  reportedUnsaved = unsaved;
  api.setUnsavedChanges(unsaved).catch(() => (reportedUnsaved = null));
}

function show(view) {
  for (const section of $$(".view")) section.hidden = section.id !== `view-${view}`;
  for (const tab of $$(".nav-tab")) tab.setAttribute("aria-current", tab.dataset.view === view ? "page" : "false");
  showDeliveryMode();
  if (view === "settings") return loadSettings();
  if (view === "outbox") return loadOutbox();
  if (view === "jobs") return loadJobOverview();
  return Promise.all([refreshList(), loadJobs(), loadSetup()]);
}

async function init() {
  try {
    await Promise.all([loadCatalog(), loadVocabulary()]);
    applyLimits();
  } catch {
    // Without the catalog the page shows message ids, and stays usable.
  }
  // The interface's language: the setting, else the OS language (French by default).
  try {
    setLang((await api.appInfo()).ui_lang);
  } catch {
    setLang("fr");
  }
  translateDocument();
  initList();
  initSettings(refreshAll);
  // The checklist's buttons: Réglages, at the field to fill.
  initSetup({
    openSetting: async (selector) => {
      await show("settings");
      const field = /** @type {HTMLElement | null} */ (document.querySelector(selector));
      field?.scrollIntoView({ block: "center" });
      field?.focus();
    },
  });
  initRetention({ afterErase: refreshAll });
  initOutbox({ invite: (app) => invite(app) });
  initJobs((jobId, stage) => {
    showJob(jobId, stage);
    return show("list");
  });
  initDetail({
    onChange: (applicationId) => {
      if (applicationId !== undefined) keepShown(applicationId);
      // Opened from the Boîte d'envoi: it shows the change too.
      if (!$("#view-outbox").hidden) loadOutbox();
      return refreshAll();
    },
    invite,
  });
  initTemplateEditor(loadJobOverview);
  for (const tab of $$(".nav-tab")) tab.addEventListener("click", () => go(tab.dataset.view).finally(reportUnsaved));
  for (const type of ["input", "change", "jobgate:forms"]) document.addEventListener(type, reportUnsaved);
  // A CLI import may have run meanwhile.
  window.addEventListener("focus", () => !$("#view-list").hidden && refreshList());
  // After a change of language the window comes back on Réglages; else the list.
  const back = sessionStorage.getItem("jobgate.view");
  sessionStorage.removeItem("jobgate.view");
  // Tests (and people) can tell when the first view has arrived.
  // At start-up: the banner when candidates are past the retention period.
  loadRetention();
  show(back === "settings" ? "settings" : "list").finally(() => {
    reportUnsaved();
    document.body.dataset.ready = "true";
  });
}

init();
