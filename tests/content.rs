//! The real directory in `content/`: it passes `check --strict`, and it is useful on day one:
//! every need has at least two alternatives, every tool is replaced, every provider is listed
//! somewhere near people or everywhere, and no page of the built site is empty.

mod common;

use common::*;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn real_content_passes_strict_check() {
    let out = run(repo(), &["check", "--strict"], &[]);
    out.expect(0);
}

#[test]
fn real_content_is_complete_and_no_page_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let public_s = public.to_string_lossy().into_owned();
    run(repo(), &["build", "--out", &public_s], &[("SOURCE_DATE_EPOCH", EPOCH)]).expect(0);
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(public.join("data/directory.json")).unwrap()).unwrap();
    let alts = data["alternatives"].as_array().unwrap();
    let provs = data["providers"].as_array().unwrap();
    let ids = |v: &serde_json::Value, key: &str| -> Vec<String> { v[key].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect() };
    let mut problems = Vec::new();
    for need in data["needs"].as_array().unwrap() {
        let id = need["id"].as_str().unwrap();
        let n = alts.iter().filter(|a| ids(a, "needs").iter().any(|x| x == id)).count();
        if n < 2 {
            problems.push(format!("need {id}: {n} alternative(s)"));
        }
    }
    for tool in data["tools"].as_array().unwrap() {
        let id = tool["id"].as_str().unwrap();
        if !alts.iter().any(|a| ids(a, "replaces").iter().any(|x| x == id)) {
            problems.push(format!("tool {id}: no alternative replaces it"));
        }
    }
    // A provider offering support or training without naming software is fine (it is listed on
    // the needs it names); one that is on no place page is not.
    for p in provs {
        let local = !p["serves_locally"].as_array().unwrap().is_empty();
        let everywhere = ids(p, "area").iter().any(|a| a == "national" || a == "remote");
        if !local && !everywhere {
            problems.push(format!("provider {}: listed on no region or department page", p["slug"]));
        }
    }
    let none_yet = "Aucune fiche pour l'instant.";
    for (rel, path) in files(&public) {
        if rel.ends_with(".html") {
            let html = std::fs::read_to_string(path).unwrap();
            if html.contains(none_yet) {
                problems.push(format!("{rel}: an empty list (« {none_yet} »)"));
            }
        }
    }
    assert!(alts.len() >= 80 && provs.len() >= 25, "{} alternatives, {} providers", alts.len(), provs.len());
    assert!(data["needs"].as_array().unwrap().len() >= 30 && data["tools"].as_array().unwrap().len() >= 50);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Real-world check of the licence policy (issue #16): the licence lists of the 1,255 free
/// entries of awesome-selfhosted-data (2026-08-21), as `scripts/awesome_selfhosted_licences.py`
/// saved them, pass `check` with at most warnings (deprecated ids, licences no list reviewed).
#[test]
fn awesome_selfhosted_free_licences_pass_with_at_most_warnings() {
    let tsv = std::fs::read_to_string(repo().join("tests/fixtures/awesome-selfhosted-licences.tsv")).unwrap();
    let lists: Vec<(String, usize)> = tsv.lines().skip(1).map(|l| l.split_once('\t').unwrap()).map(|(e, n)| (e.to_string(), n.parse().unwrap())).collect();
    assert_eq!(lists.iter().map(|(_, n)| n).sum::<usize>(), 1255);
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), site.path());
    let alts = site.path().join("content/alternatives");
    let template = std::fs::read_to_string(alts.join("jitsi-meet.md")).unwrap();
    for (i, (expr, _)) in lists.iter().enumerate() {
        std::fs::write(alts.join(format!("asd-{i:03}.md")), template.replace("license: Apache-2.0", &format!("license: \"{expr}\""))).unwrap();
    }
    let out = run(site.path(), &["check", "--format", "json"], &[("SOURCE_DATE_EPOCH", EPOCH)]);
    out.expect(0);
    let mut codes = std::collections::BTreeMap::new();
    for line in out.stdout.lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        *codes.entry(format!("{} {}", d["severity"].as_str().unwrap(), d["code"].as_str().unwrap())).or_insert(0) += 1;
    }
    let expected: std::collections::BTreeMap<String, i32> = [("warning deprecated-license".to_string(), 29), ("warning unreviewed-license".to_string(), 2)].into();
    assert_eq!(codes, expected, "{}", out.stdout);
}
