//! `aiguillage verify` against a web played by local servers on 127.0.0.1 and 127.0.0.2 that the
//! tests start: 200, a 301 → 302 chain, 404, 410, 403 from an allowlisted host and from another,
//! a `HEAD` refused with 405, a server that never answers (the timeout), a refused connection,
//! a forge API answering archived, stale and alive repositories, and one address named by many
//! records (fetched once). No request leaves the machine.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Requests received, by `METHOD path`.
type Seen = Arc<Mutex<BTreeMap<String, usize>>>;

/// A small HTTP/1.1 server on `ip`, answering the routes of this file, one thread per
/// connection; it stops with the test process.
fn serve(ip: &str, seen: Seen) -> String {
    let listener = TcpListener::bind((ip, 0)).unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || answer(stream, &seen));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, seen: &Seen) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
    }
    *seen.lock().unwrap().entry(format!("{method} {path}")).or_default() += 1;
    let (status, location, body): (u16, Option<&str>, String) = match path.split('?').next().unwrap_or("") {
        "/ok" | "/a/alive" | "/a/archived" | "/a/stale" => (200, None, "ok".into()),
        "/moved" => (301, Some("/moved-again"), String::new()),
        "/moved-again" => (302, Some("/ok"), String::new()),
        "/missing" => (404, None, String::new()),
        "/gone" => (410, None, String::new()),
        "/forbidden" => (403, None, String::new()),
        "/nohead" if method == "HEAD" => (405, None, String::new()),
        "/nohead" => (206, None, "partial".into()),
        "/hang" => {
            std::thread::sleep(Duration::from_secs(4));
            return;
        }
        "/api/repos/a/alive" => (200, None, r#"{"archived":false,"pushed_at":"2025-03-01T10:00:00Z"}"#.into()),
        "/api/repos/a/archived" => (200, None, r#"{"archived":true,"pushed_at":"2021-01-01T10:00:00Z"}"#.into()),
        "/api/repos/a/stale" => (200, None, r#"{"archived":false,"pushed_at":"2023-02-01T10:00:00Z"}"#.into()),
        _ => (404, None, String::new()),
    };
    let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", if method == "HEAD" { 0 } else { body.len() });
    if let Some(l) = location {
        head.push_str(&format!("Location: {l}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(body.as_bytes());
    }
}

/// An address where nothing listens: a port taken, then let go.
fn refused() -> String {
    let l = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let a = format!("http://{}", l.local_addr().unwrap());
    drop(l);
    a
}

struct Web {
    _site: tempfile::TempDir,
    dir: std::path::PathBuf,
    server: String,
    seen: Seen,
}

/// The verify fixture with its addresses pointed at the local servers.
fn web() -> Web {
    let seen: Seen = Arc::default();
    let server = serve("127.0.0.1", seen.clone());
    let other = serve("127.0.0.2", seen.clone());
    let refused = refused();
    let site = site_copy("verify");
    let dir = site.path().to_path_buf();
    for f in walk(&dir.join("content")) {
        let text = std::fs::read_to_string(&f).unwrap();
        std::fs::write(&f, text.replace("SERVER", &server).replace("OTHER", &other).replace("REFUSED", &refused)).unwrap();
    }
    Web { _site: site, dir, server, seen }
}

fn walk(p: &Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(p).unwrap().flatten() {
        let path = e.path();
        if path.is_dir() { v.extend(walk(&path)) } else { v.push(path) }
    }
    v
}

fn verify(w: &Web, args: &[&str]) -> Out {
    let api = format!("{}/api", w.server);
    let host_var = "AIGUILLAGE_FORGE_127_0_0_1";
    let mut full = vec!["verify", "--timeout", "1"];
    full.extend_from_slice(args);
    run(&w.dir, &full, &[(host_var, "github"), ("AIGUILLAGE_API_127_0_0_1", &api), ("GITHUB_TOKEN", "secret-token-never-printed"), ("HTTP_PROXY", ""), ("HTTPS_PROXY", ""), ("http_proxy", ""), ("https_proxy", ""), ("ALL_PROXY", "")])
}

#[test]
fn every_result_in_json_one_object_per_finding() {
    let w = web();
    let o = verify(&w, &["--format", "json"]);
    assert_eq!(o.status, 1, "broken, timed out and archived make it exit 1\n{}{}", o.stdout, o.stderr);
    let lines: Vec<serde_json::Value> = o.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let find = |url_end: &str, check: &str| -> serde_json::Value {
        lines.iter().find(|l| l["url"].as_str().unwrap().ends_with(url_end) && l["check"] == check).unwrap_or_else(|| panic!("{url_end} {check}: {}", o.stdout)).clone()
    };
    let r = |url_end: &str| find(url_end, "link")["result"].as_str().unwrap().to_string();
    assert_eq!(r("/ok"), "ok");
    assert_eq!(r("/missing"), "broken");
    assert_eq!(find("/missing", "link")["http_status"], 404);
    assert_eq!(r("/gone"), "broken");
    assert_eq!(find("/gone", "link")["http_status"], 410);
    let moved = find("/moved", "link");
    assert_eq!((moved["result"].as_str(), moved["http_status"].as_u64()), (Some("redirect"), Some(200)));
    assert_eq!(moved["location"].as_str(), Some(format!("{}/ok", w.server).as_str()));
    assert_eq!(r("/nohead"), "ok", "HEAD refused, then a ranged GET");
    assert_eq!(r("/hang"), "timeout");
    assert_eq!(r("/x"), "broken", "connection refused");
    // 403: fine from the allowlisted 127.0.0.1, an error from 127.0.0.2.
    let forbidden: Vec<&serde_json::Value> = lines.iter().filter(|l| l["url"].as_str().unwrap().ends_with("/forbidden")).collect();
    let by_host = |h: &str| forbidden.iter().find(|l| l["url"].as_str().unwrap().contains(h)).unwrap()["result"].as_str().unwrap().to_string();
    assert_eq!(by_host("127.0.0.1"), "ok");
    assert_eq!(by_host("127.0.0.2"), "error");
    assert_eq!(find("/a/archived", "upstream")["result"], "archived");
    assert_eq!(find("/a/stale", "upstream")["result"], "stale");
    assert_eq!(find("/a/stale", "upstream")["detail"], "2023-02-01");
    assert_eq!(find("/a/alive", "upstream")["result"], "ok");
    for l in &lines {
        assert!(l["file"].as_str().unwrap().starts_with("content/"), "{l}");
    }
    assert!(!o.stdout.contains("secret-token") && !o.stderr.contains("secret-token"), "the token is never printed");
}

#[test]
fn the_same_address_in_many_records_is_fetched_once() {
    let w = web();
    verify(&w, &["--format", "json"]);
    let seen = w.seen.lock().unwrap();
    // /ok is the website of four records, a source, and a body link: one HEAD in all.
    assert_eq!(seen.get("HEAD /ok"), Some(&2), "{seen:?}: once directly, once at the end of the /moved chain");
    assert_eq!(seen.get("HEAD /missing"), Some(&1));
    assert_eq!(seen.get("GET /missing"), Some(&1), "a 404 to HEAD is asked again with GET");
    assert_eq!(seen.get("GET /api/repos/a/archived"), Some(&1));
}

#[test]
fn human_report_in_french_grouped_by_file() {
    let w = web();
    let o = verify(&w, &[]);
    assert_eq!(o.status, 1);
    let s = &w.server;
    let out = &o.stdout;
    assert!(out.contains(&format!("content/alternatives/alive.md\n  {s}/moved : redirigé vers {s}/ok (HTTP 200)\n")), "{out}");
    assert!(out.contains(&format!("content/alternatives/archived.md\n  {s}/a/archived : dépôt archivé : le projet n'est plus maintenu ; vérifiez la fiche (`maturity: unmaintained`, réserve)\n")), "{out}");
    assert!(out.contains(&format!("  {s}/a/stale : dépôt sans activité depuis le 2023-02-01 (plus de 12 mois)\n")), "{out}");
    assert!(out.contains(&format!("  {s}/hang : pas de réponse en 1 s\n")), "{out}");
    assert!(out.contains(&format!("  {s}/missing : cassé (HTTP 404)\n")), "{out}");
    assert!(out.contains("connection refused"), "{out}");
    assert!(out.contains("refusé ou en erreur (HTTP 403) ; si ce site refuse les robots, ajoutez-le à `verify-allowlist.yaml` avec la raison"), "{out}");
    assert!(out.ends_with("Adresses vérifiées : 12 ; dépôts : 3. Bons : 7, redirigés : 1, cassés : 3, sans réponse : 1, en erreur : 1, archivés : 1, inactifs : 1 ; en http:// mais disponibles en https:// : 0.\n"), "{out}");
    let en = verify(&w, &["--lang", "en"]);
    assert!(en.stdout.contains(&format!("  {s}/missing: broken (HTTP 404)\n")), "{}", en.stdout);
}

#[test]
fn verify_never_edits_the_content_and_needs_no_network_for_check_and_build() {
    let w = web();
    let before = tree(&w.dir.join("content"));
    verify(&w, &[]);
    assert_same_tree(&before, &tree(&w.dir.join("content")), "verify edits nothing");
    // The allowlist is part of the content folder and check accepts it.
    run(&w.dir, &["check", "--strict"], &[]).expect(0);
}

#[test]
fn an_allowlist_entry_without_a_reason_is_refused() {
    let w = web();
    std::fs::write(w.dir.join("content/verify-allowlist.yaml"), "- host: 127.0.0.1\n  reason: \"\"\n").unwrap();
    let o = verify(&w, &[]);
    assert_eq!(o.status, 2);
    assert!(o.stderr.contains("`content/verify-allowlist.yaml` : `127.0.0.1` sans raison (`reason`)"), "{}", o.stderr);
}

/// 1,000 distinct addresses on the local server: all checked, 8 at a time at most in all and 2
/// per host, well within the time a maintainer waits.
#[test]
fn a_thousand_local_addresses() {
    let w = web();
    let many: Vec<String> = (0..1000).map(|i| format!("\"{}/ok?{i}\"", w.server)).collect();
    let p = w.dir.join("content/providers/hebergeur.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("sources: [", &format!("sources: [{}, ", many.join(", ")))).unwrap();
    let started = Instant::now();
    let o = verify(&w, &["--format", "json"]);
    let secs = started.elapsed().as_secs_f64();
    let ok = o.stdout.lines().filter(|l| l.contains("/ok?") && l.contains("\"result\":\"ok\"")).count();
    assert_eq!(ok, 1000, "{}", o.stderr);
    eprintln!("verify: 1,000 distinct local addresses in {secs:.2} s");
    assert!(secs < 60.0, "{secs} s");
}

/// The weekly workflow's last step, run as the runner would against a fake Forgejo API on
/// 127.0.0.1: it opens the issue « Fiches à vérifier » when something is wrong, updates that
/// same issue the next week, and closes it when all is fine.
#[test]
fn weekly_workflow_opens_updates_and_closes_one_issue() {
    let wf: serde_json::Value = serde_saphyr::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".forgejo/workflows/fiches-a-verifier.yml")).unwrap()).unwrap();
    let step = wf["jobs"]["verifier"]["steps"].as_array().unwrap().iter().find(|s| s["name"].as_str().unwrap_or("").starts_with("Ouvrir ou mettre à jour")).unwrap();
    let script = step["run"].as_str().unwrap().to_string();
    // The fake API: the open issues, and every request received.
    let issues: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let listener = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let api = format!("http://{}/api/v1", listener.local_addr().unwrap());
    {
        let (issues, log) = (issues.clone(), log.clone());
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut len = 0;
                let mut auth = String::new();
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    if h.trim().is_empty() {
                        break;
                    }
                    let lower = h.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap();
                    }
                    if lower.starts_with("authorization:") {
                        auth = h.trim().to_string();
                    }
                }
                let mut body = vec![0; len];
                std::io::Read::read_exact(&mut reader, &mut body).unwrap();
                let body: serde_json::Value = if len > 0 { serde_json::from_slice(&body).unwrap() } else { serde_json::Value::Null };
                let (method, path) = { let mut p = line.split_whitespace(); (p.next().unwrap().to_string(), p.next().unwrap().to_string()) };
                log.lock().unwrap().push(format!("{method} {} {auth}", path.split('?').next().unwrap()));
                let mut list = issues.lock().unwrap();
                let reply = match method.as_str() {
                    "GET" => serde_json::Value::Array(list.iter().filter(|i| i["state"] == "open").cloned().collect()),
                    "POST" => {
                        let issue = serde_json::json!({"number": list.len() + 1, "title": body["title"], "body": body["body"], "state": "open"});
                        list.push(issue.clone());
                        issue
                    }
                    _ => {
                        let n: usize = path.rsplit('/').next().unwrap().parse().unwrap();
                        let issue = &mut list[n - 1];
                        issue["body"] = body["body"].clone();
                        issue["state"] = body["state"].clone();
                        issue.clone()
                    }
                };
                let text = reply.to_string();
                let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}", text.len());
            }
        });
    }
    let dir = tempfile::tempdir().unwrap();
    let week = |verify_code: &str, check_code: &str| -> String {
        std::fs::write(dir.path().join("verify.txt"), "content/providers/x.md\n  https://x.org/ : cassé (HTTP 404)\n").unwrap();
        std::fs::write(dir.path().join("check.txt"), "Aucun problème trouvé.\n").unwrap();
        std::fs::write(dir.path().join("verify.code"), verify_code).unwrap();
        std::fs::write(dir.path().join("check.code"), check_code).unwrap();
        let o = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(dir.path())
            .env("FORGEJO_API", &api)
            .env("REPOSITORY", "asso/annuaire")
            .env("TOKEN", "jeton")
            .env("RUN_URL", "https://forge.test/asso/annuaire/actions")
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    assert_eq!(week("1", "0"), "ticket #1 ouvert");
    assert_eq!(week("1", "1"), "ticket #1 mis à jour");
    assert_eq!(issues.lock().unwrap().len(), 1, "the same issue, not a new one");
    let body = issues.lock().unwrap()[0]["body"].as_str().unwrap().to_string();
    assert!(body.contains("https://x.org/ : cassé (HTTP 404)") && body.contains("## Fiches (`aiguillage check --strict`)"), "{body}");
    assert_eq!(week("0", "0"), "ticket #1 mis à jour et fermé");
    assert_eq!(issues.lock().unwrap()[0]["state"], "closed");
    assert_eq!(week("0", "0"), "rien à signaler, aucun ticket ouvert");
    let log = log.lock().unwrap();
    assert!(log.iter().all(|l| l.ends_with("Authorization: token jeton")), "{log:?}");
    assert_eq!(log.iter().filter(|l| l.starts_with("POST /api/v1/repos/asso/annuaire/issues")).count(), 1, "{log:?}");
}

/// `verify --against awesome-selfhosted`: offline, on the fixture list of
/// `tests/fixtures/awesome-selfhosted/`. jitsi-meet matches by source (the list's `.git` and
/// missing `/` do not matter) with another licence; nextcloud is archived there; cryptpad
/// matches by website, with another source and no update for over a year before the list's
/// newest data. The content is not touched; an archived project fails the command.
#[test]
fn against_awesome_selfhosted_reports_differences_and_archived_projects() {
    let s = Site::of("valid");
    let before = tree(&s.root().join("content"));
    let list = fixture("awesome-selfhosted");
    let o = s.run(&["verify", "--content", "content", "--against", "awesome-selfhosted", list.to_str().unwrap()]);
    assert_eq!(o.status, 1, "{}", o.stderr);
    let found: Vec<String> = diags(&o.stderr).into_iter().filter(|l| !l.contains("dernière fois") && !l.starts_with("aide : vérifiez les faits")).collect();
    assert_eq!(
        found,
        [
            "content/alternatives/cryptpad.md:2:1: avertissement: awesome-selfhosted (software/cryptpad.yml) n'a vu aucune mise à jour depuis le 2025-03-01 (plus d'un an avant ses données les plus récentes, du 2026-08-21)",
            "aide : vérifiez l'activité du projet ; s'il n'est plus entretenu, mettez `maturity: unmaintained`",
            "content/alternatives/cryptpad.md:2:1: avertissement: code source `https://github.com/cryptpad/cryptpad` ; awesome-selfhosted (software/cryptpad.yml) dit : https://codeberg.org/cryptpad/cryptpad",
            "content/alternatives/jitsi-meet.md:2:1: avertissement: licence `Apache-2.0` ; awesome-selfhosted (software/jitsi-meet.yml) dit : MIT",
            "aide : vérifiez le fichier LICENSE du dépôt du projet ; corrigez la fiche, ou signalez l'écart à awesome-selfhosted",
            "content/alternatives/nextcloud.md:2:1: erreur: awesome-selfhosted (software/nextcloud.yml) dit le dépôt du projet archivé",
            "aide : vérifiez sur la forge du projet ; s'il est arrêté, mettez `maturity: unmaintained` et une réserve",
        ],
        "{}",
        o.stderr
    );
    assert!(o.stdout.contains("Fiches d'awesome-selfhosted illisibles, laissées de côté (1) : software/broken.yml"), "{}", o.stdout);
    assert!(o.stdout.contains("Retrouvées dans awesome-selfhosted : 3 sur 15 alternatives (fiches lues : 4) ; écarts signalés : 4. Rien n'a été modifié."), "{}", o.stdout);
    assert_same_tree(&before, &tree(&s.root().join("content")), "verify --against edited the content");
    // JSON: one object per finding.
    let o = s.run(&["verify", "--content", "content", "--format", "json", "--against", "awesome-selfhosted", list.to_str().unwrap()]);
    let codes: Vec<String> = o.stdout.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"].as_str().unwrap_or("").to_string()).filter(|c| c.starts_with("against")).collect();
    assert_eq!(codes, ["against-stale", "against-source", "against-license", "against-archived"], "{}", o.stdout);
    // An unknown list is a usage error.
    s.run(&["verify", "--content", "content", "--against", "awesome", list.to_str().unwrap()]).expect(2);
}
