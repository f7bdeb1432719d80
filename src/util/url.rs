//! Web addresses as the content may give them.

/// An absolute http(s) URL with a host and no spaces or control characters.
pub fn is_web_url(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !v.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>' || c == '\\')
        && host.chars().all(|c| c.is_alphanumeric() || ".-:[]@".contains(c))
}

/// The host of a web address, without `www.` (`gnu.org`): how a list of sources names them.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// A web address written without its scheme (`www.exemple.org`, `exemple.org/page`): the first
/// part names a host (letters, digits and hyphens, dotted, ending in a name of two letters or
/// more) and is not a file of the content (`.md`, `.yaml`).
pub fn lacks_scheme(v: &str) -> bool {
    let host = v.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && !matches!(tld.to_ascii_lowercase().as_str(), "md" | "yaml" | "html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_web_url("https://framasoft.org/fr/"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("ftp://x.org"));
        assert!(!is_web_url("https://a b.org"));
        assert!(lacks_scheme("www.exemple.org"));
        assert!(lacks_scheme("exemple.org/page.html"));
        assert!(!lacks_scheme("../providers/chapril.md"));
        assert!(!lacks_scheme("chapril.md"));
        assert!(!lacks_scheme("notes"));
    }
}
