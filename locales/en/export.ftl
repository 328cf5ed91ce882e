# The list exported for a spreadsheet (Export the list, jobgate list --csv):
# its headers, and the link's state. Times are the recruiter's, their zone
# ({ $zone }) named in the header.

export-column-application_id = Application no.
export-column-candidate_name = Candidate
export-column-email = Email
export-column-job_title = Job offer
export-column-status = Application status
export-column-invitation_status = Invitation
export-column-applied_at = Applied on ({ $zone })
export-column-start_url = Interview link
export-column-expires_at = Link valid until ({ $zone })
export-column-link_status = Link state
export-column-email_state = Last email
export-column-sent_at = Email sent on ({ $zone })

export-link-active = Valid
export-link-expired = Expired
export-link-revoked = Revoked
