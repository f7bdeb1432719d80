//! Markdown → safe HTML. Content is untrusted: raw HTML becomes visible text, only http(s),
//! mailto and relative links to other records survive, images are refused, and a level-1
//! heading becomes level 2 (the page has its own `h1`).

use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::model::Body;
use crate::tr;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// How links in one body resolve.
pub struct Links<'a> {
    /// Every record file, content-relative (`providers/chapril.md`).
    pub known: &'a HashSet<String>,
    /// The pages built from the directory as a whole that a text may link to
    /// ([`crate::render::site_pages`]).
    pub site_pages: &'a HashSet<String>,
    /// Folder of the file being rendered (`alternatives`), content-relative.
    pub from_dir: &'a str,
    /// Prefix from the output page to the site root (`../`).
    pub prefix: &'a str,
    /// The glossary, when the first use of each of its words links to its definition.
    pub words: Option<&'a crate::glossary::Words>,
    /// Records this edition leaves out (`section/slug`): a link to one is kept as plain text.
    pub excluded: Option<&'a std::collections::BTreeSet<String>>,
}

pub struct Rendered {
    pub html: String,
    pub diags: Vec<Diagnostic>,
}

/// The Markdown phase: renders every record's body to HTML, stored on the record (its Markdown
/// then dropped), in parallel. `known` is every record file found, content-relative, even
/// those that failed their own checks (a link to one is not a link to a missing file).
pub fn render_all(dir: &mut crate::model::Directory, known: &HashSet<String>, lang: Lang) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let words = crate::glossary::Words::new(&dir.glossary);
    let site_pages = crate::site_pages::all(dir);
    // A copy (empty but in editions that exclude): the bodies are borrowed mutably below.
    let excluded = &dir.excluded.clone();
    let mut bodies = dir.bodies_mut();
    let diags: Vec<Vec<Diagnostic>> = bodies
        .par_iter_mut()
        .with_max_len(16)
        .map(|(section, pos, body)| {
            // Definitions are shown together on `glossaire.html`, at the site's root; the
            // pages a visitor reads link the words they use (criteria and tools are short
            // texts shown beside others).
            let (from_dir, prefix, linked) = match *section {
                "glossary" => ("glossary", "", false),
                "needs" | "alternatives" | "providers" | "pages" => (*section, "../", !words.is_empty()),
                "needs/look_for" => ("needs", "../", false),
                s => (s, "../", false),
            };
            let links = Links { known, site_pages: &site_pages, from_dir, prefix, words: linked.then_some(&words), excluded: Some(excluded) };
            let out = render(body, &pos.file, &links, lang);
            body.html = out.html;
            if *section == "needs/look_for" {
                // One line of a list: its paragraph is the list item.
                body.html = inline(&body.html);
            }
            body.text = String::new();
            out.diags
        })
        .collect();
    diags.into_iter().flatten().collect()
}

/// The HTML of a one-paragraph text without its `<p>`: a list item, a table cell.
pub fn inline(html: &str) -> String {
    let t = html.trim_end();
    match t.strip_prefix("<p>").and_then(|x| x.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}

/// What is wrong with a link target, if anything.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkProblem {
    Scheme(String),
    /// An allowed scheme, but not a usable address (`https:/exemple.org`, `mailto:`).
    Malformed,
    Spaces,
    External,
    NotARecord,
    Missing(String),
    OutsideContent,
    /// A web address without `https://` (`www.exemple.org`).
    NoScheme,
}

/// Classifies a link destination: `Ok(Some(path))` for a record (content-relative), `Ok(None)`
/// for an allowed external link or fragment.
pub fn classify(dest: &str, from_dir: &str, known: &HashSet<String>, site_pages: &HashSet<String>) -> Result<Option<(String, String)>, LinkProblem> {
    if dest.chars().any(|c| c.is_control() || c.is_whitespace()) || dest.contains('\\') {
        return Err(LinkProblem::Spaces);
    }
    if let Some(scheme) = scheme_of(dest) {
        let scheme = scheme.to_ascii_lowercase();
        return match scheme.as_str() {
            "http" | "https" if crate::util::url::is_web_url(dest) => Ok(None),
            "mailto" if dest.len() > 7 => Ok(None),
            "http" | "https" | "mailto" => Err(LinkProblem::Malformed),
            _ => Err(LinkProblem::Scheme(scheme)),
        };
    }
    if dest.starts_with("//") {
        return Err(LinkProblem::External);
    }
    if crate::util::url::lacks_scheme(dest) {
        return Err(LinkProblem::NoScheme);
    }
    if dest.starts_with('#') || dest.is_empty() {
        return Ok(None);
    }
    let (path, frag) = match dest.split_once('#') {
        Some((p, f)) => (p, format!("#{f}")),
        None => (dest, String::new()),
    };
    if path.starts_with('/') {
        return Err(LinkProblem::OutsideContent);
    }
    let mut parts: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(LinkProblem::OutsideContent);
                }
            }
            s => parts.push(s),
        }
    }
    let resolved = parts.join("/");
    if site_pages.contains(&resolved) {
        return Ok(Some((resolved, frag)));
    }
    if !(resolved.ends_with(".md") || resolved.ends_with(".yaml")) {
        return Err(LinkProblem::NotARecord);
    }
    if !known.contains(&resolved) {
        return Err(LinkProblem::Missing(resolved));
    }
    // The glossary's words have no page each: they are anchors of one page.
    if let Some(word) = resolved.strip_prefix("glossary/").and_then(|f| f.strip_suffix(".md")) {
        return Ok(Some((crate::site_pages::GLOSSARY_PAGE.to_string(), format!("#{word}"))));
    }
    let html = match resolved.rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.html"),
        None => resolved,
    };
    Ok(Some((html, frag)))
}

/// The URL scheme, if the destination has one (`javascript`, `http`…).
fn scheme_of(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let head = &dest[..colon];
    let first = head.chars().next()?;
    (first.is_ascii_alphabetic() && head.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))).then_some(head)
}

pub fn render(body: &Body, file: &str, links: &Links, lang: Lang) -> Rendered {
    let mut diags = Vec::new();
    let text = &body.text;
    if text.trim().is_empty() {
        return Rendered { html: String::new(), diags };
    }
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    // Line and column of a byte offset; only messages need them.
    let pos = |offset: usize| -> (u32, u32) {
        let offset = offset.min(text.len());
        let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let idx = text.as_bytes()[..line_start].iter().filter(|b| **b == b'\n').count();
        let col = text[line_start..offset].chars().count() as u32 + 1;
        (body.first_line + idx as u32, col + body.indent)
    };
    // An invisible control character would reach the page as is (and make it invalid HTML).
    // C0 controls and DEL are single bytes, C1 controls start with 0xC2: most texts have
    // neither byte, and need no look at their characters.
    let suspect = crate::util::bytes::any(text.as_bytes(), |b| (b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r')) || b == 0x7F || b == 0xC2);
    if let Some((offset, c)) = text.char_indices().filter(|_| suspect).find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
        let (line, col) = pos(offset);
        let code = c as u32;
        diags.push(
            Diagnostic::error("control-char", file, line, col, tr!(lang, "le texte contient un caractère de contrôle invisible (U+{code:04X})", "the text holds an invisible control character (U+{code:04X})"))
                .hint(lang.t("retapez ce passage sans copier-coller", "retype this passage instead of pasting it")),
        );
    }
    // Whether each open link/image was dropped, to drop its end tag too.
    let mut dropped: Vec<bool> = Vec::new();
    let mut in_image = 0usize;
    let mut events: Vec<Event> = Vec::new();
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Text(h)),
            // Column alignment would come out as a `style` attribute: content never styles.
            Event::Start(Tag::Table(aligns)) => events.push(Event::Start(Tag::Table(vec![pulldown_cmark::Alignment::None; aligns.len()]))),
            // Footnote ids are prefixed so that a note named `contenu` never takes an id of the
            // page itself (the skip link's target).
            Event::FootnoteReference(label) => events.push(Event::FootnoteReference(CowStr::from(format!("note-{label}")))),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(CowStr::from(format!("note-{label}")))))
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H1, id, classes, attrs }) => {
                events.push(Event::Start(Tag::Heading { level: HeadingLevel::H2, id, classes, attrs }))
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => events.push(Event::End(TagEnd::Heading(HeadingLevel::H2))),
            Event::Start(Tag::Image { dest_url, .. }) => {
                let (line, col) = pos(range.start);
                let dest = dest_url.to_string();
                diags.push(
                    Diagnostic::error("image", file, line, col, tr!(lang, "image refusée (`{dest}`) : le site n'affiche pas d'images", "image refused (`{dest}`): the site shows no images"))
                        .hint(lang.t("écrivez un lien `[description](https://…)` à la place de `![…](…)`", "write a link `[description](https://…)` instead of `![…](…)`")),
                );
                in_image += 1;
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                match classify(&dest_url, links.from_dir, links.known, links.site_pages) {
                    Ok(None) => {
                        dropped.push(false);
                        events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                    }
                    Ok(Some((path, frag))) => {
                        dropped.push(false);
                        let href = format!("{}{path}{frag}", links.prefix);
                        events.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from(href), title, id }));
                    }
                    Err(LinkProblem::Missing(p)) if links.excluded.is_some_and(|x| x.contains(p.rsplit_once('.').map_or(p.as_str(), |(stem, _)| stem))) => {
                        // An included text names a record this edition leaves out: its words
                        // stay, without the link; said as a note, the edition cannot edit them.
                        dropped.push(true);
                        let (line, col) = pos(range.start);
                        diags.push(
                            Diagnostic::note("excluded-link", file, line, col, tr!(lang, "lien vers `{p}`, que cette édition exclut : le texte reste, sans lien", "link to `{p}`, which this edition excludes: the words stay, without the link"))
                                .hint(lang.t("rien à faire, sauf si le texte n'a plus de sens : remplacez alors cette fiche par une version de ce site", "nothing to do, unless the text no longer makes sense: then replace this record by a version of this site")),
                        );
                    }
                    Err(problem) => {
                        dropped.push(true);
                        let (line, col) = pos(range.start);
                        diags.push(link_diag(problem, &dest_url, file, line, col, lang));
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            e if in_image > 0 => {
                // The image's alt text stays, as plain text.
                if let Event::Text(t) = e {
                    events.push(Event::Text(t));
                }
            }
            e => events.push(e),
        }
    }
    if let Some(words) = links.words {
        events = link_first_uses(events, words, links.prefix);
    }
    let mut html = String::with_capacity(text.len() + text.len() / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // Kept until the pages are written: held at its size, not at its guess.
    html.shrink_to_fit();
    Rendered { html, diags }
}

/// Links the first use of each glossary word in the text to its definition. Text already in a
/// link, a heading or code is left alone; pieces of text that the parser split are joined
/// first, so that a word of several words is found whole.
fn link_first_uses<'e>(events: Vec<Event<'e>>, words: &crate::glossary::Words, prefix: &str) -> Vec<Event<'e>> {
    let mut seen = vec![false; words.count()];
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut closed = 0usize;
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Event<'e>>, seen: &mut [bool], closed: usize| {
        if text.is_empty() {
            return;
        }
        if closed > 0 {
            out.push(Event::Text(CowStr::from(std::mem::take(text))));
            return;
        }
        for (piece, word) in words.first_uses(text, seen) {
            match word {
                Some(i) => {
                    let href = format!("{prefix}{}#{}", crate::site_pages::GLOSSARY_PAGE, words.slugs[i]);
                    out.push(Event::Start(Tag::Link { link_type: pulldown_cmark::LinkType::Inline, dest_url: CowStr::from(href), title: CowStr::from(""), id: CowStr::from("") }));
                    out.push(Event::Text(CowStr::from(piece.to_string())));
                    out.push(Event::End(TagEnd::Link));
                }
                None => out.push(Event::Text(CowStr::from(piece.to_string()))),
            }
        }
        text.clear();
    };
    for ev in events {
        match ev {
            Event::Text(t) => text.push_str(&t),
            ev => {
                flush(&mut text, &mut out, &mut seen, closed);
                match &ev {
                    Event::Start(Tag::Link { .. } | Tag::Heading { .. } | Tag::CodeBlock(_)) => closed += 1,
                    Event::End(TagEnd::Link | TagEnd::Heading(_) | TagEnd::CodeBlock) => closed = closed.saturating_sub(1),
                    _ => {}
                }
                out.push(ev);
            }
        }
    }
    flush(&mut text, &mut out, &mut seen, closed);
    out
}

fn link_diag(problem: LinkProblem, dest: &str, file: &str, line: u32, col: u32, lang: Lang) -> Diagnostic {
    let shown: String = dest.chars().filter(|c| !c.is_control()).take(80).collect();
    let (msg, hint) = match problem {
        LinkProblem::Scheme(s) => (
            tr!(lang, "lien refusé `{shown}` : le protocole `{s}:` n'est pas permis", "link refused `{shown}`: the `{s}:` scheme is not allowed"),
            lang.t("seuls les liens `https://`, `http://`, `mailto:` et les liens vers d'autres fiches (`../providers/nom.md`) sont permis", "only `https://`, `http://`, `mailto:` links and links to other records (`../providers/name.md`) are allowed").to_string(),
        ),
        LinkProblem::Malformed => (
            tr!(lang, "lien refusé `{shown}` : adresse mal formée", "link refused `{shown}`: malformed address"),
            lang.t("une adresse complète comme `https://exemple.org/page` ou `mailto:contact@exemple.org`", "a full address such as `https://example.org/page` or `mailto:contact@example.org`").to_string(),
        ),
        LinkProblem::Spaces => (
            tr!(lang, "lien refusé `{shown}` : il contient des espaces, des caractères invisibles ou des `\\`", "link refused `{shown}`: it holds spaces, invisible characters or `\\`"),
            lang.t("retapez l'adresse sans espaces ; écrivez `%20` pour une espace", "retype the address without spaces; write `%20` for a space").to_string(),
        ),
        LinkProblem::External => (
            tr!(lang, "lien refusé `{shown}` : adresse sans protocole", "link refused `{shown}`: address without a scheme"),
            lang.t("écrivez l'adresse complète avec `https://`", "write the full address with `https://`").to_string(),
        ),
        LinkProblem::NoScheme => (
            tr!(lang, "lien `{shown}` : adresse web sans `https://`", "link `{shown}`: web address without `https://`"),
            tr!(lang, "écrivez l'adresse complète : `https://{shown}`", "write the full address: `https://{shown}`"),
        ),
        LinkProblem::NotARecord => (
            tr!(lang, "lien `{shown}` : ce n'est pas une fiche du contenu", "link `{shown}`: not a record of the content"),
            lang.t("un lien interne vise le fichier source d'une fiche, par exemple `../providers/chapril.md`, ou une page de l'annuaire comme `../grilles/visioconference.html` ou `../je-remplace.html`", "an internal link names a record's source file, for example `../providers/chapril.md`, or a page of the directory such as `../grilles/visioconference.html` or `../je-remplace.html`").to_string(),
        ),
        LinkProblem::Missing(p) => (
            tr!(lang, "lien vers une fiche qui n'existe pas : `{p}`", "link to a record that does not exist: `{p}`"),
            lang.t("vérifiez le nom du fichier (minuscules, tirets) et le dossier (`../alternatives/`, `../providers/`…)", "check the file name (lowercase, hyphens) and the folder (`../alternatives/`, `../providers/`…)").to_string(),
        ),
        LinkProblem::OutsideContent => (
            tr!(lang, "lien `{shown}` : il sort du dossier du contenu", "link `{shown}`: it leaves the content folder"),
            lang.t("un lien interne est relatif, par exemple `../needs/visioconference.md`", "an internal link is relative, for example `../needs/visioconference.md`").to_string(),
        ),
    };
    Diagnostic::error("bad-link", file, line, col, msg).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> HashSet<String> {
        ["providers/chapril.md".to_string()].into_iter().collect()
    }

    fn html(md: &str) -> (String, usize) {
        let k = known();
        let links = Links { known: &k, site_pages: &HashSet::new(), from_dir: "alternatives", prefix: "../", words: None, excluded: None };
        let r = render(&Body { text: md.into(), first_line: 5, indent: 0, html: String::new() }, "f.md", &links, Lang::En);
        (r.html, r.diags.len())
    }

    /// Control characters are looked for by blocks of 64 bytes: found in any block, at its
    /// edges and in a short last block, with their position.
    #[test]
    fn control_characters_are_found_in_any_block() {
        for at in [0, 1, 62, 63, 64, 65, 127, 128, 200] {
            for c in ['\u{7f}', '\u{85}', '\u{1b}'] {
                let k = known();
                let links = Links { known: &k, site_pages: &HashSet::new(), from_dir: "alternatives", prefix: "../", words: None, excluded: None };
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(7));
                let r = render(&Body { text, first_line: 5, indent: 0, html: String::new() }, "f.md", &links, Lang::En);
                assert_eq!(r.diags.len(), 1, "U+{:04X} after {at} bytes", c as u32);
                assert_eq!((r.diags[0].line, r.diags[0].column), (5, at as u32 + 1));
            }
        }
        assert_eq!(html(&"é ".repeat(100)).1, 0);
    }

    #[test]
    fn raw_html_is_text() {
        let (h, n) = html("<script>alert(1)</script>\n\nhi <b onclick=x>b</b>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<b"), "{h}");
        assert_eq!(n, 0);
    }

    #[test]
    fn links_are_checked_and_rewritten() {
        assert_eq!(html("[c](../providers/chapril.md#x)").0, "<p><a href=\"../providers/chapril.html#x\">c</a></p>\n");
        for bad in ["[x](javascript:alert(1))", "[x](JaVaScRiPt:x)", "[x](data:text/html,x)", "[x](../providers/nope.md)", "[x](//evil.org)", "![i](https://x.org/i.png)", "[x](vbscript:x)", "[x](file:///etc/passwd)", "[x](../../etc.md)"] {
            let (h, n) = html(bad);
            assert_eq!(n, 1, "{bad}");
            assert!(!h.contains("href"), "{bad}: {h}");
        }
    }

    #[test]
    fn table_alignment_adds_no_style() {
        // Found by the markdown fuzzer: `|--:|` gave `<th style="text-align: right">`.
        let (h, _) = html("| a | b |\n|--:|:-:|\n| 1 | 2 |\n");
        assert!(!h.contains("style"), "{h}");
        assert!(h.contains("<table>"), "{h}");
    }

    #[test]
    fn control_characters_are_reported() {
        let (_, n) = html("text\u{7f} more");
        assert_eq!(n, 1);
    }

    #[test]
    fn h1_becomes_h2() {
        assert_eq!(html("# T").0, "<h2>T</h2>\n");
    }
}

/// Elements that run code, load content or change the page's look: never in rendered content.
const ACTIVE_TAGS: [&str; 17] = [
    "script", "iframe", "embed", "object", "style", "form", "input", "button", "link", "meta", "base", "svg", "math",
    "frame", "frameset", "img", "textarea",
];

/// The first active thing in `html` (an element of [`ACTIVE_TAGS`], an `on*` or `style`
/// attribute, a URL with a scheme other than http, https or mailto), if any. Used by the
/// fuzzers and tests as the property every rendered body must keep.
pub fn active_content(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = &after[..end];
        rest = &after[end..];
        let tag = tag.trim_start_matches('/');
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if ACTIVE_TAGS.contains(&name.as_str()) {
            return Some(format!("<{name}>"));
        }
        // Attributes: name="value" pairs; pulldown-cmark always quotes with ".
        let mut attrs = &tag[name.len().min(tag.len())..];
        while let Some(eq) = attrs.find('=') {
            let attr = attrs[..eq].trim().to_ascii_lowercase();
            let value_start = &attrs[eq + 1..];
            let (value, next) = match value_start.strip_prefix('"') {
                Some(v) => match v.find('"') {
                    Some(q) => (&v[..q], &v[q + 1..]),
                    None => (v, ""),
                },
                None => {
                    let e = value_start.find(char::is_whitespace).unwrap_or(value_start.len());
                    (&value_start[..e], &value_start[e..])
                }
            };
            if attr.starts_with("on") || attr == "style" || attr == "srcdoc" || attr == "formaction" {
                return Some(format!("attribute {attr}"));
            }
            if attr == "href" || attr == "src" || attr == "action" {
                let v = value.replace("&amp;", "&").to_ascii_lowercase();
                let v: String = v.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                if let Some(scheme) = scheme_of(&v)
                    && !matches!(scheme, "http" | "https" | "mailto")
                {
                    return Some(format!("{attr}={value}"));
                }
                if v.starts_with("&#") || v.starts_with("//") {
                    return Some(format!("{attr}={value}"));
                }
            }
            attrs = next;
        }
    }
    None
}

#[cfg(test)]
mod active_tests {
    use super::active_content;

    #[test]
    fn finds_active_content() {
        assert!(active_content("<p>a &lt;script&gt;</p>").is_none());
        assert!(active_content(r#"<a href="https://x.org">x</a>"#).is_none());
        assert!(active_content("<script>x</script>").is_some());
        assert!(active_content(r#"<a href="javascript:x">x</a>"#).is_some());
        assert!(active_content(r#"<p onclick="x">"#).is_some());
        assert!(active_content(r#"<p style="x">"#).is_some());
        assert!(active_content(r#"<IFRAME src="x">"#).is_some());
    }
}
