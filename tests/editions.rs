//! Regional editions (spec §2.1, `include` and `exclude`): two editions of
//! `tests/fixtures/editions/` built upon the `valid` fixture as their national base. Occitanie
//! overrides an alternative (jitsi-meet) and adds a provider; Bretagne excludes a provider
//! (cafe-libre) and adds its own need and two providers.

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// `valid/` and `editions/` copied side by side, as the includes expect them.
fn layout() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_dir(&fixture("valid"), &t.path().join("valid"));
    copy_dir(&fixture("editions"), &t.path().join("editions"));
    t
}

fn edition(t: &tempfile::TempDir, name: &str) -> PathBuf {
    t.path().join("editions").join(name)
}

fn build(dir: &Path) -> Out {
    run(dir, &["build", "--content", "content", "--out", "public"], &[])
}

fn page(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join("public").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const FROM_BASE: &str = "<p class=\"layer\">Fiche reprise de l&#39;annuaire « Annuaire d&#39;essai ».</p>";

#[test]
fn an_edition_overrides_a_record_whole_and_adds_its_own() {
    let t = layout();
    let occ = edition(&t, "occitanie");
    build(&occ).expect(0);
    let jitsi = page(&occ, "alternatives/jitsi-meet.html");
    assert!(jitsi.contains("en Occitanie, plusieurs associations en hébergent"), "the edition's record replaces the base's");
    assert!(jitsi.contains("<p class=\"layer\">Fiche propre à cette édition : Annuaire Occitanie.</p>"));
    assert!(page(&occ, "providers/nimes-numerique.html").contains("Fiche propre à cette édition : Annuaire Occitanie."));
    let bbb = page(&occ, "alternatives/bigbluebutton.html");
    assert!(bbb.contains(FROM_BASE), "a record of the base says so");
    assert!(page(&occ, "needs/visioconference.html").contains(FROM_BASE));
    assert!(page(&occ, "index.html").contains("<h1>Annuaire Occitanie</h1>"), "site.yaml is the edition's own");
    // The edition's own record is edited in its own repository.
    assert!(jitsi.contains("https://forge.exemple.org/occitanie/annuaire/_edit/main/content/alternatives/jitsi-meet.md"));
    assert!(!bbb.contains("/_edit/"), "the base has no repository: no editor link for its records");
    // The department of the edition's provider lists it.
    assert!(page(&occ, "departements/30.html").contains("providers/nimes-numerique.html"));
    let data: serde_json::Value = serde_json::from_str(&page(&occ, "data/directory.json")).unwrap();
    let layer_of = |kind: &str, slug: &str| data[kind].as_array().unwrap().iter().find(|e| e["slug"] == slug).map(|e| e["layer"].as_str().unwrap().to_string());
    assert_eq!(layer_of("alternatives", "jitsi-meet").as_deref(), Some("Annuaire Occitanie"));
    assert_eq!(layer_of("alternatives", "etherpad").as_deref(), Some("Annuaire d'essai"));
    let csv = page(&occ, "data/directory.csv");
    assert!(csv.lines().next().unwrap().ends_with(",layer"));
    assert!(csv.contains("nimes-numerique") && csv.lines().any(|l| l.starts_with("provider,nimes-numerique,") && l.ends_with(",Annuaire Occitanie")));
}

#[test]
fn an_edition_excludes_a_provider_and_adds_a_need() {
    let t = layout();
    let bzh = edition(&t, "bretagne");
    build(&bzh).expect(0);
    assert!(!bzh.join("public/providers/cafe-libre.html").exists(), "an excluded record has no page");
    let data = page(&bzh, "data/directory.json");
    assert!(!data.contains("\"cafe-libre\""));
    let need = page(&bzh, "needs/reparation.html");
    assert!(need.contains("providers/rennes-reemploi.html") && need.contains("Fiche propre à cette édition : Annuaire Bretagne."));
    assert!(bzh.join("public/grilles/reparation.html").exists());
    assert!(page(&bzh, "index.html").contains("needs/reparation.html"));
    // A base's text linking the excluded record keeps its words, without the link; a note says
    // so, naming the base's file.
    let nextcloud = page(&bzh, "alternatives/nextcloud.html");
    assert!(nextcloud.contains("Voir aussi Le Café libre, qui l&#39;installe.") || nextcloud.contains("Voir aussi Le Café libre, qui l'installe."), "{}", main_of(&nextcloud));
    let c = run(&bzh, &["check", "--content", "content"], &[]);
    assert!(diags(&c.stderr).contains(&"../../valid/content/alternatives/nextcloud.md:19:12: remarque: lien vers `providers/cafe-libre.md`, que cette édition exclut : le texte reste, sans lien".to_string()), "{}", c.stderr);
}

/// A base's file named in a message by its path; the base's records reach every page.
#[test]
fn messages_name_the_file_of_the_base() {
    let t = layout();
    let occ = edition(&t, "occitanie");
    let f = t.path().join("valid/content/tools/zoom.yaml");
    let text = std::fs::read_to_string(&f).unwrap().replace("needs: [visioconference]", "needs: [visio]");
    std::fs::write(&f, text).unwrap();
    let o = run(&occ, &["check", "--content", "content"], &[]);
    assert_eq!(o.status, 1);
    assert!(diags(&o.stderr).contains(&"../../valid/content/tools/zoom.yaml:3:9: erreur: besoin inconnu `visio`".to_string()), "{}", o.stderr);
}

fn set_site(dir: &Path, site: &str) {
    std::fs::write(dir.join("content/site.yaml"), site).unwrap();
}

#[test]
fn include_and_exclude_errors_are_clear() {
    let t = layout();
    let occ = edition(&t, "occitanie");
    let cases: [(&str, &[&str]); 6] = [
        (
            "title: X\ninclude:\n  - ../nulle-part\n",
            &["content/site.yaml:3:5: erreur: le dossier inclus `../nulle-part` n'existe pas (cherché : `nulle-part`)", "aide : le chemin est relatif au dossier du contenu ; pour un sous-module git, lancez `git submodule update --init`"],
        ),
        (
            "title: X\ninclude:\n  - ../../../valid\n",
            &["content/site.yaml:3:5: erreur: `../../../valid` n'est pas un dossier de contenu : il n'a pas de `site.yaml`", "aide : incluez le dossier `content/` de l'annuaire de base, celui qui contient `site.yaml`, `needs/`, `alternatives/`…"],
        ),
        (
            "title: X\nlanguage: en\ninclude:\n  - ../../../valid/content\n",
            &["content/site.yaml:4:5: error: `../../../valid/content` is in language `fr`, this site in `en`", "help: an edition builds only upon content of its own language"],
        ),
        (
            "title: X\ninclude: [../../../valid/content]\nexclude: [providers/cafe-libres]\n",
            &["content/site.yaml:3:11: erreur: `providers/cafe-libres` : aucune fiche incluse ne porte ce nom", "aide : vouliez-vous dire `providers/cafe-libre` ?"],
        ),
        (
            "title: X\ninclude: [../../../valid/content]\nexclude: [providers/nimes-numerique]\n",
            &["content/site.yaml:3:11: erreur: `providers/nimes-numerique` est une fiche de ce site (`content/providers/nimes-numerique.md`), pas d'une base incluse", "aide : pour retirer une fiche de ce site, supprimez son fichier"],
        ),
        (
            "title: X\ninclude: [../../../valid/content]\nexclude: [alternatives/nextcloud]\n",
            &["../../valid/content/providers/cafe-libre.md:17:20: erreur: `nextcloud` est exclue par cette édition (`exclude` de site.yaml), mais cette fiche la nomme", "aide : excluez aussi cette fiche-ci, ou mettez dans ce site une fiche du même nom, sans cette référence"],
        ),
    ];
    for (site, want) in cases {
        set_site(&occ, site);
        let o = run(&occ, &["check", "--content", "content"], &[]);
        let got: Vec<String> = diags(&o.stderr).into_iter().filter(|l| !l.contains("last_verified") && !l.contains("dernière fois") && !l.contains("last verified") && !l.starts_with("aide : vérifiez les faits") && !l.starts_with("help: check the facts")).collect();
        let wanted: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        assert!(wanted.iter().all(|w| got.contains(w)), "site.yaml:\n{site}\nwanted {wanted:#?}\ngot {got:#?}");
        assert_eq!(o.status, 1, "{site}");
    }
}

#[test]
fn an_include_cycle_is_an_error() {
    let t = layout();
    let occ = edition(&t, "occitanie");
    // The base includes the edition in turn.
    let base_site = t.path().join("valid/content/site.yaml");
    let text = std::fs::read_to_string(&base_site).unwrap() + "include:\n  - ../../editions/occitanie/content\n";
    std::fs::write(&base_site, text).unwrap();
    let o = run(&occ, &["check", "--content", "content"], &[]);
    assert!(
        diags(&o.stderr).contains(&"../../valid/content/site.yaml:12:5: erreur: `../../editions/occitanie/content` inclut à son tour ce dossier : les inclusions forment une boucle".to_string()),
        "{}",
        o.stderr
    );
    assert_eq!(o.status, 1);
}

/// The output is the same whatever the number of threads, and a second build writes nothing.
#[test]
fn an_edition_builds_the_same_every_time() {
    let t = layout();
    let bzh = edition(&t, "bretagne");
    run(&bzh, &["build", "--content", "content", "--out", "a"], &[("RAYON_NUM_THREADS", "1")]).expect(0);
    run(&bzh, &["build", "--content", "content", "--out", "b"], &[("RAYON_NUM_THREADS", "2")]).expect(0);
    assert_same_tree(&tree(&bzh.join("a")), &tree(&bzh.join("b")), "1 thread vs 2");
}

/// A site that includes nothing says nothing of layers: its pages and data are as before.
#[test]
fn a_site_without_include_says_nothing_of_layers() {
    let s = Site::of("valid");
    s.build().expect(0);
    for (rel, _) in tree(&s.root().join("public")) {
        if rel.ends_with(".html") || rel.ends_with(".json") || rel.ends_with(".csv") {
            let text = s.page(&rel);
            assert!(!text.contains("class=\"layer\"") && !text.contains("\"layer\"") && !text.contains(",layer"), "{rel}");
        }
    }
}

#[test]
fn init_from_starts_an_edition_that_builds() {
    let t = layout();
    let dir = t.path().join("nouvelle");
    run(t.path(), &["init", "--from", "valid/content", "nouvelle"], &[]).expect(0);
    let site = std::fs::read_to_string(dir.join("content/site.yaml")).unwrap();
    assert!(site.contains("include:\n  - ../../valid/content\n"), "{site}");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(readme.contains("git submodule add") && readme.contains("git submodule update --remote"));
    build(&dir).expect(0);
    assert!(page(&dir, "alternatives/jitsi-meet.html").contains(FROM_BASE));
    // Not over an existing site; not from a folder that is not content.
    run(t.path(), &["init", "--from", "valid/content", "nouvelle"], &[]).expect(2);
    run(t.path(), &["init", "--from", "valid", "autre"], &[]).expect(2);
}

/// Regression: the no-change rebuild compared only the edition's own folder, so an edit in
/// the base (a submodule update) left the site as it was ("nothing changed").
#[test]
fn an_edit_in_the_base_is_rebuilt() {
    let t = layout();
    let occ = edition(&t, "occitanie");
    build(&occ).expect(0);
    let f = t.path().join("valid/content/alternatives/etherpad.md");
    let text = std::fs::read_to_string(&f).unwrap();
    let new_summary = "summary: \"Un éditeur de texte collaboratif, modifié dans la base.\"";
    let edited: String = text.lines().map(|l| if l.starts_with("summary:") { new_summary.to_string() } else { l.to_string() }).collect::<Vec<_>>().join("\n") + "\n";
    std::fs::write(&f, edited).unwrap();
    let o = build(&occ);
    o.expect(0);
    assert!(!o.stdout.contains("Rien n'a changé") && !o.stderr.contains("Rien n'a changé"), "{}{}", o.stdout, o.stderr);
    assert!(page(&occ, "alternatives/etherpad.html").contains("modifié dans la base"));
}
