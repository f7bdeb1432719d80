//! The YAML contributors write, read by hand in one pass.
//!
//! Records are block mappings of `key: value` lines: flow lists and groups on one line, nested
//! blocks, quoted texts, `|` descriptions. This reader knows exactly that subset and gives up
//! (`None`) on anything else — multi-line plain or quoted texts, anchors, tags, empty list
//! items, a doubtful scalar, an odd character — so that the event path, then serde-saphyr,
//! decide. Where it answers, the tree is serde-saphyr's own, positions and byte ranges
//! included: `tests/yaml.rs` compares the two on every real record and the fuzz target `yaml`
//! on any text. It costs a fifth of the event parser, which was a tenth of a build.

use super::{plain, Node, Value};

/// serde-saphyr's comment budget: past this many `#`, its look-ahead may fail; not ours to judge.
const MAX_HASHES: usize = 32;
/// Below serde-saphyr's budgets (depth 32, 20,000 nodes, 2 MiB of scalars), with room to spare.
const MAX_DEPTH: usize = 24;
const MAX_NODES: usize = 10_000;
const MAX_BYTES: usize = 1 << 20;
const MAX_ENTRIES: usize = 64;

struct Line {
    start: usize,
    /// Excludes the `\n`.
    end: usize,
    indent: usize,
    /// Nothing but spaces, or a comment.
    ignorable: bool,
    blank: bool,
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    lines: Vec<Line>,
    i: usize,
    nodes: usize,
    strict_booleans: bool,
}

/// The tree of `text`, or `None` when it is not plainly in the subset this reader knows.
pub fn read(text: &str, strict_booleans: bool) -> Option<Node> {
    let b = text.as_bytes();
    if b.len() > MAX_BYTES || !screen(b) {
        return None;
    }
    let mut lines = Vec::with_capacity(b.len() / 24 + 1);
    let mut start = 0;
    while start < b.len() {
        let end = memchr_nl(b, start).unwrap_or(b.len());
        let indent = b[start..end].iter().take_while(|c| **c == b' ').count();
        let blank = start + indent == end;
        lines.push(Line { start, end, indent, ignorable: blank || b[start + indent] == b'#', blank });
        start = end + 1;
    }
    let mut r = Reader { text, b, lines, i: 0, nodes: 0, strict_booleans };
    r.skip_ignorable();
    let first = r.lines.get(r.i)?;
    let (indent, at) = (first.indent, first.start + first.indent);
    if r.dash(r.i, indent) {
        return None;
    }
    let root = r.block_map(indent, at, 0)?;
    r.skip_ignorable();
    (r.i == r.lines.len()).then_some(root)
}

/// Only what serde-saphyr reads as plain printable text, and few enough `#`.
fn screen(b: &[u8]) -> bool {
    let mut hashes = 0;
    let mut i = 0;
    // Where the byte-by-byte look below must go at least, after a block that was not plain.
    let mut slow_until = 0;
    while i < b.len() {
        // Blocks of plain ASCII (most of a record) are looked at 64 bytes at once, with no early
        // exit inside a block, which the compiler vectorises; the others byte by byte.
        if i >= slow_until && i + 64 <= b.len() {
            let block = &b[i..i + 64];
            let odd = block.iter().fold(false, |odd, &c| odd | !(c == b'\n' || (0x20..=0x7e).contains(&c)));
            if !odd {
                hashes += block.iter().filter(|&&c| c == b'#').count();
                i += 64;
                continue;
            }
            slow_until = i + 64;
        }
        match screen_byte(b, i) {
            Some(hash) => hashes += usize::from(hash),
            None => return false,
        }
        i += 1;
    }
    hashes < MAX_HASHES
}

/// The screen's rule for byte `i`: refused (`None`), or taken, saying whether it is a `#`.
fn screen_byte(b: &[u8], i: usize) -> Option<bool> {
    match b[i] {
        b'\n' | 0x20..=0x7e => Some(b[i] == b'#'),
        // C1 controls and NEL.
        0xc2 if matches!(b.get(i + 1), Some(0x80..=0x9f)) => None,
        // Line and paragraph separators.
        0xe2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)) => None,
        // Byte order mark, U+FFFE, U+FFFF.
        0xef if matches!((b.get(i + 1), b.get(i + 2)), (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))) => None,
        0x80.. => Some(false),
        _ => None,
    }
}

fn memchr_nl(b: &[u8], from: usize) -> Option<usize> {
    b[from..].iter().position(|c| *c == b'\n').map(|p| p + from)
}

fn is_key_start(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// Characters that start something other than a plain text.
fn is_indicator(c: u8) -> bool {
    matches!(c, b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`')
}

impl<'a> Reader<'a> {
    fn skip_ignorable(&mut self) {
        while self.lines.get(self.i).is_some_and(|l| l.ignorable) {
            self.i += 1;
        }
    }

    /// Whether line `i` is a list item (`- `) at `indent`.
    fn dash(&self, i: usize, indent: usize) -> bool {
        let l = &self.lines[i];
        l.indent == indent && self.b[l.start + indent] == b'-' && (l.start + indent + 1 == l.end || self.b[l.start + indent + 1] == b' ')
    }

    fn node(&mut self, value: Value, at: usize, len: usize) -> Option<Node> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return None;
        }
        let l = &self.lines[self.line_of(at)];
        let before = &self.text[l.start..at];
        let col = if before.is_ascii() { before.len() } else { before.chars().count() };
        Some(Node { value, line: self.line_of(at) as u32 + 1, col: col as u32 + 1, start: Some(at), len: Some(len) })
    }

    /// The line holding byte `at`: the current line, or one a block text spans back to.
    fn line_of(&self, at: usize) -> usize {
        let mut i = self.i.min(self.lines.len() - 1);
        while self.lines[i].start > at {
            i -= 1;
        }
        i
    }

    fn skip_spaces(&self, mut j: usize, end: usize) -> usize {
        while j < end && self.b[j] == b' ' {
            j += 1;
        }
        j
    }

    /// Nothing after `j` on the line but spaces and a comment.
    fn rest_is_empty(&self, j: usize, end: usize) -> bool {
        let k = self.skip_spaces(j, end);
        k == end || (k > j && self.b[k] == b'#')
    }

    /// A block mapping whose keys sit at column `indent`; its first key is at byte `at` of the
    /// current line (after a `- ` for a mapping inside a list item).
    fn block_map(&mut self, indent: usize, mut at: usize, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut map = self.node(Value::Null, at, 0)?;
        let mut entries: Vec<(Node, Node)> = Vec::new();
        loop {
            let end = self.lines[self.i].end;
            let mut j = at;
            if !is_key_start(self.b[j]) {
                return None;
            }
            while j < end && is_key_byte(self.b[j]) {
                j += 1;
            }
            if j == end || self.b[j] != b':' || (j + 1 < end && self.b[j + 1] != b' ') {
                return None;
            }
            let key = self.node(plain(&self.text[at..j], self.strict_booleans)?, at, j - at)?;
            let Value::Str(k) = &key.value else { return None };
            if entries.len() >= MAX_ENTRIES || entries.iter().any(|(e, _)| matches!(&e.value, Value::Str(x) if x == k)) {
                return None;
            }
            let colon = j;
            let value = if self.rest_is_empty(j + 1, end) {
                self.i += 1;
                self.skip_ignorable();
                match self.lines.get(self.i) {
                    Some(l) if l.indent > indent => {
                        let (n, a) = (l.indent, l.start + l.indent);
                        if self.dash(self.i, n) { self.block_seq(n, false, depth + 1)? } else { self.block_map(n, a, depth + 1)? }
                    }
                    Some(_) if self.dash(self.i, indent) => self.block_seq(indent, true, depth + 1)?,
                    _ => self.node(Value::Null, colon, 0)?,
                }
            } else {
                let v = self.inline(self.skip_spaces(j + 1, end), indent, depth + 1)?;
                self.skip_ignorable();
                if self.lines.get(self.i).is_some_and(|l| l.indent > indent) {
                    return None;
                }
                v
            };
            entries.push((key, value));
            match self.lines.get(self.i) {
                Some(l) if l.indent == indent && !self.dash(self.i, indent) => at = l.start + indent,
                Some(l) if l.indent >= indent => return None,
                _ => break,
            }
        }
        map.value = Value::Map(entries);
        Some(map)
    }

    /// A block list whose dashes sit at column `indent`. An indentless list (dashes under its
    /// key) is placed where its first item is, as serde-saphyr's parser does.
    fn block_seq(&mut self, indent: usize, indentless: bool, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let dash_at = self.lines[self.i].start + indent;
        let mut seq = self.node(Value::Null, dash_at, 0)?;
        let mut items = Vec::new();
        loop {
            let l = &self.lines[self.i];
            let (start, end) = (l.start, l.end);
            let at = self.skip_spaces(start + indent + 1, end);
            // An empty item, or a list right in a list item: not worth it.
            if at == end || self.b[at] == b'#' || at == start + indent + 1 || self.b[at] == b'-' {
                return None;
            }
            let item = if self.looks_like_key(at, end) {
                self.block_map(at - start, at, depth + 1)?
            } else {
                let v = self.inline(at, indent, depth + 1)?;
                self.skip_ignorable();
                if self.lines.get(self.i).is_some_and(|l| l.indent > indent) {
                    return None;
                }
                v
            };
            items.push(item);
            match self.lines.get(self.i) {
                Some(l) if l.indent > indent => return None,
                Some(_) if self.dash(self.i, indent) => {}
                Some(l) if l.indent == indent && !indentless => return None,
                _ => break,
            }
        }
        if indentless {
            let first = &items[0];
            (seq.line, seq.col, seq.start) = (first.line, first.col, first.start);
        }
        seq.value = Value::Seq(items);
        Some(seq)
    }

    /// `key:` followed by a space or the end of the line.
    fn looks_like_key(&self, at: usize, end: usize) -> bool {
        if !is_key_start(self.b[at]) {
            return false;
        }
        let mut j = at;
        while j < end && is_key_byte(self.b[j]) {
            j += 1;
        }
        j < end && self.b[j] == b':' && (j + 1 == end || self.b[j + 1] == b' ')
    }

    /// The value that starts at byte `at` of the current line; moves past the lines it takes.
    /// `indent` is the column of the key or dash that holds it.
    fn inline(&mut self, at: usize, indent: usize, depth: usize) -> Option<Node> {
        let end = self.lines[self.i].end;
        let (node, after) = match self.b[at] {
            b'[' | b'{' => self.flow(at, end, depth)?,
            b'"' | b'\'' => self.quoted(at, end)?,
            b'|' => return self.literal(at, end, indent),
            c if is_indicator(c) => return None,
            _ => {
                // Up to a comment; a `: ` would make it a key, a final `:` too.
                let mut stop = end;
                let mut j = at;
                while j < end {
                    match self.b[j] {
                        b'#' if self.b[j - 1] == b' ' => {
                            stop = j;
                            break;
                        }
                        b':' if j + 1 == end || self.b[j + 1] == b' ' => return None,
                        _ => {}
                    }
                    j += 1;
                }
                let s = self.text[at..stop].trim_end_matches(' ');
                if s.ends_with(':') {
                    return None;
                }
                let v = plain(s, self.strict_booleans)?;
                let n = self.node(v, at, s.len())?;
                self.i += 1;
                return Some(n);
            }
        };
        if !self.rest_is_empty(after, end) {
            return None;
        }
        self.i += 1;
        Some(node)
    }

    /// A flow list or group closed on the same line; the node and the byte after it.
    fn flow(&mut self, at: usize, end: usize, depth: usize) -> Option<(Node, usize)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let is_map = self.b[at] == b'{';
        let close = if is_map { b'}' } else { b']' };
        let mut node = self.node(Value::Null, at, 1)?;
        let mut items = Vec::new();
        let mut entries: Vec<(Node, Node)> = Vec::new();
        let mut j = self.skip_spaces(at + 1, end);
        if j < end && self.b[j] == close {
            j += 1;
        } else {
            loop {
                if j == end {
                    return None;
                }
                if is_map {
                    let k = j;
                    if !is_key_start(self.b[j]) {
                        return None;
                    }
                    while j < end && is_key_byte(self.b[j]) {
                        j += 1;
                    }
                    if j + 1 >= end || self.b[j] != b':' || self.b[j + 1] != b' ' {
                        return None;
                    }
                    let key = self.node(plain(&self.text[k..j], self.strict_booleans)?, k, j - k)?;
                    let Value::Str(name) = &key.value else { return None };
                    if entries.len() >= MAX_ENTRIES || entries.iter().any(|(e, _)| matches!(&e.value, Value::Str(x) if x == name)) {
                        return None;
                    }
                    let (value, after) = self.flow_item(self.skip_spaces(j + 1, end), end, depth + 1)?;
                    entries.push((key, value));
                    j = after;
                } else {
                    let (item, after) = self.flow_item(j, end, depth + 1)?;
                    items.push(item);
                    j = after;
                }
                j = self.skip_spaces(j, end);
                match self.b.get(j) {
                    Some(b',') if j < end => {
                        j = self.skip_spaces(j + 1, end);
                        // A trailing comma: not worth it.
                        if j < end && self.b[j] == close {
                            return None;
                        }
                    }
                    Some(c) if *c == close && j < end => {
                        j += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        node.value = if is_map { Value::Map(entries) } else { Value::Seq(items) };
        Some((node, j))
    }

    /// One value inside a flow collection.
    fn flow_item(&mut self, at: usize, end: usize, depth: usize) -> Option<(Node, usize)> {
        if at >= end {
            return None;
        }
        match self.b[at] {
            b'[' | b'{' => self.flow(at, end, depth),
            b'"' | b'\'' => self.quoted(at, end),
            c if is_indicator(c) => None,
            _ => {
                let mut j = at;
                while j < end {
                    match self.b[j] {
                        b',' | b'[' | b']' | b'{' | b'}' => break,
                        b'#' if self.b[j - 1] == b' ' => return None,
                        // `: ` would make a key (a URL's colon is text).
                        b':' if j + 1 == end || matches!(self.b[j + 1], b' ' | b',' | b'[' | b']' | b'{' | b'}') => return None,
                        _ => j += 1,
                    }
                }
                let s = self.text[at..j].trim_end_matches(' ');
                let v = plain(s, self.strict_booleans)?;
                Some((self.node(v, at, s.len())?, j))
            }
        }
    }

    /// A quoted text on one line: `'…'` (`''` is a quote) or `"…"` with the common escapes.
    fn quoted(&mut self, at: usize, end: usize) -> Option<(Node, usize)> {
        let q = self.b[at];
        let mut out = String::new();
        let (mut j, mut run) = (at + 1, at + 1);
        loop {
            if j >= end {
                return None;
            }
            let c = self.b[j];
            if c == q {
                if q == b'\'' && j + 1 < end && self.b[j + 1] == b'\'' {
                    out.push_str(&self.text[run..=j]);
                    j += 2;
                    run = j;
                    continue;
                }
                break;
            }
            if c == b'\\' && q == b'"' {
                out.push_str(&self.text[run..j]);
                let (ch, width) = self.escape(j, end)?;
                out.push(ch);
                j += width;
                run = j;
                continue;
            }
            j += 1;
        }
        out.push_str(&self.text[run..j]);
        Some((self.node(Value::Str(out), at, j + 1 - at)?, j + 1))
    }

    /// The escape at `j` in a `"…"` text and its width; `None` for the rare ones.
    fn escape(&self, j: usize, end: usize) -> Option<(char, usize)> {
        Some(match *self.b.get(j + 1)? {
            b'\\' => ('\\', 2),
            b'"' => ('"', 2),
            b'/' => ('/', 2),
            b'n' => ('\n', 2),
            b't' => ('\t', 2),
            b'u' => {
                let hex = self.text.get(j + 2..j + 6)?;
                if j + 6 > end || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                    return None;
                }
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                (!c.is_control()).then_some((c, 6))?
            }
            _ => return None,
        })
    }

    /// A `|` text: the lines below, more indented than `indent`, kept as written, with one
    /// final line break.
    fn literal(&mut self, at: usize, end: usize, indent: usize) -> Option<Node> {
        if !self.rest_is_empty(at + 1, end) || (at + 1 < end && self.b[at + 1] != b' ') {
            return None;
        }
        let first = self.lines.get(self.i + 1)?;
        let k = first.indent;
        if first.blank || k <= indent {
            return None;
        }
        let start = first.start + k;
        let mut i = self.i + 1;
        let mut out = String::new();
        let mut pending_blank = 0;
        while let Some(l) = self.lines.get(i) {
            if l.blank {
                if l.end - l.start > k {
                    return None;
                }
                pending_blank += 1;
            } else if l.indent >= k {
                for _ in 0..pending_blank {
                    out.push('\n');
                }
                pending_blank = 0;
                out.push_str(&self.text[l.start + k..l.end]);
                out.push('\n');
            } else {
                break;
            }
            i += 1;
        }
        // The scanner takes the indentation of the line that ends the text with the text.
        let stop = match self.lines.get(i) {
            Some(l) => l.start + l.indent,
            None if self.text.ends_with('\n') => self.text.len(),
            None => return None,
        };
        self.i += 1;
        let node = self.node(Value::Str(out), start, stop - start)?;
        self.i = i;
        Some(node)
    }
}

#[cfg(test)]
mod tests {
    /// The screen byte by byte, as it was first written: the block-wise one must agree with it.
    fn screen_bytewise(b: &[u8]) -> bool {
        let mut hashes = 0;
        for i in 0..b.len() {
            match super::screen_byte(b, i) {
                Some(hash) => hashes += usize::from(hash),
                None => return false,
            }
        }
        hashes < super::MAX_HASHES
    }

    #[test]
    fn screen_agrees_with_the_bytewise_screen() {
        let pieces: [&[u8]; 12] = [b"name: x\n", b"# note\n", b"caf\xc3\xa9 ", b"\xc2\x85", b"\xc2\xa0", b"\xe2\x80\xa8", b"\xe2\x80\x99", b"\xef\xbb\xbf", b"\t", b"\x7f", b"#", b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"];
        // A small deterministic generator: every run checks the same 20,000 texts.
        let mut seed: u64 = 0x2026_1128;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let mut text = Vec::new();
            let n = (next() % 40) as usize;
            for _ in 0..n {
                // Mostly plain pieces, so that whole plain blocks occur.
                let k = next() as usize % 40;
                text.extend_from_slice(pieces[if k < 12 { k } else if k < 26 { 0 } else { 11 }]);
            }
            assert_eq!(super::screen(&text), screen_bytewise(&text), "{:?}", String::from_utf8_lossy(&text));
        }
        // A bad byte at each place of a block, and hashes around the limit.
        for at in 0..130 {
            let mut text = vec![b'a'; 140];
            text[at] = 0x01;
            assert!(!super::screen(&text), "control at {at}");
        }
        for n in [super::MAX_HASHES - 1, super::MAX_HASHES] {
            let text = format!("{}{}", "#".repeat(n), "a".repeat(100));
            assert_eq!(super::screen(text.as_bytes()), n < super::MAX_HASHES);
        }
    }
}
