//! The `aiguillage` command: parse the command line, run, exit with a careful code
//! (0 success, 1 content or template errors, 2 usage or I/O errors).

use std::process::ExitCode;

fn main() -> ExitCode {
    match aiguillage::cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("aiguillage: {e:#}");
            ExitCode::from(2)
        }
    }
}
