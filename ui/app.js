// Entry point: language, navigation between the two views, first load.

import { translateDocument, setLang } from "./i18n.js";
import { $, $$ } from "./dom.js";
import { initList, refresh as refreshList } from "./list.js";
import { initSettings, load as loadSettings } from "./settings.js";

function show(view) {
  for (const section of $$(".view")) section.hidden = section.id !== `view-${view}`;
  for (const tab of $$(".nav-tab")) tab.setAttribute("aria-current", tab.dataset.view === view ? "page" : "false");
  return view === "settings" ? loadSettings() : refreshList();
}

function init() {
  setLang("fr");
  translateDocument();
  initList();
  initSettings();
  for (const tab of $$(".nav-tab")) tab.addEventListener("click", () => show(tab.dataset.view));
  // A CLI import may have run meanwhile.
  window.addEventListener("focus", () => !$("#view-list").hidden && refreshList());
  // Tests (and people) can tell when the first list has arrived.
  show("list").finally(() => (document.body.dataset.ready = "true"));
}

init();
