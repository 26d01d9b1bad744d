//! The corpus text the benchmarks run on, shared by the bench targets.

use std::path::Path;

/// The corpus articles (`corpus/*.txt`), in file-name order.
pub fn corpus_articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article"))
        .collect()
}

/// The corpus articles joined into one document of at least `target_bytes`.
pub fn corpus_text(target_bytes: usize) -> String {
    let articles = corpus_articles();
    let mut text = String::with_capacity(target_bytes + 8192);
    while text.len() < target_bytes {
        for a in &articles {
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    text
}
