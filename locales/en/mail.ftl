# Why an email did not go out, and what to do: jobgate_core::mail::MailError
# (one message per variant, `mail-error-` + its code). $reply is the server's
# own words, shortened to one line; $variable is SENDGRID_API_KEY.

mail-error-no_api_key = No SendGrid API key is stored. An admin must enter it in Settings (or set { $variable }), then try again; the link stays valid.
# The key could not be had ($kind: the SecretError's code; $reason: why the
# keyring cannot be used, see secret-keyring-reason). One whole message per
# kind. Whoever shows a MailError says that the email did not go out (the
# window's notice, the CLI's line): these messages say why and what to do.
mail-error-key = { $kind ->
    [api_key_empty] No usable API key: the SendGrid API key is empty. Paste it in Settings (or set { $variable }), then try again. The link stays valid.
    [api_key_whitespace] No usable API key: the API key contains a space or a line break, which SendGrid rejects (error 535). Copy it again in one piece. The link stays valid.
    [api_key_format] No usable API key: this is not a SendGrid API key: it must start with "SG.". Create one in SendGrid (Settings → API Keys, Mail Send permission). The link stays valid.
   *[keyring_unavailable] No usable API key: no system keyring is available ({ secret-keyring-reason }): the API key can be neither read from it nor stored in it. Unlock or install a keyring (GNOME Keyring, KWallet), or set the { $variable } environment variable before starting JobGate. The link stays valid.
}
mail-error-no_sender = No sender (From) address is set. Enter one in Settings — an address verified in SendGrid — then try again.
mail-error-plain_not_loopback = Security "plain" (no encryption) is only allowed to this machine, not to { $host }. Choose starttls (port 587) or tls (port 465).
mail-error-ca_file = The CA certificate { $path } cannot be read ({ $detail }). Give a valid PEM file in Settings, or clear the field.
mail-error-auth_rejected = The server rejected the API key ({ $code }: { $reply }). Check in SendGrid that the key still exists and has the "Mail Send" permission, then enter it again in Settings.
mail-error-sender_not_verified = SendGrid refuses the sender: the From address is not a verified identity ({ $code }: { $reply }). Verify it in SendGrid (Settings → Sender Authentication: Single Sender or domain authentication), or choose an already verified address in Settings.
mail-error-rejected = The server permanently refused this message ({ $code }: { $reply }). It will not be retried as is: check the candidate's address, then try again or send the link from your own mail client.
mail-error-temporary = The server asked to try again later ({ $code }: { $reply }). The link stays valid; try again in a few minutes.
mail-error-connection_refused = Connection refused by { $host }:{ $port }. Check the server and port in Settings (SendGrid: smtp.sendgrid.net, port 587), then try again.
mail-error-dns = The server { $host } cannot be found (DNS). Check the Internet connection, any proxy, and the server's spelling in Settings.
mail-error-timeout = { $host } did not answer within { $seconds } s. Check the network connection (a firewall may block the port), then try again; the link stays valid.
mail-error-tls = The secure (TLS) connection failed: { $detail }. Check the server and security mode; for a corporate relay, give its CA certificate in Settings.
mail-error-network = Network error while sending: { $detail }. Try again; the link stays valid.
mail-error-uncertain = The connection broke right after the message was handed over ({ $detail }): it is not known whether it arrived. It is not resent automatically; check with the candidate or in SendGrid's activity, then send it again if needed.
mail-error-uncertain_timeout = The connection broke right after the message was handed over (no answer within { $seconds } s): it is not known whether it arrived. It is not resent automatically; check with the candidate or in SendGrid's activity, then send it again if needed.
mail-error-dry_run = Dry run: the email could not be written to { $path } ({ $detail }). Check the dry-run folder in Settings.
mail-error-dry_run_into_data = Dry run: the folder { $path } is part of JobGate's own data ({ $data_dir }), no email is written there. Choose another dry-run folder in Settings (or leave it empty).
mail-error-compose = The message could not be composed ({ $detail }). Check the candidate's address and the sender.

## The email telling a candidate their link was extended (text and HTML parts
## alike; the HTML part puts the job title in bold and the links as links).

mail-extension-subject = Your video interview link has been extended — { $job_title }
mail-extension-hello = Hello { $candidate_name },
mail-extension-intro = Good news: you have more time for the video interview for the position of { $job_title }.
# Text part only (the HTML part has the button, template-start-button).
mail-extension-start = 🎯 Start your interview here: { $start_url }
# HTML part only, under the button.
mail-extension-copy = Or copy this link into your browser: { $start_url }
mail-extension-expiry = ⏰ This link now expires on { $expires_at }.

## The test message of Settings ("Send a test email"), sent in French.

mail-test-subject = JobGate test - Candidate invitation
mail-test-hello = Hello,
mail-test-body =
    This is a test message sent by JobGate to check the sending set-up.
    If you are reading it, the video interview invitations will go out correctly.

## How the emails JobGate writes itself end ($team: the From display name, else JobGate).

mail-regards = Best regards,
mail-signature = The { $team } team
