//! The vocabulary reply: statuses and their "closed" rule, chart stages, page
//! size, field limits, placeholders and languages, asked for once at start.

use jobgate_core::vocabulary::{vocabulary as this_build, Vocabulary};

#[tauri::command(rename_all = "snake_case")]
pub fn vocabulary() -> Vocabulary {
    this_build()
}
