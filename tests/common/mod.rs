//! The one harness of the integration tests: run the binary, a site to test against
//! (`site.rs`), copy a fixture, read a tree, scan HTML tags and walk the links of a built site.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

mod site;
#[allow(unused_imports)]
pub use site::*;

/// 2026-02-28T00:00:00Z: the "today" and edition date of every test run (`SOURCE_DATE_EPOCH`),
/// so that staleness never depends on the day the tests run.
pub const EPOCH: &str = "1772236800";
pub const EDITION: &str = "2026-02-28";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_aiguillage")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[derive(Debug)]
pub struct Out {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Panics with everything the command said unless it exited with `code`.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Self {
        assert_eq!(self.status, code, "exit status {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}", self.status, self.stdout, self.stderr);
        self
    }
}

/// Runs `aiguillage args…` in `cwd` with `SOURCE_DATE_EPOCH` pinned (override it in `env`;
/// an empty value removes the variable).
pub fn run(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(bin());
    cmd.args(args).current_dir(cwd).stdin(Stdio::null());
    // The command line speaks the language of LANG: tests say theirs.
    cmd.env("SOURCE_DATE_EPOCH", EPOCH).env_remove("RAYON_NUM_THREADS").env_remove("LANG").env_remove("LC_ALL");
    for (k, v) in env {
        if v.is_empty() {
            cmd.env_remove(k);
        } else {
            cmd.env(k, v);
        }
    }
    let o = cmd.output().expect("running aiguillage");
    Out {
        status: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// A temporary site folder holding a byte-for-byte copy of `tests/fixtures/<name>/content`.
pub fn site_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name).join("content"), &dir.path().join("content"));
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).sort_by_file_name() {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir`, relative and `/`-separated, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir).into_iter().map(|(rel, p)| (rel, std::fs::read(p).unwrap())).collect()
}

/// Every file under `dir` with its modification time.
pub fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    files(dir).into_iter().map(|(rel, p)| (rel, std::fs::metadata(p).unwrap().modified().unwrap())).collect()
}

pub fn files(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            m.insert(rel, e.path().to_path_buf());
        }
    }
    m
}

/// A fixed time long ago, set on output files so that any rewrite is visible whatever the
/// file system's time resolution.
pub fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

pub fn set_mtimes(dir: &Path, t: SystemTime) {
    for p in files(dir).values() {
        std::fs::File::options().write(true).open(p).unwrap().set_modified(t).unwrap();
    }
}

/// Asserts two trees hold the same paths with the same bytes, naming the first differences.
#[track_caller]
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let ka: BTreeSet<&String> = a.keys().collect();
    let kb: BTreeSet<&String> = b.keys().collect();
    assert_eq!(ka, kb, "{what}: not the same files");
    let differ: Vec<&String> = a.keys().filter(|k| a[*k] != b[*k]).collect();
    assert!(differ.is_empty(), "{what}: files differ: {differ:?}");
}

/// The `<main …>…</main>` element of a page: what a snapshot of a page type is about (the
/// frame has its own snapshot).
pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main>");
    let end = html.rfind("</main>").expect("a </main>") + "</main>".len();
    html[start..end].to_string()
}

// ---------------------------------------------------------------------------------------------
// A small HTML tag scanner: enough to check attributes of the generator's own output.

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&#x2F;", "/").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The opening tags of `html`, with their attributes (values unescaped). Text never holds a raw
/// `<` in escaped output, so every `<` opens a tag, a comment or a doctype.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map(|e| i + e + 3).unwrap_or(b.len());
            continue;
        }
        if i < b.len() && (b[i] == b'!' || b[i] == b'/' || b[i] == b'?') {
            i = html[i..].find('>').map(|e| i + e + 1).unwrap_or(b.len());
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            if b[i] == b'/' {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let key = html[s..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i] as char;
                    i += 1;
                    let e = html[i..].find(q).map(|e| i + e).unwrap_or(b.len());
                    value = unescape(&html[i..e]);
                    i = (e + 1).min(b.len());
                } else {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = unescape(&html[s..i]);
                }
            }
            if key.is_empty() {
                i += 1;
                continue;
            }
            attrs.push((key, value));
        }
        out.push(Tag { name, attrs });
    }
    out
}

const FORBIDDEN_TAGS: [&str; 11] = ["script", "iframe", "embed", "object", "style", "form", "base", "applet", "frame", "frameset", "noscript"];
const URL_ATTRS: [&str; 8] = ["href", "src", "action", "formaction", "poster", "data", "srcset", "cite"];

/// Problems of the built site at `root`: forbidden markup, and links that are not relative links
/// naming an existing file (or an existing `id` for a fragment). Empty when all is well.
pub fn site_problems(root: &Path) -> Vec<String> {
    let all = files(root);
    let mut problems = Vec::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pages: BTreeMap<String, Vec<Tag>> = BTreeMap::new();
    for (rel, p) in &all {
        if rel.ends_with(".css") {
            let css = std::fs::read_to_string(p).unwrap().to_ascii_lowercase();
            for bad in ["@import", "@font-face", "url(", "expression("] {
                if css.contains(bad) {
                    problems.push(format!("{rel}: stylesheet holds `{bad}` (must be self-contained)"));
                }
            }
        }
        if !rel.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(p).unwrap();
        let lower = html.to_ascii_lowercase();
        for bad in ["<script", "javascript:", "vbscript:", "<iframe", "<embed", "<object", "<style"] {
            if lower.contains(bad) {
                problems.push(format!("{rel}: holds `{bad}`"));
            }
        }
        let t = tags(&html);
        let mut page_ids = BTreeSet::new();
        for tag in &t {
            if let Some(id) = tag.attr("id")
                && !page_ids.insert(id.to_string())
            {
                problems.push(format!("{rel}: duplicate id `{id}`"));
            }
        }
        ids.insert(rel.clone(), page_ids);
        pages.insert(rel.clone(), t);
    }
    for (rel, t) in &pages {
        let dir: Vec<&str> = rel.split('/').collect::<Vec<_>>()[..rel.split('/').count() - 1].to_vec();
        for tag in t {
            if FORBIDDEN_TAGS.contains(&tag.name.as_str()) {
                problems.push(format!("{rel}: forbidden element <{}>", tag.name));
            }
            if tag.name == "meta" && tag.attr("http-equiv").is_some() {
                problems.push(format!("{rel}: <meta http-equiv>"));
            }
            for (k, v) in &tag.attrs {
                if k.starts_with("on") || k == "style" || k == "srcdoc" {
                    problems.push(format!("{rel}: forbidden attribute `{k}` on <{}>", tag.name));
                }
                if !URL_ATTRS.contains(&k.as_str()) {
                    continue;
                }
                // Assets (stylesheet, images, anything loaded without a click) must be local.
                let is_asset = k != "href" || tag.name == "link";
                if let Some(p) = link_problem(v, &dir, &all, &ids, rel, is_asset) {
                    problems.push(format!("{rel}: <{} {k}=\"{v}\">: {p}", tag.name));
                }
            }
        }
    }
    problems
}

fn link_problem(v: &str, dir: &[&str], all: &BTreeMap<String, PathBuf>, ids: &BTreeMap<String, BTreeSet<String>>, page: &str, is_asset: bool) -> Option<String> {
    let lower = v.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return is_asset.then(|| "an asset loaded from another host".to_string());
    }
    if lower.starts_with("//") {
        return Some("protocol-relative link".into());
    }
    if lower.starts_with('/') {
        return Some("absolute path (breaks file:// and sub-paths)".into());
    }
    if let Some(colon) = lower.find(':')
        && !lower[..colon].contains('/')
    {
        return Some(format!("scheme `{}` not allowed", &lower[..colon]));
    }
    let (path, frag) = match v.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (v, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_string()
    } else {
        if path.ends_with('/') || !path.rsplit('/').next().unwrap_or("").contains('.') {
            return Some("does not name a file (bare folder)".into());
        }
        let mut parts: Vec<&str> = dir.to_vec();
        for seg in path.split('/') {
            match seg {
                "" => return Some("empty path segment (`//`)".into()),
                "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Some("leaves the site folder".into());
                    }
                }
                s => parts.push(s),
            }
        }
        let t = parts.join("/");
        if !all.contains_key(&t) {
            return Some(format!("target `{t}` does not exist"));
        }
        t
    };
    if let Some(f) = frag.filter(|f| !f.is_empty())
        && target.ends_with(".html")
        && !ids.get(&target).is_some_and(|s| s.contains(f))
    {
        return Some(format!("no id `{f}` in `{target}`"));
    }
    None
}

/// Problems of output names on FAT32/exFAT and Windows: reserved characters, reserved names,
/// trailing dots or spaces, paths too long, names equal but for case.
pub fn fat_problems<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for p in paths {
        if p.chars().any(|c| "<>:\"\\|?*".contains(c) || c.is_control()) {
            problems.push(format!("`{p}`: reserved character"));
        }
        if p.len() >= 200 {
            problems.push(format!("`{p}`: path of {} bytes", p.len()));
        }
        for comp in p.split('/') {
            if comp.ends_with('.') || comp.ends_with(' ') || comp.is_empty() {
                problems.push(format!("`{p}`: bad component `{comp}`"));
            }
            let stem = comp.split('.').next().unwrap_or("").to_ascii_lowercase();
            let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
                || ((stem.starts_with("com") || stem.starts_with("lpt")) && stem.len() == 4 && stem.as_bytes()[3].is_ascii_digit());
            if reserved {
                problems.push(format!("`{p}`: Windows reserved name"));
            }
        }
        if let Some(other) = seen.insert(p.to_lowercase(), p.to_string()) {
            problems.push(format!("`{p}` and `{other}` differ only by case"));
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// serve

/// A running `aiguillage serve`, killed when the test ends, however it ends.
pub struct Server(pub std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Starts `serve` on a free port for the site in `dir`; its preview is built in the
    /// returned temporary folder.
    pub fn start(dir: &Path) -> (Server, u16, tempfile::TempDir) {
        let tmp = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(bin())
            .args(["serve", "--content", "content", "--port", &port.to_string()])
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env("TMPDIR", tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        (Server(child), port, tmp)
    }

    /// The first answer, once the server listens (5 s at most).
    pub fn first_get(&self, port: u16, path: &str) -> (u16, String) {
        let start = std::time::Instant::now();
        loop {
            match get(port, path) {
                Ok(r) => return r,
                Err(e) => {
                    assert!(start.elapsed() < Duration::from_secs(5), "serve did not answer in 5 s: {e}");
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }
}

/// `GET path` on 127.0.0.1:port: the status and the whole answer, headers included.
pub fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Ok((status, text))
}

/// Serves the files of `dir` over HTTP on 127.0.0.1 from a thread, for as long as the test
/// runs: `GET /a/b` answers the file `dir/a/b`, or 404. Returns the port.
pub fn serve_files(dir: &Path) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // The headers, up to the blank line.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
            let file = (!path.contains("..")).then(|| std::fs::read(dir.join(&path)).ok()).flatten();
            let mut stream = &stream;
            let _ = match file {
                Some(body) => {
                    let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                    stream.write_all(&body)
                }
                None => write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
            };
        }
    });
    port
}
