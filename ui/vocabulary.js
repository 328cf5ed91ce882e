// @ts-check
// What Rust says the page must know — the application statuses and which of
// them are closed, the page size, the field limits — from the `vocabulary`
// reply, loaded once at start (loadVocabulary) so the page restates none of it.

import * as api from "./api.js";

/** @type {Vocabulary | null} */
let vocabulary = null;

export async function loadVocabulary() {
  vocabulary = await api.vocabulary();
}

function loaded() {
  if (!vocabulary) throw new Error("vocabulary not loaded");
  return vocabulary;
}

/** Every application status, in the order the menus show them. */
export const statuses = () => loaded().statuses.map((s) => s.code);
/** The statuses that close an application (a decision: no link, no email). */
export const closedStatuses = () => loaded().statuses.filter((s) => s.closed).map((s) => s.code);
/** How many rows one page of the list holds. */
export const pageSize = () => loaded().page_size;
/** The longest text each kind of field takes. */
export const limits = () => loaded().limits;

/** Gives every field marked `data-limit="text|email|template_subject…"` its limit. */
export function applyLimits(root = document) {
  const known = /** @type {Record<string, number>} */ (/** @type {unknown} */ (limits()));
  for (const el of root.querySelectorAll("[data-limit]")) {
    const input = /** @type {HTMLInputElement} */ (el);
    const max = known[input.dataset.limit ?? ""];
    if (max) input.maxLength = max;
  }
}
