//! Diagnostics: what `check` finds, and how it is shown to a person (quoted line, caret, hint)
//! or to a tool (one JSON object per line).

use crate::i18n::{Lang, plural};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, but nothing the contributor can always act on (an `http://` address of
    /// a site that may have no `https://`): never fails a check, even `--strict`.
    Note,
}

/// One problem found in the content, a theme or the output.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Path as the contributor sees it (`content/providers/x.md`), `/` separated.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub severity: Severity,
    /// A stable identifier for tools (`unknown-field`, `bad-enum`…).
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// How many characters to underline (0: just a caret).
    #[serde(skip)]
    pub width: u32,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: &str, line: u32, column: u32, message: String) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            severity: Severity::Error,
            code,
            message,
            hint: None,
            width: 0,
        }
    }

    pub fn warning(code: &'static str, file: &str, line: u32, column: u32, message: String) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, line, column, message) }
    }

    /// A warning only counted, without words (see [`Wording`]).
    pub fn note(code: &'static str, file: &str, line: u32, column: u32, message: String) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(code, file, line, column, message) }
    }

    pub fn counted(code: &'static str, file: &str, line: u32, column: u32) -> Self {
        Diagnostic::warning(code, file, line, column, String::new())
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn width(mut self, width: usize) -> Self {
        self.width = width as u32;
        self
    }

    fn sort_key(&self) -> (&str, u32, u32, Severity, &str) {
        (&self.file, self.line, self.column, self.severity, &self.message)
    }
}

/// Sorts diagnostics by file, line and column so that output is stable whatever the thread
/// count, and drops exact duplicates (a warning only counted has no words to compare: kept).
pub fn sort(diags: &mut Vec<Diagnostic>) {
    use rayon::slice::ParallelSliceMut;
    diags.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup_by(|a, b| !a.message.is_empty() && a.sort_key() == b.sort_key());
}

/// How many warnings get their words. A build lists at most a few warnings and only counts
/// the rest; writing out the message and hint of each of 50,000 warnings (a large directory
/// without sources) only to count them was measured at 2-3 % of a build. The first `n`
/// warnings made get words, the others are counted only ([`Diagnostic::counted`]): when there
/// are at most `n`, every one has its words, whatever the order threads made them in.
#[derive(Debug)]
pub struct Wording(std::sync::atomic::AtomicUsize);

impl Wording {
    /// Every warning in words (`check`).
    pub fn all() -> Wording {
        Wording::first(usize::MAX)
    }

    pub fn first(n: usize) -> Wording {
        Wording(std::sync::atomic::AtomicUsize::new(n))
    }

    /// Whether the next warning gets its words (takes one of the `n`).
    pub fn take(&self) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.0.fetch_update(Relaxed, Relaxed, |left| left.checked_sub(1)).is_ok()
    }

    /// A warning at this place: in words when [`Wording::take`] allows, else counted only.
    pub fn warning(&self, code: &'static str, file: &str, line: u32, column: u32, words: impl FnOnce() -> (String, Option<String>)) -> Diagnostic {
        if !self.take() {
            return Diagnostic::counted(code, file, line, column);
        }
        let (message, hint) = words();
        Diagnostic { hint, ..Diagnostic::warning(code, file, line, column, message) }
    }
}

/// The text of a file named in a diagnostic, read as the loader reads it (so that lines and
/// columns agree), for quoting.
pub fn quote_from_disk(file: &str) -> Option<String> {
    crate::util::text::read(std::path::Path::new(file)).ok()
}

/// Prints diagnostics for a person on standard error, quoting lines from `texts` (the files the
/// loader kept) or read again from disk.
pub fn print(diags: &[Diagnostic], lang: Lang, strict: bool, texts: &std::collections::BTreeMap<String, String>) {
    let text = render_human(diags, lang, strict, &|f: &str| texts.get(f).cloned().or_else(|| quote_from_disk(f)));
    eprint!("{text}");
}

/// Renders diagnostics for a person. `source` returns the text of a file, to quote its line.
pub fn render_human(
    diags: &[Diagnostic],
    lang: Lang,
    strict: bool,
    source: &(dyn Fn(&str) -> Option<String> + Sync),
) -> String {
    use rayon::prelude::*;
    // Diagnostics come sorted by file: one read per file, files rendered in parallel (a large
    // directory can hold tens of thousands of warnings), joined in order.
    let parts: Vec<String> = diags.par_chunk_by(|a, b| a.file == b.file).map(|ds| render_file(ds, lang, source)).collect();
    let mut out = parts.concat();
    out.push_str(&summary(diags, lang, strict));
    out.push('\n');
    out
}

/// The messages of one file.
fn render_file(diags: &[Diagnostic], lang: Lang, source: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let text = diags.iter().any(|d| d.line > 0).then(|| source(&diags[0].file)).flatten();
    for d in diags {
        let label = match (d.severity, lang) {
            (Severity::Error, Lang::Fr) => "erreur",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Fr) => "avertissement",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Note, Lang::Fr) => "remarque",
            (Severity::Note, Lang::En) => "note",
        };
        if d.line > 0 {
            let _ = writeln!(out, "{}:{}:{}: {label}: {}", visible(&d.file), d.line, d.column, visible(&d.message));
        } else {
            let _ = writeln!(out, "{}: {label}: {}", visible(&d.file), visible(&d.message));
        }
        if d.line > 0
            && let Some(text) = &text
            && let Some(line) = text.lines().nth(d.line as usize - 1)
        {
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            let line = visible(&line.replace('\t', " ")).into_owned();
            let col = (d.column.max(1) - 1) as usize;
            let (line, col) = window(&line, col);
            let width = (d.width as usize).max(1).min(line.chars().count().saturating_sub(col).max(1));
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {line}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(col), "^".repeat(width));
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "{}{}", lang.t("aide : ", "help: "), visible(h));
        }
        out.push('\n');
    }
    out
}

/// The text with control characters shown as `�`: a hostile file must not send escape
/// sequences to the terminal or the CI log that shows the report.
fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(char::is_control) {
        s.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect::<String>().into()
    } else {
        s.into()
    }
}

/// Longest line quoted under a message, in characters.
const QUOTE_MAX: usize = 100;

/// A line short enough to quote: a long one (a pasted paragraph, `[[[[…` ten thousand times)
/// is cut to the part around `col`, with `…` where it was cut. Returns the text and the column
/// of the caret in it (0-based).
fn window(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= QUOTE_MAX {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(QUOTE_MAX / 2).min(chars.len() - QUOTE_MAX);
    let end = start + QUOTE_MAX;
    let mut s = String::new();
    let mut caret = col.saturating_sub(start);
    if start > 0 {
        s.push('…');
        caret += 1;
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    (s, caret)
}

/// "3 erreurs et 1 avertissement dans 2 fichiers" / "no problem found".
pub fn summary(diags: &[Diagnostic], lang: Lang, strict: bool) -> String {
    let count = |sev: Severity| diags.iter().filter(|d| d.severity == sev).count();
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    // Hashed: tens of thousands of paths with one long common prefix compare slowly in order.
    let files: ahash::AHashSet<&str> = diags.iter().map(|d| d.file.as_str()).collect();
    if diags.is_empty() {
        return lang.t("Aucun problème trouvé.", "No problem found.").to_string();
    }
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(plural(lang, errors, ("erreur", "erreurs"), ("error", "errors")));
    }
    if warnings > 0 {
        parts.push(plural(lang, warnings, ("avertissement", "avertissements"), ("warning", "warnings")));
    }
    if notes > 0 {
        parts.push(plural(lang, notes, ("remarque", "remarques"), ("note", "notes")));
    }
    let f = plural(lang, files.len(), ("fichier", "fichiers"), ("file", "files"));
    let joined = match parts.len() {
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} {} {last}", parts.join(", "), lang.t("et", "and"))
        }
    };
    let mut s = match lang {
        Lang::Fr => format!("{joined} dans {f}."),
        Lang::En => format!("{joined} in {f}."),
    };
    if errors == 0 && warnings > 0 && !strict {
        s.push_str(lang.t(
            " Les avertissements ne bloquent pas (sauf avec --strict).",
            " Warnings do not fail the check (unless --strict).",
        ));
    }
    s
}

/// One JSON object per line: easy to turn into CI annotations.
pub fn render_json(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&serde_json::to_string(d).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Whether these diagnostics fail the run.
pub fn fails(diags: &[Diagnostic], strict: bool) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
}

/// The closest candidates to `word`, best first (for "did you mean …?").
pub fn closest<'a, I>(word: &str, candidates: I, max: usize) -> Vec<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let w = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let mut s = strsim::jaro_winkler(&w, &c.to_lowercase());
            if c.starts_with(&w) || w.starts_with(c) {
                s += 0.1;
            }
            (s, c)
        })
        .filter(|(s, _)| *s > 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(b.1)));
    scored.into_iter().take(max).map(|(_, c)| c.to_string()).collect()
}

/// The ids that `word` may really be a typo of, best first: a suggestion a volunteer can
/// accept without checking (`nextclou` → `nextcloud`, `visio` → `visioconference`), never a
/// merely similar-sounding record (`seafile` → `keila`). Stricter than [`closest`]: within two
/// edits, or 70 % alike by edits, or one a prefix of the other (four letters at least).
pub fn closest_id<'a, I>(word: &str, candidates: I, max: usize) -> Vec<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let w = word.to_lowercase();
    let likely: Vec<&str> = candidates
        .into_iter()
        .filter(|c| {
            let c = c.to_lowercase();
            let edits = strsim::levenshtein(&w, &c);
            (edits <= 2 && w.chars().count() >= 4) || strsim::normalized_levenshtein(&w, &c) >= 0.7 || (w.len() >= 4 && (c.starts_with(&w) || w.starts_with(&c)))
        })
        .collect();
    closest(word, likely, max)
}

/// "`a`, `b` ou `c`".
pub fn list_or(lang: Lang, items: &[impl AsRef<str>]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{}`", s.as_ref())).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} {} {}", quoted[..n - 1].join(", "), lang.t("ou", "or"), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos() {
        assert_eq!(closest("sumary", ["name", "summary", "status"], 1), vec!["summary"]);
        assert!(closest("zzzz", ["name"], 1).is_empty());
        assert_eq!(closest_id("nextclou", ["nextcloud", "keila"], 1), vec!["nextcloud"]);
        assert_eq!(closest_id("visio", ["visioconference", "video"], 1), vec!["visioconference"]);
        assert!(closest_id("seafile", ["keila", "galette", "syncthing"], 3).is_empty());
    }

    #[test]
    fn summary_counts_in_both_languages() {
        let d = vec![
            Diagnostic::error("x", "a", 1, 1, String::new()),
            Diagnostic::error("x", "b", 1, 1, String::new()),
            Diagnostic::error("x", "b", 2, 1, String::new()),
        ];
        assert_eq!(summary(&d, Lang::Fr, false), "3 erreurs dans 2 fichiers.");
        assert_eq!(summary(&d, Lang::En, false), "3 errors in 2 files.");
    }
}
