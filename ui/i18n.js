// @ts-check
// The interface's texts: the same catalog Rust renders from (locales/<lang>/*.ftl),
// handed over by Rust once at start (loadCatalog) and rendered here with
// Project Fluent's own renderer. Views never hard-code text: they ask t(key),
// where a key is the message id with "." for "-" ("list.invite" → list-invite).

import { FluentBundle, FluentResource } from "./vendor/fluent-bundle.js";
import * as api from "./api.js";

/** @type {Map<string, FluentBundle>} */
const bundles = new Map();
let lang = "fr";

// Loads every language's catalog from Rust; French first (the fallback).
export async function loadCatalog() {
  for (const { code, ftl } of await api.catalog()) {
    // No Unicode isolation marks around values: the page shows them as text.
    const bundle = new FluentBundle(code, { useIsolating: false });
    bundle.addResource(new FluentResource(ftl));
    bundles.set(code, bundle);
  }
}

export function setLang(next) {
  if (bundles.has(next)) lang = next;
  document.documentElement.lang = lang;
}

export function currentLang() {
  return lang;
}

// Whether French elides "de"/"le" before `word` (d'Amélie, de Paul): it starts
// with a vowel or an h, which the catalog's messages select on through the
// derived argument `name_elides` ("yes" / "no"), given with every `name`.
const ELIDING = /^[aeiouhàâäéèêëîïôöùûüœæ]/i;

/**
 * @param {Record<string, unknown>} vars
 * @returns {Record<string, any>}
 */
function withGrammar(vars) {
  if (typeof vars.name !== "string") return vars;
  return { ...vars, name_elides: ELIDING.test(vars.name.trim()) ? "yes" : "no" };
}

// Message `key` in the current language (else French), with `vars` as its
// Fluent variables (numbers choose the plural forms).
export function t(key, vars = {}) {
  return tIn(lang, key, vars);
}

// Message `key` in `language` (else French).
/**
 * @param {string} language
 * @param {string} key
 * @param {Record<string, unknown>} [vars]
 */
export function tIn(language, key, vars = {}) {
  const id = key.replaceAll(".", "-");
  vars = withGrammar(vars);
  for (const code of [language, "fr"]) {
    const bundle = bundles.get(code);
    const message = bundle?.getMessage(id);
    if (message?.value) return bundle.formatPattern(message.value, vars);
  }
  return key;
}

// Fills every element marked data-i18n / data-i18n-placeholder / data-i18n-aria.
export function translateDocument(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n);
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    const input = /** @type {HTMLInputElement} */ (el);
    input.placeholder = t(input.dataset.i18nPlaceholder);
  }
  for (const el of root.querySelectorAll("[data-i18n-aria]")) {
    el.setAttribute("aria-label", t(/** @type {HTMLElement} */ (el).dataset.i18nAria));
  }
}

// The languages the catalog offers (locales/ folders), French first.
export const languages = () => [...bundles.keys()];
