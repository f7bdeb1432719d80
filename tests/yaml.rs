//! The fast YAML paths against serde-saphyr itself: the hand-written reader of the plain subset
//! (`yaml::quick`) and the tree built from serde-saphyr's parser's events (`yaml::events`).
//! Wherever either gives a tree, it is the tree serde-saphyr gives, positions and byte ranges
//! included; where serde-saphyr has a say (errors, aliases, tags, duplicate keys, scalars of
//! doubtful type) they give up.

use aiguillage::yaml::{self, Node};
use std::path::Path;

/// The YAML of a record file: the whole `.yaml`, or the front matter of a `.md`.
fn yaml_of(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    match path.extension()?.to_str()? {
        "yaml" => Some(text),
        "md" => {
            let rest = text.strip_prefix("---\n")?;
            let end = rest.find("\n---")?;
            Some(rest[..end + 1].to_string())
        }
        _ => None,
    }
}

/// Whether `yaml::fast` answered; either fast path's answer must be serde-saphyr's.
fn same(text: &str) -> bool {
    let (quick, events) = (yaml::quick(text), yaml::events(text));
    for (name, fast) in [("quick", &quick), ("events", &events)] {
        let Some(fast) = fast else { continue };
        let slow: Node = yaml::parse_slow(text, 0).unwrap_or_else(|e| panic!("the {name} path accepted what serde-saphyr refuses ({e:?}):\n{text}"));
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "the {name} tree differs for:\n{text}");
    }
    quick.is_some() || events.is_some()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if e.file_type().is_file() {
            out.push(e.path().to_path_buf());
        }
    }
}

#[test]
fn the_fast_path_reads_every_real_record_as_serde_saphyr_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("content"), &mut paths);
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("starter"), &mut paths);
    // More records (a corpus from bench/gen_corpus.py): YAML_DIFF_DIR=/path cargo test --test yaml
    let extra = std::env::var_os("YAML_DIFF_DIR");
    if let Some(d) = &extra {
        files(Path::new(d), &mut paths);
    }
    let (mut fast, mut quick, mut total) = (0, 0, 0);
    for p in &paths {
        if let Some(text) = yaml_of(p) {
            total += 1;
            fast += same(&text) as usize;
            quick += yaml::quick(&text).is_some() as usize;
        }
    }
    assert!(total > 250, "{total} records read");
    // The real directory is plain YAML: nearly all of it must take the fast path, or it is
    // not fast. (Fixtures hold deliberate oddities that serde-saphyr must judge.)
    assert!(fast * 10 >= total * 9, "only {fast} of {total} records took the fast path");
    assert!(quick * 10 >= total * 8, "only {quick} of {total} records took the hand-written path");
    if extra.is_some() {
        eprintln!("{fast} of {total} records took a fast path, {quick} the hand-written one");
    }
}

#[test]
fn the_fast_path_agrees_on_every_kind_of_scalar_and_layout() {
    let cases = [
        "name: Framasoft\nsummary: \"Association d'éducation populaire\"\n",
        "a: 'it''s'\nb: \"tab\\tnew\\nline \\u00e9\"\nc: plain text, with: colon-space? no\n",
        "list: [a, b, 'c d']\nmap: {x: 1, y: texte}\nempty: []\nnone: {}\n",
        "block: |\n  line one\n  line two\nfolded: >\n  one\n  two\n\nkeep: |+\n  x\n\n",
        "dep: 69\ndate: 2024-05-01\nzero: 0\nbig: 9223372036854775807\n",
        "nested:\n  - name: x\n    offers:\n      - alternatives: [a]\n        price: libre\n",
        "é: ü\nunicode: 日本語\nurl: https://exemple.org/a?b=c#d\n",
        "# comment\nkey: value # trailing\n",
        "---\nkey: value\n...\n",
        "k:\n- a\n- b\n",
        "multi\n  line: plain\n",
        "text: plain\n  continued on the next line\n",
        "a: yes\nb: Off\nc: null\nd: ~\ne:\nf: true\ng: FALSE\nh: y\ni: NO\nj: tRUE\n",
        "- \n- ~\n- x\n",
    ];
    for c in cases {
        let _ = same(c);
    }
}

/// The layouts records use take the hand-written reader, and it reads them as serde-saphyr does.
#[test]
fn the_hand_written_reader_takes_what_records_write() {
    let cases = [
        "name: \"Auau Drive\"\nsummary: 'l''équipe'\nwebsite: https://a.org/x?y=1#z\n",
        "needs: [a, b , \"c\"]\nreplaces: [1password, 7zip]\nempty: []\nnone: {}\nspaced: [ ]\n",
        "criteria:\n  equity: {status: yes, evidence: \"x, y\"}\n  respect:\n    status: partial\n    source: https://x.org\n",
        "contact: {url: https://abul.org/, email: a@b.fr}\nsources: [https://a.org/b, https://c.org]\n",
        "offers:\n  - type: hosting\n    alternatives: [a]\n    price: {model: fixed, from_eur: 50}\n  - type: support\n",
        "k:\n- a: 1\n  b: 2\n- c\nnext: x\n",
        "description: |\n  Line one\n    indented\n\n  # not a comment\nlast: x\n",
        "d: |   # c\n  a\n\n# after\nb: |\n  x\n \n",
        "e:   \nf: # c\ng:\nh: x # c\ni: x#y\n",
        "a: \"tab\\tnew\\nline \\u00e9 \\\" \\\\ \\/\"\nb: 'it''s'\nc: \"é\" # c\n",
        "  indented: map\n  second: 2\n",
        "a: yes\nb: Off\nc: null\nd: ~\nf: true\ng: FALSE\nh: 0\ni: 2024-05-01\n",
    ];
    for c in cases {
        assert!(yaml::quick(c).is_some(), "the hand-written reader gave up on:\n{c}");
        assert!(same(c));
    }
    // And gives up on what it does not know, leaving it to the others.
    let others = [
        "text: plain\n  continued\n",
        "folded: >\n  a\n",
        "keep: |+\n  a\n",
        "l:\n-\n- x\n",
        "a: [x,]\n",
        "a: \"two\n  lines\"\n",
        "a: \"\\x41\"\n",
        "- root list\n",
        "a: b: c\n",
        "é: ü\n",
        "a: +33 1 23\n",
    ];
    for c in others {
        assert!(yaml::quick(c).is_none(), "the hand-written reader took:\n{c}");
        let _ = same(c);
    }
}

#[test]
fn the_fast_path_leaves_doubtful_input_to_serde_saphyr() {
    let doubtful = [
        "a: 1\na: 2\n",                 // duplicate key
        "a: &x 1\nb: *x\n",             // anchor and alias
        "a: !!str 1\n",                 // tag
        "a: nULL\n",                    // odd spellings
        "a: 01\n",                      // leading zero
        "a: 0x1F\n",                    // radix
        "a: 1.5\n",                     // float
        "a: -3\n",
        "a: .inf\n",
        "a: 99999999999999999999\n",    // overflow
        "<<: {a: 1}\n",                 // merge key
        "a: [unclosed\n",               // syntax error
        "a:\n\t- b\n",                  // tab
        "%YAML 1.2\n---\na: 1\n",       // directive
        "a: 1\n---\nb: 2\n",            // two documents
        "",                              // nothing
        "? [a, b]\n: c\n",              // a key that is not text
    ];
    for d in doubtful {
        assert!(yaml::fast(d).is_none(), "the fast path took:\n{d}");
    }
}

/// Fuzzing, 2026-11-28: serde-saphyr's parser fails past 32 comments buffered while it looks
/// ahead; the fast path, reading no comments, accepted the text.
#[test]
fn the_fast_path_fails_where_serde_saphyr_runs_out_of_comment_budget() {
    let found = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml/many-comments-in-lookahead.txt")).unwrap();
    assert!(yaml::parse_slow(&found, 0).is_err());
    assert!(yaml::fast(&found).is_none(), "the fast path took the fuzzer's text");
    let made = format!("key: value\nother{}: x\n", "\r#".repeat(40));
    let _ = same(&made);
    // A record with many comments but no such run still takes the fast path.
    let commented: String = (0..40).map(|i| format!("# comment {i}\nkey{i}: value\n")).collect();
    assert!(same(&commented), "a commented record should take the fast path");
}

/// Fuzzing, 2026-11-28: a `|` text ended by a less indented comment; serde-saphyr's span of the
/// text runs over that line's indentation, the hand-written reader stopped before it.
#[test]
fn a_literal_text_ends_after_the_indentation_of_the_line_that_ends_it() {
    let found = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml/literal-ended-by-indented-comment.txt")).unwrap();
    assert!(yaml::quick(&found).is_some());
    assert!(same(&found));
    assert!(same("a:\n  b: |\n      x\n    # c\n  d: 1\n"));
}

/// The program's own path (`yaml::parse`, what `check` and `build` call) takes the hand-written
/// reader for a plain record: the tests of `yaml::quick` alone would still pass if `parse` never
/// called it (issue #16: mutation-checked).
#[test]
fn parse_takes_the_hand_written_reader_for_a_plain_record() {
    let before = yaml::took_quick();
    let node = yaml::parse("name: Jitsi Meet\nsummary: \"Visioconférence libre.\"\nneeds: [visioconference]\n", 0).unwrap();
    assert!(format!("{node:?}").contains("Jitsi Meet"));
    assert!(yaml::took_quick() > before, "yaml::parse did not take the hand-written reader");
}
