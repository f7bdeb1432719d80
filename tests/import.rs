//! `aiguillage import chatonsinfos`: drafts from the fixture files of
//! `tests/fixtures/chatonsinfos/` (an association in Corsica, read from disk, whose files hold
//! the quirks of the properties format; a cooperative in La Réunion, read over HTTP from a
//! server on 127.0.0.1), into a copy of the `valid` site.

mod common;

use common::*;

const CORSE: &str = "ci/corse/organization.properties";

fn site_with_fixtures() -> Site {
    let s = Site::of("valid");
    copy_dir(&fixture("chatonsinfos"), &s.root().join("ci"));
    s
}

fn import(s: &Site, source: &str) -> Out {
    s.run(&["import", "chatonsinfos", source, "--content", "content"])
}

/// The problems of the files are said with their file and line; the draft takes what the
/// files say.
#[test]
fn the_corsican_association_is_drafted_with_each_problem_at_its_line() {
    let s = site_with_fixtures();
    let o = import(&s, CORSE);
    o.expect(0);
    assert_eq!(
        diags(&o.stderr),
        [
            "ci/corse/organization.properties:3:1: avertissement: ligne illisible : `[File]` n'est pas un nom de champ",
            "aide : une ligne est `nom.du.champ = valeur`, ou un commentaire commençant par `#`",
            "ci/corse/organization.properties:22:1: avertissement: champ inconnu du format ChatonsInfos : `organization.favorite.color` (ignoré)",
            "ci/corse/jitsi.properties:6:1: avertissement: `service.registration` est déjà donné ligne 3 : cette valeur-ci compte",
            "aide : gardez une seule ligne pour ce champ",
            "ci/corse/pad.properties:5:1: avertissement: échappement invalide `\\uZZZZ`",
            "aide : `\\u` est suivi de quatre chiffres hexadécimaux, par exemple `\\u00e9`",
            "ci/corse/pad.properties:6:1: avertissement: champ inconnu du format ChatonsInfos : `software.name.extra` (ignoré)",
        ],
        "{}",
        o.stderr
    );
    let draft = s.read("providers/ghjuventu-libera.md");
    for want in [
        "name: \"Ghjuventù Libera\"",
        // A continuation line, its blanks dropped; an escaped `:`; a quoted value.
        "summary: \"Association d'éducation populaire au numérique libre en Corse\"",
        "website: https://ghjuventu.exemple.org/",
        "contact: {email: contattu@ghjuventu.exemple.org, url: https://ghjuventu.exemple.org/contattu}",
        "legal_form: association",
        "location: {country: FR, department: \"2A\", city: \"Aiacciu\"}",
        "needs: [visioconference, documents-partages]",
        "    alternatives: [nextcloud]\n    # Service : Nuvola",
        "    registration: member\n    taking_new: true",
        // The last `service.registration` counts; FULL takes no one new.
        "    alternatives: [jitsi-meet]\n    # Service : Visio\u{a0}di Ghjuventù",
        "    registration: free\n    taking_new: false",
        "# Service dont le logiciel n'est pas dans l'annuaire : Pad (?)",
        "  accessibility: {status: unknown}",
        "ajoutez `memberships: [chatons]` après l'avoir vérifiée",
    ] {
        assert!(draft.contains(want), "draft lacks `{want}`:\n{draft}");
    }
    assert!(!draft.contains("memberships: [chatons]\n"), "a self-declared membership is not a proven one");
}

/// `check` refuses the draft only for what a person must fill in, and accepts it once filled.
#[test]
fn check_refuses_the_draft_until_a_person_fills_it_in() {
    let s = site_with_fixtures();
    import(&s, CORSE).expect(0);
    let o = s.check();
    let errors: Vec<String> = diags(&o.stderr).into_iter().filter(|l| l.contains(": erreur: ")).collect();
    assert_eq!(
        errors,
        [
            "content/providers/ghjuventu-libera.md:4:1: erreur: champ obligatoire `area` manquant",
            "content/providers/ghjuventu-libera.md:22:5: erreur: champ obligatoire `price` de la 1re offre manquant",
            "content/providers/ghjuventu-libera.md:31:5: erreur: champ obligatoire `price` de la 2ᵉ offre manquant",
            "content/providers/ghjuventu-libera.md:41:1: erreur: le texte de présentation est encore celui du modèle",
        ],
        "{}",
        o.stderr
    );
    let f = "providers/ghjuventu-libera.md";
    let text = s.read(f);
    let filled = text
        .replacen("# area: [\"2A\"]", "area: [\"2A\"]", 1)
        .replace("    # price: {model: …}", "    price: {model: membership}")
        .replace("Présentez ici la structure : qui elle est, comment elle accompagne les associations.", "Une association d'Ajaccio qui anime des ateliers.");
    s.write(f, filled);
    let o = s.check();
    assert!(!o.stderr.contains(": erreur: "), "{}", o.stderr);
    assert_eq!(o.status, 0, "{}", o.stderr);
}

/// An existing record is never overwritten: the command prints what the draft would change.
#[test]
fn an_existing_record_is_never_overwritten() {
    let s = site_with_fixtures();
    import(&s, CORSE).expect(0);
    let f = "providers/ghjuventu-libera.md";
    s.edit(f, "legal_form: association", "legal_form: informal");
    let before = s.read(f);
    let o = import(&s, CORSE);
    o.expect(1);
    assert_eq!(s.read(f), before, "the record was changed");
    assert!(o.stdout.contains("-legal_form: informal\n+legal_form: association\n"), "{}", o.stdout);
    assert!(o.stderr.contains("existe déjà : rien n'a été écrit"), "{}", o.stderr);
}

/// Over HTTP: the organisation file, then its service by a relative address; the sources are
/// the files' addresses. The overseas department comes from the postcode.
#[test]
fn the_overseas_cooperative_is_read_over_http() {
    let s = site_with_fixtures();
    let port = serve_files(&s.root().join("ci/reunion"));
    let url = format!("http://127.0.0.1:{port}/organization.properties");
    let o = import(&s, &url);
    o.expect(0);
    assert!(diags(&o.stderr).is_empty(), "{}", o.stderr);
    let draft = s.read("providers/cooperative-numerique-pei.md");
    for want in [
        "legal_form: cooperative",
        "location: {country: FR, department: \"974\", city: \"Saint-Denis\"}",
        "# area: [\"974\"]",
        "    alternatives: [nextcloud]",
        "    registration: client\n    taking_new: false",
        &format!("sources:\n  - {url}\n  - http://127.0.0.1:{port}/services/cloud.properties\n  - https://pei.exemple.org/\n"),
    ] {
        assert!(draft.contains(want), "draft lacks `{want}`:\n{draft}");
    }
}

#[test]
fn a_service_file_given_instead_of_the_organisation_is_refused() {
    let s = site_with_fixtures();
    let o = import(&s, "ci/corse/nextcloud.properties");
    o.expect(1);
    assert_eq!(
        diags(&o.stderr),
        [
            "ci/corse/nextcloud.properties:1:1: erreur: `file.class` vaut `service`, on attend `organization`",
            "aide : donnez le fichier de l'organisation (organization.properties) ; il liste ses services dans `subs.*`",
        ],
        "{}",
        o.stderr
    );
    assert!(!s.path("providers/nuvola.md").exists());
}
