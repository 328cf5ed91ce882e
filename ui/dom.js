// @ts-check
// Small DOM helpers shared by the views. Text always goes in as text nodes:
// data from candidates or servers can never become HTML.

import * as api from "./api.js";

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A form's saved state may have changed (filled, saved, closed): app.js then
// tells Rust whether closing the window would lose edits.
export const formsChanged = () => document.dispatchEvent(new Event("jobgate:forms"));

let noticeTimer;
// A message in the view's notice bar. Errors stay until the next message.
// `message` is a text, or elements (a sentence and its button).
export function notify(message, kind = "info", box = $(".view:not([hidden]) .notice")) {
  if (!box) return;
  if (Array.isArray(message)) box.replaceChildren(...message);
  else box.textContent = message;
  box.className = `notice notice-${kind}`;
  box.hidden = false;
  clearTimeout(noticeTimer);
  // Errors and warnings stay until the next notice: they ask for attention.
  if (kind !== "error" && kind !== "warning") noticeTimer = setTimeout(() => (box.hidden = true), 8000);
}

// What a button did, said next to it (the recruiter may be far below the
// view's notice bar): a status line right after `button`, replaced each time.
export function sayNear(button, message, kind = "info") {
  if (!button) return;
  let status = button.parentElement?.querySelector(".form-status");
  if (!status) {
    status = el("span", { class: "form-status", role: "status" });
    button.after(status);
  }
  status.textContent = message;
  status.className = `form-status form-status-${kind}`;
}

// Puts each field error of a command's reply next to its field in `form`.
// Returns true when at least one error found its field.
export function showFieldErrors(form, error) {
  clearFieldErrors(form);
  let shown = false;
  for (const f of error?.fields ?? []) {
    const span = form.querySelector(`[data-error-for="${f.field}"]`);
    if (!span) continue;
    span.textContent = api.errorMessage(f);
    form.querySelector(`[name="${f.field}"]`)?.setAttribute("aria-invalid", "true");
    shown = true;
  }
  form.querySelector('[aria-invalid="true"]')?.focus();
  return shown;
}

export function clearFieldErrors(form) {
  for (const span of form.querySelectorAll("[data-error-for]")) span.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}
