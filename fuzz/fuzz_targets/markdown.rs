//! Any text as a Markdown body: rendering must never panic, and the HTML must never hold an
//! active element, an event handler, a style, or a link with a scheme other than http(s)/mailto.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::collections::HashSet;

fuzz_target!(|text: &str| {
    let known: HashSet<String> = ["providers/chapril.md".to_string()].into_iter().collect();
    let site_pages = std::collections::HashSet::new();
    let links = aiguillage::markdown::Links { known: &known, site_pages: &site_pages, from_dir: "alternatives", prefix: "../", words: None, excluded: None };
    let body = aiguillage::model::Body { text: text.to_string(), first_line: 1, ..Default::default() };
    let r = aiguillage::markdown::render(&body, "f.md", &links, aiguillage::i18n::Lang::En);
    if let Some(problem) = aiguillage::markdown::active_content(&r.html) {
        panic!("active content {problem:?} in {:?}", r.html);
    }
});
