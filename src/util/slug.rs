//! Slugs: the names of record files and pages, safe as file names everywhere and in URLs.

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A slug that is safe as a file name everywhere and in a URL: `[a-z0-9]+(-[a-z0-9]+)*`, at most
/// 64 characters, not a Windows device name.
pub fn slug_problem(slug: &str) -> Option<(&'static str, &'static str)> {
    if slug.is_empty() {
        return Some(("le nom est vide", "the name is empty"));
    }
    if slug.chars().count() > 64 {
        return Some(("le nom dépasse 64 caractères", "the name is longer than 64 characters"));
    }
    if slug.ends_with('.') || slug.ends_with(' ') || slug.starts_with(' ') || slug.starts_with('.') {
        return Some(("le nom se termine ou commence par un point ou une espace", "the name ends or starts with a dot or a space"));
    }
    if slug.chars().any(|c| c.is_ascii_uppercase()) {
        return Some(("le nom contient des majuscules", "the name holds capital letters"));
    }
    if !slug.is_ascii() {
        return Some(("le nom contient des accents ou des caractères non ASCII", "the name holds accents or non-ASCII characters"));
    }
    if !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        return Some(("le nom contient des caractères autres que lettres, chiffres et tirets", "the name holds characters other than letters, digits and hyphens"));
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Some(("les tirets doivent être seuls et entre deux mots", "hyphens must be single and between words"));
    }
    if RESERVED.contains(&slug) {
        return Some(("ce nom est réservé par Windows", "Windows reserves this name"));
    }
    None
}

/// A slug made from any text: lowercase ASCII, accents dropped, runs of other characters as
/// one hyphen.
pub fn slugify(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').chars().take(64).collect::<String>();
    out = out.trim_end_matches('-').to_string();
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-1");
    }
    out
}

