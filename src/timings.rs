//! Phase timings for `--timings`: the build and the check are pipelines of named phases, and a
//! slow phase (a heavy theme, a huge folder) should be visible to the person running them.

use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Timings {
    /// (name, depth, wall time, CPU time of the process, peak memory of the process so far in
    /// KiB) in the order the phases ran; depth 1 is a part of the phase above it. CPU above
    /// wall means threads worked side by side. No CPU time: the phase ran beside the next one,
    /// on the same threads, and the two cannot be told apart.
    pub phases: Vec<(&'static str, u8, Duration, Option<Duration>, u64)>,
    depth: u8,
    /// Templates: (name, pages, time summed over threads).
    pub templates: Vec<(&'static str, usize, Duration)>,
}

impl Timings {
    /// Runs `f` as the phase `name`; phases timed inside `f` are listed under it.
    pub fn time<T>(&mut self, name: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        let at = self.phases.len();
        self.phases.push((name, self.depth, Duration::ZERO, None, 0));
        self.depth += 1;
        let (t, (cpu, _)) = (Instant::now(), usage());
        let r = f(self);
        self.depth -= 1;
        let (cpu_end, peak) = usage();
        self.phases[at].2 = t.elapsed();
        self.phases[at].3 = Some(cpu_end.saturating_sub(cpu));
        self.phases[at].4 = peak;
        r
    }

    /// Runs `a` as the phase `name` while `b` runs beside it on the same threads (`b` times its
    /// own phases). `name` gets its wall time and peak memory, not its CPU time.
    pub fn beside<A: Send, B: Send>(&mut self, name: &'static str, a: impl FnOnce() -> A + Send, b: impl FnOnce(&mut Self) -> B + Send) -> (A, B) {
        let at = self.phases.len();
        self.phases.push((name, self.depth, Duration::ZERO, None, 0));
        let t = Instant::now();
        let ((ra, wall, peak), rb) = rayon::join(
            || {
                let r = a();
                (r, t.elapsed(), usage().1)
            },
            || b(self),
        );
        self.phases[at].2 = wall;
        self.phases[at].4 = peak;
        (ra, rb)
    }

    /// `n` pages rendered by `template` in `d` (summed over threads).
    pub fn record(&mut self, template: &'static str, n: usize, d: Duration) {
        self.templates.push((template, n, d));
    }

    /// One line per phase, parts indented under their phase; then the templates, slowest first.
    pub fn render(&self) -> String {
        let mut s = String::new();
        s.push_str("  phase                 wall        CPU   peak memory\n");
        for (name, depth, d, cpu, peak) in &self.phases {
            let indent = "  ".repeat(*depth as usize + 1);
            let width = 16 - 2 * (*depth as usize).min(4);
            let cpu = match cpu {
                Some(c) => format!("{:>7.1} ms", c.as_secs_f64() * 1000.0),
                None => format!("{:>10}", "beside"),
            };
            s.push_str(&format!("{indent}{name:<width$} {:>8.1} ms {cpu} {:>7.1} MiB\n", d.as_secs_f64() * 1000.0, *peak as f64 / 1024.0));
        }
        let mut templates = self.templates.clone();
        templates.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        if !templates.is_empty() {
            s.push_str("  templates (CPU time)   pages\n");
        }
        for (name, n, d) in templates {
            s.push_str(&format!("    {name:<18} {:>7.1} ms {n:>7}\n", d.as_secs_f64() * 1000.0));
        }
        s
    }
}

/// User + system CPU time of the whole process so far (all threads), and its peak resident
/// memory so far in KiB.
#[cfg(unix)]
fn usage() -> (Duration, u64) {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } != 0 {
        return (Duration::ZERO, 0);
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    // macOS gives the peak in bytes, Linux and the BSDs in KiB.
    let peak = ru.ru_maxrss.max(0) as u64;
    let peak = if cfg!(target_os = "macos") { peak / 1024 } else { peak };
    (tv(ru.ru_utime) + tv(ru.ru_stime), peak)
}

/// Elsewhere (Windows, where many associations' volunteers work) `--timings` shows wall times
/// only: CPU time and peak memory read as zero.
#[cfg(not(unix))]
fn usage() -> (Duration, u64) {
    (Duration::ZERO, 0)
}
