// Every text the interface shows, in French (first) and English.
// Views never hard-code text: they ask t(key).

const strings = {
  fr: {
    "app.tagline": "Entretiens vidéo différés",
    "list.title": "Candidatures",
    "list.search": "Rechercher : nom, e-mail, poste…",
    "list.count.one": "{n} candidature",
    "list.count.many": "{n} candidatures",
    "list.count.filtered": "{shown} sur {total}",
    "add.open": "+ Ajouter une candidature",
    "add.title": "Nouvelle candidature",
    "add.submit": "Ajouter",
    "add.cancel": "Annuler",
    "add.done": "Candidature de {name} ajoutée pour « {job} ».",
    "add.already": "{name} a déjà postulé à « {job} » : rien n'a été ajouté.",
    "field.job_title": "Intitulé du poste",
    "field.job_title.placeholder": "Développeur Full Stack",
    "field.candidate_name": "Nom du candidat",
    "field.candidate_name.placeholder": "Camille Martin",
    "field.email": "E-mail",
    "field.email.placeholder": "camille.martin@exemple.fr",
    "col.candidate": "Candidat",
    "col.email": "E-mail",
    "col.job": "Offre",
    "col.status": "Invitation",
    "col.link": "Lien d'entretien",
    "col.action": "Action",
    "status.not_invited": "Non invité",
    "status.link_active": "Lien créé",
    "status.link_expired": "Lien expiré",
    "status.link_revoked": "Lien révoqué",
    "invite.button": "Inviter",
    "invite.confirm": "Êtes-vous sûr de vouloir inviter {name} à l'entretien vidéo différé ?",
    "invite.dialog_title": "Inviter à l'entretien",
    "invite.ok": "Inviter",
    "invite.cancel": "Annuler",
    "invite.created": "Lien d'entretien créé pour {name}.",
    "invite.existing": "{name} avait déjà un lien valide : le voici.",
    "invite.busy": "Création…",
    "link.copy": "Copier",
    "link.copied": "Lien copié dans le presse-papiers.",
    "link.copy_failed": "Impossible de copier automatiquement : sélectionnez le lien et copiez-le.",
    "link.expires": "Expire le {date}",
    "link.expired": "A expiré le {date}",
    "link.none": "—",
    "empty.title": "Aucune candidature pour l'instant",
    "empty.body": "Ajoutez une candidature avec le bouton « + Ajouter une candidature », ou importez le fichier CSV de votre ATS (colonnes job_title, candidate_name, email) en ligne de commande :",
    "nomatch.title": "Aucune candidature ne correspond",
    "nomatch.body": "Modifiez ou effacez le texte de recherche.",
    "error.generic": "Une erreur est survenue : {message}",
    "error.no_bridge": "L'interface n'est pas reliée à JobGate. Lancez l'application avec la commande jobgate.",
  },
  en: {
    "app.tagline": "Asynchronous video interviews",
    "list.title": "Applications",
    "list.search": "Search: name, email, job…",
    "list.count.one": "{n} application",
    "list.count.many": "{n} applications",
    "list.count.filtered": "{shown} of {total}",
    "add.open": "+ Add an application",
    "add.title": "New application",
    "add.submit": "Add",
    "add.cancel": "Cancel",
    "add.done": "{name}'s application to \"{job}\" was added.",
    "add.already": "{name} already applied to \"{job}\": nothing was added.",
    "field.job_title": "Job title",
    "field.job_title.placeholder": "Full Stack Developer",
    "field.candidate_name": "Candidate name",
    "field.candidate_name.placeholder": "Camille Martin",
    "field.email": "Email",
    "field.email.placeholder": "camille.martin@example.com",
    "col.candidate": "Candidate",
    "col.email": "Email",
    "col.job": "Job offer",
    "col.status": "Invitation",
    "col.link": "Interview link",
    "col.action": "Action",
    "status.not_invited": "Not invited",
    "status.link_active": "Link created",
    "status.link_expired": "Link expired",
    "status.link_revoked": "Link revoked",
    "invite.button": "Invite",
    "invite.confirm": "Are you sure you want to invite {name} to the asynchronous video interview?",
    "invite.dialog_title": "Invite to the interview",
    "invite.ok": "Invite",
    "invite.cancel": "Cancel",
    "invite.created": "Interview link created for {name}.",
    "invite.existing": "{name} already had a valid link: here it is.",
    "invite.busy": "Creating…",
    "link.copy": "Copy",
    "link.copied": "Link copied to the clipboard.",
    "link.copy_failed": "Could not copy automatically: select the link and copy it.",
    "link.expires": "Expires on {date}",
    "link.expired": "Expired on {date}",
    "link.none": "—",
    "empty.title": "No applications yet",
    "empty.body": "Add one with the \"+ Add an application\" button, or import your ATS's CSV file (columns job_title, candidate_name, email) from the command line:",
    "nomatch.title": "No application matches",
    "nomatch.body": "Change or clear the search text.",
    "error.generic": "Something went wrong: {message}",
    "error.no_bridge": "The interface is not connected to JobGate. Start the app with the jobgate command.",
  },
};

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
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll("[data-i18n-aria]")) el.setAttribute("aria-label", t(el.dataset.i18nAria));
}

export const languages = Object.keys(strings);
export const keysOf = (l) => Object.keys(strings[l]);
