//! The page of one entry: an alternative (facts, criteria, who hosts it, near where) or a
//! provider (facts, offers, where it serves, contact).

use crate::vocab::*;
use super::*;

pub(super) fn entry_job<'i>(ix: &'i Index, e: &Entry) -> Job<'i> {
    let d = &ix.c.dir;
    let mut c = ctx("../", &e.name);
    c.insert_value("layer", ix.layer_v(e.kind().folder(), &e.slug));
    let criteria: Vec<V> = d
        .criteria
        .values()
        .zip(&ix.crit_links)
        .zip(&ix.crit_unknown)
        .map(|((cr, (path, name)), unknown)| match e.criteria.get(&cr.id) {
            None => unknown.clone(),
            Some(a) => crit_value(ix, path, name, a.status, opt(&a.evidence), opt(&a.source)),
        })
        .collect();
    let needs: Vec<V> = e.needs.iter().filter_map(|r| ix.need_links.get(r.id.as_str()).cloned()).collect();
    let reservations: Vec<V> = e
        .reservations
        .iter()
        .map(|r| obj([("text", V::from(r.text.as_str())), ("severity_label", ix.name_of_v(r.severity)), ("date", ix.date_v(&r.date)), ("source", opt(&r.source))]))
        .collect();
    let stale = match (&e.last_verified, &ix.c.edition) {
        (Some(v), Some(ed)) => crate::dates::is_stale(v, ed, d.site.stale_after_months),
        _ => false,
    };
    let file = e.pos.file.rsplit('/').next().unwrap_or("");
    c.insert_value("entry", obj([
        ("name", V::from(e.name.as_str())),
        ("summary", V::from(e.summary.as_str())),
        ("website", opt(&e.website)),
        ("status", V::from(e.status.word())),
        ("status_label", ix.name_of_v(e.status)),
        ("last_verified", ix.date_v(&e.last_verified)),
        ("stale", V::from(stale)),
        ("sources", V::from(e.sources.iter().map(|s| V::from(s.as_str())).collect::<Vec<_>>())),
        ("source_file", V::from(format!("content/{}/{file}", e.kind().folder()))),
        // The forge's web editor for this file, and its form to report an error about it.
        ("edit_url", ix.repository_of(e.kind().folder(), &e.slug).map(|r| V::from(format!("{}/_edit/{}/content/{}/{file}", r.url, r.branch, e.kind().folder()))).unwrap_or_else(V::none)),
        (
            "report_url",
            d.site.repository.as_ref().map(|r| V::from(format!("{}/issues/new?template={}&title={}", r.url, super::url_component(".forgejo/ISSUE_TEMPLATE/signaler-erreur.yaml"), super::url_component(&format!("Erreur : {}", e.name))))).unwrap_or_else(V::none),
        ),
    ]));
    c.insert_value("criteria", V::from(criteria));
    c.insert_value("needs", V::from(needs));
    c.insert_value("reservations", V::from(reservations));
    c.insert_value("body", ix.body(&e.body));
    let template = match &e.fields {
        KindFields::Alternative(a) => {
            let replaces: Vec<V> = a.replaces.iter().filter_map(|r| ix.tool_links.get(r.id.as_str()).cloned()).collect();
            let data = match &a.data {
                Some(dp) => obj([("ads", V::from(dp.ads)), ("trackers", V::from(dp.trackers)), ("privacy_policy", opt(&dp.privacy_policy))]),
                None => V::none(),
            };
            c.insert_value("alt", obj([
                ("license", V::from(a.license.as_str())),
                ("source", V::from(a.source.as_str())),
                ("platforms", V::from(a.platforms.iter().map(|p| ix.name_of(*p)).collect::<Vec<_>>().join(", "))),
                ("self_hostable", V::from(a.self_hostable)),
                ("maturity_label", ix.name_of_v(a.maturity)),
                ("data", data),
            ]));
            c.insert_value("replaces", V::from(replaces));
            let slug = e.slug.as_str();
            let offers: BTreeMap<&str, String> = ix
                .providers_by_alt
                .get(slug)
                .into_iter()
                .flatten()
                .filter_map(|p| d.providers.get(*p))
                .map(|p| (p.slug.as_str(), ix.offers_of_alternative(p, slug)))
                .collect();
            c.insert_value("providers", ix.provider_groups(&offers));
            "alternative.html"
        }
        KindFields::Provider(p) => {
            let offers: Vec<V> = p
                .offers
                .iter()
                .map(|o| {
                    let alts: Vec<V> = o.alternatives.iter().filter_map(|r| d.alternatives.get(&r.id)).map(|a| link(format!("alternatives/{}.html", a.slug), &a.name)).collect();
                    obj([
                        ("kind", ix.name_of_v(o.kind)),
                        ("alternatives", V::from(alts)),
                        ("price", V::from(price_text(ix, &o.price))),
                        ("registration", ix.name_of_v(o.registration)),
                        ("taking_new", V::from(o.taking_new)),
                    ])
                })
                .collect();
            let dept = p.location.department.as_deref().and_then(geo::department);
            let region = dept.map(|d| (d.2, ix.region_name(d.2)));
            let area: Vec<V> = p
                .area
                .iter()
                .map(|a| match a.as_str() {
                    "national" | "remote" => link(String::new(), &ix.label("area", a)),
                    code if code.starts_with("FR-") => link(places::region_path(code), &ix.region_name(code)),
                    dep => link(places::department_path(dep), &ix.department_label(dep)),
                })
                .collect();
            let contact = obj([("email", opt(&p.contact.email)), ("phone", opt(&p.contact.phone)), ("url", opt(&p.contact.url))]);
            let texts = |v: Vec<String>| V::from(v.into_iter().map(V::from).collect::<Vec<_>>());
            c.insert_value("prov", obj([
                ("legal_form", ix.name_of_v(p.legal_form)),
                ("country", V::from(geo::country_name(&p.location.country, d.site.language))),
                ("city", opt(&p.location.city)),
                ("department", dept.map(|d| V::from(ix.department_label(d.0))).unwrap_or_else(V::none)),
                ("department_path", dept.map(|d| plain(&places::department_path(d.0))).unwrap_or_else(V::none)),
                ("region", region.as_ref().map(|r| V::from(r.1.as_str())).unwrap_or_else(V::none)),
                ("region_path", region.as_ref().map(|r| plain(&places::region_path(r.0))).unwrap_or_else(V::none)),
                ("meet_in_person", p.meet_in_person.map(V::from).unwrap_or_else(V::none)),
                ("memberships", texts(p.memberships.iter().map(|m| ix.label("membership", m)).collect())),
                ("contact", contact),
                ("accessibility_features", texts(p.accessibility_features.iter().map(|f| ix.label("feature", f)).collect())),
            ]));
            c.insert_value("area", V::from(area));
            c.insert_value("offers", V::from(offers));
            "provider.html"
        }
    };
    Job { path: format!("{}/{}.html", e.kind().folder(), e.slug), template, ctx: c.into() }
}

/// A criterion as an entry page shows it.
pub(super) fn crit_value(ix: &Index, path: &V, name: &V, st: Status, evidence: V, source: V) -> V {
    super::views::value(&super::views::Assessment {
        path: path.clone(),
        name: name.clone(),
        status: plain(st.word()),
        symbol: plain(status_symbol(st)),
        label: ix.name_of_v(st),
        evidence,
        source,
    })
}

pub(super) fn price_text(ix: &Index, p: &Price) -> String {
    let mut s = ix.name_of(p.model);
    if let Some(f) = p.from_eur {
        let amount = if f.fract() == 0.0 { format!("{f:.0}") } else { format!("{f:.2}") };
        // French writes a decimal comma.
        let amount = if ix.c.dir.site.language == crate::i18n::Lang::Fr { amount.replace('.', ",") } else { amount };
        s.push_str(&format!(" · {} {amount} €", ix.s("price.from")));
    }
    if let Some(n) = &p.note {
        s.push_str(" · ");
        s.push_str(n);
    }
    s
}
