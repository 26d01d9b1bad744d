//! The `claimtrace` binary: files, formats and exit codes over the library.

mod cli;

use std::process::ExitCode;

// The analysis allocates many small strings; mimalloc is faster at that than
// the system allocator (see docs/performance.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: claimtrace::allocator::Mimalloc = claimtrace::allocator::Mimalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) if e.is::<cli::ClosedPipe>() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimtrace: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
