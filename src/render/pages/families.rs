//! The pages of the taxonomy: the home page, the needs, the dominant tools and the criteria.

use crate::vocab::*;
use super::*;

/// The need groups in the order site.yaml gives (`groups:`), then the others alphabetically,
/// each with its needs in the order of their names: the home page's order, and "je remplace"'s.
fn need_groups(d: &crate::model::Directory) -> Vec<(&str, Vec<&Need>)> {
    let mut order: Vec<&str> = d.site.groups.iter().map(String::as_str).filter(|g| d.needs.values().any(|n| n.group == *g)).collect();
    let mut rest: Vec<&str> = d.needs.values().map(|n| n.group.as_str()).filter(|g| !order.contains(g)).collect();
    rest.sort_by_cached_key(|g| sort_key(g));
    rest.dedup();
    order.extend(rest);
    order
        .into_iter()
        .map(|g| {
            let mut needs: Vec<&Need> = d.needs.values().filter(|n| n.group == g).collect();
            needs.sort_by_cached_key(|n| sort_key(&n.name));
            (g, needs)
        })
        .collect()
}

/// `je-remplace.html`: every dominant tool by its name, grouped by the needs it serves (in the
/// home page's order), each leading to its tool page: the door of people who know only "Zoom"
/// or "Google Drive".
pub(super) fn replace_page<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let groups: Vec<V> = need_groups(d)
        .into_iter()
        .filter_map(|(g, needs)| {
            let needs: Vec<V> = needs
                .into_iter()
                .filter_map(|n| {
                    let mut tools: Vec<&crate::model::Tool> = ix.tools_by_need.get(n.id.as_str())?.iter().filter_map(|t| d.tools.get(*t)).collect();
                    tools.sort_by_cached_key(|t| sort_key(&t.name));
                    let tools: Vec<V> = tools.into_iter().map(|t| obj([("path", V::from(format!("tools/{}.html", t.id))), ("name", V::from(t.name.as_str())), ("vendor", V::from(t.vendor.as_str()))])).collect();
                    (!tools.is_empty()).then(|| obj([("path", V::from(format!("needs/{}.html", n.id))), ("name", V::from(n.name.as_str())), ("tools", V::from(tools))]))
                })
                .collect();
            (!needs.is_empty()).then(|| obj([("name", V::from(g)), ("needs", V::from(needs))]))
        })
        .collect();
    let mut c = ctx("", &ix.s("replace.title"));
    c.insert_value("groups", V::from(groups));
    c.insert_value("n_tools", V::from(ix.count(d.tools.len(), "count.tool", "count.tools")));
    vec![Job { path: "je-remplace.html".into(), template: "je-remplace.html", ctx: c.into() }]
}

pub(super) fn index_page<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let groups: Vec<V> = need_groups(d)
        .into_iter()
        .map(|(g, needs)| {
            let items: Vec<V> = needs
                .into_iter()
                .map(|n| {
                    let alts = ix.alts_by_need.get(n.id.as_str()).map(|v| v.len()).unwrap_or(0);
                    obj([("path", V::from(format!("needs/{}.html", n.id))), ("name", V::from(n.name.as_str())), ("summary", V::from(n.summary.as_str())), ("count", V::from(alts))])
                })
                .collect();
            obj([("name", V::from(g)), ("items", V::from(items))])
        })
        .collect();
    let criteria: Vec<V> = d.criteria.values().map(|cr| obj([("path", V::from(format!("criteria/{}.html", cr.id))), ("name", V::from(cr.name.as_str())), ("question", V::from(cr.question.as_str()))])).collect();
    let mut c = ctx("", &d.site.title);
    c.insert_value("groups", V::from(groups));
    c.insert_value("criteria", V::from(criteria));
    c.insert_value("regions", V::from(ix.region_counts()));
    c.insert_value("counts", obj([
        ("alternatives", V::from(ix.count(d.alternatives.len(), "count.alternative", "count.alternatives"))),
        ("providers", V::from(ix.count(d.providers.len(), "count.provider", "count.providers"))),
        ("needs", V::from(ix.count(d.needs.len(), "count.need", "count.needs"))),
        ("tools", V::from(ix.count(d.tools.len(), "count.tool", "count.tools"))),
    ]));
    c.insert_value("contribute", ix.contribute_path());
    c.insert_value("access", super::access::facet_counts(ix));
    let mut guides: Vec<&Page> = d.pages.values().filter(|p| p.guide).collect();
    guides.sort_by_cached_key(|p| sort_key(&p.name));
    let guides: Vec<V> = guides.into_iter().map(|p| obj([("path", plain(&format!("pages/{}.html", p.slug))), ("name", V::from(p.name.as_str())), ("summary", opt(&p.summary))])).collect();
    c.insert_value("guides", V::from(guides));
    c.insert_value("glossary", plain(crate::site_pages::GLOSSARY_PAGE));
    vec![Job { path: "index.html".into(), template: "index.html", ctx: c.into() }]
}

pub(super) fn need_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    d.needs
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|n| {
            let alt_slugs = ix.alts_by_need.get(n.id.as_str()).cloned().unwrap_or_default();
            let alts: Vec<V> = alt_slugs.iter().filter_map(|s| ix.alt_rows.get(s).cloned()).collect();
            // Providers that name the need or offer an alternative that meets it (the
            // catalogue's rule), with what they offer for it.
            let answering = ix.cat.for_need(n.id.as_str());
            let n_prov = answering.map_or(0, |m| m.len());
            // Past list_size, the list would outweigh the page: regions with their counts, each
            // linking to the region's page, which lists its providers.
            let (by_region, region_counts) = match answering {
                Some(m) if n_prov <= d.site.list_size => {
                    let offers: BTreeMap<&str, String> = m.iter().map(|(slug, o)| (*slug, ix.need_offers_text(o))).collect();
                    (ix.provider_groups(&offers), V::from(Vec::<V>::new()))
                }
                Some(m) => (V::from(Vec::<V>::new()), ix.provider_counts(m.keys().copied())),
                None => (V::from(Vec::<V>::new()), V::from(Vec::<V>::new())),
            };
            let tools: Vec<V> = ix.tools_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|t| ix.tool_links.get(t).cloned()).collect();
            let tools = V::from(tools);
            let access = super::access::facets_of_need(ix, n.id.as_str());
            let n_alts = alts.len();
            let need = obj([("id", V::from(n.id.as_str())), ("name", V::from(n.name.as_str())), ("summary", V::from(n.summary.as_str())), ("group", V::from(n.group.as_str()))]);
            let body = ix.body(&n.body);
            let look_for = V::from(n.look_for.iter().map(|b| V::from(b.html.as_str())).collect::<Vec<_>>());
            paginate(alts, d.site.list_size, &format!("needs/{}", n.id))
                .into_iter()
                .enumerate()
                .map(|(i, (pager, chunk))| {
                    let mut c = ctx("../", &n.name);
                    c.insert_value("layer", ix.layer_v("needs", &n.id));
                    c.insert_value("need", need.clone());
                    c.insert_value("body", first_page_only(i, &body));
                    c.insert_value("look_for", first_page_only(i, &look_for));
                    c.insert_value("alternatives", V::from(chunk));
                    c.insert_value("n_alternatives", V::from(n_alts));
                    c.insert_value("pager", pager.value);
                    c.insert_value("providers", first_page_only(i, &by_region));
                    c.insert_value("n_providers", V::from(n_prov));
                    c.insert_value("region_counts", first_page_only(i, &region_counts));
                    c.insert_value("tools", tools.clone());
                    c.insert_value("access", first_page_only(i, &access));
                    Job { path: pager.path, template: "need.html", ctx: c.into() }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

pub(super) fn tool_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let mut jobs = Vec::new();
    for t in d.tools.values() {
        let alts: Vec<V> = ix.alts_by_tool.get(t.id.as_str()).into_iter().flatten().filter_map(|s| ix.alt_rows.get(s).cloned()).collect();
        let needs: Vec<V> = t.needs.iter().filter_map(|r| ix.need_links.get(r.id.as_str()).cloned()).collect();
        let needs = V::from(needs);
        let n = alts.len();
        let title = ix.s("tool.title").replace("{name}", &t.name);
        let tool = obj([("id", V::from(t.id.as_str())), ("name", V::from(t.name.as_str())), ("vendor", V::from(t.vendor.as_str()))]);
        let body = ix.body(&t.body);
        for (i, (pager, chunk)) in paginate(alts, d.site.list_size, &format!("tools/{}", t.id)).into_iter().enumerate() {
            let mut c = ctx("../", &title);
            c.insert_value("layer", ix.layer_v("tools", &t.id));
            c.insert_value("tool", tool.clone());
            c.insert_value("body", first_page_only(i, &body));
            c.insert_value("needs", needs.clone());
            c.insert_value("alternatives", V::from(chunk));
            c.insert_value("n_alternatives", V::from(n));
            c.insert_value("pager", pager.value);
            jobs.push(Job { path: pager.path, template: "tool.html", ctx: c.into() });
        }
    }
    jobs
}

pub(super) fn criterion_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let entries: Vec<(&str, &Entry)> = d.entries().map(|e| (ix.key(e), e)).collect();
    d.criteria
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|cr| {
            let mut items: Vec<(Status, &str, &Entry)> = entries.iter().map(|(k, e)| (e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown), *k, *e)).collect();
            items.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
            for (s, _, _) in &items {
                *counts.entry(*s).or_default() += 1;
            }
            let counts = V::from(
                Status::ALL
                    .iter()
                    .map(|s| obj([("symbol", V::from(status_symbol(*s))), ("label", V::from(ix.name_of(*s))), ("count", V::from(counts.get(s).copied().unwrap_or(0)))]))
                    .collect::<Vec<_>>(),
            );
            let group_names: std::sync::Arc<BTreeMap<Status, String>> = std::sync::Arc::new(Status::ALL.iter().map(|s| (*s, format!("{} {}", status_symbol(*s), ix.name_of(*s)))).collect());
            let rows: Vec<(Status, &Entry)> = items.into_iter().map(|(st, _, e)| (st, e)).collect();
            let criterion = obj([("id", V::from(cr.id.as_str())), ("name", V::from(cr.name.as_str())), ("question", V::from(cr.question.as_str()))]);
            let body = ix.body(&cr.body);
            let id = cr.id.as_str();
            paginate(rows, d.site.list_size, &format!("criteria/{}", cr.id))
                .into_iter()
                .enumerate()
                .map(|(i, (pager, chunk))| {
                    let mut c = ctx("../", &cr.name);
                    c.insert_value("layer", ix.layer_v("criteria", &cr.id));
                    c.insert_value("criterion", criterion.clone());
                    c.insert_value("body", first_page_only(i, &body));
                    c.insert_value("counts", counts.clone());
                    let group_names = group_names.clone();
                    // The rows of this page (a card and the evidence of each entry), made when
                    // the page is rendered.
                    let make = move || {
                        let rows = chunk
                            .into_iter()
                            .map(|(st, e)| {
                                let evidence = e.criteria.get(id).and_then(|a| a.evidence.as_deref()).unwrap_or("");
                                (group_names[&st].clone(), None, obj([("card", ix.card(e)), ("evidence", V::from(evidence))]))
                            })
                            .collect();
                        c.insert_value("groups", regroup(rows));
                        c.insert_value("pager", pager.value);
                        c
                    };
                    Job { path: pager.path, template: "criterion.html", ctx: Ctx::Later(Box::new(make)) }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}
