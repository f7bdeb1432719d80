//! `content/site.yaml`: the site's settings (spec §2.1), read and checked.

use super::fields::{Cx, Obj};
use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::model::{Budget, Pos, Repository, Site, Written};
use crate::tr;

pub fn site(text: &str, file: &str, lang: Lang, d: &mut Vec<Diagnostic>) -> Option<Site> {
    let node = match crate::yaml::parse(text, 0) {
        Ok(n) => n,
        Err(e) => {
            d.push(super::yaml_messages::yaml_error(&e, file, lang));
            return None;
        }
    };
    let wording = crate::diag::Wording::all();
    let mut cx = Cx { file, shared: file.into(), src: text, lang, diags: d, wording: &wording };
    let o = cx.obj(&node, "", &["title", "description", "language", "theme", "base_url", "budget", "list_size", "stale_after_months", "groups", "repository", "include", "exclude"])?;
    let mut s = Site::default();
    s.title = cx.text(&o, "title", true).unwrap_or(s.title);
    s.description = cx.text(&o, "description", false).unwrap_or_default();
    if let Some(l) = cx.choice::<Lang>(&o, "language", false) {
        s.language = l;
    }
    if let Some(t) = cx.text(&o, "theme", false) {
        if crate::util::slug::slug_problem(&t).is_some() {
            let n = o.get("theme").unwrap();
            cx.err("bad-theme", n, tr!(lang, "nom de thème invalide `{t}`", "invalid theme name `{t}`"), Some(lang.t("un nom de dossier de `themes/` : minuscules, chiffres, tirets", "a folder name of `themes/`: lowercase, digits, hyphens").into()));
        } else {
            s.theme = t;
        }
    }
    if let Some(u) = cx.url(&o, "base_url", false) {
        s.base_url = Some(if u.ends_with('/') { u } else { format!("{u}/") });
    }
    if let Some(b) = o.get("budget").and_then(|n| cx.obj(n, "budget", &["page_kb", "css_kb"])) {
        s.budget = Some(Budget { page_kb: positive(&mut cx, &b, "page_kb"), css_kb: positive(&mut cx, &b, "css_kb") });
    }
    if let Some(n) = positive(&mut cx, &o, "list_size") {
        s.list_size = (n as usize).max(10);
    }
    if let Some(n) = positive(&mut cx, &o, "stale_after_months") {
        s.stale_after_months = n as u32;
    }
    s.groups = cx.texts(&o, "groups", false).into_iter().map(|(g, _)| g).collect();
    if let Some(r) = o.get("repository").and_then(|n| cx.obj(n, "repository", &["url", "branch"])) {
        let branch = cx.text(&r, "branch", false).unwrap_or_else(|| "main".into());
        if let Some(url) = cx.url(&r, "url", true) {
            s.repository = Some(Repository { url: url.trim_end_matches('/').to_string(), branch });
        }
    }
    // Layers are resolved by the loader (`super::layers`), which reads the included folders.
    let shared: std::sync::Arc<str> = file.into();
    for (key, list) in [("include", &mut s.include), ("exclude", &mut s.exclude)] {
        *list = cx.texts(&o, key, false).into_iter().map(|(text, n)| Written { text, pos: Pos { file: shared.clone(), line: n.line, col: n.col } }).collect();
    }
    Some(s)
}

fn positive(cx: &mut Cx, o: &Obj, key: &str) -> Option<f64> {
    let lang = cx.lang;
    let v = cx.number(o, key)?;
    if v > 0.0 {
        Some(v)
    } else {
        let field = o.field(key);
        let example = match key {
            "list_size" => "100",
            "stale_after_months" => "18",
            "page_kb" => "14",
            "css_kb" => "8",
            _ => "10",
        };
        cx.err("bad-value", o.get(key)?, tr!(lang, "`{field}` doit être un nombre positif", "`{field}` must be a positive number"), Some(tr!(lang, "par exemple `{key}: {example}`", "for example `{key}: {example}`")));
        None
    }
}
