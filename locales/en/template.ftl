# The default invitation email of each language (what a job offer uses until
# the recruiter writes its own). Its placeholders are Fluent variables: the
# core renders them back as the recruiter's {candidate_name}, {job_title}…, so
# the template text keeps them. A blank line starts a new paragraph.

template-default-subject = Video interview invitation — { $job_title }
template-default-body =
    Hello { $candidate_name },

    You are invited to a video interview for the position of { $job_title }.

    🎯 Start your interview here: { $start_url }

    ⏰ This link expires on { $expires_at }.

    Best regards,
    The { $company } team
# The button to the interview under the paragraph that gives the link (HTML part).
template-start-button = Start my interview
