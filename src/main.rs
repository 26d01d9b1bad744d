//! The `claimtrace` binary: files, formats and exit codes over the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimtrace: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
