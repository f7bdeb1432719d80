//! The `aiguillage` command: parse the command line, run, exit with a careful code
//! (0 success, 1 content or template errors, 2 usage or I/O errors).

use std::process::ExitCode;

fn main() -> ExitCode {
    tune_memory();
    match aiguillage::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aiguillage: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Measured in issue #6 (A/B runs of the 10,000-record bench); left alone when its `MIMALLOC_*`
/// variable is set, so that it can be measured again.
fn tune_memory() {
    // How long mimalloc keeps freed memory before giving it back to the system. Memory given
    // back and taken again is zeroed again by the kernel (a fifth of a build's CPU in perf).
    // Measured at 10,000 records (8 A/B runs, 2026-12-01): 2 ms, 153 MiB at the peak and
    // 0.575 s median; 100 ms, 172 MiB and 0.55 s (system time -14 %): within the 200 MiB
    // budget, so 100 ms. (Issue #6 had chosen 2 ms when the site had half the pages.)
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain setter of mimalloc's options, callable at any time from any thread.
        // 15 is `mi_option_purge_delay` in mimalloc 2 (and 3), not named by libmimalloc-sys.
        unsafe { libmimalloc_sys::mi_option_set(15, 100) };
    }
}

// mimalloc: a fifth less CPU than glibc's allocator on a build, whose pages and values are
// many small, short-lived allocations spread over threads (measured in issue #6).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
