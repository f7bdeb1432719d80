//! `aiguillage check`: one test per validation rule, each asserting the exact diagnostic lines
//! (`file:line:col: erreur: message` and its `aide :` hint) a contributor reads in CI.
//!
//! Every test copies the small valid site of `tests/fixtures/check/base/content/` into a
//! temporary folder, changes one thing, and runs the real binary from that folder with
//! `--content content`, so that messages name `content/…` as a contributor sees it.
//!
//! Line numbers in the expected messages refer to the base records:
//! `alternatives/jitsi-meet.md` (name on line 2, `criteria:` on 6, `replaces:` on 17,
//! `license:` 18, `source:` 19, `platforms:` 20, `self_hostable:` 21, `sources:` 22, body from
//! line 24) and `providers/chapril.md` (name on line 2, `legal_form:` on 15, `location:` 16,
//! `area:` 17, `offers:` 18–23, `contact:` 24, `sources:` 25, body from line 27).

mod common;

use common::*;
use std::fs;

fn summary(stderr: &str) -> String {
    stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("").to_string()
}

/// Asserts exit 1 and exactly these message and hint lines.
#[track_caller]
fn assert_errors(o: &Out, expected: &[&str]) {
    assert_eq!(diags(&o.stderr), expected, "full report:\n{}", o.stderr);
    assert_eq!(o.status, 1, "exit code; report:\n{}", o.stderr);
}

#[track_caller]
fn assert_clean(o: &Out) {
    assert_eq!(o.status, 0, "report:\n{}", o.stderr);
    assert_eq!(o.stderr.trim(), "Aucun problème trouvé.", "report:\n{}", o.stderr);
}

// ---------------------------------------------------------------------------------------------
// The base site itself

#[test]
fn base_site_is_clean_even_with_strict() {
    let s = Site::new();
    assert_clean(&s.check());
    assert_clean(&s.check_with(&["--strict"]));
}

#[test]
fn check_writes_nothing() {
    let s = Site::new();
    s.check();
    let names: Vec<_> = fs::read_dir(s.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("content")]);
}

// ---------------------------------------------------------------------------------------------
// Report format

#[test]
fn human_report_quotes_the_line_underlines_the_value_and_gives_a_hint() {
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: asso");
    let o = s.check();
    assert_eq!(o.status, 1);
    assert_eq!(
        o.stderr,
        "content/providers/chapril.md:15:13: erreur: `legal_form` vaut `asso` ; valeurs possibles : association, cooperative, company, micro_company, individual, informal, public, other\n   |\n15 | legal_form: asso\n   |             ^^^^\naide : écrivez `association` (les valeurs s'écrivent en anglais)\n\n1 erreur dans 1 fichier.\n"
    );
    assert_eq!(o.stdout, "");
}

#[test]
fn summary_line_counts_errors_and_files() {
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: asso");
    s.edit(PROV, "model: free", "model: gratuit");
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    let o = s.check();
    assert_eq!(o.status, 1);
    assert_eq!(diags(&o.stderr).len(), 6, "{}", o.stderr);
    assert_eq!(summary(&o.stderr), "3 erreurs dans 2 fichiers.");
    let o = s.check_with(&["--lang", "en"]);
    assert_eq!(summary(&o.stderr), "3 errors in 2 files.");
}

#[test]
fn all_problems_are_reported_at_once_sorted_by_file_and_line() {
    let s = Site::new();
    s.edit(PROV, "model: free", "model: gratuit");
    s.edit(PROV, "legal_form: association", "legal_form: asso");
    s.edit(ALT, "self_hostable: true", "self_hostable: peut-être");
    s.edit(ALT, "name: Jitsi Meet", "name: 12");
    let heads: Vec<String> = diags(&s.check().stderr).into_iter().filter(|l| !l.starts_with("aide")).collect();
    let places: Vec<&str> = heads.iter().map(|h| h.split(": erreur").next().unwrap()).collect();
    assert_eq!(
        places,
        [
            "content/alternatives/jitsi-meet.md:2:7",
            "content/alternatives/jitsi-meet.md:21:16",
            "content/providers/chapril.md:15:13",
            "content/providers/chapril.md:21:20",
        ]
    );
}

#[test]
fn json_format_gives_one_object_per_problem_per_line() {
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: asso");
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    let o = s.check_with(&["--format", "json"]);
    assert_eq!(o.status, 1);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", o.stdout);
    let objs: Vec<serde_json::Value> = lines.iter().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    for obj in &objs {
        let mut keys: Vec<&str> = obj.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["code", "column", "file", "hint", "line", "message", "severity"]);
    }
    assert_eq!(
        objs[0],
        serde_json::json!({
            "file": "content/alternatives/jitsi-meet.md", "line": 18, "column": 10, "severity": "error",
            "code": "bad-license", "message": "licence SPDX inconnue `GPLv3`",
            "hint": "vouliez-vous dire `GPL-3.0-only` ?"
        })
    );
    assert_eq!(
        objs[1],
        serde_json::json!({
            "file": "content/providers/chapril.md", "line": 15, "column": 13, "severity": "error",
            "code": "bad-value",
            "message": "`legal_form` vaut `asso` ; valeurs possibles : association, cooperative, company, micro_company, individual, informal, public, other",
            "hint": "écrivez `association` (les valeurs s'écrivent en anglais)"
        })
    );
}

#[test]
fn json_format_in_english_and_for_warnings() {
    let s = Site::new();
    s.edit(PROV, "  proximity:\n    status: unknown\n", "");
    let o = s.check_with(&["--format", "json", "--lang", "en"]);
    assert_eq!(o.status, 0, "{}", o.stdout);
    let obj: serde_json::Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert_eq!(obj["severity"], "warning");
    assert_eq!(obj["code"], "missing-criterion");
    assert_eq!(obj["message"], "criterion `proximity` is not assessed; it counts as `unknown`");
    assert_eq!((obj["line"].as_u64(), obj["column"].as_u64()), (Some(6), Some(1)));
}

#[test]
fn json_format_with_no_problem_prints_nothing() {
    let o = Site::new().check_with(&["--format", "json"]);
    assert_eq!((o.status, o.stdout.as_str()), (0, ""));
}

// ---------------------------------------------------------------------------------------------
// Exit codes

#[test]
fn exit_code_0_when_clean_1_on_errors() {
    let s = Site::new();
    assert_eq!(s.check().status, 0);
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    assert_eq!(s.check().status, 1);
}

#[test]
fn exit_code_2_when_the_content_folder_is_missing() {
    let s = Site::new();
    let o = s.run(&["check", "--content", "nulle-part"]);
    assert_eq!(o.status, 2);
    assert_eq!(
        o.stderr,
        "aiguillage : dossier de contenu introuvable `nulle-part`\naide : lancez la commande depuis le dossier qui contient `content/`, ou donnez `--content CHEMIN` ; `aiguillage init DOSSIER` crée un site\n"
    );
    let o = s.run(&["check", "--content", "nulle-part", "--lang", "en"]);
    assert_eq!(o.status, 2);
    assert!(o.stderr.starts_with("aiguillage: content folder not found `nulle-part`\nhelp: "), "{}", o.stderr);
    // The default folder is `content/` in the current folder.
    let o = std::process::Command::new(bin()).arg("check").current_dir(s.path("needs")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn exit_code_2_on_usage_errors() {
    let s = Site::new();
    for args in [&["check", "--bogus"][..], &["check", "--format", "xml"], &["check", "--lang", "de"], &["frobnicate"]] {
        let o = s.run(args);
        assert_eq!(o.status, 2, "{args:?}: {}", o.stderr);
        assert!(!o.stderr.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown fields

/// A typo gives one message: the unknown field, naming the field it most likely meant (not
/// also "required field missing" for that same field).
#[test]
fn unknown_field_names_the_closest_known_field() {
    let s = Site::new();
    s.edit(ALT, "summary:", "sumary:");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:3:1: erreur: champ inconnu `sumary`",
            "aide : vouliez-vous dire `summary` ? Champs possibles : name, summary, website, needs, criteria, reservations, status, last_verified, sources, replaces, license, source, platforms, self_hostable, maturity, data",
        ],
    );
}

#[test]
fn unknown_field_in_english() {
    let s = Site::new();
    s.edit(PROV, "website:", "websit:");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/providers/chapril.md:4:1: error: unknown field `websit`",
            "help: did you mean `website`? Possible fields: name, summary, website, needs, criteria, reservations, status, last_verified, sources, legal_form, location, area, meet_in_person, offers, memberships, contact, accessibility_features",
        ],
    );
}

#[test]
fn unknown_nested_field_names_its_path() {
    let s = Site::new();
    s.edit(ALT, "    evidence:", "    evidnce:");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:10:13: erreur: `criteria.respect` vaut `yes` sans preuve (`evidence`)",
            "aide : ajoutez `evidence:` avec ce qui le montre (et `source:` avec un lien), ou écrivez `status: unknown`",
            "content/alternatives/jitsi-meet.md:11:5: erreur: champ inconnu `criteria.respect.evidnce`",
            "aide : vouliez-vous dire `evidence` ? Champs possibles : status, evidence, source",
        ],
    );
}

#[test]
fn provider_field_on_an_alternative_is_unknown() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\nlegal_form: association");
    let d = diags(&s.check().stderr);
    assert_eq!(d[0], "content/alternatives/jitsi-meet.md:22:1: erreur: champ inconnu `legal_form`");
    assert!(d[1].ends_with("Champs possibles : name, summary, website, needs, criteria, reservations, status, last_verified, sources, replaces, license, source, platforms, self_hostable, maturity, data"), "{d:?}");
    assert_eq!(d.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Missing required fields: one test per field. The message points at the record's first field.

/// Removes `line` from the record (a leading `\n` in `line` makes it unique and is kept).
fn missing(rel: &str, line: &str) -> Vec<String> {
    let s = Site::new();
    s.edit(rel, line, if line.starts_with('\n') { "\n" } else { "" });
    let o = s.check();
    assert_eq!(o.status, 1, "{}", o.stderr);
    diags(&o.stderr)
}

const GENERIC: &str = "(voir le modèle donné par `aiguillage new`)";
const LIST: &str = "aide : une liste : `[a, b]` ou une ligne `- a` par élément";

#[test]
fn missing_name() {
    assert_eq!(
        missing(ALT, "name: Jitsi Meet\n"),
        ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `name` manquant".to_string(), format!("aide : ajoutez le champ `name: …` {GENERIC}")]
    );
}

#[test]
fn missing_summary() {
    assert_eq!(
        missing(PROV, "summary: \"Hébergeur associatif de l'April.\"\n"),
        ["content/providers/chapril.md:2:1: erreur: champ obligatoire `summary` manquant".to_string(), format!("aide : ajoutez le champ `summary: …` {GENERIC}")]
    );
}

#[test]
fn missing_website_on_a_provider() {
    assert_eq!(
        missing(PROV, "website: https://www.chapril.org/\n"),
        ["content/providers/chapril.md:2:1: erreur: champ obligatoire `website` manquant".to_string(), format!("aide : ajoutez le champ `website: …` {GENERIC}")]
    );
}

#[test]
fn website_is_optional_on_an_alternative() {
    let s = Site::new();
    s.edit(ALT, "website: https://jitsi.org/jitsi-meet/\n", "");
    assert_clean(&s.check());
}

#[test]
fn missing_needs() {
    assert_eq!(missing(ALT, "needs: [visioconference]\n"), ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `needs` manquant", LIST]);
}

#[test]
fn empty_needs_list() {
    let s = Site::new();
    s.edit(ALT, "needs: [visioconference]", "needs: []");
    assert_errors(&s.check(), &["content/alternatives/jitsi-meet.md:5:8: erreur: `needs` est une liste vide ; il faut au moins un élément", LIST]);
}

#[test]
fn empty_required_text() {
    let s = Site::new();
    s.edit(ALT, "name: Jitsi Meet", "name: \"  \"");
    assert_errors(&s.check(), &["content/alternatives/jitsi-meet.md:2:7: erreur: `name` est vide", "aide : écrivez la valeur après les deux-points"]);
}

#[test]
fn field_name_that_is_not_a_word() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\n42: x");
    let d = diags(&s.check().stderr);
    assert_eq!(d[0], "content/alternatives/jitsi-meet.md:22:1: erreur: nom de champ invalide `42`");
    assert!(d[1].starts_with("aide : un nom de champ est un mot suivi de `:` ; champs possibles : name, summary,"), "{d:?}");
}

#[test]
fn missing_replaces() {
    assert_eq!(missing(ALT, "replaces: [zoom]\n"), ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `replaces` manquant", LIST]);
}

#[test]
fn missing_license() {
    assert_eq!(
        missing(ALT, "license: Apache-2.0\n"),
        ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `license` manquant".to_string(), format!("aide : ajoutez le champ `license: …` {GENERIC}")]
    );
}

#[test]
fn missing_source() {
    assert_eq!(
        missing(ALT, "\nsource: https://github.com/jitsi/jitsi-meet\n"),
        ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `source` manquant".to_string(), format!("aide : ajoutez le champ `source: …` {GENERIC}")]
    );
}

#[test]
fn missing_platforms() {
    assert_eq!(missing(ALT, "platforms: [web, android, ios]\n"), ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `platforms` manquant", LIST]);
}

#[test]
fn missing_self_hostable() {
    assert_eq!(
        missing(ALT, "self_hostable: true\n"),
        ["content/alternatives/jitsi-meet.md:2:1: erreur: champ obligatoire `self_hostable` manquant", "aide : écrivez `true` (oui) ou `false` (non)"]
    );
}

#[test]
fn missing_legal_form() {
    assert_eq!(
        missing(PROV, "legal_form: association\n"),
        ["content/providers/chapril.md:2:1: erreur: champ obligatoire `legal_form` manquant".to_string(), format!("aide : ajoutez le champ `legal_form: …` {GENERIC}")]
    );
}

#[test]
fn missing_location() {
    assert_eq!(
        missing(PROV, "location: {country: FR, department: \"75\", city: Paris}\n"),
        [
            "content/providers/chapril.md:2:1: erreur: champ obligatoire `location` manquant",
            "aide : par exemple `location: {country: FR, department: \"34\", city: Montpellier}`"
        ]
    );
}

#[test]
fn missing_area() {
    assert_eq!(missing(PROV, "area: [national, remote]\n"), ["content/providers/chapril.md:2:1: erreur: champ obligatoire `area` manquant", LIST]);
}

#[test]
fn missing_offers() {
    let s = Site::new();
    let text = s.read(PROV);
    let start = text.find("offers:").unwrap();
    let end = text.find("contact:").unwrap();
    s.write(PROV, format!("{}{}", &text[..start], &text[end..]));
    assert_errors(&s.check(), &["content/providers/chapril.md:2:1: erreur: champ obligatoire `offers` manquant", LIST]);
}

#[test]
fn missing_contact() {
    assert_eq!(
        missing(PROV, "contact: {email: contact@chapril.org}\n"),
        ["content/providers/chapril.md:2:1: erreur: champ obligatoire `contact` manquant", "aide : au moins un de `email`, `phone`, `url`"]
    );
}

#[test]
fn missing_offer_price_names_the_offer() {
    assert_eq!(
        missing(PROV, "    price: {model: free}\n"),
        [
            "content/providers/chapril.md:19:5: erreur: champ obligatoire `price` de la 1re offre manquant",
            "aide : par exemple `price: {model: membership}` ; modèles : free, donation, membership, sliding_scale, quote, fixed"
        ]
    );
}

#[test]
fn missing_name_in_english() {
    let s = Site::new();
    s.edit(ALT, "name: Jitsi Meet\n", "");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/alternatives/jitsi-meet.md:2:1: error: required field `name` is missing",
            "help: add the field `name: …` (see the template written by `aiguillage new`)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Wrong types

#[test]
fn number_where_text_is_expected() {
    let s = Site::new();
    s.edit(ALT, "name: Jitsi Meet", "name: 42");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:2:7: erreur: `name` doit être un texte, on trouve un nombre (`42`)", "aide : mettez la valeur entre guillemets : \"42\""],
    );
}

#[test]
fn text_where_a_number_is_expected() {
    let s = Site::new();
    s.edit(PROV, "price: {model: free}", "price: {model: fixed, from_eur: \"douze euros\"}");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:21:37: erreur: `price.from_eur` de la 1re offre doit être un nombre, on trouve `\"douze euros\"`",
            "aide : un nombre sans guillemets ni symbole, par exemple `12.5`",
        ],
    );
}

#[test]
fn text_where_a_boolean_is_expected() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: \"oui\"");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:21:16: erreur: `self_hostable` vaut `\"oui\"` ; il faut `true` ou `false`", "aide : écrivez `true` (oui) ou `false` (non), sans guillemets"],
    );
}

#[test]
fn list_where_text_is_expected() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: [MIT, Apache-2.0]");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:18:10: erreur: `license` doit être un texte, on trouve une liste",
            "aide : écrivez une seule valeur sur la ligne, par exemple `license: …`, sans `[ ]`, `{ }` ni tirets",
        ],
    );
}

#[test]
fn group_where_a_list_is_expected() {
    let s = Site::new();
    s.edit(ALT, "platforms: [web, android, ios]", "platforms: {web: true}");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:20:12: erreur: `platforms` doit être une liste, on trouve un groupe de champs", "aide : une liste : `[a, b]` ou une ligne `- a` par élément"],
    );
}

#[test]
fn number_where_a_list_is_expected() {
    let s = Site::new();
    s.edit(ALT, "replaces: [zoom]", "replaces: 3");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &["content/alternatives/jitsi-meet.md:17:11: error: `replaces` must be a list, found a number", "help: a list: `[a, b]` or one `- a` line per item"],
    );
}

#[test]
fn a_single_text_is_accepted_as_a_list_of_one() {
    let s = Site::new();
    s.edit(ALT, "replaces: [zoom]", "replaces: zoom");
    assert_clean(&s.check());
}

#[test]
fn record_that_is_not_a_group_of_fields() {
    let s = Site::new();
    s.write("tools/zoom.yaml", "- Zoom\n- Teams\n");
    let d = diags(&s.check().stderr);
    assert_eq!(d[0], "content/tools/zoom.yaml:1:1: erreur: le fichier doit contenir des champs `nom: valeur`, on trouve une liste");
    assert_eq!(d[1], "aide : champs possibles : name, vendor, needs, description");
}

// ---------------------------------------------------------------------------------------------
// Values out of their list (enums)

#[test]
fn criterion_status_in_french_suggests_the_english_word() {
    let s = Site::new();
    s.edit(ALT, "status: yes", "status: oui");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:10:13: erreur: `criteria.respect.status` vaut `oui` ; valeurs possibles : yes, partial, no, unknown",
            "aide : écrivez `yes` (les statuts s'écrivent en anglais : yes, partial, no, unknown)",
        ],
    );
}

#[test]
fn criterion_status_in_french_in_english() {
    let s = Site::new();
    s.edit(ALT, "status: yes", "status: oui");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/alternatives/jitsi-meet.md:10:13: error: `criteria.respect.status` is `oui`; possible values: yes, partial, no, unknown",
            "help: write `yes` (statuses are English words: yes, partial, no, unknown)",
        ],
    );
}

#[test]
fn criterion_status_yaml11_booleans_are_read_as_yes_and_no() {
    let s = Site::new();
    s.edit(ALT, "status: yes", "status: true");
    assert_clean(&s.check());
}

#[test]
fn reservation_severity() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\nreservations:\n  - text: Lent sur les vieux ordinateurs\n    severity: grave");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:24:15: erreur: `severity` de la 1re réserve vaut `grave` ; valeurs possibles : minor, moderate, major",
            "aide : écrivez `major` (les valeurs s'écrivent en anglais)",
        ],
    );
}

#[test]
fn platforms_each_wrong_item_is_reported() {
    let s = Site::new();
    s.edit(ALT, "platforms: [web, android, ios]", "platforms: [web, androide, mac]");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:20:18: erreur: `platforms` vaut `androide` ; valeurs possibles : web, windows, macos, linux, android, ios",
            "aide : vouliez-vous dire `android` ?",
            "content/alternatives/jitsi-meet.md:20:28: erreur: `platforms` vaut `mac` ; valeurs possibles : web, windows, macos, linux, android, ios",
            "aide : écrivez `macos` (les valeurs s'écrivent en anglais)",
        ],
    );
}

#[test]
fn maturity() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\nmaturity: stable");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:22:11: erreur: `maturity` vaut `stable` ; valeurs possibles : released, beta, experimental, unmaintained",
            "aide : écrivez `released` (les valeurs s'écrivent en anglais)",
        ],
    );
}

#[test]
fn entry_status_typo() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\nstatus: closd");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:22:9: erreur: `status` vaut `closd` ; valeurs possibles : active, paused, closed", "aide : vouliez-vous dire `closed` ?"],
    );
}

#[test]
fn entry_status() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\nstatus: actif");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:22:9: erreur: `status` vaut `actif` ; valeurs possibles : active, paused, closed", "aide : écrivez `active` (les valeurs s'écrivent en anglais)"],
    );
}

#[test]
fn legal_form_in_french_suggests_its_english_value() {
    // Spelling alone would suggest `company` for `scop`: a SCOP is a cooperative.
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: SCOP");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:15:13: erreur: `legal_form` vaut `SCOP` ; valeurs possibles : association, cooperative, company, micro_company, individual, informal, public, other",
            "aide : écrivez `cooperative` (les valeurs s'écrivent en anglais)",
        ],
    );
}

#[test]
fn legal_form_with_no_close_value_lists_them_all() {
    let s = Site::new();
    s.edit(PROV, "legal_form: association", "legal_form: zzz");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:15:13: erreur: `legal_form` vaut `zzz` ; valeurs possibles : association, cooperative, company, micro_company, individual, informal, public, other",
            "aide : écrivez l'une des valeurs : `association`, `cooperative`, `company`, `micro_company`, `individual`, `informal`, `public` ou `other`",
        ],
    );
}

#[test]
fn offer_type_price_model_and_registration() {
    let s = Site::new();
    s.edit(PROV, "type: hosting", "type: hebergement");
    s.edit(PROV, "model: free", "model: gratuit");
    s.edit(PROV, "registration: none", "registration: aucune");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:19:11: erreur: `type` de la 1re offre vaut `hebergement` ; valeurs possibles : hosting, support, training, development, audit",
            "aide : écrivez `hosting` (les valeurs s'écrivent en anglais)",
            "content/providers/chapril.md:21:20: erreur: `price.model` de la 1re offre vaut `gratuit` ; valeurs possibles : free, donation, membership, sliding_scale, quote, fixed",
            "aide : écrivez `free` (les valeurs s'écrivent en anglais)",
            "content/providers/chapril.md:22:19: erreur: `registration` de la 1re offre vaut `aucune` ; valeurs possibles : none, free, member, client",
            "aide : écrivez `none` (les valeurs s'écrivent en anglais)",
        ],
    );
}

#[test]
fn offer_type_typo_suggests_the_value() {
    let s = Site::new();
    s.edit(PROV, "type: hosting", "type: hostin");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/providers/chapril.md:19:11: error: `type` of offer 1 is `hostin`; possible values: hosting, support, training, development, audit",
            "help: did you mean `hosting`?",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Assessments

#[test]
fn yes_without_evidence() {
    let s = Site::new();
    s.edit(ALT, "    evidence: \"Logiciel libre qu'une association peut héberger.\"\n", "");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:10:13: erreur: `criteria.respect` vaut `yes` sans preuve (`evidence`)",
            "aide : ajoutez `evidence:` avec ce qui le montre (et `source:` avec un lien), ou écrivez `status: unknown`",
        ],
    );
}

#[test]
fn yes_as_a_short_form_without_evidence() {
    let s = Site::new();
    s.edit(ALT, "  equity:\n    status: unknown", "  equity: yes");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:7:11: erreur: `criteria.equity` : le statut `yes` demande une preuve",
            "aide : écrivez `status:` puis `evidence:` sur deux lignes sous le critère",
        ],
    );
}

#[test]
fn unknown_as_a_short_form_is_accepted() {
    let s = Site::new();
    s.edit(ALT, "  equity:\n    status: unknown", "  equity: unknown");
    assert_clean(&s.check());
}

// ---------------------------------------------------------------------------------------------
// Lengths, URLs, dates

#[test]
fn summary_longer_than_200_characters() {
    let s = Site::new();
    // 201 characters, accents counted as one.
    let long = format!("é{}", "x".repeat(200));
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", &format!("summary: \"{long}\""));
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:3:10: erreur: le résumé fait 201 caractères ; 200 au plus", "aide : une seule phrase ; le détail va dans le texte sous les champs"],
    );
}

#[test]
fn summary_of_exactly_200_characters_is_accepted() {
    let s = Site::new();
    let exact = format!("é{}", "x".repeat(199));
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", &format!("summary: \"{exact}\""));
    assert_clean(&s.check());
}

#[test]
fn website_ftp_is_not_a_web_address() {
    let s = Site::new();
    s.edit(PROV, "website: https://www.chapril.org/", "website: ftp://www.chapril.org/");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:4:10: erreur: `website` doit être une adresse web http(s), on trouve `ftp://www.chapril.org/`",
            "aide : une adresse complète comme `https://exemple.org/`",
        ],
    );
}

#[test]
fn website_javascript_is_refused() {
    let s = Site::new();
    s.edit(PROV, "website: https://www.chapril.org/", "website: javascript:alert(1)");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/providers/chapril.md:4:10: error: `website` must be an http(s) web address, found `javascript:alert(1)`",
            "help: a full address such as `https://example.org/`",
        ],
    );
}

#[test]
fn source_and_contact_url_and_sources_list_are_checked_too() {
    let s = Site::new();
    s.edit(ALT, "\nsource: https://github.com/jitsi/jitsi-meet\n", "\nsource: github.com/jitsi/jitsi-meet\n");
    s.edit(ALT, "sources: [https://jitsi.org/jitsi-meet/]", "sources: [\"https://ok.org/\", \"data:text/html,x\"]");
    s.edit(PROV, "contact: {email: contact@chapril.org}", "contact: {url: \"https://a b.org/\"}");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:19:9: erreur: `source` doit être une adresse web http(s), on trouve `github.com/jitsi/jitsi-meet`",
            "aide : ajoutez `https://` devant : `https://github.com/jitsi/jitsi-meet`",
            "content/alternatives/jitsi-meet.md:22:30: erreur: `sources` doit être une adresse web http(s), on trouve `data:text/html,x`",
            "aide : une adresse complète comme `https://exemple.org/`",
            "content/providers/chapril.md:24:16: erreur: `contact.url` doit être une adresse web http(s), on trouve `https://a b.org/`",
            "aide : une adresse complète comme `https://exemple.org/`",
        ],
    );
}

#[test]
fn date_february_30th_does_not_exist() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 2026-02-30");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:18:16: erreur: la date `2026-02-30` n'existe pas dans le calendrier", "aide : par exemple `2026-03-15` (année-mois-jour)"],
    );
}

#[test]
fn date_month_13_does_not_exist() {
    let s = Site::new();
    s.edit(ALT, "self_hostable: true", "self_hostable: true\nreservations:\n  - text: Lent\n    severity: minor\n    date: 2026-13-01");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &["content/alternatives/jitsi-meet.md:25:11: error: the date `2026-13-01` does not exist in the calendar", "help: for example `2026-03-15` (year-month-day)"],
    );
}

#[test]
fn date_in_french_order_names_the_expected_form() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 15/03/2026");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:18:16: erreur: `last_verified` doit être une date `AAAA-MM-JJ`, on trouve `15/03/2026`", "aide : par exemple `2026-03-15` (année-mois-jour)"],
    );
}

#[test]
fn leap_day_is_a_real_date() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 2024-02-29");
    // 2024-02-29 → 2026-02-28: 23 months, stale, but only a warning.
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
}

// ---------------------------------------------------------------------------------------------
// Departments and regions

const DEPT_HINT_TAIL: &str = "(par exemple \"34\" pour l'Hérault, \"2A\" pour la Corse-du-Sud, \"974\" pour La Réunion)";

#[test]
fn unknown_department_96_suggests_nearby_codes() {
    let s = Site::new();
    s.edit(PROV, "department: \"75\"", "department: 96");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:16:37: erreur: département inconnu `96`", &format!("aide : codes INSEE proches : `95`, `94` ou `93` {DEPT_HINT_TAIL}")],
    );
}

#[test]
fn unknown_department_2c_suggests_the_corsican_codes_first() {
    let s = Site::new();
    s.edit(PROV, "department: \"75\"", "department: 2C");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:16:37: erreur: département inconnu `2C`", &format!("aide : codes INSEE proches : `2A`, `2B` ou `21` {DEPT_HINT_TAIL}")],
    );
}

/// `20` was Corsica's single code before 1976: the hint gives its two successors.
#[test]
fn unknown_department_in_area() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [national, \"20\"]");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/providers/chapril.md:17:18: error: unknown department `20`",
            "help: nearby INSEE codes: `2A` or `2B` (e.g. \"34\" for Hérault, \"2A\" for Corse-du-Sud, \"974\" for La Réunion)",
        ],
    );
}

#[test]
fn department_written_in_every_accepted_way() {
    for written in ["34", "\"34\"", "01", "\"01\"", "1", "2A", "\"2b\"", "974", "'971'"] {
        let s = Site::new();
        s.edit(PROV, "department: \"75\"", &format!("department: {written}"));
        s.edit(PROV, "area: [national, remote]", &format!("area: [national, {written}]"));
        let o = s.check();
        assert_eq!((o.status, o.stderr.trim()), (0, "Aucun problème trouvé."), "department: {written}");
    }
}

#[test]
fn department_01_is_read_as_ain_not_as_the_number_1() {
    // `01` unquoted is a number for YAML: it must still be read as the code `01` (Ain, in
    // Auvergne-Rhône-Alpes), and the provider be found under that region.
    let s = Site::new();
    s.edit(PROV, "department: \"75\"", "department: 01");
    let o = s.run(&["build", "--content", "content", "--out", "public"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let region = fs::read_to_string(s.root().join("public/regions/fr-ara.html")).unwrap();
    assert!(region.contains("Chapril"), "{region}");
    let page = fs::read_to_string(s.root().join("public/providers/chapril.html")).unwrap();
    assert!(page.contains("(01)"), "{page}");
}

#[test]
fn unknown_region() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [FR-XYZ, fr-oc]");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:17:8: erreur: région inconnue `FR-XYZ`",
            "aide : les régions : FR-ARA, FR-BFC, FR-BRE, FR-CVL, FR-COR, FR-GES, FR-HDF, FR-IDF, FR-NOR, FR-NAQ, FR-OCC, FR-PDL, FR-PAC, FR-971, FR-972, FR-973, FR-974, FR-975, FR-976",
            "content/providers/chapril.md:17:16: erreur: région inconnue `fr-oc`",
            "aide : codes proches : `FR-OCC`, `FR-COR` ou `FR-BFC` ; toutes les régions : FR-ARA, FR-BFC, FR-BRE, FR-CVL, FR-COR, FR-GES, FR-HDF, FR-IDF, FR-NOR, FR-NAQ, FR-OCC, FR-PDL, FR-PAC, FR-971, FR-972, FR-973, FR-974, FR-975, FR-976",
        ],
    );
}

#[test]
fn unknown_area_word() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [partout]");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:17:8: erreur: zone inconnue `partout`",
            "aide : `national`, `remote` (à distance), une région comme `FR-OCC` ou un département comme `\"30\"`",
        ],
    );
}

#[test]
fn country_must_be_two_uppercase_letters() {
    let s = Site::new();
    s.edit(PROV, "country: FR", "country: France");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:16:21: erreur: `location.country` vaut `France` ; il faut un code pays ISO de deux lettres majuscules",
            "aide : par exemple `FR`, `BE`, `CH`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Cross-references

#[test]
fn unknown_need_names_the_closest_ids() {
    let s = Site::new();
    s.edit(ALT, "needs: [visioconference]", "needs: [visio-conference]");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:5:9: erreur: besoin inconnu `visio-conference`",
            "aide : vouliez-vous dire `visioconference` ? (fichiers de `content/needs/`)",
        ],
    );
}

#[test]
fn unknown_need_in_a_tool() {
    let s = Site::new();
    s.edit("tools/zoom.yaml", "needs: [visioconference]", "needs: [visio, courriels]");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/tools/zoom.yaml:3:9: error: unknown need `visio`",
            "help: did you mean `visioconference`? (files of `content/needs/`)",
            "content/tools/zoom.yaml:3:16: error: unknown need `courriels`",
            "help: did you mean `courriel`? (files of `content/needs/`)",
        ],
    );
}

#[test]
fn unknown_tool() {
    let s = Site::new();
    s.edit(ALT, "replaces: [zoom]", "replaces: [zoom2]");
    assert_errors(&s.check(), &["content/alternatives/jitsi-meet.md:17:12: erreur: outil inconnu `zoom2`", "aide : vouliez-vous dire `zoom` ? (fichiers de `content/tools/`)"]);
}

#[test]
fn unknown_criterion() {
    let s = Site::new();
    s.edit(ALT, "  proximity:", "  proximite:");
    let o = s.check();
    assert_errors(
        &o,
        &[
            "content/alternatives/jitsi-meet.md:6:1: avertissement: le critère `proximity` n'est pas évalué ; il compte comme `unknown`",
            "aide : ajoutez sous `criteria:` une ligne `proximity: {status: unknown}` ou une évaluation avec preuve",
            "content/alternatives/jitsi-meet.md:15:3: erreur: critère inconnu `proximite`",
            "aide : vouliez-vous dire `proximity` ? (fichiers de `content/criteria/`)",
        ],
    );
    assert_eq!(summary(&o.stderr), "1 erreur et 1 avertissement dans 1 fichier.");
}

#[test]
fn unknown_alternative_in_an_offer() {
    let s = Site::new();
    s.edit(PROV, "alternatives: [jitsi-meet]", "alternatives: [jitsi]");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:20:20: erreur: alternative inconnue `jitsi`",
            "aide : vouliez-vous dire `jitsi-meet` ? (fichiers de `content/alternatives/`)",
        ],
    );
}

#[test]
fn unknown_reference_with_no_close_id() {
    let s = Site::new();
    s.edit(ALT, "replaces: [zoom]", "replaces: [microsoft-teams]");
    assert_errors(&s.check(), &["content/alternatives/jitsi-meet.md:17:12: erreur: outil inconnu `microsoft-teams`", "aide : `microsoft-teams` n'est pas dans l'annuaire : créez sa fiche avec `aiguillage new tool microsoft-teams`, ou retirez ce nom (la liste est dans `content/tools/`)"]);
}

#[test]
fn a_record_with_errors_is_not_also_reported_as_unknown_where_it_is_named() {
    // jitsi-meet exists but has an error of its own: the provider naming it must not get a
    // second, misleading "unknown alternative" message, nor a link to it a "missing file" one.
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    s.edit(PROV, "Le Chapril est le chaton", "Le Chapril héberge [Jitsi](../alternatives/jitsi-meet.md), c'est le chaton");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:18:10: erreur: licence SPDX inconnue `GPLv3`", "aide : vouliez-vous dire `GPL-3.0-only` ?"],
    );
}

#[test]
fn link_to_a_missing_record_in_a_body_points_inside_the_body() {
    let s = Site::new();
    let text = s.read(ALT) + "Voir aussi [Chapril](../providers/chaprill.md) et\nle [pad](../alternatives/etherpad.md#usage), ou [courriel](../needs/courriel.md).\n";
    s.write(ALT, &text);
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:25:12: erreur: lien vers une fiche qui n'existe pas : `providers/chaprill.md`",
            "aide : vérifiez le nom du fichier (minuscules, tirets) et le dossier (`../alternatives/`, `../providers/`…)",
            "content/alternatives/jitsi-meet.md:26:4: erreur: lien vers une fiche qui n'existe pas : `alternatives/etherpad.md`",
            "aide : vérifiez le nom du fichier (minuscules, tirets) et le dossier (`../alternatives/`, `../providers/`…)",
        ],
    );
}

#[test]
fn link_to_a_missing_record_in_a_yaml_description() {
    let s = Site::new();
    s.edit("tools/zoom.yaml", "  Service de visioconférence propriétaire.", "  Service propriétaire ; voir [Jitsi](../alternatives/jitsi.md).");
    assert_errors(
        &s.check(),
        &[
            "content/tools/zoom.yaml:5:31: erreur: lien vers une fiche qui n'existe pas : `alternatives/jitsi.md`",
            "aide : vérifiez le nom du fichier (minuscules, tirets) et le dossier (`../alternatives/`, `../providers/`…)",
        ],
    );
}

#[test]
fn link_leaving_the_content_folder() {
    let s = Site::new();
    let text = s.read(PROV) + "[secret](../../../etc/passwd.md)\n";
    s.write(PROV, &text);
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:28:1: erreur: lien `../../../etc/passwd.md` : il sort du dossier du contenu",
            "aide : un lien interne est relatif, par exemple `../needs/visioconference.md`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Licenses, e-mail, contact

#[test]
fn bad_spdx_license() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    assert_errors(&s.check(), &["content/alternatives/jitsi-meet.md:18:10: erreur: licence SPDX inconnue `GPLv3`", "aide : vouliez-vous dire `GPL-3.0-only` ?"]);
}

#[test]
fn bad_spdx_license_inside_an_expression_names_the_bad_word() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: MIT OR Apache2");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &["content/alternatives/jitsi-meet.md:18:10: error: unknown SPDX license `Apache2`", "help: did you mean `Apache-2.0`?"],
    );
}

#[test]
fn spdx_expressions_are_accepted() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: \"(MPL-2.0 AND LGPL-2.1-or-later) OR GPL-2.0-only WITH Classpath-exception-2.0\"");
    assert_clean(&s.check());
}

#[test]
fn bad_email() {
    let s = Site::new();
    s.edit(PROV, "contact: {email: contact@chapril.org}", "contact: {email: contact.chapril.org}");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:24:18: erreur: adresse électronique invalide `contact.chapril.org`", "aide : par exemple `contact@exemple.org`"],
    );
}

#[test]
fn bad_phone() {
    let s = Site::new();
    s.edit(PROV, "contact: {email: contact@chapril.org}", "contact: {phone: \"appelez-nous\"}");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:24:18: erreur: numéro de téléphone invalide `appelez-nous`", "aide : des chiffres, espaces et `+`, par exemple `+33 1 23 45 67 89`"],
    );
}

#[test]
fn empty_contact() {
    let s = Site::new();
    s.edit(PROV, "contact: {email: contact@chapril.org}", "contact: {}");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:24:10: erreur: `contact` doit donner au moins un moyen de contact", "aide : ajoutez `email`, `phone` ou `url`"],
    );
}

#[test]
fn empty_contact_in_english() {
    let s = Site::new();
    s.edit(PROV, "contact: {email: contact@chapril.org}", "contact: {email: \"\"}");
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &["content/providers/chapril.md:24:10: error: `contact` must give at least one way to get in touch", "help: add `email`, `phone` or `url`"],
    );
}

// ---------------------------------------------------------------------------------------------
// site.yaml

#[test]
fn missing_site_yaml() {
    let s = Site::new();
    s.remove("site.yaml");
    let o = s.check();
    assert_errors(&o, &["content/site.yaml: erreur: fichier introuvable", "aide : un site a besoin de `content/site.yaml` ; `aiguillage init DOSSIER` en crée un"]);
    assert_eq!(summary(&o.stderr), "1 erreur dans 1 fichier.");
}

#[test]
fn site_yaml_language_sets_the_language_of_messages() {
    let s = Site::new();
    s.edit("site.yaml", "language: fr", "language: en");
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    let o = s.check();
    assert_errors(&o, &["content/alternatives/jitsi-meet.md:18:10: error: unknown SPDX license `GPLv3`", "help: did you mean `GPL-3.0-only`?"]);
    assert_eq!(summary(&o.stderr), "1 error in 1 file.");
    // --lang wins over the site's language.
    assert!(s.check_with(&["--lang", "fr"]).stderr.contains("erreur: licence SPDX inconnue"));
}

#[test]
fn site_yaml_unknown_field_and_bad_values() {
    let s = Site::new();
    s.edit("site.yaml", "list_size: 100", "list_size: -3\nbase_url: example.org");
    s.edit("site.yaml", "language: fr", "langage: fr");
    let o = s.check();
    let mut d = diags(&o.stderr);
    // The list of possible fields grows with the format: only its start is pinned here.
    assert!(d[1].starts_with("aide : vouliez-vous dire `language` ? Champs possibles : title, description, language, theme, base_url, budget, list_size, stale_after_months"), "{d:?}");
    d[1] = "(hint)".into();
    assert_eq!(
        d,
        [
            "content/site.yaml:3:1: erreur: champ inconnu `langage`",
            "(hint)",
            "content/site.yaml:5:12: erreur: `list_size` doit être un nombre positif",
            "aide : par exemple `list_size: 100`",
            "content/site.yaml:6:11: erreur: `base_url` doit être une adresse web http(s), on trouve `example.org`",
            "aide : ajoutez `https://` devant : `https://example.org`",
        ]
    );
    assert_eq!(o.status, 1);
}

// ---------------------------------------------------------------------------------------------
// Warnings: they fail only with --strict

#[test]
fn stale_last_verified_is_a_warning_that_fails_only_with_strict() {
    let s = Site::new();
    // SOURCE_DATE_EPOCH is 2026-02-28: 2024-08-27 is 18 months ago, the limit of site.yaml.
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 2024-08-27");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/providers/chapril.md:18:16: avertissement: fiche vérifiée pour la dernière fois le 2024-08-27, il y a 18 mois (plus de 18)",
            "aide : vérifiez les faits de la fiche puis mettez `last_verified` à la date du jour",
        ]
    );
    assert_eq!(summary(&o.stderr), "1 avertissement dans 1 fichier. Les avertissements ne bloquent pas (sauf avec --strict).");
    let o = s.check_with(&["--strict"]);
    assert_eq!(o.status, 1, "{}", o.stderr);
    assert_eq!(summary(&o.stderr), "1 avertissement dans 1 fichier.");
}

#[test]
fn recent_last_verified_is_not_stale() {
    let s = Site::new();
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 2024-08-29");
    assert_clean(&s.check_with(&["--strict"]));
}

#[test]
fn stale_after_months_comes_from_site_yaml() {
    let s = Site::new();
    s.edit("site.yaml", "stale_after_months: 18", "stale_after_months: 6");
    s.edit(PROV, "area: [national, remote]", "area: [national, remote]\nlast_verified: 2025-06-01");
    let o = s.check_with(&["--strict", "--lang", "en"]);
    assert_eq!(o.status, 1);
    assert_eq!(diags(&o.stderr)[0], "content/providers/chapril.md:18:16: warning: record last verified on 2025-06-01, 8 months ago (more than 6)");
    assert_eq!(summary(&o.stderr), "1 warning in 1 file.");
}

#[test]
fn criterion_left_out_is_a_warning_that_fails_only_with_strict() {
    let s = Site::new();
    s.edit(PROV, "  proximity:\n    status: unknown\n", "");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/providers/chapril.md:6:1: avertissement: le critère `proximity` n'est pas évalué ; il compte comme `unknown`",
            "aide : ajoutez sous `criteria:` une ligne `proximity: {status: unknown}` ou une évaluation avec preuve",
        ]
    );
    assert_eq!(s.check_with(&["--strict"]).status, 1);
}

#[test]
fn no_criteria_at_all_is_one_warning_per_criterion() {
    let s = Site::new();
    let text = s.read(PROV);
    let start = text.find("criteria:").unwrap();
    let end = text.find("legal_form:").unwrap();
    s.write(PROV, format!("{}{}", &text[..start], &text[end..]));
    let o = s.check_with(&["--lang", "en"]);
    assert_eq!(o.status, 0, "{}", o.stderr);
    let heads: Vec<String> = diags(&o.stderr).into_iter().filter(|l| l.contains("warning:")).collect();
    assert_eq!(
        heads,
        [
            "content/providers/chapril.md:2:1: warning: criterion `accessibility` is not assessed; it counts as `unknown`",
            "content/providers/chapril.md:2:1: warning: criterion `equity` is not assessed; it counts as `unknown`",
            "content/providers/chapril.md:2:1: warning: criterion `proximity` is not assessed; it counts as `unknown`",
            "content/providers/chapril.md:2:1: warning: criterion `respect` is not assessed; it counts as `unknown`",
        ]
    );
    assert_eq!(summary(&o.stderr), "4 warnings in 1 file. Warnings do not fail the check (unless --strict).");
}

#[test]
fn errors_and_warnings_together() {
    let s = Site::new();
    s.edit(PROV, "  proximity:\n    status: unknown\n", "");
    s.edit(ALT, "license: Apache-2.0", "license: GPLv3");
    let o = s.check();
    assert_eq!(o.status, 1);
    assert_eq!(summary(&o.stderr), "1 erreur et 1 avertissement dans 2 fichiers.");
}

#[test]
fn a_claim_without_a_source_is_a_warning_whose_hint_names_the_kind_of_page() {
    let s = Site::new();
    s.edit(ALT, "    source: https://github.com/jitsi/jitsi-meet\n  accessibility:", "  accessibility:");
    s.edit(PROV, "  proximity:\n    status: unknown", "  proximity:\n    status: yes\n    evidence: \"Permanence à Paris.\"");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/alternatives/jitsi-meet.md:10:13: avertissement: `criteria.respect` vaut `yes` sans source (`source`)",
            "aide : ajoutez `source:` avec l'adresse de la page qui le prouve : la politique de confidentialité, les conditions d'utilisation, le fichier LICENSE du code ; sans source, écrivez `status: unknown`",
            "content/providers/chapril.md:14:13: avertissement: `criteria.proximity` vaut `yes` sans source (`source`)",
            "aide : ajoutez `source:` avec l'adresse de la page qui le prouve : la page de la structure qui dit où la rencontrer (permanences, adresse), sa page de membre d'un réseau (pas la charte du réseau) ; sans source, écrivez `status: unknown`",
        ]
    );
    assert_eq!(s.check_with(&["--strict"]).status, 1);
    let en = s.check_with(&["--lang", "en"]);
    assert_eq!(
        diags(&en.stderr)[..2],
        [
            "content/alternatives/jitsi-meet.md:10:13: warning: `criteria.respect` is `yes` without a source (`source`)",
            "help: add `source:` with the address of the page that proves it: the privacy policy, the terms of use, the code's LICENSE file; without a source, write `status: unknown`",
        ]
    );
}

#[test]
fn a_record_without_sources_is_a_warning() {
    let s = Site::new();
    s.edit(PROV, "sources: [https://www.chapril.org/]\n", "");
    s.edit(ALT, "sources: [https://jitsi.org/jitsi-meet/]\n", "");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/alternatives/jitsi-meet.md:2:1: avertissement: la fiche n'a pas de `sources`",
            "aide : ajoutez `sources:` avec les pages où vous avez lu ces informations : le site du projet, son dépôt de code (fichier LICENSE)",
            "content/providers/chapril.md:2:1: avertissement: la fiche n'a pas de `sources`",
            "aide : ajoutez `sources:` avec les pages où vous avez lu ces informations : le site de la structure (offres, tarifs, statuts) d'abord",
        ]
    );
    assert_eq!(s.check_with(&["--strict"]).status, 1);
}

/// A merge request's check: warnings fail only in the files it changes (`--strict-for`), so an
/// old record elsewhere never turns a volunteer's request red.
#[test]
fn strict_for_fails_on_the_warnings_of_the_named_files_only() {
    let s = Site::new();
    s.edit(PROV, "sources: [https://www.chapril.org/]\n", "");
    let o = s.check_with(&["--strict-for", "content/alternatives/jitsi-meet.md"]);
    assert_eq!(o.status, 0, "the warning is in another file\n{}", o.stderr);
    assert!(summary(&o.stderr).contains("Les avertissements ne bloquent pas"), "{}", o.stderr);
    let o = s.check_with(&["--strict-for", "./content/providers/chapril.md"]);
    assert_eq!(o.status, 1, "{}", o.stderr);
    assert_eq!(summary(&o.stderr), "1 avertissement dans 1 fichier.");
}

// ---------------------------------------------------------------------------------------------
// YAML mistakes volunteers make, found by the parser's error kinds (issue #15)

#[test]
fn colon_inside_a_text_says_to_quote_it_and_shows_the_line_quoted() {
    let s = Site::new();
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", "summary: Permanence : tous les jeudis");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:3:21: erreur: deux-points `:` au milieu d'un texte : le YAML le prend pour un nouveau champ",
            "aide : mettez le texte entre guillemets doubles, ainsi : `summary: \"Permanence : tous les jeudis\"`",
        ],
    );
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &["content/providers/chapril.md:3:21: error: a colon `:` inside a text: YAML takes it for a new field", "help: put the text between double quotes, like this: `summary: \"Permanence : tous les jeudis\"`"],
    );
}

#[test]
fn apostrophe_inside_single_quotes_says_to_use_double_quotes() {
    let s = Site::new();
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", "summary: 'Hébergeur de l'Hérault.'");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:3:25: erreur: apostrophe dans un texte entouré d'apostrophes : le texte s'arrête à cette apostrophe",
            "aide : mettez le texte entre guillemets doubles, ainsi : `summary: \"Hébergeur de l'Hérault.\"`",
        ],
    );
}

#[test]
fn unclosed_quote_is_reported_where_it_opened() {
    let s = Site::new();
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", "summary: \"Hébergeur associatif");
    assert_errors(&s.check(), &["content/providers/chapril.md:3:10: erreur: guillemet `\"` ouvert ici et jamais refermé", "aide : fermez le texte par un `\"` à la fin de cette ligne"]);
}

#[test]
fn text_after_the_closing_quote() {
    let s = Site::new();
    s.edit(PROV, "summary: \"Hébergeur associatif de l'April.\"", "summary: \"Hébergeur associatif\" de Paris");
    assert_errors(
        &s.check(),
        &["content/providers/chapril.md:3:33: erreur: du texte après le guillemet fermant `\"`", "aide : mettez tout le texte entre les guillemets ; pour un guillemet dans le texte, écrivez `\\\"`"],
    );
}

/// Issue #15: `alternatives: [seafile]` suggested `keila` (a newsletter tool); a volunteer who
/// accepted it got a green check and a wrong record. Only a real typo is suggested now.
#[test]
fn an_alternative_not_in_the_directory_is_not_matched_to_an_unrelated_one() {
    let s = Site::new();
    s.write("alternatives/keila.md", s.read(ALT).replace("name: Jitsi Meet", "name: Keila"));
    s.edit(PROV, "alternatives: [jitsi-meet]", "alternatives: [seafile]");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:20:20: erreur: alternative inconnue `seafile`",
            "aide : `seafile` n'est pas dans l'annuaire : créez sa fiche avec `aiguillage new alternative seafile`, ou retirez ce nom (la liste est dans `content/alternatives/`)",
        ],
    );
    s.edit(PROV, "alternatives: [seafile]", "alternatives: [jitsi-meat]");
    assert_errors(&s.check(), &["content/providers/chapril.md:20:20: erreur: alternative inconnue `jitsi-meat`", "aide : vouliez-vous dire `jitsi-meet` ? (fichiers de `content/alternatives/`)"]);
}

/// Issue #15: `department: Gard` and `department: Haute-Garonne` suggested `2A`, `2B` or `01`;
/// `area: [Bretagne]` suggested nothing. A place written by its name gets its code.
#[test]
fn places_written_by_their_names_get_their_codes() {
    let s = Site::new();
    s.edit(PROV, "department: \"75\"", "department: Haute-Garonne");
    s.edit(PROV, "area: [national, remote]", "area: [Bretagne, Gard, remote]");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:16:37: erreur: département `Haute-Garonne` : il faut son code INSEE",
            "aide : écrivez `\"31\"` (Haute-Garonne)",
            "content/providers/chapril.md:17:8: erreur: zone `Bretagne` : il faut son code",
            "aide : écrivez `FR-BRE`",
            "content/providers/chapril.md:17:18: erreur: zone `Gard` : il faut son code",
            "aide : écrivez `\"30\"`",
        ],
    );
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &[
            "content/providers/chapril.md:16:37: error: department `Haute-Garonne`: its INSEE code is needed",
            "help: write `\"31\"` (Haute-Garonne)",
            "content/providers/chapril.md:17:8: error: area `Bretagne`: its code is needed",
            "help: write `FR-BRE`",
            "content/providers/chapril.md:17:18: error: area `Gard`: its code is needed",
            "help: write `\"30\"`",
        ],
    );
    s.edit(PROV, "department: Haute-Garonne", "department: Occitanie");
    s.edit(PROV, "area: [Bretagne, Gard, remote]", "area: [remote]");
    assert_errors(
        &s.check(),
        &[
            "content/providers/chapril.md:16:37: erreur: `Occitanie` est une région, pas un département",
            "aide : donnez le code INSEE du département (par exemple `\"34\"`) ; pour dire que la structure intervient dans toute la région, écrivez `FR-OCC` dans `area` (Occitanie)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Licences: the whole SPDX list, and the directory's libre policy (src/spdx.rs)

#[test]
fn license_that_restricts_use_is_not_libre() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: SSPL-1.0");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:18:10: erreur: la licence `SSPL-1.0` n'est pas libre : elle restreint qui peut utiliser le logiciel ou pour quoi faire",
            "aide : l'annuaire ne présente que des alternatives libres (licence approuvée par l'OSI ou reconnue libre par la FSF) ; vérifiez la licence dans le fichier LICENSE du dépôt, ou retirez la fiche",
        ],
    );
    s.edit(ALT, "license: SSPL-1.0", "license: CC-BY-NC-SA-4.0 OR BUSL-1.1");
    let o = s.check_with(&["--lang", "en"]);
    assert_errors(
        &o,
        &[
            "content/alternatives/jitsi-meet.md:18:10: error: the license `CC-BY-NC-SA-4.0`, `BUSL-1.1` is not libre: it restricts who may use the software or for what",
            "help: the directory lists only libre alternatives (a license approved by the OSI or listed free by the FSF); check the license in the repository's LICENSE file, or remove the record",
        ],
    );
    // One libre choice is enough.
    s.edit(ALT, "license: CC-BY-NC-SA-4.0 OR BUSL-1.1", "license: BUSL-1.1 OR MIT");
    assert_clean(&s.check());
}

#[test]
fn deprecated_license_id_is_a_warning_naming_the_precise_ones() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: AGPL-3.0");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/alternatives/jitsi-meet.md:18:10: avertissement: l'identifiant de licence `AGPL-3.0` est obsolète dans la liste SPDX",
            "aide : écrivez `AGPL-3.0-only` ou `AGPL-3.0-or-later` selon ce que dit le fichier LICENSE du projet (« version 3 ou ultérieure » : `-or-later`)",
        ]
    );
    s.edit(ALT, "license: AGPL-3.0", "license: GPL-2.0+");
    let o = s.check_with(&["--lang", "en"]);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/alternatives/jitsi-meet.md:18:10: warning: the license identifier `GPL-2.0+` is deprecated in the SPDX list",
            "help: write `GPL-2.0-or-later` as the project's LICENSE file says (\"version 3 or later\": `-or-later`)",
        ]
    );
    assert_eq!(s.check_with(&["--strict"]).status, 1);
}

#[test]
fn license_no_list_has_reviewed_is_a_warning() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: Sendmail");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/alternatives/jitsi-meet.md:18:10: avertissement: la licence `Sendmail` n'est reconnue libre ni par l'OSI ni par la FSF",
            "aide : lisez la licence : si elle laisse utiliser, étudier, modifier et partager le logiciel sans restriction, dites-le dans `criteria.respect.evidence` avec sa source ; sinon retirez la fiche",
        ]
    );
}

#[test]
fn license_in_the_wrong_case_or_malformed() {
    let s = Site::new();
    s.edit(ALT, "license: Apache-2.0", "license: mit");
    assert_errors(&s.check(), &["content/alternatives/jitsi-meet.md:18:10: erreur: licence SPDX inconnue `mit`", "aide : vouliez-vous dire `MIT` ?"]);
    s.edit(ALT, "license: mit", "license: MIT OR");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:18:10: erreur: licence illisible : l'expression SPDX est incomplète ou mal formée près de `MIT OR`",
            "aide : un identifiant, ou des identifiants joints par `AND`, `OR`, `WITH`, par exemple `MIT OR Apache-2.0`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Web addresses: without a scheme, and in plain http://

#[test]
fn http_address_is_a_note_that_never_fails() {
    let s = Site::new();
    s.edit(ALT, "website: https://jitsi.org/jitsi-meet/", "website: http://jitsi.org/jitsi-meet/");
    for o in [s.check(), s.check_with(&["--strict"])] {
        assert_eq!(o.status, 0, "{}", o.stderr);
        assert_eq!(
            diags(&o.stderr),
            [
                "content/alternatives/jitsi-meet.md:4:10: remarque: `website` est une adresse en `http://`, que les visiteurs ouvrent sans chiffrement",
                "aide : si `https://jitsi.org/jitsi-meet/` ouvre la même page, écrivez-la ; `aiguillage verify` l'essaie pour vous",
            ]
        );
        assert_eq!(summary(&o.stderr), "1 remarque dans 1 fichier.");
    }
    let o = s.check_with(&["--lang", "en"]);
    assert_eq!(diags(&o.stderr)[0], "content/alternatives/jitsi-meet.md:4:10: note: `website` is an `http://` address, which visitors open unencrypted");
}

#[test]
fn link_without_a_scheme_says_to_add_https() {
    let s = Site::new();
    s.append(ALT, "Voir [le site](www.exemple.org/page).");
    assert_errors(
        &s.check(),
        &["content/alternatives/jitsi-meet.md:25:6: erreur: lien `www.exemple.org/page` : adresse web sans `https://`", "aide : écrivez l'adresse complète : `https://www.exemple.org/page`"],
    );
}

// ---------------------------------------------------------------------------------------------
// YAML mistakes that lose text silently or point elsewhere

#[test]
fn field_glued_to_its_value_points_at_the_missing_space() {
    let s = Site::new();
    s.edit(ALT, "    status: yes", "    status:yes");
    assert_errors(
        &s.check(),
        &[
            "content/alternatives/jitsi-meet.md:10:12: erreur: il manque une espace après `status:` : la ligne est lue comme un texte, pas comme un champ",
            "aide : écrivez `status: yes`",
        ],
    );
    assert_errors(
        &s.check_with(&["--lang", "en"]),
        &["content/alternatives/jitsi-meet.md:10:12: error: a space is missing after `status:`: the line is read as a text, not as a field", "help: write `status: yes`"],
    );
}

#[test]
fn hash_in_an_unquoted_text_is_a_warning_with_the_quoted_line() {
    let s = Site::new();
    s.edit(ALT, "evidence: \"Logiciel libre qu'une association peut héberger.\"", "evidence: Logiciel libre #1 pour les associations");
    let o = s.check();
    assert_eq!(o.status, 0, "{}", o.stderr);
    assert_eq!(
        diags(&o.stderr),
        [
            "content/alternatives/jitsi-meet.md:11:30: avertissement: `criteria.respect.evidence` s'arrête avant le `#` : le reste de la ligne est lu comme un commentaire et ignoré",
            "aide : mettez le texte entre guillemets doubles : `evidence: \"Logiciel libre #1 pour les associations\"`",
        ]
    );
    // Quoted, the `#` is text.
    s.edit(ALT, "evidence: Logiciel libre #1 pour les associations", "evidence: \"Logiciel libre #1 pour les associations\"");
    assert_clean(&s.check());
}
