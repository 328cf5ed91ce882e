//! The integration tests of the `jobgate` binary, one module per area, in one
//! test binary (ripgrep's layout: one link, not one per file).
//!
//! They share one process and run on several threads at once, so what a
//! process used to have to itself is guarded: a test that opens a window (the
//! one display, its native dialogs, its screenshots) or uses the session's
//! Secret Service (the one keyring entry; the window reads it too) holds
//! [`jobgate_tests::Desktop`] for its whole run. CLI runs that must not see the
//! keyring get a dead session bus from `DataDir::cli`. No test changes the
//! environment, the working directory or any other process-wide setting.
//! The `.deb` test is its own binary (tests/package.rs), out of plain `cargo test`.

mod batch;
mod cli;
mod crash;
mod data;
mod e2e;
mod e2e_batch;
mod e2e_data;
mod e2e_english;
mod e2e_failures;
mod e2e_mailto;
mod e2e_rgpd;
mod e2e_settings;
mod e2e_setup;
mod e2e_width;
mod files;
mod keyring;
mod lifecycle;
mod retention;
mod rgpd;
mod smtp;
mod templates;
mod window;
