//! Open data and feeds: `data/directory.json`, `data/directory.csv`, `feed.xml`, and
//! `sitemap.xml` when the site has a `base_url`.

use super::Sink;
use crate::check::Checked;
use crate::geo;
use crate::model::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub fn all(c: &Checked, t: &BTreeMap<String, String>, pages: &[String], sink: &dyn Sink) {
    let ((json, csv), feed) = rayon::join(|| rayon::join(|| json_data(c), || csv_data(c)), || feed(c, t));
    sink.put("data/directory.json".into(), json);
    sink.put("data/directory.csv".into(), csv);
    sink.put("feed.xml".into(), feed);
    if let Some(base) = &c.dir.site.base_url {
        let pages: Vec<&String> = pages.iter().filter(|p| !p.starts_with('.') && *p != "404.html").collect();
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for p in pages {
            let _ = writeln!(s, "<url><loc>{}</loc></url>", xml(&format!("{base}{p}")));
        }
        s.push_str("</urlset>\n");
        sink.put("sitemap.xml".into(), s.into_bytes());
    }
}

fn entry_json(e: &Entry) -> Value {
    let mut v = json!({
        "kind": e.kind, "slug": e.slug, "name": e.name, "summary": e.summary, "website": e.website,
        "needs": e.needs.iter().map(|r| &r.id).collect::<Vec<_>>(),
        "criteria": e.criteria, "reservations": e.reservations, "status": e.status,
        "last_verified": e.last_verified, "sources": e.sources,
    });
    if let Some(a) = &e.alt {
        v["replaces"] = json!(a.replaces.iter().map(|r| &r.id).collect::<Vec<_>>());
        v["license"] = json!(a.license);
        v["source"] = json!(a.source);
        v["platforms"] = json!(a.platforms);
        v["self_hostable"] = json!(a.self_hostable);
        v["maturity"] = json!(a.maturity);
        v["data"] = json!(a.data);
    }
    if let Some(p) = &e.prov {
        v["legal_form"] = json!(p.legal_form);
        let mut loc = json!(p.location);
        loc["region"] = json!(p.location.department.as_deref().and_then(geo::region_of));
        v["location"] = loc;
        v["area"] = json!(p.area);
        v["meet_in_person"] = json!(p.meet_in_person);
        v["offers"] = json!(p.offers.iter().map(|o| json!({
            "type": o.kind, "alternatives": o.alternatives.iter().map(|r| &r.id).collect::<Vec<_>>(),
            "price": o.price, "registration": o.registration, "taking_new": o.taking_new,
        })).collect::<Vec<_>>());
        v["memberships"] = json!(p.memberships);
        v["contact"] = json!(p.contact);
        v["accessibility_features"] = json!(p.accessibility_features);
    }
    v
}

fn json_data(c: &Checked) -> Vec<u8> {
    let d = &c.dir;
    // The same document as `to_string_pretty` of the whole, written entry by entry (in
    // parallel) so that the directory never sits in memory as one JSON tree.
    // Each item is pretty-printed and indented for its depth once; the document is one buffer.
    let pretty = |v: &Value, depth: usize| serde_json::to_string_pretty(v).unwrap_or_default().replace('\n', &format!("\n{}", " ".repeat(depth)));
    let entries = |m: &BTreeMap<String, Entry>| -> Vec<String> {
        use rayon::prelude::*;
        m.values().collect::<Vec<_>>().par_iter().map(|e| pretty(&entry_json(e), 4)).collect()
    };
    let site = json!({"title": d.site.title, "description": d.site.description, "language": d.site.language, "edition": c.edition});
    let criteria: Vec<String> = d.criteria.values().map(|x| pretty(&json!({"id": x.id, "name": x.name, "question": x.question}), 4)).collect();
    let needs: Vec<String> = d.needs.values().map(|x| pretty(&json!({"id": x.id, "name": x.name, "summary": x.summary, "group": x.group}), 4)).collect();
    let tools: Vec<String> = d.tools.values().map(|x| pretty(&json!({"id": x.id, "name": x.name, "vendor": x.vendor, "needs": x.needs.iter().map(|r| &r.id).collect::<Vec<_>>()}), 4)).collect();
    let mut out = String::new();
    let array = |out: &mut String, key: &str, items: Vec<String>| {
        out.push_str(&format!("  \"{key}\": "));
        if items.is_empty() {
            out.push_str("[]");
            return;
        }
        out.push_str("[\n");
        let n = items.len();
        for (i, item) in items.into_iter().enumerate() {
            out.push_str("    ");
            out.push_str(&item);
            out.push_str(if i + 1 < n { ",\n" } else { "\n  ]" });
        }
    };
    // Keys in the order serde_json sorts them.
    out.push_str("{\n");
    array(&mut out, "alternatives", entries(&d.alternatives));
    out.push_str(",\n");
    array(&mut out, "criteria", criteria);
    out.push_str(",\n");
    array(&mut out, "needs", needs);
    out.push_str(",\n");
    array(&mut out, "providers", entries(&d.providers));
    out.push_str(&format!(",\n  \"site\": {},\n", pretty(&site, 2)));
    array(&mut out, "tools", tools);
    out.push_str("\n}\n");
    out.into_bytes()
}

/// The CSV columns, documented on the open-data page.
pub const CSV_COLUMNS: [&str; 20] = [
    "kind", "slug", "name", "summary", "website", "needs", "status", "last_verified", "license", "source", "platforms",
    "self_hostable", "replaces", "legal_form", "country", "department", "region", "city", "area", "offers",
];

fn csv_field(s: &str) -> String {
    // Formulas are neutralised so a spreadsheet never runs content as a formula.
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

fn csv_data(c: &Checked) -> Vec<u8> {
    let d = &c.dir;
    let crit: Vec<&String> = d.criteria.keys().collect();
    let mut out = CSV_COLUMNS.join(",");
    for id in &crit {
        let _ = write!(out, ",criterion_{id}");
    }
    out.push_str("\r\n");
    for e in d.entries() {
        let a = e.alt.as_ref();
        let p = e.prov.as_ref();
        let join = |v: &[Ref]| v.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(";");
        let row: Vec<String> = vec![
            match e.kind { Kind::Alternative => "alternative", Kind::Provider => "provider" }.into(),
            e.slug.clone(),
            e.name.clone(),
            e.summary.clone(),
            e.website.clone().unwrap_or_default(),
            join(&e.needs),
            e.status.clone(),
            e.last_verified.clone().unwrap_or_default(),
            a.map(|a| a.license.clone()).unwrap_or_default(),
            a.map(|a| a.source.clone()).unwrap_or_default(),
            a.map(|a| a.platforms.join(";")).unwrap_or_default(),
            a.map(|a| a.self_hostable.to_string()).unwrap_or_default(),
            a.map(|a| join(&a.replaces)).unwrap_or_default(),
            p.map(|p| p.legal_form.clone()).unwrap_or_default(),
            p.map(|p| p.location.country.clone()).unwrap_or_default(),
            p.and_then(|p| p.location.department.clone()).unwrap_or_default(),
            p.and_then(|p| p.location.department.as_deref()).and_then(geo::region_of).unwrap_or_default().into(),
            p.and_then(|p| p.location.city.clone()).unwrap_or_default(),
            p.map(|p| p.area.join(";")).unwrap_or_default(),
            p.map(|p| p.offers.iter().map(|o| o.kind.as_str()).collect::<Vec<_>>().join(";")).unwrap_or_default(),
        ];
        let mut line: Vec<String> = row.iter().map(|s| csv_field(s)).collect();
        for id in &crit {
            line.push(e.criteria.get(*id).map(|x| x.status.as_str()).unwrap_or("unknown").to_string());
        }
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// Atom feed of the 50 entries changed last (their verification date, else the edition).
fn feed(c: &Checked, t: &BTreeMap<String, String>) -> Vec<u8> {
    let d = &c.dir;
    let edition = c.edition.clone().unwrap_or_else(|| "1970-01-01".into());
    let base = d.site.base_url.clone();
    let id_base = base.clone().unwrap_or_else(|| format!("urn:aiguillage:{}:", crate::content::slugify(&d.site.title)));
    let mut entries: Vec<(&String, &Entry)> = d.entries().map(|e| (e.last_verified.as_ref().unwrap_or(&edition), e)).collect();
    entries.sort_by(|a, b| b.0.cmp(a.0).then(a.1.slug.cmp(&b.1.slug)));
    let updated = entries.first().map(|x| x.0.clone()).unwrap_or(edition.clone());
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(s, "<title>{}</title>", xml(&d.site.title));
    if !d.site.description.is_empty() {
        let _ = writeln!(s, "<subtitle>{}</subtitle>", xml(&d.site.description));
    }
    let _ = writeln!(s, "<id>{}</id>", xml(&id_base));
    let _ = writeln!(s, "<updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(s, "<author><name>{}</name></author>", xml(&d.site.title));
    if let Some(b) = &base {
        let _ = writeln!(s, "<link rel=\"self\" href=\"{}feed.xml\"/>\n<link href=\"{}\"/>", xml(b), xml(b));
    }
    let kind_label = |k: Kind| t.get(&format!("kind.{}", match k { Kind::Alternative => "alternative", Kind::Provider => "provider" })).cloned().unwrap_or_default();
    for (date, e) in entries.into_iter().take(50) {
        let path = format!("{}/{}.html", e.kind.folder(), e.slug);
        s.push_str("<entry>\n");
        let _ = writeln!(s, "<title>{} — {}</title>", xml(&e.name), xml(&kind_label(e.kind)));
        let _ = writeln!(s, "<id>{}{}</id>", xml(&id_base), xml(&path));
        let _ = writeln!(s, "<updated>{date}T00:00:00Z</updated>");
        let href = match &base { Some(b) => format!("{b}{path}"), None => path.clone() };
        let _ = writeln!(s, "<link href=\"{}\"/>", xml(&href));
        let _ = writeln!(s, "<summary>{}</summary>", xml(&e.summary));
        s.push_str("</entry>\n");
    }
    s.push_str("</feed>\n");
    s.into_bytes()
}
