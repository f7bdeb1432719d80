//! YAML → a small spanned tree.
//!
//! Records are validated field by field so that one run reports every problem, each with its
//! line and column. serde-saphyr parses (duplicate keys rejected, input budgets enforced); we
//! deserialize into [`Node`], which keeps the position and byte range of every value so the
//! checker can quote the raw text (`01` as written, not the float it parses to).
//!
//! Speed: serde-saphyr costs about 45 µs for a 750-byte record, most of it in its serde
//! layers; its own event parser (granit-parser) alone about 18 µs. [`parse`] therefore tries
//! two cheaper readers first ([`fast`]): a hand-written one for the plain subset contributors
//! write (`quick.rs`, a few µs), then one that builds the tree straight from the parser's
//! events ([`events`]). Anything they are not certain to read exactly as serde-saphyr does (an
//! error, an anchor, an alias, a tag, a duplicate key, a scalar whose type is not obvious, a
//! budget limit) makes them give up, and serde-saphyr reads the text, with its checks and its
//! messages. The trees are compared on every test record and by a fuzz target.
//!
//! The hand-written reader stays because it is measured to be worth it: in 8 A/B runs of a
//! 10,000-record clean build (2026-12-01), building without it (the event path alone) took 11 %
//! longer (median 0.61 s against 0.555 s). Its differential fuzz target is part of the routine
//! in `fuzz/README.md`.

mod quick;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Options, Spanned};

/// A YAML value with where it was written.
#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    /// 1-based line in the YAML text.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
    /// Byte range in the YAML text, when the parser knows it.
    pub start: Option<usize>,
    pub len: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What the value is, in the words of a contributor (fr, en).
    pub fn kind(&self) -> (&'static str, &'static str) {
        match self {
            Value::Null => ("une valeur vide", "an empty value"),
            Value::Bool(_) => ("un booléen (true/false)", "a boolean (true/false)"),
            Value::Int(_) | Value::Float(_) => ("un nombre", "a number"),
            Value::Str(_) => ("un texte", "a text"),
            Value::Seq(_) => ("une liste", "a list"),
            Value::Map(_) => ("un groupe de champs", "a group of fields"),
        }
    }
}

impl Node {
    /// The text of this node exactly as written in `src` (for scalars).
    pub fn raw<'a>(&self, src: &'a str) -> Option<&'a str> {
        let (s, l) = (self.start?, self.len?);
        src.get(s..s + l)
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s: Spanned<Value> = Spanned::deserialize(d)?;
        let span = s.referenced.span();
        Ok(Node {
            value: s.value,
            line: s.referenced.line() as u32,
            col: s.referenced.column() as u32,
            start: span.byte_offset().map(|o| o as usize),
            len: span.byte_len().map(|o| o as usize),
        })
    }
}

struct AnyVisitor;

impl<'de> Visitor<'de> for AnyVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Int(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(i64::try_from(n).map(Value::Int).unwrap_or(Value::Float(n as f64)))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
        Ok(Value::Float(n as f64))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
        Ok(Value::Float(n as f64))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Float(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::Str(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::Str(s))
    }
    fn visit_bytes<E>(self, b: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(b).into_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(AnyVisitor)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(AnyVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = a.next_element::<Node>()? {
            v.push(x);
        }
        Ok(Value::Seq(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Value, A::Error> {
        let mut v = Vec::new();
        while let Some(x) = a.next_entry::<Node, Node>()? {
            v.push(x);
        }
        Ok(Value::Map(v))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyVisitor)
    }
}

/// A YAML error: where, and the parser's own words.
#[derive(Debug, Clone)]
pub struct YamlError {
    pub line: u32,
    pub col: u32,
    pub kind: YamlErrorKind,
    pub detail: String,
    /// The line the error points at, as written (for a hint that shows it corrected).
    pub source_line: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlErrorKind {
    DuplicateKey,
    /// A tab in the indentation (found by looking at the lines, not at the parser's words).
    Tab,
    /// A budget limit: `deep` for nesting, otherwise size (aliases, values).
    Budget { deep: bool },
    /// `summary: Permanence : tous les jeudis`: a `: ` inside an unquoted text.
    ColonInText,
    /// `status:yes`: no space after a field's colon, so the line is a text, not a field (the
    /// parser stumbles on the next line; the error points at this one).
    MissingSpace,
    /// `summary: 'de l'Hérault'`: an apostrophe ends a text between single quotes.
    QuoteInSingleQuotes,
    /// A `"` that opens a text and is never closed (the error points where it opened).
    UnclosedQuote,
    /// `summary: "un texte" et la suite`: text after the closing quote.
    TextAfterQuote,
    Syntax,
}

/// Limits that fit hand-written records: a record has a few hundred values, never a thousand
/// aliases or a hundred levels of nesting, so alias bombs and deep nesting stop early.
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 32;
    budget.max_aliases = 64;
    budget.max_anchors = 64;
    budget.max_nodes = 20_000;
    budget.max_events = 100_000;
    budget.max_total_scalar_bytes = 2 * 1024 * 1024;
    budget.max_documents = 1;
    budget.max_recorded_anchor_events = 10_000;
    budget.max_recorded_anchor_bytes = 1024 * 1024;
    let mut o = Options::default();
    o.budget = Some(budget);
    o
}

/// Parses `text`; `line_offset` is added to every line (front matter starts on line 2).
pub fn parse(text: &str, line_offset: u32) -> Result<Node, YamlError> {
    let mut node = match fast(text) {
        Some(n) => n,
        None => parse_slow(text, line_offset)?,
    };
    if line_offset > 0 {
        shift(&mut node, line_offset);
    }
    Ok(node)
}

/// serde-saphyr alone (lines not yet shifted on success).
pub fn parse_slow(text: &str, line_offset: u32) -> Result<Node, YamlError> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let (line, col) = e
            .location()
            .map(|l| (l.line() as u32, l.column() as u32))
            .unwrap_or((1, 1));
        let full = e.to_string();
        // The rendered error carries a snippet after its first line; we quote the line ourselves.
        let first = full.lines().next().unwrap_or("").to_string();
        let detail = first
            .trim_start_matches("error: ")
            .split_once(": ")
            .filter(|(head, _)| head.starts_with("line "))
            .map(|(_, rest)| rest.to_string())
            .unwrap_or(first);
        // The kind from serde-saphyr's error variants; a tab from a look at the lines around
        // the error (the parser may stop on the line before or after the tab).
        let (mut line, mut col) = (line.max(1), col.max(1));
        use granit_parser::ErrorKind as Scan;
        let kind = match inner(&e) {
            serde_saphyr::Error::DuplicateMappingKey { .. } => YamlErrorKind::DuplicateKey,
            serde_saphyr::Error::Budget { breach, .. } => YamlErrorKind::Budget { deep: matches!(breach, serde_saphyr::budget::BudgetBreach::Depth { .. }) },
            other => match (scan_kind(other), tab_near(text, line)) {
                (Some(Scan::RecursionLimitExceeded), _) => YamlErrorKind::Budget { deep: true },
                (Some(Scan::MappingValueNotAllowed), None) => match missing_space(text, line) {
                    Some((l, c)) => {
                        (line, col) = (l, c);
                        YamlErrorKind::MissingSpace
                    }
                    None => YamlErrorKind::ColonInText,
                },
                (Some(Scan::InvalidTrailingSingleQuotedScalar), None) => YamlErrorKind::QuoteInSingleQuotes,
                (Some(Scan::InvalidTrailingDoubleQuotedScalar), None) => match unclosed_quote(text, line) {
                    Some((l, c)) => {
                        (line, col) = (l, c);
                        YamlErrorKind::UnclosedQuote
                    }
                    None => YamlErrorKind::TextAfterQuote,
                },
                (Some(Scan::TabNotAllowed | Scan::TabInBlockIndentation), None) => YamlErrorKind::Tab,
                (_, Some((l, c))) => {
                    (line, col) = (l, c);
                    YamlErrorKind::Tab
                }
                _ => YamlErrorKind::Syntax,
            },
        };
        let source_line = text.lines().nth(line as usize - 1).map(str::to_string);
        // The parser stops after the apostrophe that ended the text: point at the apostrophe.
        if kind == YamlErrorKind::QuoteInSingleQuotes
            && col > 1
            && source_line.as_deref().and_then(|l| l.chars().nth(col as usize - 2)) == Some('\'')
        {
            col -= 1;
        }
        YamlError { line: line + line_offset, col, kind, detail, source_line }
    })
}

/// A line at or just above `line` whose field name is glued to its value (`status:yes`): its
/// line and the column after the colon. An address (`https://…`) is not one.
fn missing_space(text: &str, line: u32) -> Option<(u32, u32)> {
    let lines: Vec<&str> = text.lines().collect();
    let glued = |n: usize| -> Option<u32> {
        let l = *lines.get(n.checked_sub(1)?)?;
        let body = l.trim_start();
        let body = body.strip_prefix("- ").unwrap_or(body);
        let key_len = body.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
        let after = body[key_len..].strip_prefix(':')?;
        let glued = key_len > 0 && after.starts_with(|c: char| !c.is_whitespace() && c != '/');
        glued.then(|| (l.len() - body.len() + key_len + 2) as u32)
    };
    // The line the parser stopped on, else the nearest line above it with text.
    let above = (1..line as usize).rev().find(|n| lines.get(n - 1).is_some_and(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')));
    [Some(line as usize), above].into_iter().flatten().find_map(|n| glued(n).map(|c| (n as u32, c)))
}

/// Where a `"` was opened and never closed, for a parser that stopped at line `line` (where
/// the text it swallowed ended): the nearest line above with an odd number of `"` (not
/// counting `\"`), and the column of its first one.
fn unclosed_quote(text: &str, line: u32) -> Option<(u32, u32)> {
    let lines: Vec<&str> = text.lines().collect();
    (1..line as usize).rev().filter(|n| *n <= lines.len()).find_map(|n| {
        let l = lines[n - 1];
        let quotes = l.match_indices('"').filter(|(i, _)| !l[..*i].ends_with('\\')).count();
        (quotes % 2 == 1).then(|| (n as u32, l.find('"').map(|i| l[..i].chars().count() as u32 + 1).unwrap_or(1)))
    })
}

/// The error itself, out of the wrappers that add a snippet or say which alias led to it.
fn inner(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } = e {
        e = error;
    }
    e
}

/// The parser's own kind of error, when the parser made it.
fn scan_kind(e: &serde_saphyr::Error) -> Option<&granit_parser::ErrorKind> {
    match e {
        serde_saphyr::Error::ExternalMessage { source, .. } => match &**source {
            serde_saphyr::ExternalMessageSource::Parser(scan) => Some(scan.kind()),
            _ => None,
        },
        _ => None,
    }
}

/// A tab in the indentation of line `line` (1-based), or of the line before or after it: its
/// line and column.
fn tab_near(text: &str, line: u32) -> Option<(u32, u32)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line as usize;
    [at, at + 1, at.saturating_sub(1)].into_iter().filter(|n| *n >= 1 && *n <= lines.len()).find_map(|n| {
        let l = lines[n - 1];
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        l[..indent].find('\t').map(|i| (n as u32, i as u32 + 1))
    })
}

/// The tree of `text` without serde-saphyr's serde layers, or `None` when serde-saphyr must
/// decide (see the module's documentation). Never wrong: when in doubt, it gives up.
pub fn fast(text: &str) -> Option<Node> {
    if let Some(tree) = quick(text) {
        TOOK_QUICK.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return Some(tree);
    }
    events(text)
}

/// How many texts [`fast`] read with the hand-written reader: the tests check that the real
/// path of the program takes it (a test of [`quick`] alone would pass if nothing called it).
static TOOK_QUICK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// See [`TOOK_QUICK`].
pub fn took_quick() -> usize {
    TOOK_QUICK.load(std::sync::atomic::Ordering::Relaxed)
}

/// The hand-written reader of the plain subset alone ([`quick`]); public for the tests.
pub fn quick(text: &str) -> Option<Node> {
    quick::read(text, options().strict_booleans)
}

/// The tree built from serde-saphyr's parser's events alone; public for the tests.
pub fn events(text: &str) -> Option<Node> {
    use granit_parser::{Event, Parser, ScalarStyle};
    let o = options();
    let budget = o.budget.as_ref()?;
    let popts = granit_parser::options! {
        simple_key_max_lookahead: budget.simple_key_max_lookahead,
        flow_nesting_limit: budget.flow_nesting_limit,
        block_nesting_limit: granit_parser::Options::default().block_nesting_limit.max(budget.max_depth + 1),
        // serde-saphyr's parser buffers comments and fails past a budget of them (a long run of
        // comments where it looks ahead); the fast path must fail there too. Fewer `#` than
        // that budget cannot reach it: then comments need not be read at all.
        emit_comments: text.bytes().filter(|b| *b == b'#').count() >= budget.max_buffered_comment_events,
        max_buffered_comment_events: budget.max_buffered_comment_events,
        strict_indentation: o.strict_indentation,
        bom_inside_document_as_content: o.bom_inside_document_as_content,
    };
    let at = |span: &granit_parser::Span| -> Option<(u32, u32, Option<usize>, Option<usize>)> {
        let start = span.start.byte_offset()?;
        let end = span.end.byte_offset()?;
        Some((u32::try_from(span.start.line()).ok()?, u32::try_from(span.start.col() + 1).ok()?, Some(start), Some(end.checked_sub(start)?)))
    };
    // Open collections: the node being filled, and for maps a key waiting for its value.
    let mut stack: Vec<(Node, Option<Node>)> = Vec::new();
    let mut root = None;
    let (mut nodes, mut scalar_bytes, mut documents) = (0usize, 0usize, 0usize);
    let mut parser = Parser::new_from_str_with_options(text, popts);
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        let node = match event {
            Event::StreamStart | Event::DocumentEnd | Event::Comment(..) => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                scalar_bytes += value.len();
                let value = match style {
                    ScalarStyle::Plain => plain(&value, o.strict_booleans)?,
                    _ => Value::Str(value.into_owned()),
                };
                let (line, col, start, len) = at(&span)?;
                Node { value, line, col, start, len }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= budget.max_depth {
                    return None;
                }
                let value = if matches!(event, Event::SequenceStart(..)) { Value::Seq(Vec::new()) } else { Value::Map(Vec::new()) };
                let (line, col, start, len) = at(&span)?;
                stack.push((Node { value, line, col, start, len }, None));
                nodes += 1;
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, pending) = stack.pop()?;
                if pending.is_some() {
                    return None;
                }
                node
            }
            // Aliases, anchors, anything new: serde-saphyr decides.
            _ => return None,
        };
        nodes += 1;
        if nodes > budget.max_nodes || scalar_bytes > budget.max_total_scalar_bytes {
            return None;
        }
        match stack.last_mut() {
            None => {
                if root.is_some() {
                    return None;
                }
                root = Some(node);
            }
            Some((parent, pending)) => match &mut parent.value {
                Value::Seq(items) => items.push(node),
                Value::Map(entries) => match pending.take() {
                    Some(key) => entries.push((key, node)),
                    None => {
                        // Keys: plain text only, never twice, and not YAML's merge key.
                        let Value::Str(k) = &node.value else { return None };
                        if k == "<<" || entries.len() >= 64 || entries.iter().any(|(e, _)| matches!(&e.value, Value::Str(x) if x == k)) {
                            return None;
                        }
                        *pending = Some(node);
                    }
                },
                _ => return None,
            },
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// The value of a plain scalar when its type is beyond doubt; `None` when serde-saphyr's
/// rules (YAML 1.1 booleans, radixes, leading zeros, floats, overflow…) must decide.
fn plain(s: &str, strict_booleans: bool) -> Option<Value> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let b = s.as_bytes();
    let first = *b.first()?;
    if first.is_ascii_alphabetic() || first == b'_' || first >= 0x80 {
        // YAML 1.1 booleans (serde-saphyr's default): `status: yes` is true.
        if !strict_booleans {
            if ["y", "yes", "on", "true"].iter().any(|w| w.eq_ignore_ascii_case(s)) {
                return Some(Value::Bool(true));
            }
            if ["n", "no", "off", "false"].iter().any(|w| w.eq_ignore_ascii_case(s)) {
                return Some(Value::Bool(false));
            }
        }
        // Other spellings of null and booleans (`nULL`, `tRUE`): rare, and not ours to judge.
        if s.len() <= 5 && ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].iter().any(|w| w.eq_ignore_ascii_case(s)) {
            return None;
        }
        // A trailing or leading blank would be trimmed by the number parsers: not worth it.
        if s.ends_with([' ', '\t']) {
            return None;
        }
        return Some(Value::Str(s.to_owned()));
    }
    if first.is_ascii_digit() {
        // A date as records write them: text.
        if b.len() == 10 && b[4] == b'-' && b[7] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()) {
            return Some(Value::Str(s.to_owned()));
        }
        // A decimal integer without a leading zero.
        if b.iter().all(u8::is_ascii_digit) && (first != b'0' || b.len() == 1) {
            return s.parse::<i64>().ok().map(Value::Int);
        }
        // A slug such as `1password`: a letter no number can hold (not a hex digit, a radix
        // mark or an exponent), and nothing but letters, digits and hyphens.
        if b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-') && b.iter().any(|c| c.is_ascii_alphabetic() && !b"abcdefABCDEFoOxX".contains(c)) {
            return Some(Value::Str(s.to_owned()));
        }
    }
    None
}

fn shift(n: &mut Node, by: u32) {
    n.line += by;
    match &mut n.value {
        Value::Seq(v) => v.iter_mut().for_each(|x| shift(x, by)),
        Value::Map(m) => m.iter_mut().for_each(|(k, v)| {
            shift(k, by);
            shift(v, by)
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_and_raw_text() {
        let src = "name: x\ndepartment: 01\n";
        let n = parse(src, 0).unwrap();
        let m = n.as_map().unwrap();
        assert_eq!(m[1].1.line, 2);
        assert_eq!(m[1].1.col, 13);
        assert_eq!(m[1].1.raw(src), Some("01"));
    }

    #[test]
    fn rejects_duplicate_keys_and_deep_nesting() {
        assert_eq!(parse("a: 1\na: 2\n", 0).unwrap_err().kind, YamlErrorKind::DuplicateKey);
        let deep = "[".repeat(10_000);
        assert!(parse(&deep, 0).is_err());
    }
}
