//! Any bytes as a record of any kind: decoding, front matter, YAML (with its budgets) and field
//! checks must never panic, and every problem must name a position inside the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

const KINDS: [(&str, &str); 7] = [
    ("alternatives", "md"),
    ("providers", "md"),
    ("needs", "md"),
    ("criteria", "md"),
    ("pages", "md"),
    ("tools", "yaml"),
    ("providers", "yaml"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let (section, ext) = KINDS[selector as usize % KINDS.len()];
    // Lines as the loader counts them: LF, CRLF and a lone CR each end a line.
    let lf = bytes.iter().filter(|b| **b == b'\n').count();
    let lone_cr = bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count() + usize::from(bytes.last() == Some(&b'\r'));
    let lines = (lf + lone_cr) as u32 + 2;
    for d in aiguillage::content::check_record_bytes(section, ext, bytes, aiguillage::i18n::Lang::Fr) {
        assert!(d.line <= lines, "line {} past the end ({lines}): {}", d.line, d.message);
        assert!(!d.message.is_empty());
    }
});
