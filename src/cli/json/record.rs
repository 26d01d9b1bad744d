//! The compact form of a document object, as `analyze --format jsonl`
//! writes it: the bytes serde_json writes for [`Document`], written
//! straight into the output buffer. This is the archive path's hot loop:
//! through serde's generic serializer, writing a record cost almost half as
//! much as analysing its document (28% of `analyze --input jsonl`, see
//! docs/performance.md). The pretty report (`--format json`) still goes
//! through serde, and a test holds the two byte for byte equal.

use super::{Document, Head};
use claimtrace::position::LineIndex;
use claimtrace::{Attribution, Claim, Credit, Entity, Hedge, HedgeLevel, Role, Span, Summary};

/// `,"name":` as one literal: a field after the first, its comma, quotes
/// and colon copied with the name at once (four pushes of a few bytes
/// each cost more than the copy; the writer runs dozens a claim).
macro_rules! field {
    ($w:expr, $name:literal) => {
        $w.out
            .extend_from_slice(concat!(",\"", $name, "\":").as_bytes())
    };
}

/// `{"name":` as one literal: an object's opening brace and first key.
macro_rules! first_field {
    ($w:expr, $name:literal) => {
        $w.out
            .extend_from_slice(concat!("{\"", $name, "\":").as_bytes())
    };
}

/// Appends `doc` as one compact JSON object, without the line end.
pub fn write(out: &mut Vec<u8>, doc: &Document) {
    let index = LineIndex::new(doc.text);
    let w = &mut Writer { out, index: &index };
    let a = doc.analysis;
    w.out.push(b'{');
    let mut keys = 0;
    match &doc.head {
        Head::Path(path) => {
            w.key("path", &mut keys);
            w.string(path);
        }
        Head::Fields(fields) => {
            for (k, v) in fields.iter() {
                w.key(k, &mut keys);
                w.out.extend_from_slice(v.get().as_bytes());
            }
        }
    }
    let [attributions, unattributed, credits, entities, summary] = super::BODY_KEYS;
    w.key(attributions, &mut keys);
    w.list(&a.attributions, Writer::attribution);
    w.key(unattributed, &mut keys);
    w.list(&a.unattributed, Writer::claim);
    w.key(credits, &mut keys);
    w.list(&a.credits, Writer::credit);
    w.key(entities, &mut keys);
    w.list(&a.entities, Writer::entity);
    w.key(summary, &mut keys);
    w.summary(&a.summary());
    w.out.push(b'}');
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    index: &'a LineIndex<'a>,
}

impl Writer<'_> {
    /// `"key":`, after a comma unless it is the object's first key.
    fn key(&mut self, key: &str, keys: &mut usize) {
        if *keys > 0 {
            self.out.push(b',');
        }
        *keys += 1;
        self.string(key);
        self.out.push(b':');
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            each(self, item);
        }
        self.out.push(b']');
    }

    /// A JSON string, escaped as serde_json escapes it.
    fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        if has_escape(bytes) {
            escape_into(self.out, bytes);
        } else {
            self.out.extend_from_slice(bytes);
        }
        self.out.push(b'"');
    }

    /// An enum's name: lowercase ASCII and `_`, nothing to escape.
    #[inline]
    fn name(&mut self, name: &'static str) {
        debug_assert!(!name.bytes().any(needs_escape));
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'"');
    }

    fn optional_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    /// A count or offset in decimal. Below 10^8 (every offset, line and
    /// column of a text under 100 MB) its digits are one word, stored at
    /// once and cut back to their number: itoa leaves them at the end of a
    /// buffer of its own, and their copy out is a `memcpy` call of a
    /// length known only at run time, which cost more than the formatting.
    #[inline]
    fn number(&mut self, n: usize) {
        match u32::try_from(n) {
            Ok(small) if small < 100_000_000 => {
                let (digits, len) = eight_digits(small);
                let at = self.out.len();
                self.out.extend_from_slice(&digits.to_le_bytes());
                self.out.truncate(at + len);
            }
            _ => self.large_number(n),
        }
    }

    /// `number` from 10^8 on, through itoa (out of line: hardly ever met).
    #[cold]
    #[inline(never)]
    fn large_number(&mut self, n: usize) {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    fn bool(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// Through serde_json, so floats and small objects are written exactly
    /// as the pretty report writes them.
    fn serde(&mut self, value: &impl serde::Serialize) {
        serde_json::to_writer(&mut *self.out, value).expect("JSON into memory");
    }

    fn span(&mut self, s: Span) {
        self.out.push(b'[');
        self.number(s.start);
        self.out.push(b',');
        self.number(s.end);
        self.out.push(b']');
    }

    /// `"line":L,"column":C` of a byte offset, with the comma before it.
    fn position(&mut self, offset: usize) {
        let (line, column) = self.index.line_col(offset);
        field!(self, "line");
        self.number(line);
        field!(self, "column");
        self.number(column);
    }

    /// A role's opening brace and fields (text, spans, line, column); the
    /// object is left open.
    fn role_fields(&mut self, text: &str, spans: &[Span], start: usize) {
        first_field!(self, "text");
        self.string(text);
        field!(self, "spans");
        self.list(spans, |w, s| w.span(*s));
        self.position(start);
    }

    fn role(&mut self, r: &Role) {
        self.role_fields(&r.text, &r.spans, r.start());
        self.out.push(b'}');
    }

    fn hedge(&mut self, h: &Hedge) {
        // Most claims are not hedged (four in five in news): their hedge is
        // one literal, the bytes serde writes for it, which spares the
        // float's formatting.
        if h.level == HedgeLevel::None && h.cues.is_empty() && h.score.to_bits() == 0 {
            self.out
                .extend_from_slice(br#"{"level":"none","score":0.0,"cues":[]}"#);
            return;
        }
        first_field!(self, "level");
        self.name(h.level.as_str());
        field!(self, "score");
        self.serde(&h.score);
        field!(self, "cues");
        self.list(&h.cues, |w, c| {
            first_field!(w, "text");
            w.string(&c.text);
            field!(w, "span");
            w.span(c.span);
            w.position(c.span.start);
            field!(w, "weight");
            w.serde(&c.weight);
            field!(w, "rule");
            w.string(&c.rule);
            w.out.push(b'}');
        });
        self.out.push(b'}');
    }

    fn attribution(&mut self, a: &Attribution) {
        first_field!(self, "id");
        self.string(&a.id);
        field!(self, "kind");
        self.name(a.kind.as_str());
        field!(self, "source");
        match &a.source {
            Some(r) => self.role(r),
            None => self.out.extend_from_slice(b"null"),
        }
        field!(self, "cue");
        self.role(&a.cue);
        field!(self, "content");
        self.role(&a.content);
        field!(self, "source_type");
        self.name(a.source_type.as_str());
        field!(self, "entity");
        self.optional_string(a.entity.as_deref());
        field!(self, "chain");
        self.list(&a.chain, |w, s| w.string(s));
        field!(self, "parent");
        self.optional_string(a.parent.as_deref());
        field!(self, "tone");
        self.name(a.tone.as_str());
        field!(self, "hedge");
        self.hedge(&a.hedge);
        field!(self, "rule");
        self.string(&a.rule);
        field!(self, "rules");
        self.list(&a.rules, |w, r| w.string(r));
        self.out.push(b'}');
    }

    fn claim(&mut self, c: &Claim) {
        self.role_fields(&c.text, std::slice::from_ref(&c.span), c.span.start);
        field!(self, "quoted");
        self.bool(c.quoted);
        field!(self, "hedge");
        self.hedge(&c.hedge);
        self.out.push(b'}');
    }

    fn entity(&mut self, e: &Entity) {
        first_field!(self, "name");
        self.string(&e.name);
        field!(self, "source_type");
        self.name(e.source_type.as_str());
        field!(self, "claims");
        self.list(&e.claims, |w, id| w.string(id));
        self.out.push(b'}');
    }

    fn summary(&mut self, s: &Summary) {
        let Summary {
            claims,
            attributed,
            named,
            anonymous,
            vague,
            hedged,
        } = *s;
        first_field!(self, "claims");
        self.number(claims);
        field!(self, "attributed");
        self.number(attributed);
        field!(self, "named");
        self.number(named);
        field!(self, "anonymous");
        self.number(anonymous);
        field!(self, "vague");
        self.number(vague);
        field!(self, "hedged");
        self.number(hedged);
        self.out.push(b'}');
    }

    fn credit(&mut self, c: &Credit) {
        self.role_fields(&c.text, std::slice::from_ref(&c.span), c.span.start);
        field!(self, "kind");
        self.name(c.kind.as_str());
        field!(self, "source");
        self.string(&c.source);
        field!(self, "rule");
        self.string(&c.rule);
        field!(self, "source_type");
        self.name(c.source_type.as_str());
        self.out.push(b'}');
    }
}

/// The decimal digits of `n` (below 10^8) as ASCII in the bytes of a
/// little-endian word, first digit in the lowest byte, and how many there
/// are. All eight are found at once, each step splitting every lane of the
/// word in two (SWAR): 4 + 4 digits by one division, then lanes of 4 into
/// 2 + 2, then lanes of 2 into 1 + 1, the divisions by 100 and by 10 done
/// as a multiply and a shift, exact below 10,000 and 100.
fn eight_digits(n: u32) -> (u64, usize) {
    debug_assert!(n < 100_000_000);
    let n = u64::from(n);
    let fours = (n / 10_000) | ((n % 10_000) << 32);
    let hundreds = ((fours * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let twos = hundreds | ((fours - hundreds * 100) << 16);
    let tens = ((twos * 103) >> 10) & 0x000F_000F_000F_000F;
    let ones = tens | ((twos - tens * 10) << 8);
    // Leading zeros are the low zero bytes, but a lone 0 is kept.
    let zeros = (ones.trailing_zeros() / 8).min(7);
    let ascii = (ones + 0x3030_3030_3030_3030) >> (8 * zeros);
    (ascii, 8 - zeros as usize)
}

/// The bytes JSON strings escape: `"`, `\` and the control characters.
fn needs_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

/// True when some byte needs an escape. Most strings need none; those of
/// 16 bytes or more are tested 16 at a time (one vector compare each),
/// shorter ones eight at a time.
fn has_escape(bytes: &[u8]) -> bool {
    if bytes.len() < 16 {
        return short_has_escape(bytes);
    }
    // The last 16 bytes, overlapping the chunks before, instead of a
    // remainder taken a byte at a time.
    let mut chunks = bytes.chunks_exact(16);
    chunks.any(chunk_has_escape) || chunk_has_escape(&bytes[bytes.len() - 16..])
}

/// `has_escape` for fewer than 16 bytes (ids, rule names, most names):
/// from eight bytes on as two overlapping words of eight, not byte by
/// byte; below eight byte by byte (a padded copy calls `memcpy`, dearer).
fn short_has_escape(bytes: &[u8]) -> bool {
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
    if bytes.len() >= 8 {
        return word_has_escape(word(&bytes[..8]))
            || word_has_escape(word(&bytes[bytes.len() - 8..]));
    }
    bytes.iter().any(|&b| needs_escape(b))
}

/// Whether any of the eight bytes of `w` needs an escape. Each test is
/// exact about whether some lane matches (a borrow only runs into the
/// lanes above a lane that does).
fn word_has_escape(w: u64) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u8| x.wrapping_sub(LOW * u64::from(n)) & !x & HIGH;
    let control = below(w, 0x20);
    let quote = below(w ^ (LOW * u64::from(b'"')), 1);
    let backslash = below(w ^ (LOW * u64::from(b'\\')), 1);
    (control | quote | backslash) != 0
}

fn chunk_has_escape(chunk: &[u8]) -> bool {
    chunk
        .iter()
        .fold(0u8, |any, &b| any | u8::from(needs_escape(b)))
        != 0
}

/// Writes `bytes` with the escapes serde_json uses: the short forms where
/// JSON has them, `\u00xx` (lowercase hex) for the other control characters.
/// Runs of 16 bytes with nothing to escape are skipped whole: news text
/// quotes with `"`, so many strings have a few escapes in a long run.
fn escape_into(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 16)
            && !chunk_has_escape(chunk)
        {
            i += 16;
            continue;
        }
        let b = bytes[i];
        i += 1;
        if !needs_escape(b) {
            continue;
        }
        out.extend_from_slice(&bytes[run..i - 1]);
        run = i;
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x0C => b'f',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ]);
                continue;
            }
        };
        out.extend_from_slice(&[b'\\', short]);
    }
    out.extend_from_slice(&bytes[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    fn both(head: Head, text: &str) -> (String, String) {
        let analysis = claimtrace::analyze(text);
        let doc = Document {
            head,
            text,
            analysis: &analysis,
        };
        let mut fast = Vec::new();
        write(&mut fast, &doc);
        let serde = serde_json::to_vec(&doc).unwrap();
        (
            String::from_utf8(fast).unwrap(),
            String::from_utf8(serde).unwrap(),
        )
    }

    #[test]
    fn numbers_are_written_as_itoa_writes_them() {
        let mut numbers: Vec<usize> = (0..100_000).collect();
        numbers.extend((0..=20).flat_map(|e| {
            let p = 10usize.saturating_pow(e);
            [p - 1, p, p.saturating_add(1), p.saturating_mul(7) / 3]
        }));
        numbers.extend((0..100_000_000).step_by(9_973));
        numbers.extend([99_999_999, 100_000_000, u32::MAX as usize, usize::MAX]);
        let index = LineIndex::new("");
        for n in numbers {
            let mut out = b"[".to_vec();
            Writer {
                out: &mut out,
                index: &index,
            }
            .number(n);
            assert_eq!(out, format!("[{n}").as_bytes(), "{n}");
        }
    }

    #[test]
    fn every_string_escapes_as_serde_json_escapes_it() {
        let all: String = (0u8..0x80).map(char::from).collect();
        for s in [
            "",
            "plain",
            "“curly” and é",
            "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            // Escapes only past the last whole chunk of 16 bytes.
            "0123456789abcdef\n",
            "0123456789abcdefgh\"i",
            "0123456789abcdef0123456789abcdef0\\",
            &all,
        ] {
            let mut out = Vec::new();
            Writer {
                out: &mut out,
                index: &LineIndex::new(""),
            }
            .string(s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    /// The word-at-a-time test finds an escape wherever it stands in a
    /// short string, whatever the bytes around it (ASCII, UTF-8 lead and
    /// continuation bytes), and finds none where there is none.
    #[test]
    fn short_strings_find_every_escape_at_every_place() {
        for len in 1..16 {
            for filler in [b'a', b' ', 0x7f, 0x80, 0xe2, 0xff, 0x21, 0x23, 0x5b, 0x5d] {
                let plain = vec![filler; len];
                assert_eq!(
                    has_escape(&plain),
                    needs_escape(filler),
                    "{filler:#x} x{len}"
                );
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut bytes = plain.clone();
                        bytes[at] = b;
                        let want = bytes.iter().any(|&x| needs_escape(x));
                        assert_eq!(has_escape(&bytes), want, "{b:#x} at {at} of {len}");
                    }
                }
            }
        }
    }

    #[test]
    fn enum_names_are_their_serde_names() {
        use claimtrace::{CreditKind, HedgeLevel, Kind, SourceType, Tone};
        fn same<T: serde::Serialize>(v: T, name: &str) {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{name}\""));
        }
        for k in [
            Kind::AccordingTo,
            Kind::Indirect,
            Kind::Direct,
            Kind::Mixed,
            Kind::Agentless,
            Kind::Noun,
        ] {
            same(k, k.as_str());
        }
        for t in [
            SourceType::Person,
            SourceType::Organization,
            SourceType::Media,
            SourceType::Official,
            SourceType::Anonymous,
            SourceType::Vague,
            SourceType::Document,
        ] {
            same(t, t.as_str());
        }
        for l in [
            HedgeLevel::None,
            HedgeLevel::Low,
            HedgeLevel::Medium,
            HedgeLevel::High,
        ] {
            same(l, l.as_str());
        }
        for t in [Tone::Neutral, Tone::Loaded] {
            same(t, t.as_str());
        }
        for k in [CreditKind::Photo, CreditKind::Wire] {
            same(k, k.as_str());
        }
    }

    #[test]
    fn records_are_serde_json_byte_for_byte() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut texts: Vec<String> = std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert!(texts.len() >= 10, "the corpus articles");
        // Escapes, control characters, a lone carriage return, no claims.
        texts.push("He said \"the \\ path\" was\tclosed.\r\nShe said it wasn't.\u{1}".into());
        texts.push(String::new());
        let fields = [
            (
                "id".to_string(),
                RawValue::from_string("12345678901234567890".into()).unwrap(),
            ),
            (
                "t\u{e9}\"x".to_string(),
                RawValue::from_string("{\"a\": [1, 2]}".into()).unwrap(),
            ),
        ];
        let fields: Vec<(String, &RawValue)> =
            fields.iter().map(|(k, v)| (k.clone(), &**v)).collect();
        for text in &texts {
            for head in [
                Head::Path("a \"b\".txt"),
                Head::Fields(&fields),
                Head::Fields(&[]),
            ] {
                let (fast, serde) = both(head, text);
                assert_eq!(fast, serde);
            }
        }
    }
}
