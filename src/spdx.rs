//! SPDX license expressions: identifiers joined by AND, OR, WITH and parentheses.

/// License identifiers of the SPDX list that libre software commonly uses.
pub const IDS: &[&str] = &[
    "0BSD", "AFL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0", "APSL-2.0", "Artistic-1.0",
    "Artistic-2.0", "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause",
    "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CDDL-1.0", "CDDL-1.1",
    "CECILL-2.0", "CECILL-2.1", "CECILL-B", "CECILL-C", "CPL-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1",
    "EUPL-1.2", "FSFAP", "FTL", "GFDL-1.3-or-later", "GPL-1.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later",
    "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "ICU", "IJG", "ISC", "LGPL-2.0-only", "LGPL-2.0-or-later",
    "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "LPPL-1.3c", "MIT", "MIT-0", "MPL-1.1",
    "MPL-2.0", "MS-PL", "MS-RL", "MulanPSL-2.0", "NCSA", "ODbL-1.0", "OFL-1.1", "OpenSSL", "OSL-3.0", "PHP-3.01",
    "PostgreSQL", "Python-2.0", "QPL-1.0", "Ruby", "SSPL-1.0", "Unicode-3.0", "Unlicense", "UPL-1.0", "Vim",
    "W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1",
];

/// Exceptions that may follow WITH.
const EXCEPTIONS: &[&str] = &[
    "Classpath-exception-2.0", "GCC-exception-3.1", "LLVM-exception", "OpenSSL-exception", "Autoconf-exception-3.0",
    "Bison-exception-2.2", "Font-exception-2.0", "Qt-GPL-exception-1.0", "Qt-LGPL-exception-1.1", "WxWindows-exception-3.1",
];

/// `Ok` for a well-formed expression of known identifiers, else the offending word.
pub fn check(expr: &str) -> Result<(), String> {
    let spaced = expr.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    if tokens.is_empty() {
        return Err(expr.to_string());
    }
    let mut depth = 0i32;
    let mut expect_id = true;
    let mut after_with = false;
    for t in &tokens {
        match *t {
            "(" if expect_id => depth += 1,
            ")" if !expect_id => {
                depth -= 1;
                if depth < 0 {
                    return Err(")".into());
                }
            }
            "AND" | "OR" if !expect_id => expect_id = true,
            "WITH" if !expect_id => {
                expect_id = true;
                after_with = true;
            }
            id if expect_id => {
                let ok = if after_with {
                    EXCEPTIONS.contains(&id)
                } else {
                    let base = id.strip_suffix('+').unwrap_or(id);
                    IDS.contains(&base) || base.starts_with("LicenseRef-")
                };
                if !ok {
                    return Err(id.to_string());
                }
                expect_id = false;
                after_with = false;
            }
            other => return Err(other.to_string()),
        }
    }
    if depth != 0 || expect_id {
        return Err(expr.to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn expressions() {
        assert!(check("AGPL-3.0-or-later").is_ok());
        assert!(check("MIT OR Apache-2.0").is_ok());
        assert!(check("(MPL-2.0 AND LGPL-2.1-or-later) OR GPL-2.0-only WITH Classpath-exception-2.0").is_ok());
        assert_eq!(check("GPLv3"), Err("GPLv3".into()));
        assert!(check("MIT OR").is_err());
        assert!(check("").is_err());
    }
}
