//! Phase timings for `--timings`: the build and the check are pipelines of named phases, and a
//! slow phase (a heavy theme, a huge folder) should be visible to the person running them.

use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Timings {
    /// (name, depth, duration) in the order the phases ran; depth 1 is a part of the phase
    /// above it.
    pub phases: Vec<(&'static str, u8, Duration)>,
    depth: u8,
}

impl Timings {
    /// Runs `f` as the phase `name`; phases timed inside `f` are listed under it.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        let at = self.phases.len();
        self.phases.push((name, self.depth, Duration::ZERO));
        self.depth += 1;
        let t = Instant::now();
        let r = f(self);
        self.depth -= 1;
        self.phases[at].2 = t.elapsed();
        r
    }

    /// One line per phase, parts indented under their phase.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for (name, depth, d) in &self.phases {
            let indent = "  ".repeat(*depth as usize + 1);
            let width = 16 - 2 * (*depth as usize).min(4);
            s.push_str(&format!("{indent}{name:<width$} {:>8.1} ms\n", d.as_secs_f64() * 1000.0));
        }
        s
    }
}
