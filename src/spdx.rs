//! Licences: an alternative's `license` read as an SPDX expression against the whole SPDX
//! list (the `spdx` crate, list version [`spdx::license_version`]), then judged by the
//! directory's libre policy. The policy, written once here (and in CONTRIBUTING.md):
//!
//! - **libre**: approved by the Open Source Initiative or listed free by the Free Software
//!   Foundation (the SPDX list's `isOsiApproved` and `isFsfLibre`), a GNU licence, or a
//!   free-culture licence for content (Creative Commons BY and BY-SA, CC0, the Open Data
//!   Commons licences, the Licence Ouverte `etalab-2.0`, the Free Art Licence);
//! - **not libre**: a licence that restricts who may use the work or for what (non-commercial,
//!   no derivatives, no competing service…): Creative Commons NC and ND, the "source-available"
//!   licences that awesome-selfhosted-data lists as non-free (`licenses-nonfree.yml`), the
//!   PolyForm family: an error;
//! - **not reviewed**: any other valid licence (neither list has looked at it): a warning,
//!   so that a person reads it and says why the project is libre.
//!
//! A `LicenseRef-…` (a licence outside the SPDX list, or the many licences of an operating
//! system) is left to the contributor's judgement. `OR` needs one libre choice, `AND` needs
//! every part libre. A deprecated identifier that real
//! projects still use (`GPL-3.0`, `AGPL-3.0`) is accepted with a warning naming the precise
//! ones (`-only`, `-or-later`).

use spdx::{LicenseId, LicenseItem, LicenseReq, ParseMode};

/// What a `license` value calls for. Several may apply to one expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not an expression (`MIT OR`, `(MIT`): the offending part.
    Malformed { at: String },
    /// A word that is not in the SPDX list, with the identifiers it may be (best first).
    Unknown { word: String, near: Vec<String> },
    /// An exception (after `WITH`) that is not in the SPDX list.
    UnknownException { word: String, near: Vec<String> },
    /// A deprecated identifier and the precise ones to write instead.
    Deprecated { id: String, instead: Vec<String> },
    /// Valid licences that the policy does not count as libre.
    NotLibre { ids: Vec<String> },
    /// Valid licences that neither the OSI nor the FSF has reviewed.
    Unreviewed { ids: Vec<String> },
}

impl Problem {
    /// Whether the problem stops the build (else it is a warning).
    pub fn is_error(&self) -> bool {
        !matches!(self, Problem::Deprecated { .. } | Problem::Unreviewed { .. })
    }
}

/// How the policy counts one licence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Libre,
    NotLibre,
    Unreviewed,
}

/// Free-culture licences (content, data), counted libre though software lists do not review
/// them. Creative Commons BY and BY-SA are matched by prefix below.
const FREE_CULTURE: &[&str] = &["CC0-1.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0", "etalab-2.0", "LAL-1.2", "LAL-1.3"];

/// Licences that restrict use, as awesome-selfhosted-data's `licenses-nonfree.yml` lists them
/// (those with an SPDX identifier that neither the OSI nor the FSF counts free); PolyForm and
/// Creative Commons NC/ND are matched by prefix and word below.
const NOT_LIBRE: &[&str] =
    &["BSD-3-Clause-No-Military-License", "BUSL-1.1", "Elastic-2.0", "FSL-1.1-ALv2", "FSL-1.1-MIT", "SSPL-1.0", "SUL-1.0"];

/// The policy for one licence of the SPDX list.
pub fn standing(id: LicenseId) -> Standing {
    let name = id.name;
    let creative_commons = name.starts_with("CC-BY-") || name == "CC-BY-4.0";
    let restricted = creative_commons && (name.contains("-NC") || name.contains("-ND"));
    if restricted || NOT_LIBRE.contains(&name) || name.starts_with("PolyForm-") {
        Standing::NotLibre
    } else if id.is_osi_approved() || id.is_fsf_free_libre() || id.is_gnu() || creative_commons || FREE_CULTURE.contains(&name) {
        Standing::Libre
    } else {
        Standing::Unreviewed
    }
}

fn standing_of(req: &LicenseReq) -> Standing {
    match &req.license {
        LicenseItem::Spdx { id, .. } => standing(*id),
        // `LicenseRef-…`: a licence outside the SPDX list, or many (an operating system made
        // of thousands of packages): the contributor has judged it, as CONTRIBUTING.md asks.
        LicenseItem::Other(_) => Standing::Libre,
    }
}

/// Reads `expr` and judges it; an empty list when the licence is well formed and libre.
pub fn check(expr: &str) -> Vec<Problem> {
    // Deprecated identifiers and `GPL-3.0+` are read so that the warning can name what to
    // write instead; everything else is the SPDX grammar as specified.
    let mode = ParseMode { allow_deprecated: true, allow_postfix_plus_on_gpl: true, ..ParseMode::STRICT };
    let parsed = match spdx::Expression::parse_mode(expr, mode) {
        Ok(p) => p,
        Err(e) => return vec![parse_problem(expr, &e)],
    };
    let mut problems = Vec::new();
    for r in parsed.requirements() {
        let LicenseItem::Spdx { id, or_later } = r.req.license else { continue };
        let (start, end) = (r.span.start as usize, r.span.end as usize);
        // The span leaves out a `+` (`GPL-2.0+`, read as `GPL-2.0-or-later`).
        let plus = expr[end..].starts_with('+');
        let written = &expr[start..end + usize::from(plus)];
        if id.is_deprecated() {
            problems.push(Problem::Deprecated { id: written.to_string(), instead: instead_of(id, or_later || plus) });
        } else if plus && id.is_gnu() {
            problems.push(Problem::Deprecated { id: written.to_string(), instead: vec![id.name.to_string()] });
        }
    }
    if !parsed.evaluate(|r| standing_of(r) == Standing::Libre) {
        let named = |s: Standing| -> Vec<String> {
            // Each licence once, in the order written (`dedup` alone keeps non-adjacent repeats).
            let mut v: Vec<String> = Vec::new();
            for r in parsed.requirements().filter(|r| standing_of(&r.req) == s) {
                let id = &expr[r.span.start as usize..r.span.end as usize];
                if !v.iter().any(|x| x == id) {
                    v.push(id.to_string());
                }
            }
            v
        };
        if parsed.evaluate(|r| standing_of(r) != Standing::NotLibre) {
            problems.push(Problem::Unreviewed { ids: named(Standing::Unreviewed) });
        } else {
            problems.push(Problem::NotLibre { ids: named(Standing::NotLibre) });
        }
    }
    problems
}

/// The precise identifiers to write for a deprecated one.
fn instead_of(id: LicenseId, or_later: bool) -> Vec<String> {
    let base = id.name.trim_end_matches('+');
    if id.is_gnu() {
        let later = or_later || id.name.ends_with('+');
        let mut v: Vec<String> = Vec::new();
        if !later && let Some(only) = spdx::gnu_license_id(base, false) {
            v.push(only.name.to_string());
        }
        if let Some(l) = spdx::gnu_license_id(base, true) {
            v.push(l.name.to_string());
        }
        return v;
    }
    Vec::new()
}

fn parse_problem(expr: &str, e: &spdx::ParseError) -> Problem {
    use spdx::error::Reason;
    let word = expr.get(e.span.clone()).unwrap_or(expr).trim().to_string();
    match e.reason {
        Reason::UnknownTerm if !expr[..e.span.start.min(expr.len())].trim_end().to_ascii_uppercase().ends_with("WITH") => Problem::Unknown { near: near_licences(&word), word },
        Reason::UnknownLicense => Problem::Unknown { near: near_licences(&word), word },
        Reason::UnknownTerm | Reason::UnknownException => {
            let names = spdx::identifiers::EXCEPTIONS.iter().map(|x| x.name);
            Problem::UnknownException { near: crate::diag::closest(&word, names, 3), word }
        }
        _ => Problem::Malformed { at: if word.is_empty() { expr.trim().to_string() } else { word } },
    }
}

/// The identifiers an unknown word may be: the same letters in another case (`mit`), the
/// common names SPDX maps to an identifier (`GPLv3`, `Apache 2`), then close spellings.
fn near_licences(word: &str) -> Vec<String> {
    let names = || spdx::identifiers::LICENSES.iter().map(|l| l.name);
    if let Some(same) = names().find(|n| n.eq_ignore_ascii_case(word)) {
        return vec![same.to_string()];
    }
    if let Some((id, len)) = spdx::imprecise_license_id(word)
        && len == word.len()
    {
        return if id.is_deprecated() { instead_of(id, false) } else { vec![id.name.to_string()] };
    }
    crate::diag::closest(word, names().filter(|n| !spdx::license_id(n).is_some_and(|l| l.is_deprecated())), 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libre_expressions_pass() {
        for e in ["AGPL-3.0-or-later", "MIT OR Apache-2.0", "(MPL-2.0 AND LGPL-2.1-or-later) OR GPL-2.0-only WITH Classpath-exception-2.0", "CC-BY-SA-4.0", "etalab-2.0", "WTFPL", "GPL-1.0-or-later"] {
            assert_eq!(check(e), vec![], "{e}");
        }
    }

    #[test]
    fn deprecated_ids_name_the_precise_ones() {
        assert_eq!(check("GPL-3.0"), vec![Problem::Deprecated { id: "GPL-3.0".into(), instead: vec!["GPL-3.0-only".into(), "GPL-3.0-or-later".into()] }]);
        assert_eq!(check("AGPL-3.0"), vec![Problem::Deprecated { id: "AGPL-3.0".into(), instead: vec!["AGPL-3.0-only".into(), "AGPL-3.0-or-later".into()] }]);
        assert_eq!(check("GPL-2.0+"), vec![Problem::Deprecated { id: "GPL-2.0+".into(), instead: vec!["GPL-2.0-or-later".into()] }]);
    }

    #[test]
    fn policy() {
        assert_eq!(check("SSPL-1.0"), vec![Problem::NotLibre { ids: vec!["SSPL-1.0".into()] }]);
        assert_eq!(check("CC-BY-NC-SA-4.0"), vec![Problem::NotLibre { ids: vec!["CC-BY-NC-SA-4.0".into()] }]);
        // One libre choice is enough; every part of an AND must be libre.
        assert_eq!(check("BUSL-1.1 OR MIT"), vec![]);
        assert_eq!(check("BUSL-1.1 AND MIT"), vec![Problem::NotLibre { ids: vec!["BUSL-1.1".into()] }]);
        assert_eq!(check("Sendmail"), vec![Problem::Unreviewed { ids: vec!["Sendmail".into()] }]);
        assert_eq!(check("LicenseRef-Licences-libres-multiples"), vec![]);
    }

    #[test]
    fn unknown_words_get_suggestions() {
        assert_eq!(check("mit"), vec![Problem::Unknown { word: "mit".into(), near: vec!["MIT".into()] }]);
        assert_eq!(check("GPLv3"), vec![Problem::Unknown { word: "GPLv3".into(), near: vec!["GPL-3.0-only".into()] }]);
        assert!(matches!(&check("Apache-2")[..], [Problem::Unknown { near, .. }] if near.first().map(String::as_str) == Some("Apache-2.0")));
        assert!(matches!(&check("MIT OR")[..], [Problem::Malformed { .. }]));
        assert!(matches!(&check("")[..], [Problem::Malformed { .. }]));
        assert!(matches!(&check("GPL-2.0-only WITH Classpath-exception")[..], [Problem::UnknownException { near, .. }] if near.first().map(String::as_str) == Some("Classpath-exception-2.0")));
    }
}
