//! Open data: `data/directory.json` and `data/directory.csv`, written straight from the
//! records (the feed and the sitemap are in `feeds.rs`).

use super::Sink;
use crate::check::Checked;
use crate::geo;
use crate::model::*;
use crate::vocab::{EntryStatus, LegalForm, Maturity, OfferType, Platform, PriceModel, Registration, Severity, Vocabulary};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The JSON and the CSV.
pub fn files(c: &Checked, sink: &dyn Sink) {
    let (json, csv) = rayon::join(|| json_data(c), || csv_data(c));
    sink.put("data/directory.json".into(), json);
    sink.put("data/directory.csv".into(), csv);
}

// The JSON document, written straight from the records by serde (no `Value` tree). Its keys
// are in alphabetical order at every level, as they always were: the fields of these views are
// declared in that order. Keys that only one kind of entry has are left out for the other.

#[derive(Serialize)]
struct Doc<'a> {
    alternatives: Seq<'a>,
    criteria: Vec<CriterionOut<'a>>,
    needs: Vec<NeedOut<'a>>,
    providers: Seq<'a>,
    site: SiteOut<'a>,
    tools: Vec<ToolOut<'a>>,
}

/// The entries of a section, each serialized as [`EntryOut`] when the document is written.
struct Seq<'a>(&'a crate::model::Entries, &'a crate::model::Directory);

impl Serialize for Seq<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.values().map(|e| EntryOut::new(e, layer_title(self.1, e.kind().folder(), &e.slug))))
    }
}

/// The title of the layer a record comes from, in an edition that includes other folders
/// (nothing otherwise: a site of one folder has the open data it always had).
fn layer_title<'a>(d: &'a crate::model::Directory, section: &str, slug: &str) -> Option<&'a str> {
    if !d.layered() {
        return None;
    }
    d.layers.get(d.layer_of(section, slug)).map(|l| l.title.as_str())
}

#[derive(Serialize)]
struct SiteOut<'a> {
    description: &'a str,
    edition: &'a Option<String>,
    language: crate::i18n::Lang,
    title: &'a str,
}

#[derive(Serialize)]
struct CriterionOut<'a> {
    id: &'a str,
    name: &'a str,
    question: &'a str,
}

#[derive(Serialize)]
struct NeedOut<'a> {
    group: &'a str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    layer: Option<&'a str>,
    name: &'a str,
    summary: &'a str,
}

#[derive(Serialize)]
struct ToolOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    layer: Option<&'a str>,
    name: &'a str,
    needs: Ids<'a>,
    vendor: &'a str,
}

/// A list of references, as their ids.
struct Ids<'a>(&'a [Ref]);

impl Serialize for Ids<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| r.id.as_str()))
    }
}

#[derive(Serialize)]
struct AssessmentOut<'a> {
    evidence: &'a Option<String>,
    source: &'a Option<String>,
    status: Status,
}

#[derive(Serialize)]
struct ReservationOut<'a> {
    date: &'a Option<String>,
    severity: Severity,
    source: &'a Option<String>,
    text: &'a str,
}

#[derive(Serialize)]
struct DataOut<'a> {
    ads: bool,
    privacy_policy: &'a Option<String>,
    trackers: bool,
}

#[derive(Serialize)]
struct ContactOut<'a> {
    email: &'a Option<String>,
    phone: &'a Option<String>,
    url: &'a Option<String>,
}

#[derive(Serialize)]
struct LocationOut<'a> {
    city: &'a Option<String>,
    country: &'a str,
    department: &'a Option<String>,
    region: Option<&'static str>,
}

#[derive(Serialize)]
struct PriceOut<'a> {
    from_eur: Option<f64>,
    model: PriceModel,
    note: &'a Option<String>,
}

#[derive(Serialize)]
struct OfferOut<'a> {
    alternatives: Ids<'a>,
    price: PriceOut<'a>,
    registration: Registration,
    taking_new: bool,
    #[serde(rename = "type")]
    kind: OfferType,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    accessibility_features: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<ContactOut<'a>>,
    criteria: BTreeMap<&'a str, AssessmentOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Option<DataOut<'a>>>,
    kind: Kind,
    last_verified: &'a Option<String>,
    /// The title of the folder the record comes from, in an edition (`include`).
    #[serde(skip_serializing_if = "Option::is_none")]
    layer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_form: Option<LegalForm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LocationOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maturity: Option<Maturity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meet_in_person: Option<Option<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    memberships: Option<&'a [String]>,
    name: &'a str,
    needs: Ids<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offers: Option<Vec<OfferOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    platforms: Option<&'a [Platform]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    replaces: Option<Ids<'a>>,
    reservations: Vec<ReservationOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    self_hostable: Option<bool>,
    /// INSEE codes of the departments a provider serves locally (the catalogue's rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    serves_locally: Option<Vec<&'static str>>,
    slug: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    sources: &'a [String],
    status: EntryStatus,
    summary: &'a str,
    website: &'a Option<String>,
}

impl<'a> EntryOut<'a> {
    fn new(e: &'a Entry, layer: Option<&'a str>) -> Self {
        let a = e.alt();
        let p = e.prov();
        EntryOut {
            accessibility_features: p.map(|p| &p.accessibility_features[..]),
            area: p.map(|p| &p.area[..]),
            contact: p.map(|p| ContactOut { email: &p.contact.email, phone: &p.contact.phone, url: &p.contact.url }),
            criteria: e.criteria.iter().map(|(k, v)| (k.as_str(), AssessmentOut { evidence: &v.evidence, source: &v.source, status: v.status })).collect(),
            data: a.map(|a| a.data.as_ref().map(|d| DataOut { ads: d.ads, privacy_policy: &d.privacy_policy, trackers: d.trackers })),
            kind: e.kind(),
            last_verified: &e.last_verified,
            layer,
            legal_form: p.map(|p| p.legal_form),
            license: a.map(|a| a.license.as_str()),
            location: p.map(|p| LocationOut {
                city: &p.location.city,
                country: &p.location.country,
                department: &p.location.department,
                region: p.location.department.as_deref().and_then(geo::region_of),
            }),
            maturity: a.map(|a| a.maturity),
            serves_locally: p.map(|p| crate::catalogue::Reach::of(p).department_codes()),
            meet_in_person: p.map(|p| p.meet_in_person),
            memberships: p.map(|p| &p.memberships[..]),
            name: &e.name,
            needs: Ids(&e.needs),
            offers: p.map(|p| {
                p.offers
                    .iter()
                    .map(|o| OfferOut {
                        alternatives: Ids(&o.alternatives),
                        price: PriceOut { from_eur: o.price.from_eur, model: o.price.model, note: &o.price.note },
                        registration: o.registration,
                        taking_new: o.taking_new,
                        kind: o.kind,
                    })
                    .collect()
            }),
            platforms: a.map(|a| &a.platforms[..]),
            replaces: a.map(|a| Ids(&a.replaces)),
            reservations: e.reservations.iter().map(|r| ReservationOut { date: &r.date, severity: r.severity, source: &r.source, text: &r.text }).collect(),
            self_hostable: a.map(|a| a.self_hostable),
            slug: &e.slug,
            source: a.map(|a| a.source.as_str()),
            sources: &e.sources,
            status: e.status,
            summary: &e.summary,
            website: &e.website,
        }
    }
}

/// `data/directory.json`: the whole directory, pretty-printed, written in one pass.
fn json_data(c: &Checked) -> Vec<u8> {
    let d = &c.dir;
    let doc = Doc {
        alternatives: Seq(&d.alternatives, d),
        criteria: d.criteria.values().map(|x| CriterionOut { id: &x.id, name: &x.name, question: &x.question }).collect(),
        needs: d.needs.values().map(|x| NeedOut { group: &x.group, id: &x.id, layer: layer_title(d, "needs", &x.id), name: &x.name, summary: &x.summary }).collect(),
        providers: Seq(&d.providers, d),
        site: SiteOut { description: &d.site.description, edition: &c.edition, language: d.site.language, title: &d.site.title },
        tools: d.tools.values().map(|x| ToolOut { id: &x.id, layer: layer_title(d, "tools", &x.id), name: &x.name, needs: Ids(&x.needs), vendor: &x.vendor }).collect(),
    };
    // About 1.4 KB per entry.
    let mut out = Vec::with_capacity(1024 + 1500 * (d.alternatives.len() + d.providers.len()));
    let _ = serde_json::to_writer_pretty(&mut out, &doc);
    out.push(b'\n');
    out
}

/// The CSV columns, documented on the open-data page.
pub const CSV_COLUMNS: [&str; 20] = [
    "kind", "slug", "name", "summary", "website", "needs", "status", "last_verified", "license", "source", "platforms",
    "self_hostable", "replaces", "legal_form", "country", "department", "region", "city", "area", "offers",
];

/// Appends one CSV field. Formulas are neutralised so a spreadsheet never runs content as a
/// formula; a field with a comma, a quote or a line break is quoted.
fn csv_field(out: &mut String, s: &str) {
    let formula = s.starts_with(['=', '+', '-', '@']);
    let quoted = s.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    if quoted {
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn csv_data(c: &Checked) -> Vec<u8> {
    let d = &c.dir;
    let crit: Vec<&String> = d.criteria.keys().collect();
    let mut out = String::with_capacity(300 * (d.alternatives.len() + d.providers.len() + 1));
    out.push_str(&CSV_COLUMNS.join(","));
    for id in &crit {
        let _ = write!(out, ",criterion_{id}");
    }
    // An edition says where each entry comes from, in a last column.
    if d.layered() {
        out.push_str(",layer");
    }
    out.push_str("\r\n");
    let mut buf = String::new();
    for e in d.entries() {
        let a = e.alt();
        let p = e.prov();
        let ids = |buf: &mut String, v: &[Ref]| {
            buf.clear();
            for (i, r) in v.iter().enumerate() {
                if i > 0 {
                    buf.push(';');
                }
                buf.push_str(&r.id);
            }
        };
        let field = |out: &mut String, s: &str, first: bool| {
            if !first {
                out.push(',');
            }
            csv_field(out, s);
        };
        field(&mut out, e.kind().word(), true);
        field(&mut out, &e.slug, false);
        field(&mut out, &e.name, false);
        field(&mut out, &e.summary, false);
        field(&mut out, e.website.as_deref().unwrap_or(""), false);
        ids(&mut buf, &e.needs);
        field(&mut out, &buf, false);
        field(&mut out, e.status.word(), false);
        field(&mut out, e.last_verified.as_deref().unwrap_or(""), false);
        field(&mut out, a.map(|a| a.license.as_str()).unwrap_or(""), false);
        field(&mut out, a.map(|a| a.source.as_str()).unwrap_or(""), false);
        field(&mut out, &a.map(|a| a.platforms.iter().map(|p| p.word()).collect::<Vec<_>>().join(";")).unwrap_or_default(), false);
        field(&mut out, a.map(|a| if a.self_hostable { "true" } else { "false" }).unwrap_or(""), false);
        match a {
            Some(a) => ids(&mut buf, &a.replaces),
            None => buf.clear(),
        }
        field(&mut out, &buf, false);
        field(&mut out, p.map(|p| p.legal_form.word()).unwrap_or(""), false);
        field(&mut out, p.map(|p| p.location.country.as_str()).unwrap_or(""), false);
        field(&mut out, p.and_then(|p| p.location.department.as_deref()).unwrap_or(""), false);
        field(&mut out, p.and_then(|p| p.location.department.as_deref()).and_then(geo::region_of).unwrap_or(""), false);
        field(&mut out, p.and_then(|p| p.location.city.as_deref()).unwrap_or(""), false);
        field(&mut out, &p.map(|p| p.area.join(";")).unwrap_or_default(), false);
        field(&mut out, &p.map(|p| p.offers.iter().map(|o| o.kind.word()).collect::<Vec<_>>().join(";")).unwrap_or_default(), false);
        for id in &crit {
            field(&mut out, e.criteria.get(*id).map(|x| x.status.word()).unwrap_or("unknown"), false);
        }
        if let Some(l) = layer_title(d, e.kind().folder(), &e.slug) {
            field(&mut out, l, false);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}


