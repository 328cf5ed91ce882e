# Where an application stands (jobgate_core::domain::ApplicationStatus), as the
# recruiter reads it: `status-` + the status's code.

status-new = New
status-invited = Invited
status-interviewed = Interviewed
status-rejected = Rejected
status-hired = Hired
status-withdrawn = Withdrawn
