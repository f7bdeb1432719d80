//! The edition date: the one reference date of a build, which pages print and against which
//! both pages and `check` measure freshness (never the clock, so that a build is reproducible).

use crate::model::Directory;
use std::path::Path;

/// The edition date: SOURCE_DATE_EPOCH, else the date of the last commit that touched the
/// content, else the newest date written in the content.
pub fn date(time: Option<i64>, dir: &Directory) -> Option<String> {
    if let Some(t) = time {
        return Some(crate::dates::from_epoch(t));
    }
    dir.entries()
        .flat_map(|e| e.last_verified.iter().chain(e.reservations.iter().filter_map(|r| r.date.as_ref())))
        .max()
        .cloned()
}

/// The edition's time when it does not come from the content itself: SOURCE_DATE_EPOCH, else
/// the last commit touching the content.
pub fn time(content: &Path) -> Option<i64> {
    if let Some(d) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()) {
        return Some(d);
    }
    std::process::Command::new("git")
        .args(["log", "-1", "--format=%ct", "--", "."])
        .current_dir(content)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<i64>().ok())
}
