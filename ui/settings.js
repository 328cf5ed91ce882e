// Settings: the SendGrid key (kept in the OS keyring; only its last 4
// characters ever come back), the sender, links, and the SMTP server, with
// "Vérifier la connexion" and "Envoyer un email de test".

import * as api from "./api.js";
import { t, currentLang } from "./i18n.js";
import { $, $$, el, notify, showFieldErrors, clearFieldErrors } from "./dom.js";

function renderKey(key) {
  const status = $("#key-status");
  if (key.keyring_error) {
    status.className = "key-status key-error";
    status.textContent = api.errorMessage(key.keyring_error);
  } else if (key.set) {
    status.className = "key-status key-set";
    status.textContent = t(key.source === "environment" ? "key.set_env" : "key.set", { hint: key.hint });
  } else {
    status.className = "key-status key-unset";
    status.textContent = t("key.unset");
  }
  $("#delete-key").hidden = !(key.set && key.source === "keyring");
}

function render(reply) {
  const form = $("#settings-form");
  for (const [name, value] of Object.entries(reply.values)) {
    const input = form.querySelector(`[name="${name}"]`);
    if (input) input.value = value;
  }
  // Never chosen: the language the interface follows now (the OS's).
  if (!reply.values.ui_language) form.ui_language.value = currentLang();
  for (const note of $$("[data-override-for]", form)) {
    const override = reply.overrides[note.dataset.overrideFor];
    note.hidden = !override;
    if (override) note.textContent = t("settings.overridden", { variable: override[0], value: override[1] });
  }
  renderKey(reply.key);
}

export async function load() {
  try {
    render(await api.getSettings());
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

async function save(event) {
  event.preventDefault();
  const form = $("#settings-form");
  clearFieldErrors(form);
  const values = Object.fromEntries(new FormData(form));
  try {
    render(await api.saveSettings(values));
    // A new interface language: the whole window starts again in it.
    if (values.ui_language && values.ui_language !== currentLang()) {
      window.location.reload();
      return;
    }
    notify(t("settings.saved"), "success");
  } catch (error) {
    showFieldErrors(form, error);
    notify(api.errorMessage(error), "error");
  }
}

async function saveKey(event) {
  event.preventDefault();
  const form = $("#key-form");
  const input = form.querySelector("[name=api_key]");
  clearFieldErrors(form);
  try {
    renderKey(await api.setApiKey(input.value));
    input.value = "";
    notify(t("key.saved"), "success");
  } catch (error) {
    const span = form.querySelector('[data-error-for="api_key"]');
    span.textContent = api.errorMessage(error);
    input.setAttribute("aria-invalid", "true");
  }
}

async function deleteKey() {
  try {
    renderKey(await api.deleteApiKey());
    notify(t("key.deleted"), "success");
  } catch (error) {
    notify(api.errorMessage(error), "error");
  }
}

// Runs a network action with its button busy, then says how it went.
async function withBusy(button, action) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = t("settings.working");
  try {
    await action();
  } catch (error) {
    notify(api.errorMessage(error), "error");
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

export function initSettings() {
  $("#settings-form").addEventListener("submit", save);
  $("#key-form").addEventListener("submit", saveKey);
  $("#delete-key").addEventListener("click", deleteKey);
  $("#check-connection").addEventListener("click", (e) =>
    withBusy(e.currentTarget, async () => {
      const r = await api.checkConnection();
      notify(t("settings.check_ok", { host: r.host, port: r.port, security: r.security }), "success");
    }),
  );
  $("#test-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const address = $("#test-form [name=test_address]").value;
    withBusy($("#send-test"), async () => {
      const r = await api.sendTestEmail(address);
      notify(t("settings.test_ok", { address, code: r.code, reply: r.reply }), "success");
    });
  });
}
