//! The glossary's words in the text of pages: where each first appears (to link it to its
//! definition on `glossaire.html`), and which words two definitions would both claim.

use crate::model::Term;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::BTreeMap;

/// Every form of every glossary word, ready to be found in a text.
pub struct Words {
    /// `None` when the glossary is empty: texts are then left alone, at no cost.
    finder: Option<AhoCorasick>,
    /// For each pattern of `finder`, the index of its word in `slugs`.
    word_of: Vec<usize>,
    /// Slugs of the words (`instance`), the anchors of `glossaire.html`.
    pub slugs: Vec<String>,
}

/// The same word for the glossary whatever the case of its letters and the shape of its
/// apostrophes: how clashes between definitions are found.
pub fn key(text: &str) -> String {
    text.trim().replace('’', "'").to_lowercase()
}

/// The forms of one written word that a text may hold: as written, with a capital or small
/// first letter (a word starts a sentence), with either apostrophe. The finder ignores the
/// case of ASCII letters; these variants cover the accented first letters it would not.
fn forms(text: &str) -> Vec<String> {
    let text = text.trim();
    let mut out = Vec::new();
    let mut first = |s: &str| {
        let mut chars = s.chars();
        if let Some(c) = chars.next() {
            let rest = chars.as_str();
            out.push(format!("{}{rest}", c.to_lowercase()));
            out.push(format!("{}{rest}", c.to_uppercase()));
        }
        out.push(s.to_string());
    };
    first(text);
    if text.contains('\'') {
        first(&text.replace('\'', "’"));
    }
    if text.contains('’') {
        first(&text.replace('’', "'"));
    }
    out.sort();
    out.dedup();
    out
}

impl Words {
    pub fn new(glossary: &BTreeMap<String, Term>) -> Words {
        let mut patterns = Vec::new();
        let mut word_of = Vec::new();
        let mut slugs = Vec::new();
        for (i, t) in glossary.values().enumerate() {
            slugs.push(t.slug.clone());
            for w in std::iter::once(&t.term).chain(&t.aliases) {
                for f in forms(&w.text) {
                    patterns.push(f);
                    word_of.push(i);
                }
            }
        }
        let finder = (!patterns.is_empty()).then(|| {
            // Longest first: `chiffrement de bout en bout` is one word, not `chiffrement`.
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).ascii_case_insensitive(true).build(&patterns).expect("glossary words are plain texts")
        });
        Words { finder, word_of, slugs }
    }

    pub fn is_empty(&self) -> bool {
        self.finder.is_none()
    }

    /// Cuts `text` where glossary words start and end: each piece with the index of the word it
    /// is, when it is the first use of that word (`seen` keeps which words were used already).
    /// A form inside a longer word (`instance` in `instances` without that alias) is not a use.
    pub fn first_uses<'t>(&self, text: &'t str, seen: &mut [bool]) -> Vec<(&'t str, Option<usize>)> {
        let Some(finder) = &self.finder else { return vec![(text, None)] };
        let mut pieces = Vec::new();
        let mut done = 0;
        for m in finder.find_iter(text) {
            let word = self.word_of[m.pattern().as_usize()];
            let inside = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if seen[word] || inside(text[..m.start()].chars().next_back()) || inside(text[m.end()..].chars().next()) {
                continue;
            }
            seen[word] = true;
            if m.start() > done {
                pieces.push((&text[done..m.start()], None));
            }
            pieces.push((&text[m.start()..m.end()], Some(word)));
            done = m.end();
        }
        if done < text.len() || pieces.is_empty() {
            pieces.push((&text[done..], None));
        }
        pieces
    }

    pub fn count(&self) -> usize {
        self.slugs.len()
    }
}

/// Two definitions that claim the same word (as term or alias, whatever the case): the
/// second one met in slug order, with the first.
pub fn clashes(glossary: &BTreeMap<String, Term>) -> Vec<(&crate::model::Written, &Term, &Term)> {
    let mut owner: BTreeMap<String, &Term> = BTreeMap::new();
    let mut out = Vec::new();
    for t in glossary.values() {
        let mut own = std::collections::BTreeSet::new();
        for w in std::iter::once(&t.term).chain(&t.aliases) {
            let k = key(&w.text);
            if !own.insert(k.clone()) {
                continue;
            }
            match owner.get(&k) {
                Some(first) => out.push((w, *first, t)),
                None => {
                    owner.insert(k, t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, Pos, Written};

    fn term(slug: &str, term: &str, aliases: &[&str]) -> Term {
        let w = |t: &str| Written { text: t.into(), pos: Pos::default() };
        Term { slug: slug.into(), term: w(term), aliases: aliases.iter().map(|a| w(a)).collect(), sources: vec![], body: Body::default(), pos: Pos::default() }
    }

    fn glossary() -> BTreeMap<String, Term> {
        [term("chiffrement", "chiffrement", &[]), term("chiffrement-de-bout-en-bout", "chiffrement de bout en bout", &[]), term("ecran", "lecteur d'écran", &["écran"]), term("instance", "Instance", &["instances"])]
            .into_iter()
            .map(|t| (t.slug.clone(), t))
            .collect()
    }

    fn linked(text: &str) -> Vec<String> {
        let g = glossary();
        let w = Words::new(&g);
        let mut seen = vec![false; w.count()];
        w.first_uses(text, &mut seen).into_iter().filter_map(|(t, i)| i.map(|i| format!("{t}→{}", w.slugs[i]))).collect()
    }

    #[test]
    fn first_use_only_longest_form_whole_words() {
        assert_eq!(linked("Le chiffrement de bout en bout, puis le chiffrement."), ["chiffrement de bout en bout→chiffrement-de-bout-en-bout", "chiffrement→chiffrement"]);
        assert_eq!(linked("Une instance, deux instances."), ["instance→instance"]);
        assert_eq!(linked("Instances : deux."), ["Instances→instance"]);
        assert_eq!(linked("réinstance instancex"), Vec::<String>::new());
        assert_eq!(linked("Un lecteur d’écran. Écran."), ["lecteur d’écran→ecran"]);
        assert_eq!(linked("Écran large"), ["Écran→ecran"]);
    }

    #[test]
    fn clashes_are_found_whatever_the_case() {
        let mut g = glossary();
        g.insert("zz".into(), term("zz", "INSTANCE", &["Lecteur d’écran", "zz", "zz"]));
        let c: Vec<(String, String)> = clashes(&g).into_iter().map(|(w, a, b)| (w.text.clone(), format!("{}/{}", a.slug, b.slug))).collect();
        assert_eq!(c, [("INSTANCE".to_string(), "instance/zz".to_string()), ("Lecteur d’écran".to_string(), "ecran/zz".to_string())]);
    }
}
