//! One named test per problem found after the fact (by the fuzzers or by people), so that it
//! never comes back. Each names where it was found.

mod common;

use common::*;

/// Fuzzer `markdown`, 2026-11-28: table alignment (`|--:|`) came out as `style="text-align:…"`,
/// content adding a style despite the spec.
#[test]
fn markdown_table_alignment_adds_no_style_attribute() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let page = site.path().join("content/alternatives/jitsi-meet.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str("\n| Critère | Note |\n|--:|:-:|\n| Équité | oui |\n");
    std::fs::write(&page, text).unwrap();
    run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]).expect(0);
    let html = std::fs::read_to_string(site.path().join("public/alternatives/jitsi-meet.html")).unwrap();
    assert!(html.contains("<table>"), "{html}");
    assert!(!html.contains("style="), "{html}");
}

/// Fuzzer `markdown`, 2026-11-28: a DEL character (U+007F) in a body reached the HTML as is.
#[test]
fn control_character_in_a_body_is_an_error_with_its_position() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let page = site.path().join("content/alternatives/jitsi-meet.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let lines = text.lines().count();
    std::fs::write(&page, format!("{text}\nVoir\u{7f} la page.\n")).unwrap();
    let out = run(site.path(), &["check"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    out.expect(1);
    let expected = format!("content/alternatives/jitsi-meet.md:{}:5: erreur: le texte contient un caractère de contrôle invisible (U+007F)", lines + 2);
    assert!(out.stderr.contains(&expected), "{}", out.stderr);
}

/// Fuzzer `record`, 2026-11-28: old Mac line endings (a lone CR) end lines, so positions count
/// them; a YAML error after lone CRs names the line as an editor shows it.
#[test]
fn lone_carriage_returns_end_lines_in_positions() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let page = site.path().join("content/needs/courriel.md");
    std::fs::write(&page, "---\rname: Courriel\rsummary: \"Écrire\"\rgroup: Communiquer\rbad: : x\r---\rTexte.\r").unwrap();
    let out = run(site.path(), &["check"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    out.expect(1);
    assert!(out.stderr.contains("content/needs/courriel.md:5:"), "{}", out.stderr);
}

/// 10,000-record corpus, 2026-11-28: long lists broke the page budget (a need page listed 700
/// providers, an A–Z letter 400 entries). Past `list_size`, letters are paginated and need
/// pages give counts per region, linking to the region pages that list the providers.
#[test]
fn long_lists_stay_within_list_size() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let content = site.path().join("content");
    let yaml = std::fs::read_to_string(content.join("site.yaml")).unwrap().replace("list_size: 100", "list_size: 10");
    std::fs::write(content.join("site.yaml"), yaml).unwrap();
    let chapril = std::fs::read_to_string(content.join("providers/chapril.md")).unwrap();
    for i in 1..=24 {
        // Names in the opposite order of the slugs: lists go by name.
        let text = chapril.replace("name: Chapril", &format!("name: Asso {:02}", 25 - i)).replace("department: \"75\", city: Paris", "department: \"34\", city: Montpellier").replace("area: [national, remote]", "area: [\"34\"]");
        std::fs::write(content.join(format!("providers/asso-{i:02}.md")), text).unwrap();
    }
    run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]).expect(0);
    let public = site.path().join("public");
    let read = |p: &str| std::fs::read_to_string(public.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    // 24 « Asso … » entries under A: three pages of at most 10.
    for p in ["a-z-a.html", "a-z-a--2.html", "a-z-a--3.html"] {
        let n = read(p).matches("<li><a href=\"providers/asso-").count();
        assert!((1..=10).contains(&n), "{p}: {n} entries");
    }
    // The need has 25 providers: counts per region, no list of names.
    let need = read("needs/visioconference.html");
    assert!(need.contains("href=\"../regions/fr-occ.html\">Occitanie</a> (24)"), "{need}");
    assert!(need.contains("Partout en France ou à distance (1)"), "{need}");
    assert!(!need.contains("providers/asso-01.html"), "{need}");
    // The region and department pages count them by need and name them, paginated.
    for base in ["regions/fr-occ", "departements/34"] {
        let first = read(&format!("{base}.html"));
        // Page 1: « Asso 01 » to « Asso 10 », that is asso-24 down to asso-15.
        assert!(first.contains("providers/asso-24.html") && first.contains("providers/asso-15.html") && !first.contains("providers/asso-14.html"), "{first}");
        assert!(first.contains("<a href=\"../needs/visioconference.html\">Visioconférence</a> : 24</h3>"), "{first}");
        assert!(read(&format!("{base}--3.html")).contains("providers/asso-01.html"));
    }
    let problems = site_problems(&public);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The no-change shortcut (a stamp beside the output) must never trust an output someone
/// changed: a page edited or a file added by hand is put right by the next build.
#[test]
fn rebuild_repairs_an_output_changed_by_hand() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]).expect(0);
    let public = site.path().join("public");
    let index = std::fs::read(public.join("index.html")).unwrap();
    let again = run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    again.expect(0);
    assert!(again.stderr.contains("Rien n'a changé"), "{}", again.stderr);
    std::fs::write(public.join("index.html"), b"defaced").unwrap();
    std::fs::write(public.join("stray.html"), b"x").unwrap();
    let repaired = run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    repaired.expect(0);
    assert!(repaired.stderr.contains("(1 écrits,") && repaired.stderr.contains("1 supprimés"), "{}", repaired.stderr);
    assert_eq!(std::fs::read(public.join("index.html")).unwrap(), index);
    assert!(!public.join("stray.html").exists());
}

/// `--lang` is the language of messages (spec §4), not of the site: `--lang en build` of a
/// French directory printed English messages but also built an English interface.
#[test]
fn lang_option_changes_messages_not_the_site() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let out = run(site.path(), &["--lang", "en", "build"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    out.expect(0);
    assert!(out.stderr.contains("files in `public`"), "{}", out.stderr);
    let index = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(index.contains("<html lang=\"fr\">") && index.contains("Aller au contenu"), "{index}");
}

/// Issue #16: `serve` decided whether to rebuild from the number of files and the newest
/// modification time, so an edit whose time went back (a restored backup, a copy keeping
/// times) kept showing the old page. It now uses the build's own fingerprint of the sources.
#[test]
fn serve_rebuilds_after_an_edit_whose_modification_time_went_back() {
    let site = site_copy("valid");
    let content = site.path().join("content");
    set_mtimes(&content, long_ago());
    let (server, port, _tmp) = Server::start(site.path());
    let (status, page) = server.first_get(port, "/needs/visioconference.html");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>Visioconférence</h1>"), "{page}");
    let need = content.join("needs/visioconference.md");
    let text = std::fs::read_to_string(&need).unwrap();
    // Same length, same file count, modification time put back to the old one.
    std::fs::write(&need, text.replacen("name: Visioconférence", "name: Visioconférencf", 1)).unwrap();
    set_mtimes(&content, long_ago());
    let (status, page) = get(port, "/needs/visioconference.html").unwrap();
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>Visioconférencf</h1>"), "the edit is shown\n{page}");
}

/// Issue #16: `check` measured staleness against the clock and the pages against the edition
/// date, so a record could be flagged by `check` and not on its page (or the reverse). Both now
/// measure against the edition date: here, without SOURCE_DATE_EPOCH, the last commit.
#[test]
fn staleness_of_check_and_of_the_pages_agree() {
    let site = site_copy("valid");
    let git = |args: &[&str], date: &str| {
        let o = std::process::Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(site.path())
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git");
        assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"], "2023-06-01T12:00:00Z");
    git(&["add", "."], "2023-06-01T12:00:00Z");
    git(&["commit", "-q", "-m", "edition"], "2023-06-01T12:00:00Z");
    // Edition 2023-06-01: the two records verified in early 2022 are not stale yet (by the
    // clock of any day after mid-2023 they would be).
    let no_epoch = [("SOURCE_DATE_EPOCH", "")];
    let o = run(site.path(), &["check", "--strict"], &no_epoch);
    assert!(!o.stderr.contains("vérifiée pour la dernière fois"), "{}", o.stderr);
    run(site.path(), &["build"], &no_epoch).expect(0);
    let page = std::fs::read_to_string(site.path().join("public/alternatives/nextcloud.html")).unwrap();
    assert!(!page.contains("à revérifier"), "{page}");
    // A year later, both say it.
    std::fs::write(site.path().join("content/pages/a-propos.md"), std::fs::read_to_string(site.path().join("content/pages/a-propos.md")).unwrap() + "\nUne ligne de plus.\n").unwrap();
    git(&["commit", "-q", "-a", "-m", "later"], "2024-06-01T12:00:00Z");
    let o = run(site.path(), &["check", "--strict"], &no_epoch);
    assert!(o.stderr.contains("content/alternatives/nextcloud.md") && o.stderr.contains("vérifiée pour la dernière fois le 2022-03-10, il y a 26 mois"), "{}", o.stderr);
    run(site.path(), &["build"], &no_epoch).expect(0);
    let page = std::fs::read_to_string(site.path().join("public/alternatives/nextcloud.html")).unwrap();
    assert!(page.contains("à revérifier"), "{page}");
}

/// Issue #15: a record with `oui`, `Hérault`, `nextclou`-like typo and `31/12/2025` got three
/// errors; the fourth (the reference) appeared only after another round of CI, because a
/// record with errors was dropped before its references were checked.
#[test]
fn every_problem_of_a_record_in_one_run() {
    let site = site_copy("check/base");
    let p = site.path().join("content/providers/chapril.md");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("department: \"75\"", "department: Hérault")
        .replace("alternatives: [jitsi-meet]", "alternatives: [jitsi-meat]")
        .replace("area: [national, remote]", "area: [national, remote]\nlast_verified: 31/12/2025")
        .replacen("  equity:\n    status: unknown", "  equity:\n    status: oui\n    evidence: \"Prix libre.\"\n    source: https://www.chapril.org/", 1);
    std::fs::write(&p, text).unwrap();
    let o = run(site.path(), &["check"], &[]);
    o.expect(1);
    let heads: Vec<&str> = o.stderr.lines().filter(|l| l.contains(": erreur: ")).collect();
    assert_eq!(
        heads,
        [
            "content/providers/chapril.md:8:13: erreur: `criteria.equity.status` vaut `oui` ; valeurs possibles : yes, partial, no, unknown",
            "content/providers/chapril.md:18:37: erreur: département `Hérault` : il faut son code INSEE",
            "content/providers/chapril.md:20:16: erreur: `last_verified` doit être une date `AAAA-MM-JJ`, on trouve `31/12/2025`",
            "content/providers/chapril.md:23:20: erreur: alternative inconnue `jitsi-meat`",
        ]
    );
    assert!(o.stderr.contains("4 erreurs dans 1 fichier."), "{}", o.stderr);
}

/// Bench corpus, 2026-12-01: a build wrote out the message and hint of every warning (52,000 at
/// 10,000 records) only to count them. Now only the few a build may list get words: the count
/// must stay the one `check` gives, and a build with few warnings still lists them whole.
#[test]
fn build_counts_warnings_as_check_does_and_lists_few_in_words() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let alts = site.path().join("content/alternatives");
    let jitsi = std::fs::read_to_string(alts.join("jitsi-meet.md")).unwrap();
    let unsourced = jitsi.replace("sources: [https://jitsi.org/jitsi-meet/]\n", "");
    // One copy without `sources`: a few warnings, listed by the build.
    std::fs::write(alts.join("copie-0.md"), &unsourced).unwrap();
    let check = run(site.path(), &["check"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    let build = run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    build.expect(0);
    let few = check.stderr.lines().filter(|l| l.contains(": avertissement: ")).count();
    assert!(few > 0 && few <= 20, "{}", check.stderr);
    for l in check.stderr.lines().filter(|l| l.contains(": avertissement: ")) {
        assert!(build.stderr.contains(l), "build does not list `{l}`:\n{}", build.stderr);
    }
    // Many warnings: the build counts them, with check's count.
    for i in 1..40 {
        std::fs::write(alts.join(format!("copie-{i}.md")), &unsourced).unwrap();
    }
    let check = run(site.path(), &["check"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    let build = run(site.path(), &["build"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    build.expect(0);
    let summary = check.stderr.lines().last().unwrap();
    assert!(summary.contains("avertissements dans"), "{}", check.stderr);
    assert!(build.stderr.contains(summary), "check says `{summary}`, build says:\n{}", build.stderr);
    assert!(!build.stderr.contains(": avertissement: "), "{}", build.stderr);
}
