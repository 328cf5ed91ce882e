//! Shared test harness: see `tests/`.
