//! The access pages (`acces/<question>.html`, issue #17): the providers that answer a question
//! people ask before any question of software — without sign-up, free or pay what you can,
//! taking new members now, to meet in person (by region), training or support — by the rule of
//! [`crate::catalogue::Access`]. Each page states its count, and says how to widen the search
//! when nothing matches.

use super::*;
use crate::catalogue::Access;

/// `acces/<slug>.html`, paginated past `list_size`.
pub(super) fn access_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    Access::ALL.iter().flat_map(|a| facet_pages(ix, *a)).collect()
}

/// The facets that some provider answering `need` matches: the need page links them.
pub(super) fn facets_of_need(ix: &Index, need: &str) -> V {
    let d = &ix.c.dir;
    let providers: Vec<&crate::model::ProvFields> = ix.cat.for_need(need).into_iter().flat_map(|m| m.keys()).filter_map(|s| d.providers.get(*s)?.prov()).collect();
    V::from(Access::ALL.iter().filter(|a| providers.iter().any(|p| a.matches(p))).map(|a| facet_link(ix, *a, "")).collect::<Vec<_>>())
}

/// Every facet with its count, for the home page.
pub(super) fn facet_counts(ix: &Index) -> V {
    let d = &ix.c.dir;
    V::from(
        Access::ALL
            .iter()
            .map(|a| {
                let n = d.providers.values().filter_map(|p| p.prov()).filter(|p| a.matches(p)).count();
                obj([("path", plain(&format!("acces/{}.html", a.slug()))), ("name", V::from(ix.s(&format!("access.{}", a.slug())))), ("count", V::from(n))])
            })
            .collect::<Vec<_>>(),
    )
}

fn facet_link(ix: &Index, a: Access, root: &str) -> V {
    link(format!("{root}acces/{}.html", a.slug()), &ix.s(&format!("access.{}", a.slug())))
}

fn facet_pages<'i>(ix: &'i Index, a: Access) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let by_region = a == Access::MeetInPerson;
    // (group, name key, entry): groups are regions for meeting in person, else one group.
    let mut rows: Vec<(usize, &str, &Entry)> = d
        .providers
        .values()
        .filter(|p| p.prov().is_some_and(|f| a.matches(f)))
        .map(|p| {
            let group = if by_region { region_order(ix, p) } else { 0 };
            (group, ix.key(p), &**p)
        })
        .collect();
    rows.sort_by(|x, y| (x.0, x.1, &x.2.slug).cmp(&(y.0, y.1, &y.2.slug)));
    let n = rows.len();
    let others: Vec<V> = Access::ALL.iter().filter(|o| **o != a).map(|o| facet_link(ix, *o, "")).collect();
    let title = ix.s(&format!("access.{}", a.slug()));
    let intro = ix.s(&format!("access.{}.intro", a.slug()));
    // Each page's items are made when it is rendered, on the thread that renders it.
    paginate(rows, d.site.list_size, &format!("acces/{}", a.slug()))
        .into_iter()
        .map(|(pager, chunk)| {
            let (title, intro, others) = (title.clone(), intro.clone(), others.clone());
            let make = move || {
                let items: Vec<(String, Option<String>, V)> = chunk
                    .into_iter()
                    .map(|(g, _, p)| {
                        let offers = p.prov().map(|f| ix.offers_where(p, |o| a.keeps(f, o))).unwrap_or_default();
                        let group = if by_region { region_group_name(ix, g) } else { String::new() };
                        (group, None, ix.provider_item(p, &offers, seat(ix, p)))
                    })
                    .collect();
                let mut c = ctx("../", &title);
                c.insert_value("intro", V::from(intro.as_str()));
                c.insert_value("count", V::from(ix.count(n, "count.provider", "count.providers")));
                c.insert_value("groups", regroup(items));
                c.insert_value("others", V::from(others));
                c.insert_value("contribute", ix.contribute_path());
                c.insert_value("pager", pager.value);
                c
            };
            Job { path: pager.path, template: "access.html", ctx: Ctx::Later(Box::new(make)) }
        })
        .collect()
}

/// Where a provider is: its seat's city and department, else its country.
fn seat(ix: &Index, p: &Entry) -> V {
    let Some(f) = p.prov() else { return V::from("") };
    let mut parts: Vec<String> = f.location.city.iter().cloned().collect();
    match &f.location.department {
        Some(dept) => parts.push(ix.department_label(dept)),
        None if f.location.country != "FR" => parts.push(crate::geo::country_name(&f.location.country, ix.c.dir.site.language)),
        None => {}
    }
    V::from(parts.join(", "))
}

/// The region where people can meet a provider, as an order: the first region where it serves
/// on site, else its seat's; last, providers with neither.
fn region_order(ix: &Index, p: &Entry) -> usize {
    let reach = ix.cat.reach(&p.slug);
    let seat = p.prov().and_then(|f| f.location.department.as_deref()).and_then(crate::geo::region_of).and_then(crate::geo::region_index);
    reach.regions().into_iter().next().or(seat).unwrap_or(crate::geo::REGIONS.len())
}

fn region_group_name(ix: &Index, order: usize) -> String {
    match crate::geo::REGIONS.get(order) {
        Some(r) => ix.region_name(r.0),
        None => ix.s("access.nowhere"),
    }
}
