//! Shared by the core's integration tests.
#![allow(dead_code)] // each test binary uses some of these

use jobgate_core::mail::RenderedEmail;
use jobgate_core::store::PreparedEmail;

/// Decodes a percent-encoded `mailto:` address (test helper: valid input only).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// A stand-in for the real email composer: the link in the text, a unique Message-ID.
pub fn compose(
    app: &jobgate_core::store::ApplicationRecord,
    link: &jobgate_core::store::LinkRecord,
    _template: &jobgate_core::store::StoredTemplate,
) -> jobgate_core::Result<PreparedEmail> {
    Ok(PreparedEmail {
        recipient: app.email.clone(),
        recipient_name: app.candidate_name.clone(),
        email: RenderedEmail {
            subject: "s".into(),
            text: format!("link {}", link.token.as_str()),
            html: "h".into(),
        },
        message_id: format!("<{}.{}@test>", app.id, rand_suffix()),
    })
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}
