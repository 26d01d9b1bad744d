//! `--changed-lines`: the lines `git diff` adds or changes against a base.

use anyhow::{Context, Result, anyhow, bail};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Added or changed lines per file, relative to the repository root.
pub struct Changes {
    root: PathBuf,
    /// The commit compared against, for messages.
    pub base: String,
    lines: HashMap<PathBuf, Vec<(usize, usize)>>,
    untracked: HashSet<PathBuf>,
}

fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotepath=false"])
        .args(args)
        .output()
        .context("running git (needed by --changed-lines)")?;
    if !out.status.success() {
        bail!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Changes {
    /// Diffs the working tree of the repository holding `dir` against the
    /// merge base of HEAD and `base` (default: `origin/HEAD`, else `main`,
    /// else `master`).
    pub fn load(dir: &Path, base: Option<&str>) -> Result<Changes> {
        let root = git(dir, &["rev-parse", "--show-toplevel"])
            .map_err(|e| anyhow!("--changed-lines needs a git repository: {e}"))?;
        let root = PathBuf::from(root.trim());
        let root = root.canonicalize().unwrap_or(root);
        let candidates: Vec<&str> = match base {
            Some(b) => vec![b],
            None => vec!["origin/HEAD", "main", "master"],
        };
        let mut merge_base = None;
        for c in &candidates {
            if git(
                &root,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    &format!("{c}^{{commit}}"),
                ],
            )
            .is_err()
            {
                continue;
            }
            let mb = git(&root, &["merge-base", c, "HEAD"])
                .or_else(|_| git(&root, &["rev-parse", c]))?;
            merge_base = Some((c.to_string(), mb.trim().to_string()));
            break;
        }
        let Some((name, commit)) = merge_base else {
            bail!(
                "--changed-lines: no base to compare with ({} not found); pass --base REF",
                candidates.join(", ")
            );
        };
        let diff = git(
            &root,
            &[
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--unified=0",
                &commit,
                "--",
            ],
        )?;
        let lines = parse_diff(&diff);
        let untracked = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])?
            .split('\0')
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect();
        Ok(Changes {
            root,
            base: format!("{name} ({})", &commit[..commit.len().min(12)]),
            lines,
            untracked,
        })
    }

    fn relative(&self, path: &Path) -> Option<PathBuf> {
        let abs = path.canonicalize().ok()?;
        abs.strip_prefix(&self.root).ok().map(Path::to_path_buf)
    }

    /// True when any line in `first..=last` of `path` is new or changed.
    /// An untracked file is new throughout.
    pub fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
        let Some(rel) = self.relative(path) else {
            return false;
        };
        if self.untracked.contains(&rel) {
            return true;
        }
        self.lines
            .get(&rel)
            .is_some_and(|r| r.iter().any(|&(a, b)| a <= last && first <= b))
    }

    /// True when the file has any new or changed line.
    pub fn any(&self, path: &Path) -> bool {
        self.touches(path, 1, usize::MAX)
    }
}

/// Added line ranges (1-based, inclusive) per file from `git diff -U0`.
fn parse_diff(diff: &str) -> HashMap<PathBuf, Vec<(usize, usize)>> {
    let mut out: HashMap<PathBuf, Vec<(usize, usize)>> = HashMap::new();
    let mut current: Option<PathBuf> = None;
    for line in diff.lines() {
        if let Some(rest) = line.strip_prefix("+++ ") {
            current = rest
                .strip_prefix("b/")
                .or_else(|| rest.strip_prefix("\"b/").map(|r| r.trim_end_matches('"')))
                .map(PathBuf::from);
        } else if let (Some(hunk), Some(file)) = (line.strip_prefix("@@ "), &current) {
            // @@ -a,b +c,d @@
            let Some(plus) = hunk.split_whitespace().find(|w| w.starts_with('+')) else {
                continue;
            };
            let mut parts = plus[1..].splitn(2, ',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts
                .next()
                .map_or(Some(1), |s| s.parse().ok())
                .unwrap_or(1);
            if count > 0 {
                out.entry(file.clone())
                    .or_default()
                    .push((start, start + count - 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_added_lines() {
        let diff = "diff --git a/x.md b/x.md\n--- a/x.md\n+++ b/x.md\n@@ -3 +3 @@\n-a\n+b\n@@ -10,0 +11,2 @@\n+c\n+d\n@@ -20,2 +21,0 @@\n-e\n-f\n";
        let m = parse_diff(diff);
        assert_eq!(m[Path::new("x.md")], vec![(3, 3), (11, 12)]);
    }
}
