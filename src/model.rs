//! The directory as the rest of the program sees it: the records read from `content/`, with
//! the position of every cross-reference so later checks can point at it. A record whose
//! fields had errors is kept without those fields, so that its references are checked in the
//! same run; nothing is built while any error stands.

use serde::Serialize;
use std::collections::BTreeMap;

/// Where something was written: file (as shown to people), line, column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pos {
    /// Shared by every position in one file (a record holds dozens).
    pub file: std::sync::Arc<str>,
    pub line: u32,
    pub col: u32,
}

/// An id or slug that names another record.
#[derive(Debug, Clone)]
pub struct Ref {
    pub id: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Alternative,
    Provider,
}

impl Kind {
    /// The word of the open data and of the theme's labels (`labels.kind.provider`).
    pub fn word(self) -> &'static str {
        match self {
            Kind::Alternative => "alternative",
            Kind::Provider => "provider",
        }
    }

    pub fn folder(self) -> &'static str {
        match self {
            Kind::Alternative => "alternatives",
            Kind::Provider => "providers",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Budget {
    pub page_kb: Option<f64>,
    pub css_kb: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub description: String,
    pub language: crate::i18n::Lang,
    pub theme: String,
    pub base_url: Option<String>,
    pub budget: Option<Budget>,
    pub list_size: usize,
    pub stale_after_months: u32,
    /// Order of the need groups on the home page (others follow alphabetically).
    pub groups: Vec<String>,
    /// The forge repository that holds the content: pages link its web editor and issue forms.
    pub repository: Option<Repository>,
    /// Other content folders this site builds upon, in priority order (spec §2.1, `include`),
    /// as written (relative to the content folder).
    #[serde(skip)]
    pub include: Vec<Written>,
    /// Records of the included folders that this edition leaves out (`providers/x`).
    #[serde(skip)]
    pub exclude: Vec<Written>,
}

/// `repository:` of site.yaml (spec §2.1).
#[derive(Debug, Clone, Serialize)]
pub struct Repository {
    /// The repository's web address, without a trailing `/`.
    pub url: String,
    pub branch: String,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            title: "Aiguillage".into(),
            description: String::new(),
            language: crate::i18n::Lang::Fr,
            theme: "default".into(),
            base_url: None,
            budget: None,
            list_size: 100,
            stale_after_months: 18,
            groups: Vec::new(),
            repository: None,
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

/// A Markdown body: its source as loaded, then its HTML once the Markdown phase has run
/// (links between records are resolved then, against every file found).
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The Markdown; emptied by the Markdown phase once `html` is made.
    pub text: String,
    /// Safe HTML, links relative to the record's own page (`crate::markdown::render_all`).
    pub html: String,
    /// File line of the body's first line.
    pub first_line: u32,
    /// Columns removed from the start of each line (the indentation of a YAML `description: |`
    /// block), added back to positions in messages.
    pub indent: u32,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub question: String,
    pub body: Body,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Need {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub group: String,
    /// "What to look at in a tool": one short Markdown text each, shown on the need's page
    /// and as the questions of its decision sheet.
    pub look_for: Vec<Body>,
    pub body: Body,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Tool {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub needs: Vec<Ref>,
    pub body: Body,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub name: String,
    pub summary: Option<String>,
    /// A guide (`guide: true`): listed on the home page under "choosing together".
    pub guide: bool,
    pub body: Body,
    pub pos: Pos,
}

/// A text as written, with its place (for messages about it).
#[derive(Debug, Clone)]
pub struct Written {
    pub text: String,
    pub pos: Pos,
}

/// A word of the glossary (`content/glossary/<slug>.md`): its definition is shown on
/// `glossaire.html`, and its first use on a record's page links there.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    /// The word as it is defined (`Instance`).
    pub term: Written,
    /// Other forms that link to the same definition (`instances`).
    pub aliases: Vec<Written>,
    pub sources: Vec<String>,
    pub body: Body,
    pub pos: Pos,
}

pub use crate::vocab::Status;

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub status: Status,
    pub evidence: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reservation {
    pub text: String,
    pub severity: crate::vocab::Severity,
    pub date: Option<String>,
    pub source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataPolicy {
    pub ads: bool,
    pub trackers: bool,
    pub privacy_policy: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AltFields {
    pub replaces: Vec<Ref>,
    pub license: String,
    pub source: String,
    pub platforms: Vec<crate::vocab::Platform>,
    pub self_hostable: bool,
    pub maturity: crate::vocab::Maturity,
    pub data: Option<DataPolicy>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub country: String,
    pub department: Option<String>,
    pub city: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Price {
    pub model: crate::vocab::PriceModel,
    pub from_eur: Option<f64>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Offer {
    pub kind: crate::vocab::OfferType,
    pub alternatives: Vec<Ref>,
    pub price: Price,
    pub registration: crate::vocab::Registration,
    pub taking_new: bool,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ProvFields {
    pub legal_form: crate::vocab::LegalForm,
    pub location: Location,
    pub area: Vec<String>,
    pub meet_in_person: Option<bool>,
    pub offers: Vec<Offer>,
    pub memberships: Vec<String>,
    pub contact: Contact,
    pub accessibility_features: Vec<String>,
}

/// An alternative or a provider: the fields they share, and those of their kind.
#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub website: Option<String>,
    pub needs: Vec<Ref>,
    pub criteria: BTreeMap<String, Assessment>,
    /// Criteria ids as written, to check they exist.
    pub criteria_refs: Vec<Ref>,
    pub reservations: Vec<Reservation>,
    pub status: crate::vocab::EntryStatus,
    pub last_verified: Option<String>,
    pub sources: Vec<String>,
    pub body: Body,
    pub pos: Pos,
    /// Where `last_verified` and `criteria` were written (warnings point there), when they were.
    pub last_verified_pos: Option<Pos>,
    pub criteria_pos: Option<Pos>,
    pub fields: KindFields,
}

/// The fields of an alternative or of a provider.
#[derive(Debug, Clone)]
pub enum KindFields {
    Alternative(AltFields),
    Provider(ProvFields),
}

impl Entry {
    pub fn kind(&self) -> Kind {
        match self.fields {
            KindFields::Alternative(_) => Kind::Alternative,
            KindFields::Provider(_) => Kind::Provider,
        }
    }

    pub fn alt(&self) -> Option<&AltFields> {
        match &self.fields {
            KindFields::Alternative(a) => Some(a),
            KindFields::Provider(_) => None,
        }
    }

    pub fn prov(&self) -> Option<&ProvFields> {
        match &self.fields {
            KindFields::Provider(p) => Some(p),
            KindFields::Alternative(_) => None,
        }
    }
}

/// Everything loaded from `content/`.
#[derive(Debug, Default)]
pub struct Directory {
    pub site: Site,
    pub criteria: BTreeMap<String, Criterion>,
    pub needs: BTreeMap<String, Need>,
    pub tools: BTreeMap<String, Tool>,
    pub alternatives: Entries,
    pub providers: Entries,
    pub pages: BTreeMap<String, Page>,
    pub glossary: BTreeMap<String, Term>,
    /// The content folders the records come from: the site's own first, then those it
    /// includes, in priority order. Only the site's own when it includes nothing.
    pub layers: Vec<Layer>,
    /// The layer of each record that comes from an included folder, by `section/slug`
    /// (`providers/chapril`); a record not here is the site's own.
    pub origin: BTreeMap<String, usize>,
    /// Included records this edition leaves out (`exclude`), by `section/slug`: a link to one
    /// from an included text becomes plain text, a reference to one says why it fails.
    pub excluded: std::collections::BTreeSet<String>,
}

/// A content folder of an edition (spec §2.1, `include`).
#[derive(Debug, Clone)]
pub struct Layer {
    /// The folder as messages show it (`national/content`).
    pub label: String,
    pub path: std::path::PathBuf,
    /// The title of its `site.yaml`: how pages name where a record comes from.
    pub title: String,
    /// Its `site.yaml`'s repository: where its records are edited.
    pub repository: Option<Repository>,
}

impl Directory {
    /// The layer a record comes from (0: the site's own).
    pub fn layer_of(&self, section: &str, slug: &str) -> usize {
        if self.origin.is_empty() {
            return 0;
        }
        self.origin.get(&format!("{section}/{slug}")).copied().unwrap_or(0)
    }

    /// Whether the site builds upon other folders: pages then say where each record comes from.
    pub fn layered(&self) -> bool {
        self.layers.len() > 1
    }
}

/// Entries by slug. Boxed: an entry is most of a kilobyte, and the maps move their values
/// as they grow (filling them was a serial 25 ms at 10,000 records, one core idle).
pub type Entries = BTreeMap<String, Box<Entry>>;

impl Directory {
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.alternatives.values().chain(self.providers.values()).map(|e| &**e)
    }

    /// Every record's body, with its folder and position: what the Markdown phase renders.
    /// A need's `look_for` texts are there too, under the folder `needs/look_for`.
    pub fn bodies_mut(&mut self) -> Vec<(&'static str, &Pos, &mut Body)> {
        let mut v: Vec<(&'static str, &Pos, &mut Body)> = Vec::new();
        v.extend(self.criteria.values_mut().map(|x| ("criteria", &x.pos, &mut x.body)));
        for n in self.needs.values_mut() {
            v.push(("needs", &n.pos, &mut n.body));
            v.extend(n.look_for.iter_mut().map(|b| ("needs/look_for", &n.pos, b)));
        }
        v.extend(self.tools.values_mut().map(|x| ("tools", &x.pos, &mut x.body)));
        v.extend(self.alternatives.values_mut().map(|x| ("alternatives", &x.pos, &mut x.body)));
        v.extend(self.providers.values_mut().map(|x| ("providers", &x.pos, &mut x.body)));
        v.extend(self.pages.values_mut().map(|x| ("pages", &x.pos, &mut x.body)));
        v.extend(self.glossary.values_mut().map(|x| ("glossary", &x.pos, &mut x.body)));
        v
    }
}
