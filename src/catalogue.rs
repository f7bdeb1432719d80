//! The directory as visitors ask about it, between checking and rendering: where each provider
//! serves (spec §2.2), which providers answer a need and with which offers. The rules live here
//! once; the pages, the open data and `check` ask this module rather than reading `area`,
//! `location` or `offers` themselves.
//!
//! The rule of "where": a provider **serves a department locally** when its `area` names that
//! department or its region, or when its seat (`location.department`, in France) is there.
//! `national` and `remote` providers work everywhere: they are listed apart, never as local to
//! their seat's region unless their `area` also names it. So for them the seat does not count:
//! Framasoft (seat in Lyon, `area: [national, remote]`) is listed once, with those working
//! everywhere, not as a local provider of the Rhône; Le PIC (`area: ["31", remote]`) is local to
//! Haute-Garonne and also works at a distance.

use crate::geo;
use crate::model::{Directory, Entry, Offer, ProvFields};
use std::collections::{BTreeMap, BTreeSet};

/// One word of a provider's `area`, as `check` accepted it (codes already normalised).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    National,
    Remote,
    /// An ISO 3166-2 region code, `FR-OCC`.
    Region(&'static str),
    /// An INSEE department code, `34`.
    Department(&'static str),
}

impl Area {
    /// An `area` word as stored on a checked record; `None` for a word `check` refused.
    pub fn parse(word: &str) -> Option<Area> {
        match word {
            "national" => Some(Area::National),
            "remote" => Some(Area::Remote),
            w => geo::region(w).map(|r| Area::Region(r.0)).or_else(|| geo::department(w).map(|d| Area::Department(d.0))),
        }
    }
}

/// Where one provider works.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    /// `area` says `national`.
    pub national: bool,
    /// `area` says `remote`.
    pub remote: bool,
    /// Positions in [`geo::DEPARTMENTS`] (so INSEE order) of the departments served locally.
    pub departments: BTreeSet<usize>,
}

impl Reach {
    /// The rule of spec §2.2 (see the module's documentation).
    pub fn of(p: &ProvFields) -> Reach {
        let mut r = Reach::default();
        for word in &p.area {
            match Area::parse(word) {
                Some(Area::National) => r.national = true,
                Some(Area::Remote) => r.remote = true,
                Some(Area::Region(code)) => r.departments.extend(geo::DEPARTMENTS.iter().enumerate().filter(|(_, d)| d.2 == code).map(|(i, _)| i)),
                Some(Area::Department(code)) => r.departments.extend(geo::department_index(code)),
                None => {}
            }
        }
        if !r.everywhere()
            && p.location.country == "FR"
            && let Some(i) = p.location.department.as_deref().and_then(geo::department_index)
        {
            r.departments.insert(i);
        }
        r
    }

    /// Works anywhere in France or at a distance: listed apart from the local providers.
    pub fn everywhere(&self) -> bool {
        self.national || self.remote
    }

    pub fn serves_locally(&self, dept: &str) -> bool {
        geo::department_index(dept).is_some_and(|i| self.departments.contains(&i))
    }

    /// Positions in [`geo::REGIONS`] of the regions where it serves at least one department.
    pub fn regions(&self) -> BTreeSet<usize> {
        self.departments.iter().filter_map(|&i| geo::region_index(geo::DEPARTMENTS[i].2)).collect()
    }

    /// The departments it serves in one region, in INSEE order.
    pub fn departments_in(&self, region: &str) -> Vec<&'static str> {
        self.departments.iter().map(|&i| &geo::DEPARTMENTS[i]).filter(|d| d.2 == region).map(|d| d.0).collect()
    }

    /// INSEE codes of the departments served locally, in INSEE order (the open data's list).
    pub fn department_codes(&self) -> Vec<&'static str> {
        self.departments.iter().map(|&i| geo::DEPARTMENTS[i].0).collect()
    }
}

/// What a provider offers for one need: its offers whose alternatives meet the need (with those
/// alternatives), or, when it names the need in `needs` without such an offer, its offers as
/// they are (with no alternative named: none of them meets this need).
#[derive(Debug, Clone)]
pub struct NeedOffer<'a> {
    pub offer: &'a Offer,
    /// Slugs of the offer's alternatives that meet the need.
    pub alternatives: Vec<&'a str>,
}

/// A provider's offers for each need it answers, by need id.
type OffersByNeed<'a> = BTreeMap<&'a str, Vec<NeedOffer<'a>>>;

/// The relations every page family and `check` share, made once per build.
pub struct Catalogue<'a> {
    pub dir: &'a Directory,
    /// Hashed: pages ask it hundreds of thousands of times in a large directory.
    reach: ahash::AHashMap<&'a str, Reach>,
    /// Providers serving each department locally (by position in [`geo::DEPARTMENTS`]), by slug.
    local: Vec<Vec<&'a str>>,
    everywhere: Vec<&'a str>,
    /// For each need: the providers that answer it and what they offer for it, by slug.
    by_need: BTreeMap<&'a str, BTreeMap<&'a str, Vec<NeedOffer<'a>>>>,
    /// The needs each provider answers (the same relation, by provider).
    needs_of: ahash::AHashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Catalogue<'a> {
    pub fn new(dir: &'a Directory) -> Catalogue<'a> {
        use rayon::prelude::*;
        // Each provider's part is made on its own (side by side), then the parts are joined.
        let providers: Vec<&Entry> = dir.providers.values().map(|p| &**p).collect();
        let parts: Vec<(&str, Reach, OffersByNeed)> = providers
            .par_iter()
            .filter_map(|p| {
                let pf = p.prov()?;
                Some((p.slug.as_str(), Reach::of(pf), offers_by_need(dir, p, pf)))
            })
            .collect();
        let mut local: Vec<Vec<&str>> = vec![Vec::new(); geo::DEPARTMENTS.len()];
        let mut reach = ahash::AHashMap::with_capacity(parts.len());
        let mut everywhere = Vec::new();
        let mut by_need: BTreeMap<&str, BTreeMap<&str, Vec<NeedOffer>>> = BTreeMap::new();
        let mut needs_of: ahash::AHashMap<&str, Vec<&str>> = ahash::AHashMap::with_capacity(parts.len());
        for (slug, r, answered) in parts {
            for &i in &r.departments {
                local[i].push(slug);
            }
            if r.everywhere() {
                everywhere.push(slug);
            }
            reach.insert(slug, r);
            needs_of.insert(slug, answered.keys().copied().collect());
            for (need, offers) in answered {
                by_need.entry(need).or_default().insert(slug, offers);
            }
        }
        Catalogue { dir, reach, local, everywhere, by_need, needs_of }
    }

    /// A catalogue of no provider, to stand in until the real one is made.
    pub fn empty(dir: &'a Directory) -> Catalogue<'a> {
        Catalogue { dir, reach: Default::default(), local: vec![Vec::new(); geo::DEPARTMENTS.len()], everywhere: Vec::new(), by_need: BTreeMap::new(), needs_of: Default::default() }
    }

    /// Where a provider works (a provider with no reach, such as a slug that is not a
    /// provider, serves nowhere).
    pub fn reach(&self, slug: &str) -> &Reach {
        static NOWHERE: std::sync::OnceLock<Reach> = std::sync::OnceLock::new();
        self.reach.get(slug).unwrap_or_else(|| NOWHERE.get_or_init(Reach::default))
    }

    /// Providers serving a department locally, by slug.
    pub fn serving_department(&self, dept: &str) -> &[&'a str] {
        geo::department_index(dept).map(|i| &self.local[i][..]).unwrap_or(&[])
    }

    /// Providers serving at least one department of a region locally, by slug.
    pub fn serving_region(&self, region: &str) -> BTreeSet<&'a str> {
        geo::DEPARTMENTS.iter().enumerate().filter(|(_, d)| d.2 == region).flat_map(|(i, _)| self.local[i].iter().copied()).collect()
    }

    /// Providers working anywhere in France or at a distance, by slug.
    pub fn everywhere(&self) -> &[&'a str] {
        &self.everywhere
    }

    /// The needs a provider answers (by the rule of [`Catalogue::for_need`]), by id.
    pub fn needs_of(&self, provider: &str) -> &[&'a str] {
        self.needs_of.get(provider).map(|v| &v[..]).unwrap_or(&[])
    }

    /// The providers that answer a need, by slug, with what they offer for it.
    pub fn for_need(&self, need: &str) -> Option<&BTreeMap<&'a str, Vec<NeedOffer<'a>>>> {
        self.by_need.get(need)
    }
}

/// The needs a provider answers, and its offers for each (see [`NeedOffer`]).
fn offers_by_need<'a>(dir: &'a Directory, p: &'a Entry, pf: &'a ProvFields) -> OffersByNeed<'a> {
    let mut out: BTreeMap<&str, Vec<NeedOffer>> = BTreeMap::new();
    for o in &pf.offers {
        let mut per_need: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for a in &o.alternatives {
            let Some(alt) = dir.alternatives.get(&a.id) else { continue };
            for n in &alt.needs {
                if let Some((need, _)) = dir.needs.get_key_value(&n.id) {
                    let v = per_need.entry(need.as_str()).or_default();
                    if !v.contains(&alt.slug.as_str()) {
                        v.push(alt.slug.as_str());
                    }
                }
            }
        }
        for (need, alternatives) in per_need {
            out.entry(need).or_default().push(NeedOffer { offer: o, alternatives });
        }
    }
    for n in &p.needs {
        if let Some((need, _)) = dir.needs.get_key_value(&n.id) {
            out.entry(need.as_str()).or_insert_with(|| pf.offers.iter().map(|offer| NeedOffer { offer, alternatives: Vec::new() }).collect());
        }
    }
    out
}

/// The questions of access people ask before they ask about software (issue #17), each answered
/// by one rule on a provider's record: the facet pages (`acces/`) and the need pages use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Access {
    /// An offer usable without signing up (`registration: none`).
    NoSignUp,
    /// An offer free of charge or paid what one can (`free`, `donation`, `sliding_scale`).
    FreeOrPayWhatYouCan,
    /// An offer open to new people now (`taking_new: true`).
    TakingNew,
    /// A provider people can meet (`meet_in_person: true`).
    MeetInPerson,
    /// Training or support rather than hosting.
    TrainingOrSupport,
}

impl Access {
    pub const ALL: [Access; 5] = [Access::NoSignUp, Access::FreeOrPayWhatYouCan, Access::TakingNew, Access::MeetInPerson, Access::TrainingOrSupport];

    /// The page's name, `acces/<slug>.html`, and the key of its texts in the theme.
    pub fn slug(self) -> &'static str {
        match self {
            Access::NoSignUp => "sans-inscription",
            Access::FreeOrPayWhatYouCan => "gratuit-ou-prix-libre",
            Access::TakingNew => "nouveaux-membres",
            Access::MeetInPerson => "rencontrer",
            Access::TrainingOrSupport => "formation-accompagnement",
        }
    }

    pub fn matches(self, p: &ProvFields) -> bool {
        match self {
            Access::MeetInPerson => p.meet_in_person == Some(true),
            _ => p.offers.iter().any(|o| self.keeps(p, o)),
        }
    }

    /// Whether one offer of `p` answers the question.
    pub fn keeps(self, p: &ProvFields, o: &Offer) -> bool {
        use crate::vocab::{OfferType, Registration};
        match self {
            Access::NoSignUp => o.registration == Registration::None,
            Access::FreeOrPayWhatYouCan => o.price.model.is_affordable(),
            Access::TakingNew => o.taking_new,
            Access::MeetInPerson => p.meet_in_person == Some(true),
            Access::TrainingOrSupport => matches!(o.kind, OfferType::Training | OfferType::Support),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Location};

    fn prov(dept: Option<&str>, area: &[&str]) -> ProvFields {
        ProvFields {
            legal_form: crate::vocab::LegalForm::Association,
            location: Location { country: "FR".into(), department: dept.map(Into::into), city: None },
            area: area.iter().map(|s| s.to_string()).collect(),
            meet_in_person: None,
            offers: Vec::new(),
            memberships: Vec::new(),
            contact: Contact::default(),
            accessibility_features: Vec::new(),
        }
    }

    #[test]
    fn the_seat_counts_for_its_own_department_only() {
        let r = Reach::of(&prov(Some("31"), &["11"]));
        assert!(r.serves_locally("31"));
        assert!(r.serves_locally("11"));
        assert!(!r.serves_locally("34"));
        assert!(!r.everywhere());
        assert_eq!(r.department_codes(), ["11", "31"]);
    }

    #[test]
    fn national_providers_are_not_local_to_their_seat_region() {
        let r = Reach::of(&prov(Some("69"), &["national", "remote"]));
        assert!(r.departments.is_empty(), "listed apart, not local to the Rhône");
        assert!(r.everywhere());
        // Unless `area` names a place too: then that place, and still not the seat.
        let r = Reach::of(&prov(Some("31"), &["31", "remote"]));
        assert_eq!(r.department_codes(), ["31"]);
        let r = Reach::of(&prov(Some("69"), &["FR-OCC", "national"]));
        assert!(!r.serves_locally("69"));
        assert!(r.serves_locally("34"));
    }

    #[test]
    fn a_region_means_all_its_departments() {
        let r = Reach::of(&prov(Some("60"), &["FR-HDF"]));
        assert_eq!(r.department_codes(), ["02", "59", "60", "62", "80"]);
        assert_eq!(r.regions().len(), 1);
        let r = Reach::of(&prov(Some("2A"), &["FR-COR"]));
        assert_eq!(r.department_codes(), ["2A", "2B"]);
        let r = Reach::of(&prov(Some("974"), &["974"]));
        assert_eq!(r.departments_in("FR-974"), ["974"]);
    }

    #[test]
    fn a_seat_abroad_serves_no_french_department() {
        let mut p = prov(Some("34"), &["remote"]);
        p.location.country = "BE".into();
        assert!(Reach::of(&p).departments.is_empty());
    }

    #[test]
    fn access_rules() {
        use crate::model::{Offer, Price};
        use crate::vocab::{OfferType, PriceModel, Registration};
        let offer = |kind, model, registration, taking_new| Offer { kind, alternatives: Vec::new(), price: Price { model, from_eur: None, note: None }, registration, taking_new };
        let mut p = prov(Some("34"), &["34"]);
        p.offers = vec![offer(OfferType::Hosting, PriceModel::Membership, Registration::Member, false), offer(OfferType::Training, PriceModel::SlidingScale, Registration::None, true)];
        assert_eq!(p.offers.iter().filter(|o| Access::NoSignUp.keeps(&p, o)).count(), 1);
        assert!(Access::FreeOrPayWhatYouCan.matches(&p), "sliding scale counts as pay what you can");
        assert!(Access::TakingNew.matches(&p));
        assert!(Access::TrainingOrSupport.matches(&p));
        assert!(!Access::MeetInPerson.matches(&p), "unknown is not yes");
        p.meet_in_person = Some(true);
        assert!(Access::MeetInPerson.matches(&p));
        p.offers = vec![offer(OfferType::Hosting, PriceModel::Quote, Registration::Client, false)];
        assert!(Access::ALL.iter().filter(|a| **a != Access::MeetInPerson).all(|a| !a.matches(&p)));
    }
}
