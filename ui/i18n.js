// @ts-check
// The interface's texts: one file per language (i18n/fr.js, i18n/en.js).
// Views never hard-code text: they ask t(key).

import fr from "./i18n/fr.js";
import en from "./i18n/en.js";

const strings = { fr, en };


let lang = "fr";

export function setLang(next) {
  if (strings[next]) lang = next;
  document.documentElement.lang = lang;
}

export function currentLang() {
  return lang;
}

export function t(key, vars = {}) {
  const text = strings[lang][key] ?? strings.fr[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// Fills every element marked data-i18n / data-i18n-placeholder / data-i18n-aria.
export function translateDocument(root = document) {
  // Marked elements are HTML elements; a placeholder is marked on form fields only.
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-i18n]"))) el.textContent = t(el.dataset.i18n);
  for (const el of /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll("[data-i18n-placeholder]"))) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-i18n-aria]"))) el.setAttribute("aria-label", t(el.dataset.i18nAria));
}

export const languages = Object.keys(strings);
export const keysOf = (l) => Object.keys(strings[l]);
