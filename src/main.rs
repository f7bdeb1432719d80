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
    // mimalloc keeps freed memory 10 ms before giving it back; over a build that frees as fast
    // as it allocates, that is 50 MiB more at the peak. 2 ms keeps nearly all of the speed.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain setter of mimalloc's options, callable at any time from any thread.
        // 15 is `mi_option_purge_delay` in mimalloc 2 (and 3), not named by libmimalloc-sys.
        unsafe { libmimalloc_sys::mi_option_set(15, 2) };
    }
}

// mimalloc: a fifth less CPU than glibc's allocator on a build, whose pages and values are
// many small, short-lived allocations spread over threads (measured in issue #6).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
