//! Reading inputs: files, directories (walked with the `ignore` crate:
//! `.gitignore` honoured, hidden entries skipped; `.txt`, Markdown and HTML
//! files), stdin. Each bad input is its own error; the others are still
//! analysed.

use super::limits::INPUT_BYTES_VAR;
use anyhow::{Result, anyhow, bail};
use claimtrace::markup::{self, Markup};
use claimtrace::position::LineIndex;
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct Input {
    pub name: String,
    /// The file, or `None` for standard input.
    pub path: Option<PathBuf>,
    pub markup: Markup,
    pub text: String,
}

impl Input {
    /// Analyses the input's prose; spans are the file's.
    pub fn analyze(&self, rules: &claimtrace::RuleSet) -> (markup::Prose, claimtrace::Analysis) {
        let prose = markup::extract(self.markup, &self.text);
        let mut analysis = claimtrace::analyze::analyze(&prose.text, rules);
        prose.remap(&mut analysis);
        (prose, analysis)
    }
}

/// One input named on the command line, not yet read, so that workers can
/// read and analyse inputs in parallel.
pub enum Source {
    Stdin,
    File(PathBuf),
    /// A directory entry that could not be listed.
    Failed(String, anyhow::Error),
}

impl Source {
    /// The name reports use: the path as given, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
            Source::Failed(name, _) => name.clone(),
        }
    }

    /// Reads and checks the whole input as one document.
    pub fn read(self) -> Result<Input> {
        match self {
            Source::Stdin => {
                let max = super::limits::get().input_bytes;
                let mut bytes = Vec::new();
                std::io::stdin()
                    .take(max.saturating_add(1))
                    .read_to_end(&mut bytes)
                    .map_err(|e| anyhow!("<stdin>: {e}"))?;
                if bytes.len() as u64 > max {
                    bail!("<stdin>: more than the input limit of {max} bytes ({INPUT_BYTES_VAR})");
                }
                decode("<stdin>", bytes)
            }
            Source::File(path) => read(&path),
            Source::Failed(_, e) => Err(e),
        }
    }
}

/// Every input named on the command line, read, in order; directories sorted.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Result<Input>>> {
    Ok(list(paths, Markup::EXTENSIONS)?
        .into_iter()
        .map(Source::read)
        .collect())
}

/// Every input named on the command line, in order: standard input for no
/// path or `-`, files as given, and the files with one of `extensions`
/// (lowercase, no dot) under each directory, sorted.
pub fn list(paths: &[PathBuf], extensions: &[&str]) -> Result<Vec<Source>> {
    if paths.is_empty() || paths.len() == 1 && paths[0].as_os_str() == "-" {
        return Ok(vec![Source::Stdin]);
    }
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            bail!("`-` (stdin) cannot be mixed with paths");
        }
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, extensions, &mut files, &mut out);
            files.sort();
            out.extend(files.into_iter().map(Source::File));
        } else {
            out.push(Source::File(path.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, extensions: &[&str], files: &mut Vec<PathBuf>, errors: &mut Vec<Source>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(false)
        .max_depth(Some(64))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let path = e.path();
                let wanted = e.file_type().is_some_and(|t| t.is_file())
                    && path
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| extensions.contains(&x.to_ascii_lowercase().as_str()));
                if wanted {
                    files.push(path.to_path_buf());
                }
            }
            Err(e) => {
                let name = dir.display().to_string();
                let error = anyhow!("{name}: {e}");
                errors.push(Source::Failed(name, error));
            }
        }
    }
}

fn read(path: &Path) -> Result<Input> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| anyhow!("{name}: {e}"))?;
    let max = super::limits::get().input_bytes;
    if meta.len() > max {
        bail!(
            "{name}: {} bytes is over the input limit of {max} ({INPUT_BYTES_VAR})",
            meta.len()
        );
    }
    let bytes = std::fs::read(path).map_err(|e| anyhow!("{name}: {e}"))?;
    let mut input = decode(&name, bytes)?;
    input.markup = Markup::from_extension(path.extension().and_then(|e| e.to_str()));
    input.path = Some(path.to_path_buf());
    Ok(input)
}

/// Checks that the bytes are UTF-8 text and says where they are not.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<Input> {
    if bytes.is_empty() {
        bail!("{name}: the file is empty");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        bail!("{name}:1:1: UTF-16 text is not supported; convert it to UTF-8");
    }
    // Keep byte offsets into the file: the BOM becomes three spaces.
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes[..3].copy_from_slice(b"   ");
    }
    if let Some(nul) = bytes.iter().take(8192).position(|&b| b == 0) {
        bail!("{name}: binary file (NUL byte at offset {nul})");
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input {
            name: name.to_string(),
            path: None,
            markup: Markup::Text,
            text,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let (line, col) = LineIndex::new(valid).line_col(at);
            bail!("{name}:{line}:{col}: invalid UTF-8 (byte offset {at})")
        }
    }
}
