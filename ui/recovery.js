// @ts-check
// The recovery window: JobGate's data could not be opened. Says why and offers
// the way out (restore a backup, open the data folder). Talks to Rust through
// api.js like every view.

import { translateDocument, setLang, t, loadCatalog } from "./i18n.js";
import { $ } from "./dom.js";
import * as api from "./api.js";

function say(text, kind) {
  const box = $("#recovery-result");
  box.textContent = text;
  box.className = `notice notice-${kind}`;
  box.hidden = false;
}

async function restore() {
  const button = $("#recovery-restore");
  button.disabled = true;
  try {
    const text = await api.recoveryRestore();
    if (!text) return;
    say(text, "success");
    $("#recovery-restore").hidden = true;
    $("#recovery-restart").hidden = false;
    document.body.dataset.restored = "true";
  } catch (error) {
    say(api.errorMessage(error), "error");
  } finally {
    button.disabled = false;
  }
}

async function init() {
  let info = null;
  try {
    await loadCatalog();
  } catch {
    // Without the catalog the page shows message ids.
  }
  try {
    info = await api.recoveryInfo();
    setLang(info.lang);
  } catch {
    setLang("fr");
  }
  translateDocument();
  if (info) {
    $("#recovery-problem").textContent = info[info.lang] ?? info.fr;
    $("#recovery-dir").textContent = info.data_dir;
  }
  $("#recovery-restore").addEventListener("click", restore);
  $("#recovery-folder").addEventListener("click", () =>
    api.recoveryOpenFolder().catch((error) => say(api.errorMessage(error), "error")),
  );
  $("#recovery-restart").addEventListener("click", () =>
    api.recoveryRestart().catch((error) => say(api.errorMessage(error), "error")),
  );
  document.body.dataset.ready = "true";
}

init();
