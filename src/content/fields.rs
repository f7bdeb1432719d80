//! Reading typed fields out of a YAML tree, reporting every problem with its position and a
//! hint in the contributor's words, and carrying on so one run finds them all.

use crate::diag::{Diagnostic, closest, list_or};
use crate::i18n::Lang;
use crate::model::{Pos, Ref};
use crate::tr;
use crate::util::url::is_web_url;
use crate::vocab::Vocabulary;
use crate::yaml::{Node, Value};

/// The file being read and where its problems go.
pub struct Cx<'a> {
    pub file: &'a str,
    /// `file`, for the positions records keep.
    pub shared: std::sync::Arc<str>,
    /// The YAML text (for quoting values as written).
    pub src: &'a str,
    /// Added to byte offsets' line numbers: the YAML starts on this line of the file, minus one.
    pub lang: Lang,
    pub diags: &'a mut Vec<Diagnostic>,
    pub wording: &'a crate::diag::Wording,
}

/// A mapping whose keys were checked against the allowed ones.
pub struct Obj<'n> {
    pub node: &'n Node,
    pub entries: &'n [(Node, Node)],
    /// Dotted path of this mapping (`criteria.equity`), empty at the top.
    pub path: String,
    /// Unknown keys and the known key each most likely meant (`sumary` → `summary`).
    pub typos: Vec<String>,
}

impl<'n> Obj<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
            .map(|(_, v)| v)
            .filter(|v| !matches!(v.value, Value::Null))
    }

    pub fn field(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }
}

impl<'a> Cx<'a> {
    pub fn pos(&self, n: &Node) -> Pos {
        Pos { file: self.shared.clone(), line: n.line, col: n.col }
    }

    pub fn err(&mut self, code: &'static str, n: &Node, message: String, hint: Option<String>) {
        let message = paths_in_words(&message, self.lang);
        let width = n.len.filter(|_| is_scalar(n)).map(|l| self.src.get(n.start.unwrap_or(0)..n.start.unwrap_or(0) + l).map(|s| s.chars().count()).unwrap_or(1)).unwrap_or(1);
        let mut d = Diagnostic::error(code, self.file, n.line, n.col, message).width(width.min(80));
        d.hint = hint;
        self.diags.push(d);
    }

    /// A warning; its words are made only when they will be shown (see [`crate::diag::Wording`]).
    pub fn warn(&mut self, code: &'static str, n: &Node, words: impl FnOnce(Lang) -> (String, Option<String>)) {
        let lang = self.lang;
        let d = self.wording.warning(code, self.file, n.line, n.col, || {
            let (message, hint) = words(lang);
            (paths_in_words(&message, lang), hint)
        });
        self.diags.push(d);
    }

    /// The value as written in the file, for messages.
    pub fn shown(&self, n: &Node) -> String {
        let raw = n.raw(self.src).unwrap_or("").trim();
        let mut s: String = raw.chars().take(60).collect();
        if raw.chars().count() > 60 {
            s.push('…');
        }
        s
    }

    /// Checks that `n` is a mapping with only `allowed` keys.
    pub fn obj<'n>(&mut self, n: &'n Node, path: &str, allowed: &[&str]) -> Option<Obj<'n>> {
        let lang = self.lang;
        let Value::Map(entries) = &n.value else {
            let (fr, en) = n.value.kind();
            let found = lang.t(fr, en);
            let msg = if path.is_empty() {
                tr!(lang, "le fichier doit contenir des champs `nom: valeur`, on trouve {found}", "the file must hold `name: value` fields, found {found}")
            } else {
                tr!(lang, "`{path}` doit être un groupe de champs, on trouve {found}", "`{path}` must be a group of fields, found {found}")
            };
            let hint = lang.t("champs possibles : ", "possible fields: ").to_string() + &allowed.join(", ");
            self.err("bad-type", n, msg, Some(hint));
            return None;
        };
        for (k, _) in entries {
            let Value::Str(key) = &k.value else {
                let shown = self.shown(k);
                self.err("bad-key", k, tr!(lang, "nom de champ invalide `{shown}`", "invalid field name `{shown}`"), Some(tr!(lang, "un nom de champ est un mot suivi de `:` ; champs possibles : {}", "a field name is a word followed by `:`; possible fields: {}", allowed.join(", "))));
                continue;
            };
            if !allowed.contains(&key.as_str()) {
                let field = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                let near = closest(key, allowed.iter().copied(), 1);
                let hint = match near.first() {
                    Some(c) => tr!(lang, "vouliez-vous dire `{c}` ? Champs possibles : {}", "did you mean `{c}`? Possible fields: {}", allowed.join(", ")),
                    None => tr!(lang, "champs possibles ici : {}", "possible fields here: {}", allowed.join(", ")),
                };
                self.err("unknown-field", k, tr!(lang, "champ inconnu `{field}`", "unknown field `{field}`"), Some(hint));
            }
        }
        let typos = entries
            .iter()
            .filter_map(|(k, _)| match &k.value {
                Value::Str(key) if !allowed.contains(&key.as_str()) => closest(key, allowed.iter().copied(), 1).into_iter().next(),
                _ => None,
            })
            .collect();
        Some(Obj { node: n, entries, path: path.to_string(), typos })
    }

    pub fn missing(&mut self, o: &Obj, key: &str, hint: Option<String>) {
        // `sumary: …` is already reported as an unknown field meaning `summary`: one message.
        if o.typos.iter().any(|t| t == key) {
            return;
        }
        let lang = self.lang;
        let field = o.field(key);
        let at = o.entries.first().map(|(k, _)| k).unwrap_or(o.node);
        let hint = hint.or_else(|| Some(tr!(lang, "ajoutez le champ `{key}: …` (voir le modèle donné par `aiguillage new`)", "add the field `{key}: …` (see the template written by `aiguillage new`)")));
        self.err("missing-field", at, tr!(lang, "champ obligatoire `{field}` manquant", "required field `{field}` is missing"), hint);
    }

    fn not_text(&mut self, field: &str, n: &Node) {
        let lang = self.lang;
        let (fr, en) = n.value.kind();
        let found = lang.t(fr, en);
        if !is_scalar(n) {
            // A list or a group of fields: quoting its first character helps nobody.
            let field_key = field.rsplit('.').next().unwrap_or(field);
            self.err(
                "bad-type",
                n,
                tr!(lang, "`{field}` doit être un texte, on trouve {found}", "`{field}` must be a text, found {found}"),
                Some(tr!(lang, "écrivez une seule valeur sur la ligne, par exemple `{field_key}: …`, sans `[ ]`, `{{ }}` ni tirets", "write a single value on the line, e.g. `{field_key}: …`, without `[ ]`, `{{ }}` or dashes")),
            );
            return;
        }
        let shown = self.shown(n);
        self.err(
            "bad-type",
            n,
            tr!(lang, "`{field}` doit être un texte, on trouve {found} (`{shown}`)", "`{field}` must be a text, found {found} (`{shown}`)"),
            Some(tr!(lang, "mettez la valeur entre guillemets : \"{shown}\"", "put the value in quotes: \"{shown}\"")),
        );
    }

    /// A text value. A plain `yes`/`no` that a YAML 1.1 reader made a boolean is read back as
    /// the word written, as YAML 1.2 does.
    pub fn text_of(&mut self, field: &str, n: &Node) -> Option<String> {
        match &n.value {
            Value::Str(s) => {
                self.comment_after(field, n);
                Some(s.trim().to_string())
            }
            Value::Bool(_) => {
                let raw = n.raw(self.src).unwrap_or("").trim();
                if raw.eq_ignore_ascii_case("true") || raw.eq_ignore_ascii_case("false") || raw.is_empty() {
                    self.not_text(field, n);
                    None
                } else {
                    Some(raw.to_string())
                }
            }
            _ => {
                self.not_text(field, n);
                None
            }
        }
    }

    pub fn text(&mut self, o: &Obj, key: &str, required: bool) -> Option<String> {
        let lang = self.lang;
        match o.get(key) {
            None => {
                if required {
                    self.missing(o, key, None);
                }
                None
            }
            Some(n) => {
                // The field's dotted name is only made for a message.
                let t = match &n.value {
                    Value::Str(s) => {
                        if self.src.as_bytes().get(n.start.unwrap_or(0) + n.len.unwrap_or(0)).is_some_and(|b| *b != b'\n') {
                            self.comment_after(&o.field(key), n);
                        }
                        s.trim().to_string()
                    }
                    _ => self.text_of(&o.field(key), n)?,
                };
                if t.is_empty() {
                    if required {
                        let field = o.field(key);
                        self.err("empty-field", n, tr!(lang, "`{field}` est vide", "`{field}` is empty"), Some(lang.t("écrivez la valeur après les deux-points", "write the value after the colon").into()));
                    }
                    return None;
                }
                if let Some(bad) = t.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
                    let field = o.field(key);
                    let code = bad as u32;
                    self.err("control-char", n, tr!(lang, "`{field}` contient un caractère de contrôle invisible (U+{code:04X})", "`{field}` holds an invisible control character (U+{code:04X})"), Some(lang.t("retapez ce texte sans copier-coller", "retype this text instead of pasting it").to_string()));
                    return None;
                }
                Some(t)
            }
        }
    }

    pub fn bool(&mut self, o: &Obj, key: &str, required: bool) -> Option<bool> {
        let lang = self.lang;
        let n = match o.get(key) {
            None => {
                if required {
                    self.missing(o, key, Some(lang.t("écrivez `true` (oui) ou `false` (non)", "write `true` or `false`").into()));
                }
                return None;
            }
            Some(n) => n,
        };
        match &n.value {
            Value::Bool(b) => Some(*b),
            _ => {
                let field = o.field(key);
                let shown = self.shown(n);
                self.err("bad-type", n, tr!(lang, "`{field}` vaut `{shown}` ; il faut `true` ou `false`", "`{field}` is `{shown}`; expected `true` or `false`"), Some(lang.t("écrivez `true` (oui) ou `false` (non), sans guillemets", "write `true` or `false`, without quotes").into()));
                None
            }
        }
    }

    /// A value of the vocabulary `V`; `None` when absent (the caller applies the default) or
    /// wrong (reported).
    pub fn choice<V: Vocabulary>(&mut self, o: &Obj, key: &str, required: bool) -> Option<V> {
        let n = o.get(key);
        let v = self.text(o, key, required)?;
        self.check_choice(&o.field(key), n?, &v)
    }

    pub fn check_choice<V: Vocabulary>(&mut self, field: &str, n: &Node, v: &str) -> Option<V> {
        let lang = self.lang;
        if let Some(c) = V::from_word(v) {
            return Some(c);
        }
        let values = V::WORDS.join(", ");
        let hint = if let Some(c) = V::synonym(v) {
            let c = c.word();
            tr!(lang, "écrivez `{c}` (les valeurs s'écrivent en anglais)", "write `{c}` (values are English words)")
        } else {
            match closest(v, V::WORDS.iter().copied(), 1).first() {
                Some(c) => tr!(lang, "vouliez-vous dire `{c}` ?", "did you mean `{c}`?"),
                None => tr!(lang, "écrivez l'une des valeurs : {}", "write one of: {}", list_or(lang, V::WORDS)),
            }
        };
        self.err("bad-value", n, tr!(lang, "`{field}` vaut `{v}` ; valeurs possibles : {values}", "`{field}` is `{v}`; possible values: {values}"), Some(hint));
        None
    }

    /// The items of a list field (a single text is accepted as a list of one).
    pub fn list_nodes<'n>(&mut self, o: &Obj<'n>, key: &str, required: bool) -> Vec<&'n Node> {
        let lang = self.lang;
        match o.get(key) {
            None => {
                if required {
                    self.missing(o, key, Some(lang.t("une liste : `[a, b]` ou une ligne `- a` par élément", "a list: `[a, b]` or one `- a` line per item").into()));
                }
                Vec::new()
            }
            Some(n) => match &n.value {
                Value::Seq(items) => {
                    if items.is_empty() && required {
                        let field = o.field(key);
                        self.err("empty-list", n, tr!(lang, "`{field}` est une liste vide ; il faut au moins un élément", "`{field}` is an empty list; at least one item is needed"), Some(lang.t("une liste : `[a, b]` ou une ligne `- a` par élément", "a list: `[a, b]` or one `- a` line per item").into()));
                    }
                    items.iter().filter(|i| !matches!(i.value, Value::Null)).collect()
                }
                Value::Str(_) => vec![n],
                _ => {
                    let field = o.field(key);
                    let (fr, en) = n.value.kind();
                    let found = lang.t(fr, en);
                    self.err("bad-type", n, tr!(lang, "`{field}` doit être une liste, on trouve {found}", "`{field}` must be a list, found {found}"), Some(lang.t("une liste : `[a, b]` ou une ligne `- a` par élément", "a list: `[a, b]` or one `- a` line per item").into()));
                    Vec::new()
                }
            },
        }
    }

    pub fn texts(&mut self, o: &Obj, key: &str, required: bool) -> Vec<(String, Node)> {
        let field = o.field(key);
        let nodes: Vec<Node> = self.list_nodes(o, key, required).into_iter().cloned().collect();
        nodes.into_iter().filter_map(|n| self.text_of(&field, &n).map(|t| (t, n))).collect()
    }

    /// A list of ids that name other records (checked once everything is loaded).
    pub fn refs(&mut self, o: &Obj, key: &str, required: bool) -> Vec<Ref> {
        self.texts(o, key, required).into_iter().map(|(id, n)| Ref { id, pos: self.pos(&n) }).collect()
    }

    pub fn url(&mut self, o: &Obj, key: &str, required: bool) -> Option<String> {
        let n = o.get(key);
        let v = self.text(o, key, required)?;
        self.check_url(&o.field(key), n?, &v)
    }

    /// A `#` after an unquoted text starts a comment: the rest of the line is silently dropped
    /// (`evidence: Logiciel libre #1 pour les associations` reads `Logiciel libre`). Said as a
    /// warning, with the line to write instead.
    fn comment_after(&mut self, field: &str, n: &Node) {
        let (Some(start), Some(len)) = (n.start, n.len) else { return };
        let Some(raw) = self.src.get(start..start + len) else { return };
        if raw.starts_with(['"', '\'', '|', '>']) {
            return;
        }
        let rest = self.src[start + len..].split('\n').next().unwrap_or("");
        // A comment needs a space before its `#`; the text itself ends before that space.
        let Some(comment) = rest.trim_start().strip_prefix('#') else { return };
        if !rest.starts_with(char::is_whitespace) {
            return;
        }
        let lang = self.lang;
        let whole = format!("{} #{}", raw.trim_end(), comment.trim_end());
        // The line as it should be: what comes before the value (`evidence: `, `- `), then the
        // whole text between double quotes.
        let line_start = self.src[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
        let before = self.src[line_start..start].trim_start();
        let fixed = format!("{before}\"{}\"", whole.replace('\\', "\\\\").replace('"', "\\\""));
        let message = paths_in_words(&tr!(lang, "`{field}` s'arrête avant le `#` : le reste de la ligne est lu comme un commentaire et ignoré", "`{field}` stops before the `#`: the rest of the line is read as a comment and dropped"), lang);
        let d = Diagnostic::warning("comment-in-text", self.file, n.line, n.col + raw.chars().count() as u32 + 1, message).hint(tr!(lang, "mettez le texte entre guillemets doubles : `{fixed}`", "put the text between double quotes: `{fixed}`"));
        self.diags.push(d);
    }

    /// A note for an `http://` address: visitors get the page unencrypted. Only a note, since
    /// some sites have no `https://` (`verify` tells which do).
    fn plain_http(&mut self, field: &str, n: &Node, v: &str) {
        if !v.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("http://")) {
            return;
        }
        let lang = self.lang;
        let secure = format!("https://{}", &v[7..]);
        let message = paths_in_words(&tr!(lang, "`{field}` est une adresse en `http://`, que les visiteurs ouvrent sans chiffrement", "`{field}` is an `http://` address, which visitors open unencrypted"), lang);
        let d = Diagnostic::note("plain-http", self.file, n.line, n.col, message).hint(tr!(lang, "si `{secure}` ouvre la même page, écrivez-la ; `aiguillage verify` l'essaie pour vous", "if `{secure}` opens the same page, write it; `aiguillage verify` tries it for you"));
        self.diags.push(d);
    }

    pub fn check_url(&mut self, field: &str, n: &Node, v: &str) -> Option<String> {
        let lang = self.lang;
        if is_web_url(v) {
            self.plain_http(field, n, v);
            return Some(v.to_string());
        }
        let hint = if crate::util::url::lacks_scheme(v) {
            tr!(lang, "ajoutez `https://` devant : `https://{v}`", "add `https://` in front: `https://{v}`")
        } else {
            lang.t("une adresse complète comme `https://exemple.org/`", "a full address such as `https://example.org/`").into()
        };
        self.err("bad-url", n, tr!(lang, "`{field}` doit être une adresse web http(s), on trouve `{v}`", "`{field}` must be an http(s) web address, found `{v}`"), Some(hint));
        None
    }

    pub fn number(&mut self, o: &Obj, key: &str) -> Option<f64> {
        let lang = self.lang;
        let n = o.get(key)?;
        match n.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                let field = o.field(key);
                let shown = self.shown(n);
                self.err("bad-type", n, tr!(lang, "`{field}` doit être un nombre, on trouve `{shown}`", "`{field}` must be a number, found `{shown}`"), Some(lang.t("un nombre sans guillemets ni symbole, par exemple `12.5`", "a number without quotes or symbol, e.g. `12.5`").into()));
                None
            }
        }
    }

    /// A calendar date `YYYY-MM-DD` that exists.
    pub fn date(&mut self, o: &Obj, key: &str) -> Option<String> {
        let lang = self.lang;
        let n = o.get(key)?;
        let field = o.field(key);
        let v = match &n.value {
            Value::Str(s) => s.trim().to_string(),
            _ => n.raw(self.src).unwrap_or("").trim().to_string(),
        };
        match crate::dates::parse(&v) {
            Some(_) => Some(v),
            None => {
                let what = if v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-' {
                    tr!(lang, "la date `{v}` n'existe pas dans le calendrier", "the date `{v}` does not exist in the calendar")
                } else {
                    tr!(lang, "`{field}` doit être une date `AAAA-MM-JJ`, on trouve `{v}`", "`{field}` must be a date `YYYY-MM-DD`, found `{v}`")
                };
                self.err("bad-date", n, what, Some(lang.t("par exemple `2026-03-15` (année-mois-jour)", "for example `2026-03-15` (year-month-day)").into()));
                None
            }
        }
    }
}

/// A message's field paths that go through a list (`` `offers[2].price.model` ``) said in
/// words, as a volunteer reads the record: "`price.model` de la 2ᵉ offre", "`price.model` of
/// offer 2". Paths are written by this module's callers, always between backticks.
fn paths_in_words(message: &str, lang: Lang) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    if !message.contains(']') || parts.len().is_multiple_of(2) {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        match (i % 2 == 1, path_words(part, lang)) {
            (true, Some(words)) => out.push_str(&words),
            (true, None) => {
                out.push('`');
                out.push_str(part);
                out.push('`');
            }
            (false, _) => out.push_str(part),
        }
    }
    out
}

/// "`price.model` de la 2ᵉ offre" for `offers[2].price.model`; `None` when `path` is not a path
/// through a list.
fn path_words(path: &str, lang: Lang) -> Option<String> {
    let open = path.rfind('[')?;
    let close = open + path[open..].find(']')?;
    let list = &path[..open];
    let n: usize = path[open + 1..close].parse().ok()?;
    if list.is_empty() || !list.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.') {
        return None;
    }
    let rest = path[close + 1..].trim_start_matches('.');
    if !rest.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.') {
        return None;
    }
    // Lists of the format whose items have a name of their own (feminine in French).
    let item = match (list, lang) {
        ("offers", Lang::Fr) => Some("offre"),
        ("reservations", Lang::Fr) => Some("réserve"),
        ("offers", Lang::En) => Some("offer"),
        ("reservations", Lang::En) => Some("reservation"),
        _ => None,
    };
    let whole = match (item, lang) {
        (Some(item), Lang::Fr) => format!("la {}{} {item}", n, if n == 1 { "re" } else { "ᵉ" }),
        (None, Lang::Fr) => format!("l'élément {n} de `{list}`"),
        (Some(item), Lang::En) => format!("{item} {n}"),
        (None, Lang::En) => format!("item {n} of `{list}`"),
    };
    Some(match (rest.is_empty(), lang) {
        (true, _) => whole,
        (false, Lang::Fr) => format!("`{rest}` de {whole}"),
        (false, Lang::En) => format!("`{rest}` of {whole}"),
    })
}

fn is_scalar(n: &Node) -> bool {
    !matches!(n.value, Value::Seq(_) | Value::Map(_))
}
