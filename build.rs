//! Embeds the default theme (`themes/default/`) into the binary, so that `aiguillage build`
//! works with no `themes/` folder.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    embed(&[(manifest.join("themes").join("default"), "")], "theme.rs", "The default theme's files");
    // `aiguillage init` writes the starter site and this repository's Forgejo files.
    embed(&[(manifest.join("starter"), ""), (manifest.join(".forgejo"), ".forgejo/")], "starter.rs", "The starter site of `init`");
}

/// Writes `OUT_DIR/<name>` holding `pub static FILES: &[(&str, &[u8])]`, sorted by path.
fn embed(roots: &[(std::path::PathBuf, &str)], name: &str, doc: &str) {
    let mut files = Vec::new();
    for (root, prefix) in roots {
        println!("cargo:rerun-if-changed={}", root.display());
        let mut found = Vec::new();
        collect(root, root, &mut found);
        files.extend(found.into_iter().map(|(rel, abs)| (format!("{prefix}{rel}"), abs)));
    }
    files.sort();
    let mut out = format!("/// {doc}: (relative path, bytes).\npub static FILES: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={abs}");
        let _ = writeln!(out, "    ({rel:?}, include_bytes!({abs:?})),");
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(name);
    std::fs::write(dest, out).unwrap();
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            collect(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, p.to_string_lossy().into_owned()));
        }
    }
}
