# The default invitation email of each language (what a job offer uses until
# the recruiter writes its own). Its placeholders are Fluent variables: the
# core renders them back as the recruiter's {candidate_name}, {job_title}…, so
# the template text keeps them. A blank line starts a new paragraph.

template-default-subject = Invitation à l'entretien vidéo — { $job_title }
template-default-body =
    Bonjour { $candidate_name },

    Vous êtes invité(e) à passer un entretien vidéo pour le poste de { $job_title }.

    🎯 Commencez votre entretien ici : { $start_url }

    ⏰ Ce lien expire le { $expires_at }.

    Cordialement,
    L'équipe { $company }
# The button to the interview under the paragraph that gives the link (HTML part).
template-start-button = Commencer mon entretien
