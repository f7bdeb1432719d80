//! Scans of whole texts, 64 bytes at a time with no early exit inside a block: the compiler
//! turns each block into a few vector instructions (a byte-by-byte loop that stops at the first
//! match cost as much as validating the UTF-8 of the text).

/// Whether any byte of `bytes` satisfies `pred`.
#[inline]
pub fn any(bytes: &[u8], pred: impl Fn(u8) -> bool) -> bool {
    bytes.chunks(64).any(|block| block.iter().fold(false, |found, &b| found | pred(b)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn any_byte() {
        let long = "é".repeat(100);
        assert!(super::any(long.as_bytes(), |b| b >= 0xC3));
        assert!(!super::any(b"plain ascii text, longer than one block of sixty-four bytes, to be sure", |b| b >= 0x80));
        assert!(!super::any(b"", |_| true));
    }
}
