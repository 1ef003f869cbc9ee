//! The Hoshin draft model: one linked document holding the policy's 職員像, abilities and
//! goals, the training plan, the hiring plan, the 施策・制度 beside them, the indicators,
//! the デジタル人材の目標 per level, and the staff scope (任命権者, 対象職員). No I/O here beyond parsing
//! what callers hand in; the store, checker, exporter, CLI and app all build on these types.

pub mod draft;
pub mod exchange;
mod json_path;
pub mod progress;
pub mod results;
mod schema_check;
pub mod summary;
pub mod templates;
pub mod validate;
pub mod wareki;
pub mod workforce;

pub use draft::*;
pub use results::{MeasureState, Progress, ProgressThresholds, YearResult};
pub use validate::{validate_draft, Problem};
pub use workforce::{Workforce, WorkforceRow};
