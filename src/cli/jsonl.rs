//! JSONL documents: one JSON object a line with a `text` and any other
//! fields, which are kept in order and byte for byte (an id such as
//! 12345678901234567890 is not rounded through a float).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// The keys a document object has after its head, in this order: written
/// by `json.rs`, so an input record may not use them.
pub const BODY_KEYS: [&str; 5] = [
    "attributions",
    "unattributed",
    "credits",
    "entities",
    "summary",
];

/// The key of an error record's error.
pub const ERROR_KEY: &str = "error";

/// A JSON object's fields in order, values unparsed but for `text`: the
/// document, decoded as it is read (a raw value decoded later would scan
/// the longest field of the line twice).
pub struct Fields<'a>(Vec<Field<'a>>);

enum Field<'a> {
    /// A `text` field: its string, or `None` when it is not a string.
    Text(Option<String>),
    Other(String, &'a RawValue),
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    fields.push(if key == TEXT {
                        match map.next_value::<serde_json::Value>()? {
                            serde_json::Value::String(s) => Field::Text(Some(s)),
                            _ => Field::Text(None),
                        }
                    } else {
                        Field::Other(key, map.next_value()?)
                    });
                }
                Ok(Fields(fields))
            }
        }
        d.deserialize_map(V)
    }
}

impl<'a> Fields<'a> {
    /// Parses one line that should hold a JSON object.
    pub fn parse(line: &'a str) -> Result<Fields<'a>, String> {
        serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))
    }

    /// The raw value of the first field named `key` (not `text`).
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find_map(|f| match f {
            Field::Other(k, v) if k == key => Some(*v),
            _ => None,
        })
    }
}

/// A document to analyse: its text and its other fields.
pub struct Doc<'a> {
    pub text: String,
    pub fields: Vec<(String, &'a RawValue)>,
}

/// The field that holds the document.
pub const TEXT: &str = "text";

/// The document of a parsed line, or why there is none.
pub fn document(fields: Fields<'_>) -> Result<Doc<'_>, String> {
    let mut text = None;
    let mut rest = Vec::with_capacity(fields.0.len());
    for field in fields.0 {
        let (key, value) = match field {
            Field::Text(s) => {
                if text.is_some() {
                    return Err(format!("more than one `{TEXT}` field"));
                }
                text = Some(s.ok_or_else(|| format!("`{TEXT}` is not a string"))?);
                continue;
            }
            Field::Other(key, value) => (key, value),
        };
        if BODY_KEYS.contains(&key.as_str()) || key == ERROR_KEY {
            return Err(format!(
                "the field `{key}` is one claimtrace writes; rename it in the input"
            ));
        } else {
            rest.push((key, value));
        }
    }
    let text = text.ok_or_else(|| format!("no `{TEXT}` field"))?;
    Ok(Doc { text, fields: rest })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_keep_their_order_and_exact_values() {
        let line = r#"{"z": 12345678901234567890, "text": "Hi \"you\".", "a": {"b": [1.50]}}"#;
        let doc = document(Fields::parse(line).unwrap()).unwrap();
        assert_eq!(doc.text, "Hi \"you\".");
        let escaped = document(Fields::parse(r#"{"text": "a\n\u00e9\ud83d\ude00\\"}"#).unwrap());
        assert_eq!(escaped.unwrap().text, "a\né😀\\");
        let kept: Vec<(&str, &str)> = doc
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.get()))
            .collect();
        assert_eq!(
            kept,
            [("z", "12345678901234567890"), ("a", r#"{"b": [1.50]}"#)]
        );
    }

    #[test]
    fn bad_documents_say_why() {
        let why = |line: &str| match Fields::parse(line) {
            Ok(f) => document(f).err().unwrap(),
            Err(e) => e,
        };
        assert!(why("[1, 2]").starts_with("invalid JSON"));
        assert!(why(r#"{"id": 1"#).starts_with("invalid JSON"));
        assert_eq!(why(r#"{"id": 1}"#), "no `text` field");
        assert_eq!(why(r#"{"text": 3}"#), "`text` is not a string");
        assert_eq!(
            why(r#"{"text": [1, {"a": "b"}], "id": 2}"#),
            "`text` is not a string"
        );
        assert_eq!(why(r#"{"text": null}"#), "`text` is not a string");
        assert!(why(r#"{"text": "a", "id": [}"#).starts_with("invalid JSON"));
        assert!(why(r#"{"text": "a", "summary": 1}"#).contains("`summary`"));
        assert!(why(r#"{"text": "a", "text": "b"}"#).contains("more than one"));
    }
}
