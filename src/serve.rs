//! `aiguillage serve`: a preview on 127.0.0.1 for maintainers and theme authors. Before
//! answering a request it rebuilds the site if a source file changed (no live-reload script:
//! the site stays free of JavaScript); when the content has errors it shows them as a page.

use crate::diag;
use crate::i18n::Lang;
use crate::site::{self, BuildOptions, BuildOutcome, Timings};
use crate::tr;
use anyhow::{Context as _, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::ExitCode;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub fn serve(content: &Path, port: u16, lang: Option<Lang>) -> Result<ExitCode> {
    let l = lang.unwrap_or_default();
    if !content.is_dir() {
        eprintln!("{}", tr!(l, "aiguillage : dossier de contenu introuvable `{}`", "aiguillage: content folder not found `{}`", content.display()));
        return Ok(ExitCode::from(2));
    }
    // A folder of this process only: another user's files never get served.
    let out = std::env::temp_dir().join(format!("aiguillage-serve-{}-{port}", std::process::id()));
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    let listener = TcpListener::bind(("127.0.0.1", port)).with_context(|| format!("binding 127.0.0.1:{port}"))?;
    eprintln!("{}", tr!(l, "Aperçu sur http://127.0.0.1:{port}/ (Ctrl+C pour arrêter)", "Preview on http://127.0.0.1:{port}/ (Ctrl+C to stop)"));
    let mut last = None;
    let mut errors: Option<String> = None;
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // The build's own fingerprint of the sources: a count and the newest time missed an
        // edit whose modification time went back.
        let fp = site::sources_fingerprint(content);
        if last != Some(fp) {
            last = Some(fp);
            errors = rebuild(content, &out, lang);
        }
        let _ = answer(stream, &out, errors.as_deref(), l);
    }
    Ok(ExitCode::SUCCESS)
}

/// Rebuilds; returns the diagnostics page text when the build failed.
fn rebuild(content: &Path, out: &Path, lang: Option<Lang>) -> Option<String> {
    let opts = BuildOptions { content: content.to_path_buf(), content_label: content.to_string_lossy().into_owned(), out: out.to_path_buf(), lang, bundle: false, gzip: false };
    match site::build(&opts, &mut Timings::default()) {
        Ok(BuildOutcome::Built { .. } | BuildOutcome::Unchanged { .. }) => None,
        Ok(BuildOutcome::Failed { checked, diags }) => {
            let l = checked.as_ref().map(|c| c.lang).unwrap_or(lang.unwrap_or_default());
            Some(diag::render_human(&diags, l, false, &diag::quote_from_disk))
        }
        Err(e) => Some(format!("{e:?}")),
    }
}

fn answer(stream: TcpStream, out: &Path, errors: Option<&str>, lang: Lang) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers.
    let mut h = String::new();
    while reader.read_line(&mut h)? > 2 {
        h.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    if let Some(text) = errors {
        let title = lang.t("Le contenu a des erreurs", "The content has errors");
        let body = format!("<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1><pre>{}</pre></main></body></html>", lang.code(), escape(text));
        return respond(&mut stream, "500 Internal Server Error", "text/html; charset=utf-8", body.as_bytes());
    }
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    if rel.split('/').any(|s| s == ".." || s.starts_with('.')) || rel.contains('\\') || rel.contains('%') {
        return respond(&mut stream, "404 Not Found", "text/plain", b"not found");
    }
    let file = out.join(&rel);
    match std::fs::read(&file) {
        Ok(bytes) => respond(&mut stream, "200 OK", content_type(&rel), &bytes),
        Err(_) => {
            let page = std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            respond(&mut stream, "404 Not Found", "text/html; charset=utf-8", &page)
        }
    }
}

fn content_type(p: &str) -> &'static str {
    match p.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "zip" => "application/zip",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(s: &mut TcpStream, status: &str, ctype: &str, body: &[u8]) -> std::io::Result<()> {
    write!(s, "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    s.write_all(body)
}
