//! The forge's issue forms of a site, kept in step with its content: the "needs" dropdown of the
//! forms that propose a provider or an alternative lists the site's own needs (`init` writes
//! them for the new site; a test keeps this repository's forms in step with `content/needs/`).

use std::path::Path;

/// The forms that have a "needs" dropdown (`id: besoins`).
pub const WITH_NEEDS: [&str; 2] = [".forgejo/ISSUE_TEMPLATE/proposer-alternative.yaml", ".forgejo/ISSUE_TEMPLATE/proposer-prestataire.yaml"];

/// `"Visioconférence (visioconference)"` for each need of `content/needs/`, in file order.
pub fn need_options(content: &Path) -> Vec<String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(content.join("needs")).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md" || x == "yaml")).collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let id = p.file_stem()?.to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p).ok()?;
            let name = text.lines().find_map(|l| l.strip_prefix("name:"))?.trim().trim_matches(['"', '\'']).to_string();
            Some(format!("{name} ({id})"))
        })
        .collect()
}

/// Whether an option names a need: `"… (slug)"`.
pub fn is_need(option: &str) -> bool {
    option.trim_end_matches('"').strip_suffix(')').and_then(|o| o.rsplit_once(" (")).is_some_and(|(_, id)| crate::util::slug::slug_problem(id).is_none())
}

/// The option lines of the dropdown `id`: where they start in `form`, and their length.
fn option_lines(form: &str, id: &str) -> Option<(usize, usize)> {
    let at = form.find(&format!("id: {id}\n"))?;
    let start = at + form[at..].find("options:\n")? + "options:\n".len();
    let first = form[start..].lines().next()?;
    let prefix = &first[..first.len() - first.trim_start().len()];
    let len = form[start..].lines().take_while(|l| l.starts_with(prefix) && l[prefix.len()..].starts_with("- ")).map(|l| l.len() + 1).sum();
    Some((start, len))
}

/// The options of the dropdown `id` in a form, as written (quotes removed).
pub fn options(form: &str, id: &str) -> Vec<String> {
    let Some((start, len)) = option_lines(form, id) else { return Vec::new() };
    form[start..start + len].lines().map(|l| l.trim_start().trim_start_matches("- ").trim().trim_matches('"').replace("\\\"", "\"")).collect()
}

/// `form` with the options of the dropdown `id` replaced by `new`, followed by the options it
/// had that name no need (such as "Autre besoin, ou je ne sais pas").
pub fn with_options(form: &str, id: &str, new: &[String]) -> String {
    let Some((opts, old_len)) = option_lines(form, id) else { return form.to_string() };
    let indent: String = form[opts..].chars().take_while(|c| *c == ' ').collect();
    let kept: Vec<String> = form[opts..opts + old_len].lines().filter(|l| !is_need(l.trim())).map(str::to_string).collect();
    let mut out = String::from(&form[..opts]);
    for o in new {
        out.push_str(&format!("{indent}- \"{}\"\n", o.replace('"', "\\\"")));
    }
    for k in kept {
        out.push_str(&k);
        out.push('\n');
    }
    out.push_str(&form[opts + old_len..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_list_the_needs_of_content() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let needs = need_options(&root.join("content"));
        assert!(needs.len() > 30, "{needs:?}");
        for f in WITH_NEEDS {
            let form = std::fs::read_to_string(root.join(f)).unwrap();
            let mut listed: Vec<String> = options(&form, "besoins").into_iter().filter(|o| is_need(o)).collect();
            let mut want = needs.clone();
            listed.sort();
            want.sort();
            assert_eq!(listed, want, "{f} must list the needs of content/needs/ (regenerate the dropdown)");
        }
    }

    #[test]
    fn options_are_replaced_and_the_others_kept() {
        let form = "  - type: dropdown\n    id: besoins\n    attributes:\n      options:\n        - \"A (a)\"\n        - \"Autre besoin\"\n  - type: input\n";
        let new = with_options(form, "besoins", &["B (b)".to_string(), "C (c)".to_string()]);
        assert_eq!(options(&new, "besoins"), ["B (b)", "C (c)", "Autre besoin"]);
        assert!(new.ends_with("  - type: input\n"));
    }
}
