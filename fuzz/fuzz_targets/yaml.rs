//! Any text as YAML: wherever the fast path (`yaml::fast`) gives a tree, serde-saphyr must
//! accept the text and give the same tree, positions and byte ranges included.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(fast) = aiguillage::yaml::fast(text) {
        let slow = aiguillage::yaml::parse_slow(text, 0)
            .unwrap_or_else(|e| panic!("fast path accepted what serde-saphyr refuses: {e:?}"));
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
    }
});
