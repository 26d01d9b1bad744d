//! Byte offset → line and column, computed only when reporting.

/// Bytes between two checkpoints of the running character count: a
/// look-up counts at most this many bytes (a report looks up several
/// positions per claim, so this is most of its cost), none in a block of
/// ASCII; the checkpoints take 8 / CHECKPOINT of the text's size.
const CHECKPOINT: usize = 64;

/// Line starts of a text, for turning byte offsets into 1-based line and
/// column (columns count characters, as editors do). Every look-up is
/// O(log lines + CHECKPOINT bytes), however long the line.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Characters before each line start.
    line_chars: Vec<usize>,
    /// Characters before byte `k * CHECKPOINT`.
    chars_at: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        // Room for a line every 64 bytes (news runs about one in 110), so
        // the list is not regrown line by line.
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 2);
        starts.push(0);
        // "\r\n" ends one line; a lone "\r" (old Mac) ends one too.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let mut chars_at = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut count = 0;
        chars_at.extend(bytes.chunks(CHECKPOINT).map(|chunk| {
            let before = count;
            count += chars_started(chunk);
            before
        }));
        chars_at.push(count);
        let mut index = LineIndex {
            text,
            starts,
            line_chars: Vec::new(),
            chars_at,
        };
        index.line_chars = index
            .starts
            .iter()
            .map(|&s| index.chars_before(s))
            .collect();
        index
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        let (block, before) = (k * CHECKPOINT, self.chars_at[k]);
        // A whole block of ASCII has a character a byte.
        if self.chars_at.get(k + 1) == Some(&(before + CHECKPOINT)) {
            return before + (offset - block);
        }
        before + chars_started(&self.text.as_bytes()[block..offset])
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = self.chars_before(offset) - self.line_chars[line] + 1;
        (line + 1, column)
    }
}

/// Characters that start in `bytes`: every byte that is not a UTF-8
/// continuation byte.
fn chars_started(bytes: &[u8]) -> usize {
    // Continuation bytes are 0x80..=0xBF, below -0x40 as i8. A sum with
    // no branch, so it runs over whole vectors; counted in bytes (a
    // sixteen-lane add) a block of at most 255 at a time, where a sum in
    // `usize` widened every byte to eight.
    bytes
        .chunks(255)
        .map(|block| {
            let started = block
                .iter()
                .fold(0u8, |n, &b| n + u8::from(b as i8 >= -0x40));
            usize::from(started)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let idx = LineIndex::new("ab\n“cd”\r\nef");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(6), (2, 2)); // after the 3-byte “
        let ef = "ab\n“cd”\r\nef".find("ef").unwrap();
        assert_eq!(idx.line_col(ef), (3, 1));
    }

    #[test]
    fn characters_are_counted_in_any_length() {
        for text in ["", "a", "é", "“x”", &"ab€".repeat(200), &"é".repeat(300)] {
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let bytes = &text.as_bytes()[..end];
                assert_eq!(chars_started(bytes), text[..end].chars().count());
            }
        }
    }

    #[test]
    fn columns_on_long_lines_agree_with_counting() {
        let long: String = "é-“x” ".repeat(2000) + "\nend";
        // Many short lines, then a long one, across checkpoints.
        let many: String = "“é” ab\n".repeat(300) + &"x“".repeat(400) + "\n…z";
        for (text, step) in [(long, 97), (many, 1)] {
            let idx = LineIndex::new(&text);
            for (offset, _) in text.char_indices().step_by(step) {
                let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                let want = text[start..offset].chars().count() + 1;
                let line = text[..offset].matches('\n').count() + 1;
                assert_eq!(idx.line_col(offset), (line, want), "offset {offset}");
            }
        }
    }
}
