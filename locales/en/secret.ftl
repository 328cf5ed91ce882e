# The SendGrid API key: jobgate_core::secret::SecretError (one message per
# variant, `secret-error-` + its code). $variable is SENDGRID_API_KEY.

secret-error-api_key_empty = Paste the SendGrid API key: the field is empty.
secret-error-api_key_whitespace = The API key contains a space or a line break, which SendGrid rejects (error 535). Copy it again in one piece.
secret-error-api_key_format = This is not a SendGrid API key: it must start with "SG.". Create one in SendGrid (Settings → API Keys, Mail Send permission).
secret-error-keyring_unavailable = No system keyring is available ({ secret-keyring-reason }): the API key can be neither read from it nor stored in it. Unlock or install a keyring (GNOME Keyring, KWallet), or set the { $variable } environment variable before starting JobGate.
# Why the keyring cannot be used; $detail is the platform's own words (other).
secret-keyring-reason = { $reason ->
    [locked] keyring locked or inaccessible
    [no_service] no secret service answers
    [read_back_mismatch] the key read back differs from the one stored
   *[other] { $detail }
}
