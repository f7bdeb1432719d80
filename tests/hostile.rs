//! Hostile input: content arrives by merge request from anyone. Each test feeds one hostile
//! input to the real binary and asserts a clear diagnostic (file, and line when there is one),
//! a non-zero exit, no panic, and — for `build` — that the site already in the output folder is
//! left byte-identical. A few inputs must on the contrary be accepted and read correctly.
//!
//! Hostile inputs are built in temporary folders from a copy of the small valid site of
//! `tests/fixtures/check/base/content/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const NOT_BUILT: &str = "Le site n'a pas été construit ; `public` est inchangé.";

mod common;

use common::*;

/// `check` reports exactly `expected` and exits 1; then `build` fails the same way and leaves
/// the site already in `public/` byte-identical, with no half-written tree beside it.
#[track_caller]
fn assert_refused(s: &Site, expected: &[&str]) {
    let public = s.root().join("public");
    assert!(public.join("index.html").is_file(), "the test must start from a built site (Site::built)");
    let before = tree(&public);
    let o = s.check();
    assert_eq!(diags(&o.stderr), expected, "check report:\n{}", o.stderr);
    assert_eq!(o.status, 1, "check exit code; report:\n{}", o.stderr);
    let o = s.build();
    assert_eq!(o.status, 1, "build exit code; report:\n{}", o.stderr);
    assert_eq!(diags(&o.stderr), expected, "build report:\n{}", o.stderr);
    assert!(o.stderr.ends_with(&format!("{NOT_BUILT}\n")), "{}", o.stderr);
    assert_unchanged(s, &before);
}

#[track_caller]
fn assert_unchanged(s: &Site, before: &BTreeMap<String, Vec<u8>>) {
    let after = tree(&s.root().join("public"));
    assert!(after == *before, "public/ changed: {:?} files before, {:?} after", before.len(), after.len());
    for leftover in [".public.aiguillage-new", ".public.aiguillage-old"] {
        assert!(!s.root().join(leftover).exists(), "{leftover} left behind");
    }
}

/// What in an HTML or XML file could run or load something: script, iframe, style, form,
/// object, embed, img… elements, `on…` attributes, and `href`/`src`/`action` values with a
/// scheme other than http(s) and mailto, or starting with `//`. Attributes are parsed, so that
/// escaped text inside a quoted value (`title="… onclick=…"`) is not mistaken for one.
fn active_markup(html: &str) -> Vec<String> {
    const ELEMENTS: [&str; 12] = ["script", "iframe", "style", "form", "object", "embed", "img", "svg", "math", "base", "frame", "input"];
    let mut found = Vec::new();
    for t in tags(html) {
        let name = &t.name;
        if ELEMENTS.contains(&name.as_str()) {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in &t.attrs {
            if attr.starts_with("on") && attr.len() > 2 {
                found.push(format!("{attr}= on <{name}>"));
            }
            if ["href", "src", "action", "formaction", "data", "srcdoc"].contains(&attr.as_str()) {
                let v = value.to_ascii_lowercase().replace("&#58;", ":").replace("&colon;", ":");
                let scheme = v.split_once(':').map(|(h, _)| h).filter(|h| !h.contains(['/', '#', '?']));
                if scheme.is_some_and(|sc| !["http", "https", "mailto"].contains(&sc)) || v.starts_with("//") || attr == "srcdoc" {
                    found.push(format!("{attr}=\"{v}\" on <{name}>"));
                }
            }
        }
    }
    found
}

#[test]
fn the_active_markup_detector_detects() {
    assert!(active_markup("<p title=\"a onclick=b\">x</p><a href=\"https://a.org/\">y</a>").is_empty());
    for bad in ["<SCRIPT>", "<a href=\"JavaScript:x\">", "<a href='//evil.org'>", "<p onClick=x>", "<p\nonload=\"x\">", "<iframe src=x>", "<a href=data:x>"] {
        assert!(!active_markup(bad).is_empty(), "{bad}");
    }
}

#[track_caller]
fn assert_inert(public: &Path) {
    for (name, bytes) in tree(public) {
        if name.ends_with(".html") || name.ends_with(".xml") {
            let mut text = String::from_utf8(bytes).unwrap();
            if name == "regions.html" {
                // The theme's map: one inline SVG of links, paths and texts, drawn from the
                // geography tables, never from the content. Everything else is scanned.
                let (a, b) = (text.find("<svg").expect("the map"), text.find("</svg>").expect("the map's end") + 6);
                let map = text[a..b].to_string();
                assert_eq!(active_markup(&map), ["<svg>"], "only the map's own svg");
                for tag in ["<script", "<foreignobject", "<use", "<image", "<style", " on"] {
                    assert!(!map.to_ascii_lowercase().contains(tag), "{tag} in the map");
                }
                text.replace_range(a..b, "");
            }
            assert_eq!(active_markup(&text), Vec::<String>::new(), "active markup in {name}");
        }
    }
}

const X: &str = "<script>alert(1)</script><iframe src=\"https://evil.org/\"></iframe><style>body{display:none}</style><b onclick=\"alert(1)\">gras</b><form action=\"https://evil.org/\"><input></form><img src=x onerror=alert(1)>";

// =============================================================================================
// Markup in the content: shown as text, never active

#[test]
fn raw_html_in_a_markdown_body_is_rendered_as_text() {
    let s = Site::built();
    s.append(PROV, &format!("\nTexte {X}\n\n<script>alert(2)</script>\n\n<iframe src=\"https://evil.org/\"></iframe>\n\n<div onclick=\"alert(3)\" style=\"position:fixed\">x</div>\n"));
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    let page = s.page("providers/chapril.html");
    assert!(page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), "{page}");
    // Quotes need no escaping in text (only in attributes): `"` may stay as it is.
    assert!(page.contains("&lt;iframe src=\"https://evil.org/\"&gt;&lt;/iframe&gt;"), "{page}");
    assert!(page.contains("&lt;div onclick=\"alert(3)\" style=\"position:fixed\"&gt;x&lt;/div&gt;"), "{page}");
    assert!(page.contains("&lt;b onclick=\"alert(1)\"&gt;gras&lt;/b&gt;"), "{page}");
    assert_inert(&s.root().join("public"));
}

#[test]
fn raw_html_in_yaml_text_fields_is_escaped() {
    let s = Site::built();
    let q = X.replace('"', "'");
    s.edit(PROV, "name: Chapril", &format!("name: \"Chapril {q}\""));
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", &format!("summary: \"R {}\"", &q[..150]));
    s.edit(PROV, "  respect:\n    status: unknown", &format!("  respect:\n    status: partial\n    evidence: \"E {q}\""));
    s.edit(PROV, "price: {model: free}", &format!("price: {{model: free, note: \"N {q}\"}}"));
    s.edit(PROV, "city: Paris", &format!("city: \"C {q}\""));
    s.edit(PROV, "area: [national, remote]", &format!("area: [national, remote]\nreservations:\n  - text: \"T {q}\"\n    severity: minor\nmemberships: [\"M {q}\"]\naccessibility_features: [\"A {q}\"]"));
    s.edit("tools/zoom.yaml", "vendor: Zoom Video Communications", &format!("vendor: \"V {q}\""));
    s.edit("site.yaml", "title: Annuaire de test", &format!("title: \"S {q}\""));
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    let page = s.page("providers/chapril.html");
    for prefix in ["Chapril ", "E ", "N ", "C ", "T ", "M ", "A "] {
        assert!(page.contains(&format!("{prefix}&lt;script&gt;alert(1)&lt;")), "{prefix}: {page}");
    }
    assert!(s.page("tools/zoom.html").contains("V &lt;script&gt;"));
    assert_inert(&s.root().join("public"));
    // The open data carries the text as written, as data.
    let json = fs::read_to_string(s.root().join("public/data/directory.json")).unwrap();
    assert!(json.contains("Chapril <script>alert(1)</script>"), "{json}");
}

#[test]
fn raw_html_link_with_javascript_is_rendered_as_text() {
    // Not a Markdown link: raw HTML, so shown as text, not an error.
    let s = Site::built();
    s.append(PROV, "Cliquez <a href=\"javascript:alert(1)\">ici</a>.");
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(s.page("providers/chapril.html").contains("&lt;a href=\"javascript:alert(1)\"&gt;ici&lt;/a&gt;"));
    assert_inert(&s.root().join("public"));
}

// =============================================================================================
// Links with a forbidden scheme are refused with an error (body of chapril.md: line 27)

const SCHEME_HINT: &str = "aide : seuls les liens `https://`, `http://`, `mailto:` et les liens vers d'autres fiches (`../providers/nom.md`) sont permis";
const SPACES_HINT: &str = "aide : retapez l'adresse sans espaces ; écrivez `%20` pour une espace";

fn refused_link(md: &str, expected: &[&str]) {
    let s = Site::built();
    s.append(PROV, md);
    assert_refused(&s, expected);
}

#[test]
fn link_javascript_in_mixed_case_is_refused() {
    refused_link(
        "Voir [ici](JaVaScRiPt:alert(1)).",
        &["content/providers/chapril.md:28:6: erreur: lien refusé `JaVaScRiPt:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn link_javascript_with_an_entity_for_the_colon_is_refused() {
    // `&#58;` is `:` once Markdown decodes entities.
    refused_link(
        "[x](javascript&#58;alert(1))",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn link_javascript_with_an_entity_for_a_letter_is_refused() {
    refused_link(
        "[x](&#106;avascript:alert(1))",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn link_javascript_with_a_tab_inside_is_refused() {
    // Browsers drop tabs and newlines from URLs: `java\tscript:` is `javascript:` to them. In
    // angle brackets Markdown makes it a link; it must be refused.
    refused_link(
        "[x](<java\tscript:alert(1)>)",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `javascript:alert(1)` : il contient des espaces, des caractères invisibles ou des `\\`", SPACES_HINT],
    );
}

#[test]
fn link_javascript_with_an_encoded_tab_is_refused() {
    refused_link(
        "[x](jav&#x09;ascript:alert(1))",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `javascript:alert(1)` : il contient des espaces, des caractères invisibles ou des `\\`", SPACES_HINT],
    );
}

#[test]
fn link_javascript_with_a_space_inside_is_refused() {
    refused_link(
        "[x](<java script:alert(1)>)",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `java script:alert(1)` : il contient des espaces, des caractères invisibles ou des `\\`", SPACES_HINT],
    );
}

#[test]
fn link_javascript_with_a_newline_entity_is_refused() {
    refused_link(
        "[x](java&#10;script:alert(1))",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `javascript:alert(1)` : il contient des espaces, des caractères invisibles ou des `\\`", SPACES_HINT],
    );
}

#[test]
fn link_javascript_with_spaces_around_is_refused() {
    refused_link(
        "[x]( javascript:alert(1) )",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn bare_javascript_with_a_raw_tab_is_not_a_link_and_stays_text() {
    // Unbracketed, a tab ends a Markdown link destination: `[x](java\tscript:…)` is not a link
    // at all but plain text. Nothing to refuse: it is shown as typed, with no `href`.
    let s = Site::built();
    s.append(PROV, "[x](java\tscript:alert(1))");
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    let page = s.page("providers/chapril.html");
    assert!(page.contains("[x](java\tscript:alert(1))"), "{page}");
    assert_inert(&s.root().join("public"));
}

#[test]
fn link_data_scheme_is_refused() {
    refused_link(
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==` : le protocole `data:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn link_vbscript_scheme_is_refused() {
    refused_link("[x](VBScript:MsgBox(1))", &["content/providers/chapril.md:28:1: erreur: lien refusé `VBScript:MsgBox(1)` : le protocole `vbscript:` n'est pas permis", SCHEME_HINT]);
}

#[test]
fn link_file_scheme_is_refused() {
    refused_link("[x](file:///etc/passwd)", &["content/providers/chapril.md:28:1: erreur: lien refusé `file:///etc/passwd` : le protocole `file:` n'est pas permis", SCHEME_HINT]);
}

#[test]
fn link_protocol_relative_is_refused() {
    refused_link(
        "[x](//evil.org/page)",
        &["content/providers/chapril.md:28:1: erreur: lien refusé `//evil.org/page` : adresse sans protocole", "aide : écrivez l'adresse complète avec `https://`"],
    );
}

#[test]
fn link_reference_definition_with_javascript_is_refused() {
    // The error points at the use of the reference, where the link is.
    refused_link(
        "Voir [le site][s].\n\n[s]: javascript:alert(1)",
        &["content/providers/chapril.md:28:6: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn autolink_with_javascript_is_refused() {
    refused_link(
        "Voir <https://ok.org/> et <javascript:alert(1)>.",
        &["content/providers/chapril.md:28:27: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn image_is_refused() {
    refused_link(
        "![logo](https://evil.org/x.png)",
        &[
            "content/providers/chapril.md:28:1: erreur: image refusée (`https://evil.org/x.png`) : le site n'affiche pas d'images",
            "aide : écrivez un lien `[description](https://…)` à la place de `![…](…)`",
        ],
    );
}

#[test]
fn image_inside_a_link_is_refused() {
    refused_link(
        "[![logo](https://evil.org/x.png)](https://ok.org/)",
        &[
            "content/providers/chapril.md:28:2: erreur: image refusée (`https://evil.org/x.png`) : le site n'affiche pas d'images",
            "aide : écrivez un lien `[description](https://…)` à la place de `![…](…)`",
        ],
    );
}

#[test]
fn malformed_web_link_is_refused_without_blaming_https() {
    // `https:` is allowed: the message says the address is malformed, not the scheme.
    refused_link(
        "[a](https:/exemple.org) [b](https://ok.org/\"onclick=\"x) [c](mailto:)",
        &[
            "content/providers/chapril.md:28:1: erreur: lien refusé `https:/exemple.org` : adresse mal formée",
            "aide : une adresse complète comme `https://exemple.org/page` ou `mailto:contact@exemple.org`",
            "content/providers/chapril.md:28:25: erreur: lien refusé `https://ok.org/\"onclick=\"x` : adresse mal formée",
            "aide : une adresse complète comme `https://exemple.org/page` ou `mailto:contact@exemple.org`",
            "content/providers/chapril.md:28:57: erreur: lien refusé `mailto:` : adresse mal formée",
            "aide : une adresse complète comme `https://exemple.org/page` ou `mailto:contact@exemple.org`",
        ],
    );
}

#[test]
fn javascript_link_in_a_footnote_is_refused() {
    refused_link(
        "Voir la note[^1].\n\n[^1]: Une note avec [un lien](javascript:alert(1)).",
        &["content/providers/chapril.md:30:21: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn javascript_link_in_a_table_is_refused() {
    refused_link(
        "| a | b |\n|---|---|\n| x | [y](javascript:alert(1)) |",
        &["content/providers/chapril.md:30:7: erreur: lien refusé `javascript:alert(1)` : le protocole `javascript:` n'est pas permis", SCHEME_HINT],
    );
}

#[test]
fn website_with_a_quote_cannot_break_out_of_its_attribute() {
    let s = Site::built();
    s.edit(PROV, "website: https://www.chapril.org/", "website: \"https://evil.org/\\\" onmouseover=alert(1) x=\\\"\"");
    assert_refused(
        &s,
        &[
            "content/providers/chapril.md:4:10: erreur: `website` doit être une adresse web http(s), on trouve `https://evil.org/\" onmouseover=alert(1) x=\"`",
            "aide : une adresse complète comme `https://exemple.org/`",
        ],
    );
}

#[test]
fn link_refused_in_english() {
    let s = Site::new();
    s.append(PROV, "[x](javascript:alert(1))");
    let o = s.run(&["check", "--content", "content", "--lang", "en"]);
    assert_eq!(o.status, 1);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/providers/chapril.md:28:1: error: link refused `javascript:alert(1)`: the `javascript:` scheme is not allowed",
            "help: only `https://`, `http://`, `mailto:` links and links to other records (`../providers/name.md`) are allowed",
        ]
    );
}

#[test]
fn allowed_links_are_kept_and_record_links_rewritten() {
    let s = Site::built();
    s.append(PROV, "[a](https://ok.org/) [b](mailto:a@ok.org) [c](../alternatives/jitsi-meet.md#x) [d](#haut)");
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    let page = s.page("providers/chapril.html");
    for href in ["href=\"https://ok.org/\"", "href=\"mailto:a@ok.org\"", "href=\"../alternatives/jitsi-meet.html#x\"", "href=\"#haut\""] {
        assert!(page.contains(href), "{href}: {page}");
    }
}

// =============================================================================================
// File names (slugs) and places

const SLUG_RULE: &str = "aide : lettres minuscules sans accents, chiffres et tirets simples, 64 caractères au plus";

fn refused_name(name: &str, expected: &[&str]) {
    let s = Site::built();
    s.write(&format!("providers/{name}"), s.read(PROV));
    assert_refused(&s, expected);
}

#[test]
fn dot_dot_file_name_is_refused() {
    refused_name("..md", &["content/providers/..md: erreur: nom de fichier invalide `.` : le nom se termine ou commence par un point ou une espace", SLUG_RULE]);
}

#[test]
fn hidden_record_file_is_refused_not_silently_ignored() {
    refused_name(
        ".chapril-2.md",
        &["content/providers/.chapril-2.md: erreur: nom de fichier invalide `.chapril-2` : le nom se termine ou commence par un point ou une espace", "aide : renommez le fichier, par exemple `chapril-2`"],
    );
}

#[test]
fn hidden_files_that_are_not_records_are_ignored() {
    let s = Site::new();
    s.write("providers/.gitkeep", "");
    s.write("providers/.DS_Store", [0u8, 1, 2, 255]);
    s.write("providers/.cache/x.md", "x");
    let o = s.check();
    assert_eq!((o.status, o.stderr.trim()), (0, "Aucun problème trouvé."), "{}", o.stderr);
}

#[test]
fn uppercase_file_name_is_refused() {
    refused_name("Framasoft.md", &["content/providers/Framasoft.md: erreur: nom de fichier invalide `Framasoft` : le nom contient des majuscules", "aide : renommez le fichier, par exemple `framasoft`"]);
}

#[test]
fn non_ascii_file_name_is_refused() {
    refused_name("café.md", &["content/providers/café.md: erreur: nom de fichier invalide `café` : le nom contient des accents ou des caractères non ASCII", "aide : renommez le fichier, par exemple `cafe`"]);
}

#[test]
fn windows_reserved_names_are_refused() {
    let s = Site::built();
    for n in ["con", "aux", "com1", "lpt9", "nul"] {
        s.write(&format!("providers/{n}.md"), s.read(PROV));
    }
    assert_refused(
        &s,
        &[
            "content/providers/aux.md: erreur: nom de fichier invalide `aux` : ce nom est réservé par Windows",
            "aide : renommez le fichier, par exemple `aux-1`",
            "content/providers/com1.md: erreur: nom de fichier invalide `com1` : ce nom est réservé par Windows",
            "aide : renommez le fichier, par exemple `com1-1`",
            "content/providers/con.md: erreur: nom de fichier invalide `con` : ce nom est réservé par Windows",
            "aide : renommez le fichier, par exemple `con-1`",
            "content/providers/lpt9.md: erreur: nom de fichier invalide `lpt9` : ce nom est réservé par Windows",
            "aide : renommez le fichier, par exemple `lpt9-1`",
            "content/providers/nul.md: erreur: nom de fichier invalide `nul` : ce nom est réservé par Windows",
            "aide : renommez le fichier, par exemple `nul-1`",
        ],
    );
}

#[test]
fn trailing_dot_in_name_is_refused() {
    refused_name("abc..md", &["content/providers/abc..md: erreur: nom de fichier invalide `abc.` : le nom se termine ou commence par un point ou une espace", "aide : renommez le fichier, par exemple `abc`"]);
}

#[test]
fn trailing_space_in_name_is_refused() {
    refused_name("abc .md", &["content/providers/abc .md: erreur: nom de fichier invalide `abc ` : le nom se termine ou commence par un point ou une espace", "aide : renommez le fichier, par exemple `abc`"]);
}

#[test]
fn name_longer_than_64_characters_is_refused() {
    let long = format!("{}-{}", "a".repeat(40), "b".repeat(24));
    refused_name(
        &format!("{long}.md"),
        &[&format!("content/providers/{long}.md: erreur: nom de fichier invalide `{long}` : le nom dépasse 64 caractères"), &format!("aide : renommez le fichier, par exemple `{}-{}`", "a".repeat(40), "b".repeat(23))],
    );
}

#[test]
fn name_of_64_characters_is_accepted() {
    let s = Site::new();
    s.write(&format!("providers/{}.md", "a".repeat(64)), s.read(PROV));
    assert_eq!(s.check().status, 0);
}

#[test]
fn underscore_and_double_hyphen_are_refused() {
    let s = Site::built();
    s.write("providers/a_b.md", s.read(PROV));
    s.write("providers/a--b.md", s.read(PROV));
    assert_refused(
        &s,
        &[
            "content/providers/a--b.md: erreur: nom de fichier invalide `a--b` : les tirets doivent être seuls et entre deux mots",
            "aide : renommez le fichier, par exemple `a-b`",
            "content/providers/a_b.md: erreur: nom de fichier invalide `a_b` : le nom contient des caractères autres que lettres, chiffres et tirets",
            "aide : renommez le fichier, par exemple `a-b`",
        ],
    );
}

#[test]
fn two_names_differing_only_by_case() {
    // Linux holds both; Windows, macOS and FAT32 USB sticks cannot. The capitalised one is
    // refused, the other is read normally.
    let s = Site::built();
    s.write("providers/abc.md", s.read(PROV));
    s.write("providers/ABC.md", s.read(PROV));
    assert_refused(&s, &["content/providers/ABC.md: erreur: nom de fichier invalide `ABC` : le nom contient des majuscules", "aide : renommez le fichier, par exemple `abc`"]);
}

#[test]
fn same_slug_as_md_and_yaml() {
    let s = Site::built();
    s.write("tools/teams.md", "---\nname: Teams\nvendor: Microsoft\nneeds: [visioconference]\n---\n");
    s.write("tools/teams.yaml", "name: Teams\nvendor: Microsoft\nneeds: [visioconference]\n");
    assert_refused(
        &s,
        &[
            "content/tools/teams.yaml: erreur: deux fiches portent le nom `teams` (l'autre : content/tools/teams.md)",
            "aide : gardez un seul fichier, ou donnez-lui un autre nom",
        ],
    );
}

#[test]
fn yml_extension_is_refused() {
    refused_name("framasoft.yml", &["content/providers/framasoft.yml: erreur: extension `.yml` inconnue : une fiche est un fichier `.md` ou `.yaml`", "aide : renommez le fichier en `framasoft.md`"]);
}

#[test]
fn file_without_extension_is_refused() {
    refused_name("framasoft", &["content/providers/framasoft: erreur: fichier sans extension : une fiche est un fichier `.md` ou `.yaml`", "aide : renommez le fichier en `framasoft.md`"]);
}

#[test]
fn sub_folder_in_providers_is_refused_once() {
    let s = Site::built();
    s.write("providers/paris/chapril.md", s.read(PROV));
    s.write("providers/paris/deeper/x.md", s.read(PROV));
    assert_refused(&s, &["content/providers/paris: erreur: sous-dossier refusé dans `providers/`", "aide : placez les fiches directement dans `providers/`"]);
}

#[cfg(unix)]
#[test]
fn symlink_to_a_file_outside_content_is_refused() {
    let s = Site::built();
    fs::write(s.root().join("secret.md"), "---\nname: SECRET-CONTENT\n---\n").unwrap();
    std::os::unix::fs::symlink("../../secret.md", s.path("providers/evil.md")).unwrap();
    assert_refused(
        &s,
        &["content/providers/evil.md: erreur: lien symbolique refusé : le contenu doit être de vrais fichiers dans le dossier", "aide : remplacez le lien par une copie du fichier"],
    );
}

#[cfg(unix)]
#[test]
fn symlinked_section_folder_is_refused_and_not_read() {
    // `content/pages` pointing elsewhere: refused once, and nothing of what it points to is
    // read (no file outside the content folder may be parsed, quoted or published).
    let s = Site::built();
    let outside = s.root().join("outside");
    fs::create_dir_all(outside.join("sub")).unwrap();
    fs::write(outside.join("secret.md"), "---\nname: SECRET-CONTENT\n---\nSECRET-CONTENT\n").unwrap();
    fs::write(outside.join("bad.md"), "---\nname: [\n---\n").unwrap();
    std::os::unix::fs::symlink("../outside", s.path("pages")).unwrap();
    assert_refused(
        &s,
        &["content/pages: erreur: lien symbolique refusé : le contenu doit être de vrais fichiers dans le dossier", "aide : remplacez le lien par une copie du fichier"],
    );
    assert!(!s.check().stderr.contains("SECRET"));
}

#[cfg(unix)]
#[test]
fn symlinked_content_file_to_dev_zero_is_refused() {
    let s = Site::built();
    std::os::unix::fs::symlink("/dev/zero", s.path("needs/zero.md")).unwrap();
    assert_refused(
        &s,
        &["content/needs/zero.md: erreur: lien symbolique refusé : le contenu doit être de vrais fichiers dans le dossier", "aide : remplacez le lien par une copie du fichier"],
    );
}

#[cfg(unix)]
#[test]
fn symlink_inside_a_theme_folder_is_refused() {
    let s = Site::built();
    let before = tree(&s.root().join("public"));
    let static_dir = s.root().join("themes/default/static");
    fs::create_dir_all(&static_dir).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", static_dir.join("passwd.css")).unwrap();
    let o = s.build();
    assert_eq!(o.status, 1, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        ["themes/default/static/passwd.css: erreur: lien symbolique refusé dans le thème", "aide : remplacez le lien par une copie du fichier"]
    );
    assert_unchanged(&s, &before);
    assert!(!tree(&s.root().join("public")).contains_key("passwd.css"));
}

// =============================================================================================
// File contents

#[test]
fn empty_file_is_refused() {
    let s = Site::built();
    s.write(PROV, "");
    assert_refused(&s, &["content/providers/chapril.md: erreur: le fichier est vide", "aide : remplissez-le à partir d'un modèle : `aiguillage new …`"]);
}

#[test]
fn file_of_blank_lines_is_refused() {
    let s = Site::built();
    s.write("tools/zoom.yaml", "\n   \n\t\n");
    assert_refused(&s, &["content/tools/zoom.yaml: erreur: le fichier est vide", "aide : remplissez-le à partir d'un modèle : `aiguillage new …`"]);
}

#[test]
fn file_over_1_mib_is_refused() {
    let s = Site::built();
    let text = s.read(PROV) + &"Un texte collé par erreur. ".repeat(45_000);
    s.write(PROV, &text);
    let kb = text.len() / 1024;
    assert!(text.len() > 1024 * 1024);
    assert_refused(
        &s,
        &[&format!("content/providers/chapril.md: erreur: fichier trop gros ({kb} Kio) ; une fiche ne doit pas dépasser 1 Mio"), "aide : une fiche est un formulaire court : retirez le texte collé par erreur"],
    );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let s = Site::built();
    // Latin-1 `é` (0xE9) in `summary: "Hébergeur`, line 3, column 12.
    let text = s.read(PROV).replace("Hébergeur", "H\u{0}bergeur");
    let bytes: Vec<u8> = text.bytes().map(|b| if b == 0 { 0xE9 } else { b }).collect();
    s.write(PROV, bytes);
    assert_refused(
        &s,
        &["content/providers/chapril.md:3:12: erreur: le fichier n'est pas en UTF-8 (octet invalide ligne 3, colonne 12)", "aide : enregistrez le fichier en « UTF-8 » dans votre éditeur"],
    );
}

#[test]
fn front_matter_that_never_closes() {
    let s = Site::built();
    let text = s.read(PROV).replace("---\nLe Chapril", "Le Chapril");
    s.write(PROV, text);
    assert_refused(
        &s,
        &["content/providers/chapril.md:1:1: erreur: les champs ouverts par `---` ne sont jamais fermés", "aide : ajoutez une ligne `---` après le dernier champ, avant le texte"],
    );
}

#[test]
fn record_without_front_matter() {
    let s = Site::built();
    s.write(PROV, "name: Chapril\n\nLe Chapril est le chaton de l'April.\n");
    assert_refused(
        &s,
        &[
            "content/providers/chapril.md:1:1: erreur: la fiche doit commencer par une ligne `---` suivie de ses champs",
            "aide : copiez le début d'une fiche existante : `---`, les champs, puis `---` et le texte",
        ],
    );
}

#[test]
fn tabs_used_for_indentation() {
    let s = Site::built();
    s.edit(PROV, "  respect:\n    status: unknown", "  respect:\n\tstatus: unknown");
    assert_refused(&s, &["content/providers/chapril.md:10:1: erreur: tabulation dans l'indentation", "aide : indentez avec des espaces (deux par niveau), jamais avec la touche Tab"]);
}

#[test]
fn duplicate_keys() {
    let s = Site::built();
    s.edit(PROV, "legal_form: association", "legal_form: association\nname: Autre nom");
    assert_refused(&s, &["content/providers/chapril.md:16:1: erreur: champ `name` écrit deux fois", "aide : gardez une seule ligne pour ce champ"]);
}

#[test]
fn duplicate_keys_in_english() {
    let s = Site::new();
    s.edit("tools/zoom.yaml", "vendor: Zoom Video Communications", "vendor: Zoom\nvendor: Zoom Inc.");
    let o = s.run(&["check", "--content", "content", "--lang", "en"]);
    assert_eq!(o.status, 1);
    assert_eq!(diags(&o.stderr), ["content/tools/zoom.yaml:3:1: error: field `vendor` written twice", "help: keep a single line for this field"]);
}

#[test]
fn yaml_alias_bomb_billion_laughs() {
    let s = Site::built();
    let mut yaml = String::from("---\nname: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        yaml.push_str(&format!("{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        prev = n;
    }
    yaml.push_str("---\n");
    s.write(PROV, &yaml);
    let started = std::time::Instant::now();
    assert_refused(
        &s,
        &["content/providers/chapril.md:6:8: erreur: structure trop grande (trop d'alias `*` ou de valeurs)", "aide : une fiche reste simple : quelques niveaux d'indentation, pas d'alias `*`"],
    );
    assert!(started.elapsed() < Duration::from_secs(20), "the bomb was expanded");
}

#[test]
fn nesting_10000_levels_deep() {
    let s = Site::built();
    s.write(PROV, format!("---\nname: {}\n---\n", "[".repeat(10_000)));
    assert_refused(&s, &["content/providers/chapril.md:2:262: erreur: structure trop imbriquée", "aide : une fiche reste simple : quelques niveaux d'indentation, pas d'alias `*`"]);
    // The quoted line is cut around the column, not ten thousand characters wide.
    let o = s.check();
    assert!(o.stderr.lines().all(|l| l.chars().count() < 200), "{}", o.stderr);
}

#[test]
fn nesting_10000_levels_deep_in_a_yaml_record() {
    let s = Site::built();
    s.write("tools/zoom.yaml", format!("name: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)));
    assert_refused(&s, &["content/tools/zoom.yaml:1:262: erreur: structure trop imbriquée", "aide : une fiche reste simple : quelques niveaux d'indentation, pas d'alias `*`"]);
}

#[test]
fn deeply_nested_markdown_does_not_crash() {
    let s = Site::built();
    s.append(PROV, &format!("{}\n\n{}x{}\n\n{}x\n", ">".repeat(10_000), "[".repeat(10_000), "]".repeat(10_000), "- ".repeat(3_000)));
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_inert(&s.root().join("public"));
}

#[test]
fn date_that_does_not_exist() {
    let s = Site::built();
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 2026-02-30");
    assert_refused(&s, &["content/providers/chapril.md:18:16: erreur: la date `2026-02-30` n'existe pas dans le calendrier", "aide : par exemple `2026-03-15` (année-mois-jour)"]);
}

#[test]
fn control_character_in_a_text_field() {
    let s = Site::built();
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", "summary: \"Hébergeur\\u001b[2J associatif\"");
    assert_refused(
        &s,
        &["content/providers/chapril.md:3:10: erreur: `summary` contient un caractère de contrôle invisible (U+001B)", "aide : retapez ce texte sans copier-coller"],
    );
}

#[test]
fn terminal_escape_sequences_are_not_echoed_raw() {
    // An ESC (and a BEL) in a key name, written with YAML escapes: the report names the
    // problem and shows no escape sequence to the terminal or the CI log.
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: association\n\"\\e]0;pwned\\a\\e[2J\": x");
    let o = s.check();
    assert_eq!(o.status, 1);
    assert!(!o.stderr.contains('\u{1b}') && !o.stderr.contains('\u{7}'), "{:?}", o.stderr);
    assert_eq!(diags(&o.stderr)[0], "content/providers/chapril.md:16:1: erreur: champ inconnu `\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J`");
}

#[test]
fn raw_control_characters_are_not_echoed_raw() {
    // Raw ESC bytes in the file: the YAML is refused, and the quoted line shows `�` instead.
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: association\n\"\u{1b}]0;pwned\u{7}\u{1b}[2J\": x");
    let o = s.check();
    assert_eq!(o.status, 1);
    assert!(!o.stderr.contains('\u{1b}') && !o.stderr.contains('\u{7}'), "{:?}", o.stderr);
    assert!(o.stderr.contains("16 | \"\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J\": x"), "{}", o.stderr);
    assert!(diags(&o.stderr)[0].starts_with("content/providers/chapril.md:16:2: erreur: le YAML ne peut pas être lu : "), "{}", o.stderr);
}

// =============================================================================================
// What editors write must be accepted and read correctly

#[test]
fn utf8_byte_order_mark_is_accepted() {
    let s = Site::built();
    let text = s.read(PROV);
    s.write(PROV, [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat());
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    let page = s.page("providers/chapril.html");
    assert!(page.contains("<h1>Chapril</h1>"), "{page}");
    assert!(!page.contains('\u{FEFF}'));
}

#[test]
fn crlf_line_endings_are_accepted() {
    let s = Site::built();
    let reference = s.page("providers/chapril.html");
    s.write(PROV, s.read(PROV).replace('\n', "\r\n"));
    s.write("tools/zoom.yaml", s.read("tools/zoom.yaml").replace('\n', "\r\n"));
    let o = s.check();
    assert_eq!((o.status, o.stderr.trim()), (0, "Aucun problème trouvé."));
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(s.page("providers/chapril.html"), reference);
    assert!(!s.page("tools/zoom.html").contains('\r'));
}

#[test]
fn crlf_positions_are_still_right() {
    let s = Site::new();
    s.write(PROV, s.read(PROV).replace("legal_form: association", "legal_form: asso").replace('\n', "\r\n"));
    let o = s.check();
    assert_eq!(diags(&o.stderr)[0].split(": erreur").next(), Some("content/providers/chapril.md:15:13"));
}

#[test]
fn missing_final_newline_is_accepted() {
    let s = Site::built();
    let reference = s.page("providers/chapril.html");
    s.write(PROV, s.read(PROV).trim_end());
    s.write("tools/zoom.yaml", s.read("tools/zoom.yaml").trim_end());
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(s.page("providers/chapril.html"), reference);
}

#[test]
fn front_matter_only_with_no_final_newline_is_accepted() {
    let s = Site::new();
    let text = s.read(PROV);
    s.write(PROV, &text[..text.find("Le Chapril").unwrap() - 1]);
    assert_eq!(s.check().status, 0);
}

#[test]
fn nfc_and_nfd_accents_give_the_same_bytes() {
    use std::fmt::Write as _;
    let nfc = "Économie sociale et solidaire à Montréal, café coopératif";
    let nfd: String = nfc.chars().fold(String::new(), |mut s, c| {
        // A hand-made decomposition of the accented letters used above.
        let _ = match c {
            'É' => write!(s, "E\u{301}"),
            'é' => write!(s, "e\u{301}"),
            'à' => write!(s, "a\u{300}"),
            _ => write!(s, "{c}"),
        };
        s
    });
    assert_ne!(nfc.as_bytes(), nfd.as_bytes());
    let mut trees = Vec::new();
    for text in [nfc, nfd.as_str()] {
        let s = Site::new();
        s.edit(PROV, "name: Chapril", &format!("name: \"Chapril {text}\""));
        s.edit(PROV, "Le Chapril est le chaton", &format!("{text}. Le Chapril est le chaton"));
        s.edit(PROV, "city: Paris", &format!("city: \"{text}\""));
        let o = s.build();
        assert_eq!(o.status, 0, "{}", o.stderr);
        assert!(s.page("providers/chapril.html").contains(nfc));
        trees.push(tree(&s.root().join("public")));
    }
    assert_eq!(trees[0].get("providers/chapril.html"), trees[1].get("providers/chapril.html"));
    assert!(trees[0] == trees[1], "the two sites differ");
}

// =============================================================================================
// Themes

fn default_template(name: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates").join(name)).unwrap()
}

fn with_theme_file(rel: &str, text: &str) -> (Site, BTreeMap<String, Vec<u8>>) {
    let s = Site::built();
    let before = tree(&s.root().join("public"));
    let p = s.root().join("themes/default").join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
    (s, before)
}

#[test]
fn theme_template_with_a_syntax_error_names_the_file_and_line() {
    let mut t = default_template("base.html");
    let at = t.find("<body>").unwrap();
    t.insert_str(at, "{% if site.title %}\n<p>{{ site.title </p>\n");
    let line = t[..at].lines().count() + 2;
    let (s, before) = with_theme_file("templates/base.html", &t);
    let o = s.build();
    assert_eq!(o.status, 1, "{}", o.stderr);
    let d = diags(&o.stderr);
    let prefix = format!("themes/default/templates/base.html:{line}:");
    assert!(d[0].starts_with(&prefix) && d[0].contains(": erreur: erreur de gabarit : "), "expected {prefix}…: {d:?}");
    assert_eq!(d[1], "aide : corrigez le gabarit du thème (syntaxe Tera), ou supprimez-le pour revenir au thème par défaut");
    assert_unchanged(&s, &before);
}

#[test]
fn theme_template_with_an_undefined_variable_names_the_file_and_line() {
    let mut t = default_template("base.html");
    let at = t.find("<body>").unwrap() + "<body>\n".len();
    t.insert_str(at, "<p>{{ no_such_variable }}</p>\n");
    let line = t[..at].lines().count() + 1;
    let (s, before) = with_theme_file("templates/base.html", &t);
    let o = s.build();
    assert_eq!(o.status, 1, "{}", o.stderr);
    let d = diags(&o.stderr);
    assert!(
        d[0].starts_with(&format!("themes/default/templates/base.html:{line}:7: erreur: erreur de gabarit : Variable `no_such_variable` is not defined")),
        "{d:?}"
    );
    assert_unchanged(&s, &before);
}

#[test]
fn theme_with_an_undefined_variable_fails_check_too() {
    // `check` validates everything `build` would (spec §4): a broken theme must not pass CI.
    let mut t = default_template("base.html");
    let at = t.find("<body>").unwrap() + "<body>\n".len();
    t.insert_str(at, "<p>{{ no_such_variable }}</p>\n");
    let (s, _) = with_theme_file("templates/base.html", &t);
    let o = s.check();
    assert_eq!(o.status, 1, "{}", o.stderr);
    assert!(diags(&o.stderr)[0].starts_with("themes/default/templates/base.html:"), "{}", o.stderr);
}

#[test]
fn unknown_theme() {
    let s = Site::built();
    let before = tree(&s.root().join("public"));
    s.edit("site.yaml", "theme: default", "theme: nope");
    for o in [s.build(), s.check()] {
        assert_eq!(o.status, 1, "{}", o.stderr);
        assert_eq!(
            diags(&o.stderr),
            [
                "content/site.yaml: erreur: thème introuvable `nope` : pas de dossier `themes/nope/`",
                "aide : écrivez `theme: default` ou créez le dossier du thème à côté de `content/`"
            ]
        );
    }
    assert_unchanged(&s, &before);
}

#[test]
fn theme_name_that_is_a_path_is_refused() {
    let s = Site::built();
    s.edit("site.yaml", "theme: default", "theme: ../../etc");
    assert_refused(&s, &["content/site.yaml:4:8: erreur: nom de thème invalide `../../etc`", "aide : un nom de dossier de `themes/` : minuscules, chiffres, tirets"]);
}

#[test]
fn theme_i18n_file_that_is_not_yaml() {
    let (s, before) = with_theme_file("i18n/fr.yaml", "skip: [\n");
    let o = s.build();
    assert_eq!(o.status, 1, "{}", o.stderr);
    assert!(diags(&o.stderr)[0].starts_with("themes/default/i18n/fr.yaml:"), "{}", o.stderr);
    assert_unchanged(&s, &before);
}

// =============================================================================================
// The output folder

const OUT_REFUSED: &str = "refusé : ce doit être un dossier à part, ni `/`, ni le dossier personnel, ni un fichier, ni le contenu ou l'un de ses parents";

#[test]
fn out_pointing_at_a_file_is_refused() {
    let s = Site::new();
    fs::write(s.root().join("notes.txt"), "mes notes").unwrap();
    let o = s.run(&["build", "--content", "content", "--out", "notes.txt"]);
    assert_eq!(o.status, 2);
    assert_eq!(o.stderr, format!("aiguillage : `--out notes.txt` {OUT_REFUSED}\n"));
    assert_eq!(fs::read_to_string(s.root().join("notes.txt")).unwrap(), "mes notes");
}

#[test]
fn out_pointing_at_the_content_folder_is_refused() {
    let s = Site::new();
    let before = tree(&s.root().join("content"));
    for out in ["content", "content/", "./content", "content/public", "content/providers", "."] {
        let o = s.run(&["build", "--content", "content", "--out", out]);
        assert_eq!(o.status, 2, "--out {out}: {}", o.stderr);
        assert_eq!(o.stderr, format!("aiguillage : `--out {out}` {OUT_REFUSED}\n"));
    }
    assert!(tree(&s.root().join("content")) == before, "content/ was touched");
}

#[test]
fn out_pointing_at_the_root_is_refused() {
    let s = Site::new();
    let o = s.run(&["build", "--content", "content", "--out", "/"]);
    assert_eq!(o.status, 2);
    assert_eq!(o.stderr, format!("aiguillage : `--out /` {OUT_REFUSED}\n"));
    let o = s.run(&["build", "--content", "content", "--out", "/", "--lang", "en"]);
    assert_eq!(o.stderr, "aiguillage: `--out /` refused: it must be a folder of its own, not `/`, the home folder, a file, the content or one of its parents\n");
}

#[test]
fn out_pointing_at_the_home_folder_is_refused() {
    let s = Site::new();
    let home = s.root().join("home");
    fs::create_dir_all(&home).unwrap();
    let out = Command::new(bin())
        .args(["build", "--content", "content", "--out", home.to_str().unwrap()])
        .current_dir(s.root())
        .env("HOME", &home)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(OUT_REFUSED));
}

#[cfg(unix)]
#[test]
fn out_in_a_read_only_place_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let s = Site::new();
    let ro = s.root().join("ro");
    fs::create_dir_all(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    // Tests often run as root, for whom permissions do not bite: then use /proc, where nobody
    // can create a file.
    let out = if fs::write(ro.join("probe"), "x").is_ok() { "/proc/aiguillage-test/public".to_string() } else { "ro/public".to_string() };
    let o = s.run(&["build", "--content", "content", "--out", &out]);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status, 2, "{}", o.stderr);
    assert!(o.stderr.starts_with("aiguillage : écriture impossible dans `"), "{}", o.stderr);
    assert!(o.stderr.trim_end().ends_with("; le site précédent est intact"), "{}", o.stderr);
}

/// A directory of `n` tiny alternatives, written by the test (a long build to interrupt).
fn big_site(n: usize) -> Site {
    let s = Site::new();
    let alt = s.read(ALT);
    for i in 0..n {
        s.write(&format!("alternatives/alt-{i:04}.md"), alt.replace("name: Jitsi Meet", &format!("name: Alternative {i}")));
    }
    s
}

fn spawn_build(dir: &Path, out: &str) -> std::process::Child {
    Command::new(bin())
        .args(["build", "--content", "content", "--out", out])
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn build_killed_midway_leaves_the_previous_site_intact() {
    let s = big_site(3000);
    // The reference: what the big build writes when left alone.
    let o = s.run(&["build", "--content", "content", "--out", "reference"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let new_site = tree(&s.root().join("reference"));
    // The previous site: the base alone.
    let base_only = Site::built();
    let old_site = tree(&base_only.root().join("public"));
    copy_dir(&base_only.root().join("public"), &s.root().join("public"));

    // Kill once early (~50 ms, while reading), once as soon as the new tree beside `public/`
    // appears (files being written into it), and once when the new tree is complete and about
    // to be swapped in. The build pauses 3 s before the swap (a test-only setting), so every
    // kill lands before the swap: each must leave the previous site exactly as it was.
    let new_tree = s.root().join(".public.aiguillage-new");
    for when in ["50 ms", "writing", "before the swap"] {
        let mut child = Command::new(bin())
            .args(["build", "--content", "content", "--out", "public"])
            .current_dir(s.root())
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("AIGUILLAGE_TEST_PAUSE_BEFORE_SWAP_MS", "3000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let t = std::time::Instant::now();
        let wait_for = |cond: &dyn Fn() -> bool| {
            while !cond() && t.elapsed() < Duration::from_secs(120) {
                std::thread::sleep(Duration::from_millis(1));
            }
        };
        match when {
            "writing" => wait_for(&|| new_tree.exists()),
            // Complete: as many files in the new tree as the reference has.
            "before the swap" => wait_for(&|| new_tree.exists() && common::files(&new_tree).len() >= new_site.len()),
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
        assert!(child.try_wait().unwrap().is_none(), "killed {when}: the build had already finished");
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = tree(&s.root().join("public"));
        assert!(now == old_site, "killed {when}: public/ is not the previous site ({} files)", now.len());
    }
    // The next build recovers and completes.
    let o = s.build();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert!(tree(&s.root().join("public")) == new_site);
    for leftover in [".public.aiguillage-new", ".public.aiguillage-old"] {
        assert!(!s.root().join(leftover).exists(), "{leftover} left behind");
    }
}

#[test]
fn two_builds_at_once_on_the_same_output() {
    let s = big_site(1500);
    let o = s.run(&["build", "--content", "content", "--out", "reference"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let whole = tree(&s.root().join("reference"));
    let a = spawn_build(s.root(), "public");
    let b = spawn_build(s.root(), "public");
    let mut codes = Vec::new();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{err}");
        let code = out.status.code().unwrap();
        if code != 0 {
            assert_eq!(code, 2, "{err}");
            assert!(err.contains("une autre construction écrit déjà dans `public`"), "{err}");
        }
        codes.push(code);
    }
    assert!(codes.contains(&0), "one build at least must succeed: {codes:?}");
    assert!(tree(&s.root().join("public")) == whole, "public/ is not a whole site");
}

/// The feed and the sitemap are theme templates (issue #16): a theme can change them, and the
/// values they get are already escaped for XML.
#[test]
fn theme_can_override_the_feed_and_the_sitemap() {
    let t = default_template("feed.xml").replace("<summary>{{ e.summary }}</summary>", "<summary>{{ e.summary }}</summary>\n<category term=\"{{ e.kind }}\"/>");
    let (s, _) = with_theme_file("templates/feed.xml", &t);
    fs::write(s.root().join("themes/default/templates/sitemap.xml"), "{% for p in pages %}{{ base }}{{ p }}\n{% endfor %}").unwrap();
    let yaml = fs::read_to_string(s.root().join("content/site.yaml")).unwrap();
    fs::write(s.root().join("content/site.yaml"), format!("{yaml}base_url: \"https://exemple.org/a&b/\"\n")).unwrap();
    s.build().expect(0);
    let feed = s.page("feed.xml");
    assert!(feed.contains("<category term=\"alternative\"/>") || feed.contains("<category term=\"prestataire\"/>") || feed.contains("<category term=\""), "{feed}");
    assert_eq!(feed.matches("<category term=").count(), feed.matches("<entry>").count(), "{feed}");
    let sitemap = s.page("sitemap.xml");
    assert!(sitemap.lines().any(|l| l == "https://exemple.org/a&amp;b/index.html"), "{sitemap}");
    assert!(!sitemap.contains("<urlset"), "{sitemap}");
}
