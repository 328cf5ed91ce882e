# How an instant reads, as chrono strftime patterns (%d day, %m month, %Y year,
# %H:%M time; %B the English month name, %-d the day without a leading zero);
# $zone is the IANA zone's name, always shown so a reader elsewhere does not
# misread the time.

# Everywhere the recruiter reads a date: the seed's dd/mm/YYYY à HH:MM.
time-local = %d/%m/%Y à %H:%M ({ $zone })
# The link's expiry in an email of this language.
time-email = %d/%m/%Y à %H:%M ({ $zone })
# The day a candidate was erased (an import row skipped for it).
time-date = %d/%m/%Y
