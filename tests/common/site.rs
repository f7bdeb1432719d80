//! A site to test against: a copy of a fixture's `content/` in a temporary folder, with
//! `themes/` and `public/` beside it when a test makes them; commands run from that folder.

use super::{Out, fixture, run};
use std::fs;
use std::path::{Path, PathBuf};

/// An alternative and a provider of the `check/base` fixture, that many tests edit.
pub const ALT: &str = "alternatives/jitsi-meet.md";
pub const PROV: &str = "providers/chapril.md";

pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// The small valid site of `tests/fixtures/check/base/`.
    pub fn new() -> Site {
        Site::of("check/base")
    }

    /// The site of `tests/fixtures/<name>/`.
    pub fn of(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        super::copy_dir(&fixture(name).join("content"), &dir.path().join("content"));
        Site { dir }
    }

    /// The base site, already built into `public/`.
    pub fn built() -> Site {
        let s = Site::new();
        s.build().expect(0);
        s
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside `content/`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join("content").join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }

    /// Replaces `from` (which must occur exactly once) by `to` in a record.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Site {
        let text = self.read(rel);
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once in {rel}");
        self.write(rel, text.replacen(from, to, 1));
        self
    }

    /// Appends Markdown to the body of a record.
    pub fn append(&self, rel: &str, md: &str) {
        let text = self.read(rel);
        self.write(rel, format!("{text}{md}\n"));
    }

    pub fn remove(&self, rel: &str) {
        fs::remove_file(self.path(rel)).unwrap();
    }

    /// Runs `aiguillage args…` in the site's folder; a panic or a death by signal fails the test.
    pub fn run(&self, args: &[&str]) -> Out {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let o = run(self.root(), args, env);
        assert!(!o.stderr.contains("panicked"), "the program panicked:\n{}", o.stderr);
        assert!(o.status >= 0, "the program was killed by a signal (stack overflow?):\n{}", o.stderr);
        o
    }

    pub fn check(&self) -> Out {
        self.run(&["check", "--content", "content"])
    }

    pub fn check_with(&self, extra: &[&str]) -> Out {
        let mut args = vec!["check", "--content", "content"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    pub fn build(&self) -> Out {
        self.run(&["build", "--content", "content", "--out", "public"])
    }

    /// A file of the built site.
    pub fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join("public").join(rel)).unwrap()
    }
}

/// The message and hint lines of a human report, in order: quoted source lines, carets, blank
/// lines and the summary line are left out.
pub fn diags(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| {
            let head = [": erreur: ", ": avertissement: ", ": remarque: ", ": error: ", ": warning: ", ": note: "].iter().any(|m| l.contains(m)) && !l.starts_with(' ') && !l.contains(" | ");
            head || l.starts_with("aide : ") || l.starts_with("help: ")
        })
        .map(str::to_string)
        .collect()
}
