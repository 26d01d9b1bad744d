//! Line-delimited inputs (JSONL) read as one stream of lines across files,
//! in bounded batches, so that memory depends on the batch, never on the
//! length of the input.

use super::input::Source;
use super::limits::INPUT_BYTES_VAR;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::sync::Arc;

/// One line of one input, without its line break, or why it could not be
/// read.
pub struct Line {
    pub file: Arc<str>,
    /// 1-based; `None` when the whole file failed (it could not be opened).
    pub number: Option<u64>,
    pub bytes: Result<Vec<u8>, String>,
}

/// Batches of at most `max_lines` lines and about `max_bytes` bytes (a
/// batch always takes at least one line).
pub struct Lines {
    sources: std::vec::IntoIter<Source>,
    current: Option<Open>,
    max_line: u64,
    /// Bytes read so far, for the progress bar.
    pub bytes_read: u64,
}

struct Open {
    file: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    number: u64,
}

impl Lines {
    pub fn new(sources: Vec<Source>) -> Lines {
        Lines::with_max_line(sources, super::limits::get().input_bytes)
    }

    /// As `new`, with another limit on the length of one line.
    pub fn with_max_line(sources: Vec<Source>, max_line: u64) -> Lines {
        Lines {
            sources: sources.into_iter(),
            current: None,
            max_line,
            bytes_read: 0,
        }
    }

    pub fn batch(&mut self, max_lines: usize, max_bytes: usize) -> Vec<Line> {
        let mut out = Vec::new();
        let mut bytes = 0;
        while out.len() < max_lines && bytes < max_bytes {
            let Some(line) = self.next_line() else { break };
            bytes += line.bytes.as_ref().map_or(0, Vec::len);
            out.push(line);
        }
        out
    }

    fn next_line(&mut self) -> Option<Line> {
        loop {
            if self.current.is_none() {
                let source = self.sources.next()?;
                match open(source) {
                    Ok(open) => self.current = Some(open),
                    Err(line) => return Some(line),
                }
            }
            let open = self.current.as_mut()?;
            match read_line(&mut open.reader, self.max_line) {
                Ok(None) => self.current = None,
                Ok(Some((bytes, read))) => {
                    self.bytes_read += read;
                    open.number += 1;
                    let mut bytes = bytes;
                    // A byte-order mark is not part of the first document.
                    if open.number == 1 && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                        bytes.drain(..3);
                    }
                    return Some(Line {
                        file: open.file.clone(),
                        number: Some(open.number),
                        bytes: Ok(bytes),
                    });
                }
                Err(LineError::TooLong(read)) => {
                    self.bytes_read += read;
                    open.number += 1;
                    return Some(Line {
                        file: open.file.clone(),
                        number: Some(open.number),
                        bytes: Err(format!(
                            "line longer than the input limit of {} bytes ({INPUT_BYTES_VAR})",
                            self.max_line
                        )),
                    });
                }
                Err(LineError::Io(e)) => {
                    // The rest of the file is unreadable: report it once.
                    let line = Line {
                        file: open.file.clone(),
                        number: Some(open.number + 1),
                        bytes: Err(e.to_string()),
                    };
                    self.current = None;
                    return Some(line);
                }
            }
        }
    }
}

fn open(source: Source) -> Result<Open, Line> {
    let file: Arc<str> = source.name().into();
    let failed = |message: String| Line {
        file: file.clone(),
        number: None,
        bytes: Err(message),
    };
    let reader: Box<dyn BufRead + Send> = match source {
        Source::Stdin => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
        Source::File(path) => match File::open(&path) {
            Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
            Err(e) => return Err(failed(e.to_string())),
        },
        Source::Failed(_, e) => return Err(failed(format!("{e:#}"))),
    };
    Ok(Open {
        file,
        reader,
        number: 0,
    })
}

enum LineError {
    /// The line was skipped; the bytes it had.
    TooLong(u64),
    Io(std::io::Error),
}

/// The next line without `\n` or `\r\n`, and the bytes it took; `None` at
/// the end of the input.
fn read_line(reader: &mut dyn BufRead, max: u64) -> Result<Option<(Vec<u8>, u64)>, LineError> {
    let mut line = Vec::new();
    let n = read_through_newline(reader, max.saturating_add(1), Some(&mut line))
        .map_err(LineError::Io)?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    } else if n > max {
        // Skip the rest of the line without keeping it.
        let rest = read_through_newline(reader, u64::MAX, None).map_err(LineError::Io)?;
        return Err(LineError::TooLong(n + rest));
    }
    Ok(Some((line, n)))
}

/// Reads through the next `\n` (or to the end of the input), at most
/// `limit` bytes, as `BufRead::read_until` does through `Read::take`, and
/// appends them to `keep` when given: the bytes read, the newline
/// included. The newline is looked for with `memchr`, many bytes at a
/// time, where the standard library's search takes a word at a time: on
/// news lines of some kilobytes that search was 1.5 instructions a byte
/// of text.
fn read_through_newline(
    reader: &mut dyn BufRead,
    limit: u64,
    mut keep: Option<&mut Vec<u8>>,
) -> std::io::Result<u64> {
    let mut read = 0;
    while read < limit {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let room = usize::try_from(limit - read).unwrap_or(usize::MAX);
        let window = &buf[..buf.len().min(room)];
        let (taken, ends) = match memchr::memchr(b'\n', window) {
            Some(i) => (i + 1, true),
            None => (window.len(), false),
        };
        if let Some(line) = keep.as_deref_mut() {
            line.extend_from_slice(&window[..taken]);
        }
        reader.consume(taken);
        read += taken as u64;
        if ends {
            break;
        }
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &[u8], max: u64) -> Vec<Result<Vec<u8>, String>> {
        let dir = std::env::temp_dir().join(format!("claimtrace-lines-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{max}.jsonl"));
        std::fs::write(&path, text).unwrap();
        let mut lines = Lines::with_max_line(vec![Source::File(path)], max);
        let mut out = Vec::new();
        loop {
            let batch = lines.batch(2, 1 << 20);
            if batch.is_empty() {
                break;
            }
            assert!(batch.len() <= 2);
            out.extend(batch.into_iter().map(|l| l.bytes));
        }
        out
    }

    #[test]
    fn lines_lose_their_breaks_and_the_first_its_bom() {
        let got = lines_of(b"\xEF\xBB\xBFone\r\ntwo\n\nthree", 100);
        let want: Vec<Result<Vec<u8>, String>> = vec![
            Ok(b"one".to_vec()),
            Ok(b"two".to_vec()),
            Ok(b"".to_vec()),
            Ok(b"three".to_vec()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn lines_across_reader_buffers_are_read_whole() {
        // Lines around the 64 KiB of the reader's buffer: a newline right
        // at its end, lines longer than it, and lines at the limit (kept)
        // and one past it (an error, the next line still read).
        let max = 70_000;
        let lengths = [
            65_535,
            0,
            65_536,
            3,
            140_000,
            1,
            max as usize,
            max as usize + 1,
            5,
        ];
        let mut text = Vec::new();
        for (i, &len) in lengths.iter().enumerate() {
            text.extend(std::iter::repeat_n(b'a' + i as u8, len));
            text.extend_from_slice(if i % 2 == 0 { b"\n" } else { b"\r\n" });
        }
        let got = lines_of(&text, max);
        assert_eq!(got.len(), lengths.len());
        for (i, (line, &len)) in got.iter().zip(&lengths).enumerate() {
            if len as u64 > max {
                assert!(
                    line.as_ref().unwrap_err().contains("longer than"),
                    "line {i}"
                );
            } else {
                let want = vec![b'a' + i as u8; len];
                assert_eq!(line.as_ref().unwrap(), &want, "line {i}");
            }
        }
    }

    #[test]
    fn an_overlong_line_is_an_error_and_the_next_line_is_read() {
        let got = lines_of(b"short\nthis line is too long\nnext\n", 8);
        assert_eq!(got[0], Ok(b"short".to_vec()));
        assert!(got[1].as_ref().unwrap_err().contains("longer than"));
        assert_eq!(got[2], Ok(b"next".to_vec()));
        assert_eq!(got.len(), 3);
    }
}
