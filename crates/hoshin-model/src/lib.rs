//! The Hoshin draft model: one linked document holding the policy's 職員像, abilities and
//! goals, the training plan, the hiring plan and the indicators. No I/O here beyond parsing
//! what callers hand in; the store, checker, exporter, CLI and app all build on these types.

pub mod draft;
pub mod exchange;
mod json_path;
mod schema_check;
pub mod templates;
pub mod validate;
pub mod wareki;

pub use draft::*;
pub use validate::{validate_draft, Problem};
