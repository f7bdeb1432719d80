//! The command line: clap parses it into raw arguments, which are then validated into the
//! options each command trusts.

use crate::diag::{self, Diagnostic};
use crate::i18n::Lang;
use crate::output::OutputError;
use crate::scaffold::NewKind;
use crate::site::{self, BuildOptions, BuildOutcome, Timings};
use crate::tr;
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod words;

// The help in English is written here, as doc comments; `words.rs` gives every text in French
// too, and turns clap's usage errors into French ones.
#[derive(Parser)]
#[command(name = "aiguillage", version, about = "Directory of ethical providers and libre alternatives: content/ → a static site without JavaScript")]
struct Args {
    /// Language of messages; for `init`, of the new site [default: the site's `language`, else
    /// the LANG environment variable]
    #[arg(long, global = true, value_parser = ["fr", "en"], value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content, then build the site (content/ → public/).
    Build {
        /// The content folder (site.yaml and the records)
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Where the site is written (replaced whole, atomically)
        #[arg(long, default_value = "public", value_name = "DIR")]
        out: PathBuf,
        /// Also write the offline edition aiguillage-<edition>.zip and its SHA-256
        #[arg(long)]
        bundle: bool,
        /// Also write precompressed .gz siblings for servers that serve them
        #[arg(long)]
        gzip: bool,
        /// Print the time of each phase (fingerprint, load+check and its parts, render+write, swap)
        #[arg(long)]
        timings: bool,
    },
    /// Check every record and report all problems, writing nothing.
    Check {
        /// The content folder (site.yaml and the records)
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// How problems are written: for people, or one JSON object per line for tools
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Warnings (stale entries, criteria left out) fail the check too
        #[arg(long)]
        strict: bool,
        /// Warnings in this file fail the check (repeatable): the files a merge request changes,
        /// so that an old record elsewhere never fails a volunteer's request
        #[arg(long = "strict-for", value_name = "FILE")]
        strict_for: Vec<String>,
        /// Print the time of each phase (walk, read+parse, markdown, references…)
        #[arg(long)]
        timings: bool,
    },
    /// Write a new record with every field explained.
    New {
        /// What to create
        #[arg(value_enum, value_name = "KIND")]
        kind: NewKind,
        /// The record's file name without extension: lowercase letters, digits and hyphens
        #[arg(value_name = "SLUG")]
        slug: String,
        /// The content folder (site.yaml and the records)
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
    },
    /// Preview the site on 127.0.0.1, rebuilt when a source file changed.
    Serve {
        /// The content folder (site.yaml and the records)
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// The port to listen on, on 127.0.0.1 only
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Create a new directory site, ready to build.
    Init {
        /// The folder to create (it must not exist, or be empty)
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Start a regional edition on this content folder (e.g. a git submodule of the
        /// national directory): its records are included, not copied
        #[arg(long, value_name = "CONTENT")]
        from: Option<PathBuf>,
    },
    /// Draft a provider record from the files an organisation publishes about itself
    /// (ChatonsInfos: the organisation file, then the service files it lists).
    Import {
        /// The format of the files
        #[arg(value_enum, value_name = "FORMAT")]
        format: ImportFormat,
        /// The organisation file (organization.properties): a path, or an http(s) address
        #[arg(value_name = "FILE_OR_URL")]
        source: String,
        /// The content folder (site.yaml and the records)
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// Seconds to wait for each request
        #[arg(long, default_value_t = 10, value_name = "SECONDS")]
        timeout: u64,
    },
    /// Check online every web address of the content and the activity of the alternatives'
    /// forges (the only command that uses the network; it never edits the content).
    Verify {
        /// The content folder (site.yaml and the records)
        #[arg(long, default_value = "content", value_name = "DIR")]
        content: PathBuf,
        /// How findings are written: for people, or one JSON object per line for tools
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Seconds to wait for each request
        #[arg(long, default_value_t = 10, value_name = "SECONDS")]
        timeout: u64,
        /// Compare the alternatives with a list on disk instead (offline): `awesome-selfhosted`
        /// and a clone of awesome-selfhosted-data
        #[arg(long, num_args = 2, value_names = ["LIST", "FOLDER"])]
        against: Option<Vec<String>>,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ImportFormat {
    /// The CHATONS members' files (organization.properties and its services)
    Chatonsinfos,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// For people: each problem with its line quoted and a hint
    Human,
    /// One JSON object per line, for tools (CI annotations)
    Json,
}

pub fn run() -> Result<ExitCode> {
    use clap::{CommandFactory, FromArgMatches};
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let help_lang = words::language(&raw);
    let parsed = words::localize(Args::command(), help_lang).try_get_matches_from(&raw).and_then(|m| Args::from_arg_matches(&m));
    let args = match parsed {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            words::print_error(&e, help_lang);
            return Ok(ExitCode::from(code));
        }
    };
    let lang = args.lang.as_deref().and_then(Lang::parse);
    match args.command {
        Command::Build { content, out, bundle, gzip, timings } => build(content, out, lang, bundle, gzip, timings),
        Command::Check { content, format, strict, strict_for, timings } => check(&content, lang, format, Strictness { all: strict, files: strict_for.iter().map(|f| f.trim_start_matches("./").replace('\\', "/")).collect() }, timings),
        Command::New { kind, slug, content } => crate::scaffold::new_record(&content, kind, &slug, lang),
        Command::Serve { content, port } => crate::serve::serve(&content, port, lang),
        Command::Init { dir, from: None } => crate::scaffold::init(&dir, lang.unwrap_or_default()),
        Command::Init { dir, from: Some(base) } => crate::scaffold::init_edition(&dir, &base, lang.unwrap_or_default()),
        Command::Import { format: ImportFormat::Chatonsinfos, source, content, timeout } => {
            if !content.is_dir() {
                return usage_missing_content(&content, lang);
            }
            let opts = crate::import::ImportOptions { content: &content, content_label: &label(&content), source: &source, lang, timeout: std::time::Duration::from_secs(timeout.max(1)) };
            crate::import::chatonsinfos_run(&opts)
        }
        Command::Verify { content, format, timeout, against } => {
            if !content.is_dir() {
                return usage_missing_content(&content, lang);
            }
            let opts = crate::verify::VerifyOptions { content: &content, content_label: &label(&content), lang, json: format == Format::Json, timeout: std::time::Duration::from_secs(timeout.max(1)) };
            match against.as_deref() {
                Some([list, folder]) => crate::verify::run_against(&opts, list, Path::new(folder)),
                _ => crate::verify::run(&opts),
            }
        }
    }
}

fn label(content: &Path) -> String {
    content.to_string_lossy().replace('\\', "/")
}

/// Prints diagnostics to stderr, quoting each line from its file.
pub fn print_diags(diags: &[Diagnostic], lang: Lang, strict: bool) {
    diag::print(diags, lang, strict, &Default::default());
}

/// Which warnings fail `check`: all of them (`--strict`), or those of some files (`--strict-for`).
struct Strictness {
    all: bool,
    files: std::collections::BTreeSet<String>,
}

impl Strictness {
    fn fails(&self, diags: &[Diagnostic]) -> bool {
        diag::fails(diags, self.all) || diags.iter().any(|d| self.files.contains(&d.file))
    }
}

fn check(content: &Path, lang: Option<Lang>, format: Format, strictness: Strictness, show_timings: bool) -> Result<ExitCode> {
    // Warnings of the changed files block: the report must not say they do not.
    let blocking = |diags: &[Diagnostic]| strictness.all || diags.iter().any(|d| d.severity == diag::Severity::Warning && strictness.files.contains(&d.file));
    if !content.is_dir() {
        return usage_missing_content(content, lang);
    }
    let mut timings = Timings::default();
    let mut checked = timings.time("load+check", |t| site::check(content, &label(content), lang, true, true, t));
    // Like `build`: once the content is sound, the theme and every page (in memory).
    if !checked.diags.iter().any(|d| d.severity == diag::Severity::Error) {
        let more = timings.time("rendering", |_| site::check_rendering(&checked, content, &label(content)));
        checked.diags.extend(more);
        diag::sort(&mut checked.diags);
    }
    let lang = checked.lang;
    timings.time("report", |_| match format {
        Format::Json => print!("{}", diag::render_json(&checked.diags)),
        Format::Human => diag::print(&checked.diags, lang, blocking(&checked.diags), &checked.texts),
    });
    if show_timings {
        eprint!("{}", timings.render());
    }
    let code = if strictness.fails(&checked.diags) { 1 } else { 0 };
    // The process ends here: freeing a large directory record by record would only delay it.
    std::mem::forget(checked);
    Ok(ExitCode::from(code))
}

fn usage_missing_content(content: &Path, lang: Option<Lang>) -> Result<ExitCode> {
    let lang = lang.unwrap_or_default();
    let shown = content.display();
    eprintln!("{}", tr!(lang, "aiguillage : dossier de contenu introuvable `{shown}`\naide : lancez la commande depuis le dossier qui contient `content/`, ou donnez `--content CHEMIN` ; `aiguillage init DOSSIER` crée un site", "aiguillage: content folder not found `{shown}`\nhelp: run the command from the folder that holds `content/`, or give `--content PATH`; `aiguillage init DIR` creates a site"));
    Ok(ExitCode::from(2))
}

fn build(content: PathBuf, out: PathBuf, lang: Option<Lang>, bundle: bool, gzip: bool, show_timings: bool) -> Result<ExitCode> {
    if !content.is_dir() {
        return usage_missing_content(&content, lang);
    }
    let l = lang.unwrap_or_default();
    if let Err(e) = crate::output::check_target(&out, &content) {
        return Ok(output_error(e, &out, l));
    }
    let opts = BuildOptions { content_label: label(&content), content, out: out.clone(), lang, bundle, gzip };
    let mut timings = Timings::default();
    let started = std::time::Instant::now();
    let outcome = match site::build(&opts, &mut timings) {
        Ok(o) => o,
        Err(e) => return Ok(output_error(e, &out, l)),
    };
    match outcome {
        BuildOutcome::Failed { checked, diags } => {
            let lang = checked.as_ref().map(|c| c.lang).unwrap_or(l);
            print_diags(&diags, lang, false);
            eprintln!("{}", tr!(lang, "Le site n'a pas été construit ; `{}` est inchangé.", "The site was not built; `{}` is unchanged.", out.display()));
            Ok(ExitCode::from(1))
        }
        BuildOutcome::Unchanged { files } => {
            let lang = lang.unwrap_or_default();
            let secs = started.elapsed().as_secs_f64();
            eprintln!("{}", tr!(lang, "Rien n'a changé depuis la dernière construction : {files} fichiers dans `{}` (0 écrits, {files} inchangés, 0 supprimés) en {secs:.2} s.", "Nothing changed since the last build: {files} files in `{}` (0 written, {files} unchanged, 0 removed) in {secs:.2} s.", out.display()));
            Ok(ExitCode::SUCCESS)
        }
        BuildOutcome::Built { checked, report, files, warnings, bundle } => {
            let lang = checked.lang;
            match warnings {
                site::Warnings::Counted(summary) => {
                    eprintln!("{summary}");
                    eprintln!("{}", lang.t("Détail : `aiguillage check`.", "Details: `aiguillage check`."));
                }
                site::Warnings::Listed(w) if !w.is_empty() => print_diags(&w, lang, false),
                site::Warnings::Listed(_) => {}
            }
            let secs = started.elapsed().as_secs_f64();
            let (w, u, r) = (report.written, report.unchanged, report.removed);
            eprintln!("{}", tr!(lang, "{files} fichiers dans `{}` ({w} écrits, {u} inchangés, {r} supprimés) en {secs:.2} s.", "{files} files in `{}` ({w} written, {u} unchanged, {r} removed) in {secs:.2} s.", out.display()));
            if let Some(b) = bundle {
                eprintln!("{}", tr!(lang, "Édition hors ligne : {} ({} Kio, SHA-256 {}).", "Offline edition: {} ({} KiB, SHA-256 {}).", b.file, b.size_kb, b.sha256));
            }
            if show_timings {
                eprint!("{}", timings.render());
            }
            // The process ends here: no need to free the directory record by record.
            std::mem::forget(checked);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn output_error(e: OutputError, out: &Path, lang: Lang) -> ExitCode {
    let shown = out.display();
    let msg = match e {
        OutputError::Locked(p) => {
            let p = p.display();
            tr!(lang, "aiguillage : une autre construction écrit déjà dans `{shown}` (verrou `{p}`) ; réessayez quand elle est finie", "aiguillage: another build is already writing `{shown}` (lock `{p}`); try again when it is done")
        }
        OutputError::BadTarget(t) => tr!(lang, "aiguillage : `--out {t}` refusé : ce doit être un dossier à part, ni `/`, ni le dossier personnel, ni un fichier, ni le contenu ou l'un de ses parents", "aiguillage: `--out {t}` refused: it must be a folder of its own, not `/`, the home folder, a file, the content or one of its parents"),
        OutputError::Io(p, err) => {
            let p = p.display();
            tr!(lang, "aiguillage : écriture impossible dans `{p}` : {err} ; le site précédent est intact", "aiguillage: cannot write `{p}`: {err}; the previous site is untouched")
        }
    };
    eprintln!("{msg}");
    ExitCode::from(2)
}
