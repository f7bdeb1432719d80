//! The command line in the user's language: which language (`--lang`, else the site's
//! `language`, else the LANG environment variable; English when none says French), every
//! help text in French, and clap's usage errors said in French from their kind and context
//! (never from clap's English text). The English texts are the doc comments of `mod.rs`.

use crate::i18n::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;

/// The language of the command line's own texts.
pub fn language(args: &[OsString]) -> Lang {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let value_of = |name: &str| -> Option<String> {
        let flag = format!("--{name}");
        let eq = format!("--{name}=");
        args.iter().enumerate().find_map(|(i, a)| if *a == flag { args.get(i + 1).cloned() } else { a.strip_prefix(&eq).map(str::to_string) })
    };
    if let Some(l) = value_of("lang").as_deref().and_then(Lang::parse) {
        return l;
    }
    let content = value_of("content").unwrap_or_else(|| "content".into());
    if let Ok(text) = std::fs::read_to_string(std::path::Path::new(&content).join("site.yaml")) {
        let site = text.lines().find_map(|l| l.strip_prefix("language:")).map(|v| v.trim().trim_matches(['"', '\'']).to_string());
        if let Some(l) = site.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    let env = std::env::var("LC_ALL").ok().filter(|v| !v.is_empty()).or_else(|| std::env::var("LANG").ok()).unwrap_or_default();
    if env.starts_with("fr") { Lang::Fr } else { Lang::En }
}

/// French help for each argument, by subcommand (`""`: the top level) and argument id.
const ARGS_FR: &[(&str, &str, &str)] = &[
    ("", "lang", "Langue des messages ; pour `init`, celle du nouveau site [par défaut : la `language` du site, sinon la variable d'environnement LANG] [valeurs possibles : fr, en]"),
    ("build", "content", "Le dossier du contenu (site.yaml et les fiches)"),
    ("build", "out", "Où le site est écrit (remplacé en entier, d'un coup)"),
    ("build", "bundle", "Écrire aussi l'édition hors ligne aiguillage-<édition>.zip et son SHA-256"),
    ("build", "gzip", "Écrire aussi des copies .gz, pour les serveurs qui les servent"),
    ("build", "timings", "Afficher la durée de chaque étape (empreinte, chargement et vérification, rendu et écriture, remplacement)"),
    ("check", "content", "Le dossier du contenu (site.yaml et les fiches)"),
    ("check", "format", "Comment écrire les problèmes : pour des personnes, ou un objet JSON par ligne pour des outils"),
    ("check", "strict", "Les avertissements (fiches anciennes, critères absents) font aussi échouer la vérification"),
    ("check", "strict_for", "Les avertissements de ce fichier font échouer la vérification (à répéter) : les fichiers que modifie une demande d'ajout, pour qu'une vieille fiche ailleurs ne bloque jamais un ou une bénévole"),
    ("check", "timings", "Afficher la durée de chaque étape (parcours, lecture, Markdown, références…)"),
    ("new", "kind", "Ce qu'il faut créer"),
    ("new", "slug", "Le nom du fichier de la fiche, sans extension : minuscules, chiffres et tirets"),
    ("new", "content", "Le dossier du contenu (site.yaml et les fiches)"),
    ("serve", "content", "Le dossier du contenu (site.yaml et les fiches)"),
    ("serve", "port", "Le port d'écoute, sur 127.0.0.1 seulement"),
    ("init", "dir", "Le dossier à créer (il ne doit pas exister, ou être vide)"),
    ("init", "from", "Démarrer une édition régionale sur ce dossier de contenu (par exemple un sous-module git de l'annuaire national) : ses fiches sont reprises, pas copiées"),
    ("import", "format", "Le format des fichiers"),
    ("import", "source", "Le fichier de l'organisation (organization.properties) : un chemin, ou une adresse http(s)"),
    ("import", "content", "Le dossier du contenu (site.yaml et les fiches)"),
    ("import", "timeout", "Secondes d'attente pour chaque requête"),
    ("verify", "content", "Le dossier du contenu (site.yaml et les fiches)"),
    ("verify", "format", "Comment écrire les résultats : pour des personnes, ou un objet JSON par ligne pour des outils"),
    ("verify", "timeout", "Secondes d'attente pour chaque requête"),
    ("verify", "against", "Comparer plutôt les alternatives à une liste sur le disque (hors ligne) : `awesome-selfhosted` et une copie d'awesome-selfhosted-data"),
];

/// French description of each subcommand.
const COMMANDS_FR: &[(&str, &str)] = &[
    ("build", "Vérifier le contenu, puis construire le site (content/ → public/)."),
    ("check", "Vérifier toutes les fiches et signaler tous les problèmes, sans rien écrire."),
    ("new", "Écrire une nouvelle fiche dont chaque champ est expliqué."),
    ("serve", "Prévisualiser le site sur 127.0.0.1, reconstruit quand un fichier source change."),
    ("init", "Créer un nouveau site d'annuaire, prêt à construire."),
    ("import", "Écrire une fiche de prestataire en brouillon d'après les fichiers qu'une structure publie sur elle-même (ChatonsInfos : le fichier de l'organisation, puis ceux des services qu'il liste)."),
    ("verify", "Vérifier en ligne chaque adresse web du contenu et l'activité des forges des alternatives (la seule commande qui utilise le réseau ; elle ne modifie jamais le contenu)."),
];

/// The command line, its texts in `lang`, with help and version flags described in it too.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    let (help, version) = match lang {
        Lang::Fr => ("Afficher l'aide", "Afficher la version"),
        Lang::En => ("Print help", "Print version"),
    };
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).global(true).help(help))
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(version));
    if lang == Lang::En {
        return cmd;
    }
    cmd = cmd
        .about("Annuaire de prestataires éthiques et d'alternatives libres : content/ → un site statique sans JavaScript")
        .help_template("{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE");
    for (_, id, text) in ARGS_FR.iter().filter(|(s, _, _)| s.is_empty()) {
        cmd = cmd.mut_arg(*id, |a| french_arg(a, text));
    }
    for (name, about) in COMMANDS_FR {
        cmd = cmd.mut_subcommand(*name, |mut sc| {
            sc = sc.about(*about).help_template("{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}");
            for (_, id, text) in ARGS_FR.iter().filter(|(s, _, _)| s == name) {
                sc = sc.mut_arg(*id, |a| french_arg(a, text));
            }
            sc
        });
    }
    cmd
}

/// An argument's help in French, with its default and possible values said in French too
/// (clap writes them in English).
fn french_arg(a: Arg, text: &str) -> Arg {
    let mut help = text.to_string();
    let defaults: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() {
        help.push_str(&format!(" [par défaut : {}]", defaults.join(", ")));
    }
    let values: Vec<String> = a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    if !values.is_empty() && a.get_id() != "lang" {
        help.push_str(&format!(" [valeurs possibles : {}]", values.join(", ")));
    }
    a.help(help).hide_default_value(true).hide_possible_values(true)
}

/// Prints a usage error, or the help or version asked for.
pub fn print_error(e: &clap::Error, lang: Lang) {
    if lang == Lang::En || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        let _ = e.print();
        return;
    }
    eprint!("{}", french(e));
}

fn context(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(ToString::to_string).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// A usage error in French: what is wrong, the hint clap found, the usage line.
fn french(e: &clap::Error) -> String {
    let one = |k: ContextKind| context(e, k).into_iter().next().unwrap_or_default();
    let quoted = |v: Vec<String>| v.iter().map(|x| format!("`{x}`")).collect::<Vec<_>>().join(", ");
    let arg = one(ContextKind::InvalidArg);
    let value = one(ContextKind::InvalidValue);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("argument inconnu `{arg}`"),
        ErrorKind::InvalidSubcommand => format!("commande inconnue `{}`", one(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` demande une valeur"),
        ErrorKind::InvalidValue => format!("valeur `{value}` invalide pour `{arg}` ; valeurs possibles : {}", quoted(context(e, ContextKind::ValidValue))),
        ErrorKind::ValueValidation => format!("valeur `{value}` invalide pour `{arg}`"),
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire manquant : {}", quoted(context(e, ContextKind::InvalidArg))),
        ErrorKind::MissingSubcommand => "il manque une commande".to_string(),
        ErrorKind::ArgumentConflict => format!("`{arg}` ne peut pas être donné avec {}", quoted(context(e, ContextKind::PriorArg))),
        ErrorKind::TooManyValues => format!("trop de valeurs : `{value}` en plus pour `{arg}`"),
        ErrorKind::NoEquals => format!("`{arg}` demande `=` avant sa valeur"),
        _ => "la ligne de commande n'est pas valide".to_string(),
    };
    let mut out = format!("erreur : {message}\n");
    let suggested = [ContextKind::SuggestedArg, ContextKind::SuggestedValue, ContextKind::SuggestedSubcommand].into_iter().flat_map(|k| context(e, k)).next();
    if let Some(s) = suggested {
        out.push_str(&format!("\n  astuce : vouliez-vous dire `{s}` ?\n"));
    }
    let usage = one(ContextKind::Usage);
    if !usage.is_empty() {
        let usage = usage.trim_start_matches("Usage:").trim_start_matches("Utilisation :").trim();
        out.push_str(&format!("\nUtilisation : {usage}\n"));
    }
    out.push_str("\nPour en savoir plus, essayez `--help`.\n");
    out
}
