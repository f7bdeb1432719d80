//! Any text as YAML: wherever a fast path (`yaml::quick`, the hand-written reader, or
//! `yaml::events`, the tree from serde-saphyr's parser's events) gives a tree, serde-saphyr must
//! accept the text and give the same tree, positions and byte ranges included.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for (name, fast) in [("quick", aiguillage::yaml::quick(text)), ("events", aiguillage::yaml::events(text))] {
        if let Some(fast) = fast {
            let slow = aiguillage::yaml::parse_slow(text, 0)
                .unwrap_or_else(|e| panic!("{name} path accepted what serde-saphyr refuses: {e:?}"));
            assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{name}");
        }
    }
});
