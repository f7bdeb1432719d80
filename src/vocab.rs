//! The closed vocabularies of the content format (spec §2.2): each value a record may take for
//! an entry's status, a reservation's severity, a platform, a maturity, a legal form, an offer
//! type, a price model, a registration. Each vocabulary is written once here, with its machine
//! word, the French and English words contributors write instead (for hints), and the key of
//! its label in the theme's strings (`labels.<key>.<word>`).
//!
//! A provider's `area` is not a vocabulary but places: [`crate::catalogue::Area`].

use serde::{Serialize, Serializer};

/// What every vocabulary offers to the reader of records and to the renderer.
pub trait Vocabulary: Copy + Sized + 'static {
    /// Every value, in the order the spec lists them (pages list them in this order).
    const ALL: &'static [Self];
    /// The machine words, in the same order.
    const WORDS: &'static [&'static str];
    /// The label group in the theme's strings (`offer` for `labels.offer.hosting`).
    const LABELS: &'static str;
    fn word(self) -> &'static str;
    fn from_word(word: &str) -> Option<Self>;
    /// Other words for each value, folded by [`fold`]: French first, then English.
    const SYNONYMS: &'static [(&'static str, Self)];

    /// The value a contributor most likely meant by another word (`scop` → `cooperative`,
    /// `gratuit` → `free`).
    fn synonym(word: &str) -> Option<Self> {
        let folded = fold(word);
        Self::SYNONYMS.iter().find(|(s, _)| *s == folded).map(|(_, v)| *v)
    }
}

/// A word as synonyms are written: lower case, accents and `-`/`_` removed (`Sur devis` →
/// `sur devis`, `auto-entrepreneur` → `auto entrepreneur`).
pub fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let w: String = word.nfd().filter(char::is_ascii).collect::<String>().to_lowercase().replace(['-', '_'], " ");
    w.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Defines a vocabulary: `Variant = "word" ["synonym", …]`, synonyms folded (see [`fold`]).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, labels: $labels:literal, { $($variant:ident = $word:literal [$($syn:literal),* $(,)?]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl Vocabulary for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const WORDS: &'static [&'static str] = &[$($word),+];
            const LABELS: &'static str = $labels;
            fn word(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
            fn from_word(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
            const SYNONYMS: &'static [(&'static str, Self)] = &[$($(($syn, $name::$variant),)*)+];
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.word())
            }
        }
    };
}

vocabulary! {
    /// The status of an assessment against a criterion (ordered: best first).
    Status, labels: "status", {
        Yes = "yes" ["oui", "true"],
        Partial = "partial" ["partiel", "partielle", "partiellement", "en partie"],
        No = "no" ["non", "false"],
        Unknown = "unknown" ["inconnu", "inconnue", "?", "ne sait pas", "je ne sais pas"],
    }
}

vocabulary! {
    /// `status` of an entry: whether the project or organisation is still running.
    EntryStatus, labels: "entry_status", {
        Active = "active" ["actif", "active", "en activite", "running"],
        Paused = "paused" ["en pause", "pause", "suspendu", "suspendue", "on hold"],
        Closed = "closed" ["ferme", "fermee", "arrete", "arretee", "dissous", "dissoute", "closed down", "shut down"],
    }
}

vocabulary! {
    /// `severity` of a reservation.
    Severity, labels: "severity", {
        Minor = "minor" ["mineure", "mineur", "faible", "low"],
        Moderate = "moderate" ["moderee", "modere", "moyenne", "moyen", "medium"],
        Major = "major" ["majeure", "majeur", "grave", "forte", "high", "severe"],
    }
}

vocabulary! {
    /// `platforms` of an alternative.
    Platform, labels: "platform", {
        Web = "web" ["navigateur", "site web", "browser"],
        Windows = "windows" [],
        Macos = "macos" ["mac", "mac os", "osx", "os x"],
        Linux = "linux" ["gnu linux"],
        Android = "android" [],
        Ios = "ios" ["iphone", "ipad"],
    }
}

vocabulary! {
    /// `maturity` of an alternative.
    Maturity, labels: "maturity", {
        Released = "released" ["stable", "publie", "publiee", "mature"],
        Beta = "beta" [],
        Experimental = "experimental" ["experimentale", "alpha"],
        Unmaintained = "unmaintained" ["abandonne", "abandonnee", "non maintenu", "non maintenue", "abandoned", "archived", "archive"],
    }
}

vocabulary! {
    /// `legal_form` of a provider.
    LegalForm, labels: "legal_form", {
        Association = "association" ["association loi 1901", "loi 1901", "asso", "nonprofit", "non profit"],
        Cooperative = "cooperative" ["scop", "scic", "coop", "societe cooperative", "cae", "co operative"],
        Company = "company" ["sarl", "sas", "sasu", "eurl", "sa", "entreprise", "societe"],
        MicroCompany = "micro_company" ["auto entrepreneur", "autoentrepreneur", "micro entreprise", "microentreprise", "ei", "sole trader"],
        Individual = "individual" ["particulier", "independant", "independante", "freelance"],
        Informal = "informal" ["collectif", "informel", "collectif informel", "collective"],
        Public = "public" ["collectivite", "mairie", "etablissement public", "service public"],
        Other = "other" ["autre"],
    }
}

vocabulary! {
    /// `type` of a provider's offer.
    OfferType, labels: "offer", {
        Hosting = "hosting" ["hebergement", "host"],
        Support = "support" ["accompagnement", "assistance", "aide"],
        Training = "training" ["formation", "atelier", "ateliers"],
        Development = "development" ["developpement", "dev"],
        Audit = "audit" ["diagnostic", "conseil"],
    }
}

vocabulary! {
    /// `price.model` of an offer.
    PriceModel, labels: "price", {
        Free = "free" ["gratuit", "gratuite", "gratis"],
        Donation = "donation" ["don", "dons", "prix libre", "donations", "pay what you want"],
        Membership = "membership" ["adhesion", "cotisation", "member fee"],
        SlidingScale = "sliding_scale" ["prix progressif", "tarif progressif", "tarif solidaire", "sliding scale"],
        Quote = "quote" ["devis", "sur devis"],
        Fixed = "fixed" ["prix fixe", "fixe", "forfait", "tarif fixe"],
    }
}

vocabulary! {
    /// `registration` of an offer: what it takes to use it.
    Registration, labels: "registration", {
        None = "none" ["aucune", "aucun", "sans", "sans inscription"],
        Free = "free" ["libre", "gratuite", "inscription libre", "open"],
        Member = "member" ["membre", "adherent", "adherente", "adhesion", "members"],
        Client = "client" ["cliente", "customer"],
    }
}

/// `language` of site.yaml: the languages the interface is written in.
impl Vocabulary for crate::i18n::Lang {
    const ALL: &'static [Self] = &[crate::i18n::Lang::Fr, crate::i18n::Lang::En];
    const WORDS: &'static [&'static str] = &["fr", "en"];
    const LABELS: &'static str = "language";
    const SYNONYMS: &'static [(&'static str, Self)] =
        &[("francais", crate::i18n::Lang::Fr), ("french", crate::i18n::Lang::Fr), ("anglais", crate::i18n::Lang::En), ("english", crate::i18n::Lang::En)];
    fn word(self) -> &'static str {
        self.code()
    }
    fn from_word(word: &str) -> Option<Self> {
        crate::i18n::Lang::parse(word)
    }
}

impl PriceModel {
    /// Free of charge or paid what one can: the "free or pay-what-you-can" question.
    pub fn is_affordable(self) -> bool {
        matches!(self, PriceModel::Free | PriceModel::Donation | PriceModel::SlidingScale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word and synonym of a vocabulary names one value only, and is already folded
    /// (else it could never match what a contributor wrote).
    fn coherent<V: Vocabulary + std::fmt::Debug + PartialEq>() {
        for (i, w) in V::WORDS.iter().enumerate() {
            assert_eq!(V::from_word(w), Some(V::ALL[i]), "{w}");
            assert_eq!(V::ALL[i].word(), *w);
        }
        for v in V::ALL {
            // A machine word is never the synonym of another value.
            if let Some(other) = V::synonym(v.word()) {
                assert_eq!(other, *v, "{} is a synonym of another value", v.word());
            }
        }
        for (s, _) in V::SYNONYMS {
            assert_eq!(fold(s), *s, "synonym not folded");
            assert_eq!(V::SYNONYMS.iter().filter(|(t, _)| t == s).count(), 1, "{s} twice");
        }
    }

    #[test]
    fn vocabularies_are_coherent() {
        coherent::<crate::i18n::Lang>();
        coherent::<Status>();
        coherent::<EntryStatus>();
        coherent::<Severity>();
        coherent::<Platform>();
        coherent::<Maturity>();
        coherent::<LegalForm>();
        coherent::<OfferType>();
        coherent::<PriceModel>();
        coherent::<Registration>();
    }

    #[test]
    fn synonyms_are_folded() {
        assert_eq!(fold("  Sur-Devis "), "sur devis");
        assert_eq!(fold("Auto_Entrepreneur"), "auto entrepreneur");
        assert_eq!(LegalForm::synonym("SCOP"), Some(LegalForm::Cooperative));
        assert_eq!(PriceModel::synonym("Gratuit"), Some(PriceModel::Free));
        assert_eq!(Registration::synonym("Sans inscription"), Some(Registration::None));
        assert_eq!(Maturity::synonym("expérimentale"), Some(Maturity::Experimental));
    }
}
