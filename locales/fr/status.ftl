# Where an application stands (jobgate_core::domain::ApplicationStatus), as the
# recruiter reads it: `status-` + the status's code.

status-new = Nouvelle
status-invited = Invitée
status-interviewed = Entretien passé
status-rejected = Non retenue
status-hired = Recrutée
status-withdrawn = Retirée par le candidat
