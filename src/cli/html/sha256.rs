//! Content-Security-Policy hash sources for the report's inline style and
//! script (RustCrypto's `sha2`, standard base64). A hash, unlike a nonce,
//! keeps the report byte-for-byte the same from run to run.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// A CSP hash source: `'sha256-…'` of `content`'s bytes.
pub fn csp_source(content: &str) -> String {
    let digest = Sha256::digest(content.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash of "abc" (FIPS 180-4's first test vector) in base64, as a
    /// browser computes it for `<script>abc</script>`.
    #[test]
    fn hash_sources_are_base64_sha256() {
        assert_eq!(
            csp_source("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
        assert_eq!(
            csp_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
