// @ts-check
// The detail panel of one application: its workflow status, its link with the
// actions that fit (resend, new link, extend, revoke, send from my own mail
// client) and its history, every action and every attempt with the server's reply.

import * as api from "./api.js";
import { t } from "./i18n.js";
import { closedStatuses, limits, statuses } from "./vocabulary.js";
import { $, el, notify, showFieldErrors, clearFieldErrors } from "./dom.js";
import { emailOutcome, linkWhen } from "./outcome.js";


/**
 * What the panel asks of the page: refresh after a change, and the list's own invitation flow.
 * `onChange` gets the application acted on (its row stays in view), or nothing.
 * @typedef {{ onChange: (applicationId?: number) => Promise<unknown>, invite: (app: ApplicationDto, notice: Element) => Promise<unknown> }} DetailHooks
 */
/** @type {DetailHooks} */
let hooks = { onChange: async () => {}, invite: async () => {} };
let current = null; // the HistoryDto shown
let busy = false;

const box = () => $("#detail-notice");
const say = (text, kind) => notify(text, kind, box());

/** @param {DetailHooks} options */
export function initDetail(options) {
  hooks = options;
  $("#detail-close").addEventListener("click", closeDetail);
  $("#detail-backdrop").addEventListener("click", closeDetail);
  document.addEventListener("keydown", (e) => e.key === "Escape" && !$("#detail").hidden && closeDetail());
}

export async function openDetail(applicationId) {
  box().hidden = true;
  // Filled first, then shown: the panel appears whole.
  await reload(applicationId);
  $("#detail").hidden = false;
  $("#detail-backdrop").hidden = false;
  $("#detail-close").focus();
}

export function closeDetail() {
  $("#detail").hidden = true;
  $("#detail-backdrop").hidden = true;
  current = null;
}

async function reload(applicationId) {
  try {
    render(await api.applicationHistory(applicationId));
  } catch (error) {
    say(api.errorMessage(error), "error");
  }
}

// Runs an action on the shown application, then shows its new state and
// refreshes the list behind.
async function act(run) {
  if (busy || !current) return;
  busy = true;
  for (const b of $("#detail").querySelectorAll("button.action")) b.disabled = true;
  const id = current.application.application_id;
  try {
    const history = await run(current.application);
    if (history) render(history);
    else await reload(id);
  } catch (error) {
    say(api.errorMessage(error), "error");
    await reload(id);
  } finally {
    busy = false;
    await hooks.onChange(id);
  }
}

function render(history) {
  current = history;
  const app = history.application;
  $("#detail").dataset.applicationId = String(app.application_id);
  $("#detail").dataset.status = app.invitation_status;
  $("#detail-name").textContent = app.candidate_name;
  // An erased candidate's stored address is a placeholder, not worth showing.
  $("#detail-sub").textContent = app.erased ? app.job_title : `${app.email} — ${app.job_title}`;
  const sections = [
    statusSection(app),
    linkSection(app),
    failureSection(app),
    actionsSection(app),
    app.erased ? null : candidateSection(app),
    rightsSection(app),
    historySection(history.timeline),
  ];
  $("#detail-body").replaceChildren(...sections.filter((section) => section !== null));
}

function section(title, ...children) {
  return el("section", { class: "detail-section" }, el("h3", {}, title), ...children);
}

function statusSection(app) {
  const select = el(
    "select",
    { id: "detail-status", "aria-label": t("detail.status") },
    ...statuses().map((s) => el("option", { value: s, selected: s === app.status }, t(`appstatus.${s}`))),
  );
  select.addEventListener("change", () => changeStatus(app, select));
  return section(t("detail.status"), select);
}

async function changeStatus(app, select) {
  const status = select.value;
  const label = t(`appstatus.${status}`);
  const revokes = closedStatuses().includes(status) && app.link?.state === "active";
  if (revokes && !(await api.confirmAction(t("detail.confirm_status_close", { name: app.candidate_name, status: label })))) {
    select.value = app.status;
    return;
  }
  await act(async () => {
    const reply = await api.setApplicationStatus(app.application_id, status);
    const key = reply.revoked_link ? "detail.status_changed_revoked" : "detail.status_changed";
    say(t(key, { name: app.candidate_name, status: label }), "success");
    return reply.history;
  });
}

// Correcting the candidate's name or address (for all their applications).
function candidateSection(app) {
  const field = (name, type, value, label) =>
    el(
      "label",
      { class: "field" },
      el("span", {}, label),
      el("input", { name, type, value, maxlength: String(name === "email" ? limits().email : limits().text), autocomplete: "off" }),
      el("span", { class: "field-error", dataset: { errorFor: name }, role: "alert" }),
    );
  const form = el(
    "form",
    { class: "candidate-form", novalidate: true },
    field("candidate_name", "text", app.candidate_name, t("field.candidate_name")),
    field("email", "email", app.email, t("field.email")),
    el("div", { class: "form-actions" }, el("button", { type: "submit", class: "btn btn-secondary action save-candidate" }, t("detail.save_candidate"))),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    const name = form.candidate_name.value;
    try {
      const reply = await api.updateCandidate(app.candidate_id, app.application_id, name, form.email.value);
      render(reply);
      correctionNotice(reply);
      await hooks.onChange(app.application_id);
    } catch (error) {
      showFieldErrors(form, error);
      say(api.errorMessage(error), "error");
    }
  });
  return section(t("detail.edit"), form);
}

// What a correction did: the emails waiting to leave were remade for the new
// details; one being sent right now still goes to the old ones; a link already
// emailed to the old address may sit in someone else's mailbox, so the panel
// offers to revoke it (through the same confirmation as Révoquer).
function correctionNotice(reply) {
  const app = reply.application;
  const c = reply.correction;
  const parts = [t("detail.candidate_saved", { name: app.candidate_name })];
  if (c.requeued > 0) parts.push(t(c.requeued === 1 ? "detail.requeued_one" : "detail.requeued_many", { count: c.requeued, email: app.email }));
  if (c.in_flight > 0) parts.push(t(c.in_flight === 1 ? "detail.in_flight_one" : "detail.in_flight_many", { count: c.in_flight }));
  const others = c.link_sent_to_old_address.filter((id) => id !== app.application_id).length;
  if (others > 0) parts.push(t("detail.links_at_old_address_elsewhere", { count: others }));
  const exposed = c.link_sent_to_old_address.includes(app.application_id) && app.link?.state === "active";
  if (!exposed) {
    say(parts.join(" "), c.in_flight > 0 || others > 0 ? "warning" : "success");
    return;
  }
  parts.push(t("detail.link_at_old_address"));
  say(
    [
      el("span", {}, parts.join(" ")),
      " ",
      el("button", { type: "button", class: "btn btn-small btn-danger action revoke-old-link", onclick: () => revoke(app) }, t("detail.revoke")),
    ],
    "warning",
  );
}

// An application never invited (a typo, a double) can be deleted; one with a
// link or an email keeps its history (the store refuses).
function deleteButton(app) {
  return button("delete-application", t("detail.delete"), async () => {
    const question = t("detail.confirm_delete", { name: app.candidate_name, job: app.job_title });
    if (!(await api.confirmAction(question, t("detail.delete")))) return;
    try {
      await api.deleteApplication(app.application_id);
      closeDetail();
      notify(t("detail.deleted", { name: app.candidate_name }), "success");
    } catch (error) {
      say(api.errorMessage(error), "error");
    }
    await hooks.onChange();
  }, "btn-danger");
}

// The candidate's rights (RGPD): their data in one file (the native save
// dialog, opened by Rust), and erasure after a native confirmation that
// says what goes. An erased candidate has nothing left to export or erase.
function rightsSection(app) {
  if (app.erased) return section(t("detail.rgpd"), el("p", { class: "muted note erased-note" }, t("detail.erased_note")));
  const exportData = button("export-data", t("detail.export_data"), async () => {
    try {
      const reply = await api.exportCandidateData(app.application_id);
      if (reply) say(t("detail.exported_data", { name: app.candidate_name, path: reply.path }), "success");
    } catch (error) {
      say(api.errorMessage(error), "error");
    }
  });
  const erase = button("erase-candidate", t("detail.erase"), async () => {
    const question = t("detail.confirm_erase", { name: app.candidate_name, email: app.email });
    if (!(await api.confirmAction(question, t("detail.erase")))) return;
    await act(async () => {
      const erasure = await api.eraseCandidate(app.candidate_id);
      say(t("detail.erased", { name: app.candidate_name }), "success");
      // The file not yet rewritten without the erased bytes: said, not hidden.
      if (!erasure.compacted) say(t("detail.erased_not_compacted"), "warning");
      return null;
    });
  }, "btn-danger");
  return section(
    t("detail.rgpd"),
    el("div", { class: "detail-actions" }, exportData, erase),
    el("p", { class: "help" }, t("detail.export_data_help")),
  );
}

function linkSection(app) {
  const link = app.link;
  if (!link) return section(t("detail.link"), el("p", { class: "muted" }, t("detail.no_link")));
  const active = link.state === "active";
  return section(
    t("detail.link"),
    el(
      "div",
      { class: "link-line" },
      el("span", { class: `badge badge-${app.invitation_status}` }, t(`status.${app.invitation_status}`)),
      el("code", { class: "link-url detail-url", title: link.start_url }, link.start_url),
      active ? el("button", { type: "button", class: "btn btn-small", onclick: () => copy(link.start_url) }, t("link.copy")) : null,
    ),
    el("p", { class: `link-expiry detail-expiry ${active ? "" : "muted"}` }, linkWhen(link)),
  );
}

// The last email's failure, whole: what JobGate advises, then the server's
// own words, each labelled as what it is. Nothing once an email went out.
function failureSection(app) {
  const email = app.last_email;
  if (!email || !email.for_current_link || !["failed_temporary", "failed_permanent", "unknown"].includes(email.state)) return null;
  const server = [email.smtp_code, email.reply].filter((x) => x !== null && x !== undefined && x !== "").join(" ");
  return el(
    "section",
    { class: "detail-section detail-failure", id: "detail-failure" },
    el("h3", {}, t("detail.last_failure", { state: t(`outbox.state.${email.state}`) })),
    el("p", { class: "muted" }, t("detail.last_failure_when", { date: email.updated_at_local })),
    email.error ? el("div", { class: "failure-advice" }, el("strong", {}, t("detail.advice")), el("p", { class: "failure-text" }, email.error)) : null,
    server ? el("p", { class: "tl-server failure-server" }, t("detail.server", { reply: server })) : null,
  );
}

// "Envoyer depuis ma messagerie". With no mail client to open: one sentence,
// and buttons that copy the subject and text, then the address — which works
// everywhere, webmail included.
async function openMailClient(app) {
  try {
    await api.openMailto(app.application_id);
    say(t("detail.mailto_opened"), "info");
    return;
  } catch (error) {
    const code = error && typeof error === "object" && "code" in error ? error.code : null;
    if (code !== "mail_client") {
      say(api.errorMessage(error), "error");
      return;
    }
    try {
      const draft = await api.mailDraft(app.application_id);
      const copier = (cls, label, done, text) =>
        el("button", {
          type: "button",
          class: `btn btn-small ${cls}`,
          onclick: async (/** @type {Event} */ e) => {
            const ok = await api.copyText(text);
            const target = /** @type {HTMLButtonElement} */ (e.currentTarget);
            target.textContent = t(ok ? done : "link.copy_failed");
          },
        }, label);
      notify(
        [
          el("p", { class: "notice-text" }, api.errorMessage(error)),
          el(
            "div",
            { class: "notice-actions" },
            copier("copy-draft", t("detail.copy_draft"), "detail.copied_draft", `${draft.subject}\n\n${draft.text}`),
            copier("copy-address", t("detail.copy_address"), "detail.copied_address", draft.to),
          ),
        ],
        "warning",
        box(),
      );
    } catch (failed) {
      say(api.errorMessage(failed), "error");
    }
  }
}

async function copy(url) {
  const ok = await api.copyText(url);
  say(t(ok ? "link.copied" : "link.copy_failed"), ok ? "success" : "error");
}

function button(cls, label, onclick, variant = "btn-secondary") {
  return el("button", { type: "button", class: `btn ${variant} action ${cls}`, onclick }, label);
}

function actionsSection(app) {
  // Erased: nothing left to do with a link (the RGPD section says why).
  if (app.erased) return null;
  // What is allowed comes from Rust (`app.can`); the page only lays it out.
  const items = [];
  const can = app.can;
  if (app.decided) {
    // A decision is final: no link action at all (the store refuses them too).
    items.push(el("p", { class: "muted note decided-note" }, t(app.job_open ? "detail.closed_note" : "detail.job_closed_note")));
  } else if (can.resend) {
    items.push(button("resend", t("detail.resend"), () => resend(app), "btn-primary"));
  } else if (can.invite) {
    const fresh = !app.link || app.link.state === "active";
    items.push(button(fresh ? "invite-now" : "new-link", t(fresh ? "detail.invite" : "detail.new_link"), () => inviteFromDetail(app), "btn-primary"));
  }
  if (can.extend) items.push(extendForm(app));
  if (can.revoke) {
    items.push(
      el(
        "div",
        { class: "mailto-line" },
        button("mailto", t("detail.mailto"), () => openMailClient(app)),
        el("p", { class: "help" }, t("detail.mailto_help")),
      ),
      button("revoke", t("detail.revoke"), () => revoke(app), "btn-danger"),
    );
  }
  if (can.delete) items.push(deleteButton(app));
  return section(t("detail.actions"), el("div", { class: "detail-actions" }, ...items));
}

function extendForm(app) {
  const days = el("input", { type: "number", min: "1", max: "365", value: "7", name: "days", "aria-label": t("detail.extend_days") });
  const notifyBox = el("input", { type: "checkbox", name: "notify" });
  const submit = async (event) => {
    event.preventDefault();
    const n = Number(days.value);
    if (notifyBox.checked && !(await api.confirmAction(t("detail.confirm_extend_notify", { name: app.candidate_name, days: n })))) return;
    await act(async () => {
      const reply = await api.extendLink(app.application_id, n, notifyBox.checked);
      const link = reply.history.application.link;
      const extended = t("detail.extended", { name: app.candidate_name, date: link?.expires_at_local ?? "" });
      if (!reply.email) say(extended, "success");
      else {
        const [text, kind] = emailOutcome(reply.email, app, reply.history.application.last_email?.error, "extend");
        say(`${extended} ${text}`, kind);
      }
      return reply.history;
    });
  };
  return el(
    "form",
    { class: "extend-form", onsubmit: submit },
    el("label", { class: "inline-field" }, el("span", {}, t("detail.extend_days")), days),
    el("label", { class: "inline-check" }, notifyBox, el("span", {}, t("detail.notify"))),
    el("button", { type: "submit", class: "btn btn-secondary action extend" }, t("detail.extend")),
  );
}

async function resend(app) {
  if (!(await api.confirmAction(t("detail.confirm_resend", { name: app.candidate_name, email: app.email }), t("detail.resend")))) return;
  await act(async () => {
    const reply = await api.resendInvitation(app.application_id);
    const [text, kind] = emailOutcome(reply.email, app, reply.history.application.last_email?.error);
    say(text, kind);
    return reply.history;
  });
}

async function revoke(app) {
  if (!(await api.confirmAction(t("detail.confirm_revoke", { name: app.candidate_name }), t("detail.revoke")))) return;
  await act(async () => {
    const history = await api.revokeLink(app.application_id);
    say(t("detail.revoked", { name: app.candidate_name }), "success");
    return history;
  });
}

// Inviter from the panel: the list's own flow (native confirmation, link, email).
async function inviteFromDetail(app) {
  await act(async () => {
    await hooks.invite(app, box());
    return null;
  });
}

function historySection(timeline) {
  if (timeline.length === 0) return section(t("detail.history"), el("p", { class: "muted" }, t("detail.history_empty")));
  const list = el("ol", { class: "timeline", id: "timeline" });
  // Newest first: what just happened is what the recruiter looks for.
  for (const entry of [...timeline].reverse()) {
    const server = [entry.smtp_code, entry.reply].filter((x) => x !== null && x !== undefined).join(" ");
    list.append(
      el(
        "li",
        { class: `tl tl-${entry.kind} ${entry.outcome ? `tl-outcome-${entry.outcome}` : ""}`, dataset: { kind: entry.kind } },
        el("span", { class: "tl-dot" }),
        el("div", { class: "tl-when muted" }, entry.at_local),
        el("div", { class: "tl-text" }, entry.text),
        server ? el("div", { class: "tl-server" }, t("detail.server", { reply: server })) : null,
      ),
    );
  }
  return section(t("detail.history"), list);
}
