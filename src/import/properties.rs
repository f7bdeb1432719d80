//! Java `.properties` files, as ChatonsInfos writes them: `key = value` lines, `#` and `!`
//! comments, a backslash at the end of a line continuing it on the next (whose leading blanks
//! are dropped), escapes (`\t`, `\n`, `\uXXXX`, `\=`…), and the quotes that common generators
//! put around values (`subs.x = 'https://…'`), which are not part of the value.

/// One `key = value` of a file, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub key: String,
    pub value: String,
    pub line: u32,
}

/// A line that could not be read as a property, or a repeated key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `\u` not followed by four hexadecimal digits.
    BadEscape(String),
    /// A key with characters a property name never has (`[Subs]`, `clé`), or no key at all.
    BadKey(String),
    /// The same key again: the last value counts, as in Java.
    Repeated(String, u32),
}

/// The file's properties in order (a repeated key keeps its last value, at its first place),
/// and the problems met.
pub fn parse(text: &str) -> (Vec<Property>, Vec<Problem>) {
    let mut props: Vec<Property> = Vec::new();
    let mut problems = Vec::new();
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let first = lines[i].trim_start_matches([' ', '\t', '\u{c}']);
        i += 1;
        if first.is_empty() || first.starts_with('#') || first.starts_with('!') {
            // A comment never continues on the next line, whatever it ends with.
            continue;
        }
        // The logical line: a line ending with an odd number of backslashes goes on.
        let mut logical = first.to_string();
        while ends_with_odd_backslashes(&logical) && i < lines.len() {
            logical.pop();
            logical.push_str(lines[i].trim_start_matches([' ', '\t', '\u{c}']));
            i += 1;
        }
        if ends_with_odd_backslashes(&logical) {
            logical.pop();
        }
        let line = start as u32 + 1;
        let (raw_key, raw_value) = split_key(&logical);
        let key = match unescape(raw_key) {
            Ok(k) => k,
            Err(e) => {
                problems.push(Problem { line, kind: ProblemKind::BadEscape(e) });
                continue;
            }
        };
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)) {
            problems.push(Problem { line, kind: ProblemKind::BadKey(key) });
            continue;
        }
        let value = match unescape(raw_value) {
            Ok(v) => unquote(v.trim_end()).to_string(),
            Err(e) => {
                problems.push(Problem { line, kind: ProblemKind::BadEscape(e) });
                continue;
            }
        };
        match props.iter_mut().find(|p| p.key == key) {
            Some(p) => {
                problems.push(Problem { line, kind: ProblemKind::Repeated(key, p.line) });
                p.value = value;
            }
            None => props.push(Property { key, value, line }),
        }
    }
    (props, problems)
}

fn ends_with_odd_backslashes(s: &str) -> bool {
    s.bytes().rev().take_while(|b| *b == b'\\').count() % 2 == 1
}

/// Splits a logical line at the first `=`, `:` or blank that is not escaped; the separator and
/// the blanks around it are not part of the value.
fn split_key(line: &str) -> (&str, &str) {
    let bytes = line.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' => k += 2,
            b'=' | b':' | b' ' | b'\t' | b'\x0c' => break,
            _ => k += 1,
        }
    }
    let k = k.min(bytes.len());
    let key = &line[..k];
    let mut rest = line[k..].trim_start_matches([' ', '\t', '\u{c}']);
    if let Some(r) = rest.strip_prefix(['=', ':']) {
        rest = r.trim_start_matches([' ', '\t', '\u{c}']);
    }
    (key, rest)
}

/// Java's escapes; an unknown escape stands for its character (`\=` is `=`).
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = (hex.len() == 4).then(|| u32::from_str_radix(&hex, 16).ok()).flatten();
                // A surrogate pair (`\uD83D\uDE00`) is joined; a lone half is refused.
                let c = match code {
                    Some(hi @ 0xD800..=0xDBFF) => {
                        let rest = chars.as_str();
                        let lo = rest.strip_prefix("\\u").and_then(|r| r.get(..4)).and_then(|h| u32::from_str_radix(h, 16).ok()).filter(|lo| (0xDC00..=0xDFFF).contains(lo));
                        match lo {
                            Some(lo) => {
                                chars = rest[6..].chars();
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            }
                            None => None,
                        }
                    }
                    Some(c) => char::from_u32(c),
                    None => None,
                };
                match c {
                    Some(c) => out.push(c),
                    None => return Err(format!("\\u{hex}")),
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Ok(out)
}

/// `'value'` or `"value"` (the whole value, quoted the same on both sides) is `value`.
fn unquote(v: &str) -> &str {
    for q in ['\'', '"'] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String, u32)> {
        parse(text).0.into_iter().map(|p| (p.key, p.value, p.line)).collect()
    }

    #[test]
    fn reads_what_java_reads() {
        let text = "# comment \\\n! other\nfile.class = organization\norganization.name:Le Chaton\n  organization.description   Une \\\n     association\\\n\\u00e9ducative\norganization.website=https\\://exemple.org\nsubs.nextcloud = 'https://exemple.org/nextcloud.properties'\nservice.name = \"Jitsi\"\nempty=\nkey\\ with\\ space=x\n";
        assert_eq!(
            values(text),
            [
                ("file.class".into(), "organization".into(), 3),
                ("organization.name".into(), "Le Chaton".into(), 4),
                ("organization.description".into(), "Une associationéducative".into(), 5),
                ("organization.website".into(), "https://exemple.org".into(), 8),
                ("subs.nextcloud".into(), "https://exemple.org/nextcloud.properties".into(), 9),
                ("service.name".into(), "Jitsi".into(), 10),
                ("empty".into(), "".into(), 11),
            ]
        );
        assert_eq!(parse(text).1, [Problem { line: 12, kind: ProblemKind::BadKey("key with space".into()) }]);
    }

    #[test]
    fn problems_have_their_line() {
        let (props, problems) = parse("a.b = 1\r\n[Subs]\r\nc = \\u12\r\na.b = 2\r\nd = \\uD83D\\uDE00!\r\n");
        assert_eq!(props, [Property { key: "a.b".into(), value: "2".into(), line: 1 }, Property { key: "d".into(), value: "😀!".into(), line: 5 }]);
        assert_eq!(
            problems,
            [
                Problem { line: 2, kind: ProblemKind::BadKey("[Subs]".into()) },
                Problem { line: 3, kind: ProblemKind::BadEscape("\\u12".into()) },
                Problem { line: 4, kind: ProblemKind::Repeated("a.b".into(), 1) },
            ]
        );
    }

    #[test]
    fn an_escaped_backslash_does_not_continue() {
        assert_eq!(values("a = c:\\\\\nb = 2\n"), [("a".into(), "c:\\".into(), 1), ("b".into(), "2".into(), 2)]);
    }
}
