// @ts-check
// What to tell the recruiter about an invitation: its email's outcome, its link's validity.

import { t } from "./i18n.js";

// `word` is the command's `email` field: sent, sent_unrecorded (sent, but
// not yet written down), failed, dry_run, already_sent, in_progress. `kind` picks the wording: "invite" (an invitation) or "extend"
// (the news of an extension). Returns [text, notice kind].
export function emailOutcome(word, app, error, kind = "invite") {
  const name = app.candidate_name;
  switch (word) {
    case "sent":
      return [t(`${kind}.sent`, { name, email: app.email }), "success"];
    case "sent_unrecorded":
      return [`${t(`${kind}.sent`, { name, email: app.email })} ${t("email.sent_unrecorded")}`, "warning"];
    case "failed":
      return [t(`${kind}.failed`, { name, error: error ?? "" }), "error"];
    case "dry_run":
      return [t("invite.dry_run", { name }), "info"];
    case "already_sent":
      return [t("invite.already_sent", { name }), "info"];
    default:
      return [t("invite.in_progress", { name }), "info"];
  }
}

// "Expire le …", "A expiré le …" or "Révoqué".
export function linkWhen(link) {
  if (link.state === "revoked") return t("link.revoked");
  return t(link.state === "active" ? "link.expires" : "link.expired", { date: link.expires_at_local });
}
