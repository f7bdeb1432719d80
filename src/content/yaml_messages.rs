//! What a YAML error says to a volunteer: the parser's kind of error (`yaml::YamlErrorKind`)
//! turned into a message and a hint in the site's language, with the line shown corrected
//! where the fix is mechanical (a colon inside a text, an apostrophe inside single quotes).

use crate::diag::Diagnostic;
use crate::i18n::Lang;
use crate::tr;
use crate::yaml::{YamlError, YamlErrorKind};

/// "Put the text between double quotes, like this: `summary: "Permanence : tous les jeudis"`":
/// the line as written, its value between double quotes (`single`: it was between single
/// quotes, which go).
fn quoted_hint(e: &YamlError, lang: Lang, single: bool) -> String {
    let fixed = e.source_line.as_deref().and_then(|l| {
        let (key, value) = l.split_once(": ")?;
        let value = value.trim();
        if !single && value.starts_with('"') {
            return None;
        }
        let value = if single { value.strip_prefix('\'').unwrap_or(value).strip_suffix('\'').unwrap_or(value) } else { value };
        Some(format!("{key}: \"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")))
    });
    match fixed {
        Some(f) => tr!(lang, "mettez le texte entre guillemets doubles, ainsi : `{f}`", "put the text between double quotes, like this: `{f}`"),
        None => lang.t("mettez le texte entre guillemets doubles `\"…\"`", "put the text between double quotes `\"…\"`").to_string(),
    }
}

pub fn yaml_error(e: &YamlError, file: &str, lang: Lang) -> Diagnostic {
    let detail = &e.detail;
    let (msg, hint) = match e.kind {
        // The parser's own words are English and name its options: contributors get ours.
        YamlErrorKind::DuplicateKey => {
            let key = detail.strip_prefix("duplicate mapping key: ").and_then(|k| k.split(", set ").next()).filter(|k| !k.is_empty());
            (
                match key {
                    Some(k) => tr!(lang, "champ `{k}` écrit deux fois", "field `{k}` written twice"),
                    None => lang.t("champ écrit deux fois", "field written twice").to_string(),
                },
                lang.t("gardez une seule ligne pour ce champ", "keep a single line for this field").to_string(),
            )
        }
        YamlErrorKind::Tab => (
            lang.t("tabulation dans l'indentation", "tab in the indentation").to_string(),
            lang.t("indentez avec des espaces (deux par niveau), jamais avec la touche Tab", "indent with spaces (two per level), never with the Tab key").to_string(),
        ),
        YamlErrorKind::Budget { deep } => (
            if deep {
                lang.t("structure trop imbriquée", "structure nested too deeply").to_string()
            } else {
                lang.t("structure trop grande (trop d'alias `*` ou de valeurs)", "structure too large (too many `*` aliases or values)").to_string()
            },
            lang.t("une fiche reste simple : quelques niveaux d'indentation, pas d'alias `*`", "a record stays simple: a few levels of indentation, no `*` aliases").to_string(),
        ),
        YamlErrorKind::ColonInText => (
            lang.t("deux-points `:` au milieu d'un texte : le YAML le prend pour un nouveau champ", "a colon `:` inside a text: YAML takes it for a new field").to_string(),
            quoted_hint(e, lang, false),
        ),
        YamlErrorKind::MissingSpace => {
            let line = e.source_line.as_deref().unwrap_or("");
            let body = line.trim_start();
            let key: String = body.strip_prefix("- ").unwrap_or(body).chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            let fixed = line.trim().replacen(&format!("{key}:"), &format!("{key}: "), 1);
            (
                tr!(lang, "il manque une espace après `{key}:` : la ligne est lue comme un texte, pas comme un champ", "a space is missing after `{key}:`: the line is read as a text, not as a field"),
                tr!(lang, "écrivez `{fixed}`", "write `{fixed}`"),
            )
        }
        YamlErrorKind::QuoteInSingleQuotes => (
            lang.t("apostrophe dans un texte entouré d'apostrophes : le texte s'arrête à cette apostrophe", "an apostrophe inside a text between single quotes: the text ends at that apostrophe").to_string(),
            quoted_hint(e, lang, true),
        ),
        YamlErrorKind::UnclosedQuote => (
            lang.t("guillemet `\"` ouvert ici et jamais refermé", "a double quote `\"` opened here and never closed").to_string(),
            lang.t("fermez le texte par un `\"` à la fin de cette ligne", "close the text with a `\"` at the end of this line").to_string(),
        ),
        YamlErrorKind::TextAfterQuote => (
            lang.t("du texte après le guillemet fermant `\"`", "text after the closing double quote `\"`").to_string(),
            lang.t("mettez tout le texte entre les guillemets ; pour un guillemet dans le texte, écrivez `\\\"`", "put the whole text between the quotes; for a quote inside the text, write `\\\"`").to_string(),
        ),
        YamlErrorKind::Syntax => (
            tr!(lang, "le YAML ne peut pas être lu : {detail}", "the YAML cannot be read: {detail}"),
            lang.t("vérifiez les `:` après chaque nom de champ, l'indentation et les guillemets fermés", "check the `:` after each field name, the indentation and that quotes are closed").to_string(),
        ),
    };
    Diagnostic::error("yaml", file, e.line, e.col, msg).hint(hint)
}

