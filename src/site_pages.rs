//! The pages that the build makes from the directory as a whole (not one per record), named
//! once: the renderer writes them there, and texts may link to them
//! (`../grilles/visioconference.html`), which the Markdown phase checks against this list.

/// The glossary's page: links to its words (`../glossary/instance.md`, first uses) name it.
pub const GLOSSARY_PAGE: &str = "glossaire.html";

/// The pages that the build makes from the directory as a whole, which a record's text may
/// link to (`../grilles/visioconference.html`, `../je-remplace.html`), content-relative: the
/// first page of each, always built whatever the content holds.
pub fn all(dir: &crate::model::Directory) -> std::collections::HashSet<String> {
    let mut v: std::collections::HashSet<String> =
        ["index.html", "je-remplace.html", GLOSSARY_PAGE, "regions.html", "a-z.html", "a-verifier.html", "print.html", "donnees.html"].into_iter().map(String::from).collect();
    v.extend(dir.needs.keys().map(|n| format!("grilles/{n}.html")));
    v.extend(crate::catalogue::Access::ALL.iter().map(|a| format!("acces/{}.html", a.slug())));
    v.extend(crate::geo::REGIONS.iter().map(|r| format!("regions/{}.html", r.0.to_ascii_lowercase())));
    v.extend(crate::geo::DEPARTMENTS.iter().map(|d| format!("departements/{}.html", d.0.to_ascii_lowercase())));
    v
}
