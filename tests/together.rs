//! Choosing together (issue #17): the decision sheets (`grilles/<need>.html`), the glossary
//! (`content/glossary/`, `glossaire.html`, first uses linked), links from texts to the pages
//! the build makes, and guides on the home page. On the `valid` fixture: visioconference has
//! eleven alternatives (three sheets), courriel one, agenda-partage none.

mod common;

use common::*;
use std::collections::BTreeSet;

fn built() -> Site {
    let s = Site::of("valid");
    s.build().expect(0);
    s
}

/// The `href`s of `<main>` that start with `prefix`, in order.
fn links(html: &str, prefix: &str) -> Vec<String> {
    tags(&main_of(html)).iter().filter_map(|t| t.attr("href").filter(|h| h.starts_with(prefix)).map(str::to_string)).collect()
}

#[test]
fn sheet_snapshots() {
    let s = built();
    for (name, rel) in [
        ("sheet_many_1", "grilles/visioconference.html"),
        ("sheet_many_3", "grilles/visioconference--3.html"),
        ("sheet_one", "grilles/courriel.html"),
        ("sheet_none", "grilles/agenda-partage.html"),
    ] {
        insta::assert_snapshot!(name, main_of(&s.page(rel)));
    }
}

/// Every need has a sheet, linked from its page; each sheet has at most four alternatives'
/// columns plus "sans outil numérique"; together the sheets of a need show each of its
/// alternatives once, in the need page's order.
#[test]
fn every_need_has_its_sheets_and_every_alternative_a_column() {
    let s = built();
    let data: serde_json::Value = serde_json::from_str(&s.page("data/directory.json")).unwrap();
    let needs: BTreeSet<String> = std::fs::read_dir(s.path("needs")).unwrap().map(|f| f.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned()).collect();
    assert!(needs.contains("agenda-partage") && needs.len() == 5);
    for need in &needs {
        let page = s.page(&format!("needs/{need}.html"));
        assert!(page.contains(&format!("<a href=\"../grilles/{need}.html\">Grille de décision à imprimer")), "needs/{need}.html does not link its sheet");
        let mut want: Vec<String> = data["alternatives"].as_array().unwrap().iter().filter(|a| a["needs"].as_array().unwrap().iter().any(|n| n == need.as_str())).map(|a| format!("../alternatives/{}.html", a["slug"].as_str().unwrap())).collect();
        want.sort();
        let mut shown = Vec::new();
        let mut n = 1;
        loop {
            let rel = if n == 1 { format!("grilles/{need}.html") } else { format!("grilles/{need}--{n}.html") };
            if !s.root().join("public").join(&rel).exists() {
                break;
            }
            let sheet = s.page(&rel);
            let columns: Vec<String> = links(&sheet, "../alternatives/");
            assert!(columns.len() <= 4, "{rel}: {} columns", columns.len());
            assert!(n == 1 || !columns.is_empty(), "{rel}: a continuation sheet with no column");
            assert_eq!(sheet.matches("<th scope=\"col\">Sans outil numérique</th>").count(), 1, "{rel}");
            assert!(sheet.contains("Notre choix :") && sheet.contains("À revoir le :") && sheet.contains("Ce qui a bloqué"), "{rel}");
            shown.extend(columns);
            n += 1;
        }
        assert!(n > 1, "no sheet for {need}");
        let mut sorted = shown.clone();
        sorted.sort();
        assert_eq!(sorted, want, "the sheets of {need}");
    }
    assert!(s.root().join("public/grilles/visioconference--3.html").exists());
    assert!(!s.root().join("public/grilles/visioconference--4.html").exists());
}

/// The sheet says each status by a symbol and a word (printed in grey, colour says nothing),
/// and the need's `look_for` texts are its questions, their links rewritten.
#[test]
fn sheets_say_status_in_words_and_carry_the_questions() {
    let s = built();
    let sheet = s.page("grilles/visioconference.html");
    assert!(sheet.contains("☐ Rejoindre <strong>sans compte</strong>, depuis un navigateur."), "{}", main_of(&sheet));
    assert!(sheet.contains("<a href=\"../providers/cooperative-nationale.html\">la coopérative</a>"));
    assert!(!sheet.contains("class=\"s-"), "a status shown by its class (colour)");
    for (symbol, word) in [("✔", "oui"), ("?", "inconnu")] {
        assert!(sheet.contains(&format!("<td>{symbol} {word}")), "no `{symbol} {word}` cell");
    }
    let later = s.page("grilles/visioconference--2.html");
    assert!(!later.contains("☐"), "the questions are on the first sheet only");
    let need = s.page("needs/visioconference.html");
    assert!(need.contains("<h2 id=\"regarder\">Ce qu&#39;il faut regarder dans un outil</h2>"));
    assert!(need.contains("<li>Rejoindre <strong>sans compte</strong>, depuis un navigateur.</li>"));
}

#[test]
fn glossary_page_snapshot() {
    let s = built();
    insta::assert_snapshot!("glossaire", main_of(&s.page("glossaire.html")));
    assert!(s.page("index.html").contains("<a href=\"glossaire.html\">Le glossaire</a>"));
}

/// The first use of each word in a page's text links to its definition, whatever the case of
/// its first letter and by its longest form; not in a heading, code or an existing link; later
/// uses stay text.
#[test]
fn first_use_of_each_word_links_to_its_definition() {
    let s = built();
    let page = s.page("alternatives/bigbluebutton.html");
    let body = main_of(&page);
    assert_eq!(links(&page, "../glossaire.html"), ["../glossaire.html#logiciel-libre", "../glossaire.html#instance"], "{body}");
    assert!(body.contains("Un <a href=\"../glossaire.html#logiciel-libre\">logiciel libre</a> : chaque <a href=\"../glossaire.html#instance\">instance</a> a ses règles, et d'autres instances existent."), "{body}");
    assert!(body.contains("<h2>Une instance</h2>"));
    assert!(body.contains("<code>logiciel libre</code>"));
    assert!(body.contains("<a href=\"https://exemple.org/i\">une instance en lien</a>"));
    // A word of several words, in an alias.
    let cryptpad = s.page("alternatives/cryptpad.html");
    assert!(links(&cryptpad, "../glossaire.html").is_empty(), "the summary is not linked, only the text");
    // Glossary definitions link each other by their files.
    let g = s.page("glossaire.html");
    assert!(g.contains("<a href=\"glossaire.html#logiciel-libre\">logiciel libre</a>"), "{}", main_of(&g));
}

#[test]
fn a_link_to_a_word_that_is_not_in_the_glossary_is_an_error() {
    let s = Site::of("valid");
    s.append("alternatives/bigbluebutton.md", "Voir le [mot](../glossary/fedivers.md).\n");
    let o = s.check();
    assert_eq!(o.status, 1, "{}", o.stderr);
    let d = diags(&o.stderr);
    assert!(d.iter().any(|l| l.starts_with("content/alternatives/bigbluebutton.md:") && l.ends_with("erreur: lien vers une fiche qui n'existe pas : `glossary/fedivers.md`")), "{}", o.stderr);
}

#[test]
fn the_same_word_in_two_definitions_is_an_error() {
    let s = Site::of("valid");
    s.write("glossary/serveur.md", "---\nterm: Serveur\naliases: [serveurs, INSTANCES]\n---\nUn ordinateur allumé en permanence.\n");
    let o = s.check_with(&["--strict"]);
    assert_eq!(
        diags(&o.stderr).into_iter().filter(|l| l.contains("duplicate") || l.contains("déjà défini") || l.starts_with("aide : un mot")).collect::<Vec<_>>(),
        [
            "content/glossary/serveur.md:3:21: erreur: le mot « INSTANCES » est déjà défini dans `content/glossary/instance.md`",
            "aide : un mot mène à une seule définition : retirez-le de l'une des deux fiches, ou réunissez les deux définitions en une",
        ],
        "{}",
        o.stderr
    );
    assert_eq!(o.status, 1);
}

#[test]
fn a_word_without_definition_or_term_is_an_error() {
    let s = Site::of("valid");
    s.write("glossary/vide.md", "---\nterm: Vide\n---\n\n");
    s.write("glossary/sans-mot.md", "---\naliases: [x]\n---\nDéfinition.\n");
    let o = s.check_with(&["--lang", "en"]);
    let d = diags(&o.stderr);
    assert!(d.contains(&"content/glossary/vide.md:2:1: error: the word has no definition".to_string()), "{}", o.stderr);
    assert!(d.iter().any(|l| l.starts_with("content/glossary/sans-mot.md:2:1: error: ") && l.contains("`term`")), "{}", o.stderr);
    assert_eq!(o.status, 1);
}

/// A text may link the pages the build makes (a sheet, "je remplace"); a page that the build
/// does not make is an error.
#[test]
fn texts_link_the_pages_the_build_makes() {
    let s = Site::of("valid");
    s.append("pages/a-propos.md", "\nLa [grille](../grilles/visioconference.html), [je remplace](../je-remplace.html#x) et [le glossaire](../glossaire.html).\n");
    s.build().expect(0);
    let page = s.page("pages/a-propos.html");
    for href in ["../grilles/visioconference.html", "../je-remplace.html#x", "../glossaire.html"] {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href}");
    }
    s.append("pages/a-propos.md", "\n[Non](../grilles/inconnu.html)\n");
    let o = s.check();
    assert!(diags(&o.stderr).iter().any(|l| l.ends_with("erreur: lien `../grilles/inconnu.html` : ce n'est pas une fiche du contenu")), "{}", o.stderr);
}

#[test]
fn guides_are_listed_on_the_home_page() {
    let s = Site::of("valid");
    s.write("pages/guide-visio.md", "---\nname: Organiser une visio\nsummary: \"Pas à pas.\"\nguide: true\n---\nÉtape 1.\n");
    s.build().expect(0);
    let index = s.page("index.html");
    assert!(index.contains("<li><a href=\"pages/guide-visio.html\">Organiser une visio</a> : Pas à pas.</li>"), "{}", main_of(&index));
    assert!(!main_of(&index).contains("pages/a-propos.html"), "a page that is not a guide");
}

/// Past twelve alternatives (three sheets of four), the sheets show the first twelve and say
/// how many there are: a meeting compares a few tools, not two hundred.
#[test]
fn sheets_stop_at_three_and_say_how_many_alternatives_there_are() {
    let s = Site::of("valid");
    let jitsi = s.read("alternatives/jitsi-meet.md");
    for i in 1..=3 {
        s.write(&format!("alternatives/zz-visio-{i}.md"), jitsi.replace("name: Jitsi Meet", &format!("name: Zz visio {i}")));
    }
    s.build().expect(0);
    assert!(!s.root().join("public/grilles/visioconference--4.html").exists());
    let last = s.page("grilles/visioconference--3.html");
    assert!(last.contains("Ce besoin compte 14 alternatives ; ces grilles en présentent 12, par ordre alphabétique."), "{}", main_of(&last));
    assert!(!last.contains("zz-visio-3"), "the 13th and later are not on the sheets");
    assert!(s.page("grilles/visioconference.html").contains("(14 alternatives libres, partie 1/3)"));
}
