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
    }
}
