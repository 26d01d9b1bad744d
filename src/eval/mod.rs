//! Accuracy evaluation against gold annotations: attribution spans in the
//! PolNeAR layout (BRAT standoff) and hedge cues in the Szeged JSONL format.
//!
//! The library only computes: it reads the gold files, runs the engine,
//! matches predictions against the gold and returns counts and error lists.
//! Rendering (tables, JSON) is the binary's (`claimtrace eval`).
//!
//! Definitions, shared with the figures in docs/accuracy.md:
//!
//! - **Normalisation** ([`normalize`]), same for gold and predictions, per role
//!   of one attribution: fragments are merged where they overlap or are
//!   separated only by whitespace and `. , ; : " “ ” ' ’ ‘`, then trimmed of
//!   those characters at both ends (a fragment made only of them keeps them).
//! - **exact** ([`polnear`]): the units of a role are its distinct normalised
//!   fragments in a document; a predicted unit is correct when its start and
//!   end equal a gold unit's.
//! - **overlap**: the same units, paired one-to-one when they share at least
//!   one character, greedily by the largest overlap (in characters).
//! - **token**: word tokens (`\w+`) of the text, each labelled with the roles
//!   whose fragments it overlaps; P/R/F1 over (token, role) pairs.
//! - **relation**: a predicted attribution matches a gold one when the cues
//!   overlap, the contents overlap and the sources agree (both present and
//!   overlapping, or both absent); one-to-one, greedily by the summed overlap.
//! - **overall**: the micro-average of the three roles.

pub mod brat;
pub mod chars;
pub mod hedge;
pub mod metrics;
pub mod normalize;
pub mod polnear;
pub mod univocal;

use std::path::PathBuf;

pub use metrics::{Counts, Prf};
pub use univocal::{Projection, project_univocal, widen_cues};

/// Why a gold file could not be used. Messages name the file and, for
/// content errors, the line.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The I/O error is part of the message (not a `source`), so that
    /// error chains do not print it twice.
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Layout { path: PathBuf, message: String },
}

impl EvalError {
    pub(crate) fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Self {
        EvalError::Io {
            path: path.into(),
            error,
        }
    }
    pub(crate) fn parse(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        EvalError::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
    pub(crate) fn layout(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        EvalError::Layout {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// Reads a file as UTF-8, naming the file on error.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        EvalError::layout(
            path,
            format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })
}
