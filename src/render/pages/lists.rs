//! The pages that list the whole directory: free pages, A–Z, "to verify", the printable
//! directory, the open-data page, the offline page and 404.

use crate::vocab::*;
use super::*;

pub(super) fn other_pages<'i>(ix: &'i Index, opts: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let mut jobs = Vec::new();
    for p in d.pages.values() {
        let mut c = ctx("../", &p.name);
        c.insert_value("layer", ix.layer_v("pages", &p.slug));
        c.insert_value("page", obj([("slug", V::from(p.slug.as_str())), ("name", V::from(p.name.as_str())), ("summary", opt(&p.summary))]));
        c.insert_value("body", ix.body(&p.body));
        jobs.push(Job { path: format!("pages/{}.html", p.slug), template: "page.html", ctx: c.into() });
    }
    az_pages(ix, &mut jobs);
    glossary_page(ix, &mut jobs);
    verify_pages(ix, &mut jobs);
    print_page(ix, &mut jobs);

    let mut c = ctx("", &ix.s("data.title"));
    c.insert("criteria_ids", &d.criteria.keys().collect::<Vec<_>>());
    jobs.push(Job { path: "donnees.html".into(), template: "data.html", ctx: c.into() });

    if opts.bundle.is_some() {
        jobs.push(Job { path: "hors-ligne.html".into(), template: "offline.html", ctx: (ctx("", &ix.s("offline.title"))).into() });
        // The copy inside the zip cannot link to the zip itself: it says it is the offline copy.
        let mut c = ctx("", &ix.s("offline.title"));
        c.insert("in_bundle", &true);
        jobs.push(Job { path: crate::render::IN_BUNDLE_OFFLINE.into(), template: "offline.html", ctx: c.into() });
    }
    jobs.push(Job { path: "404.html".into(), template: "404.html", ctx: (ctx("", &ix.s("notfound.title"))).into() });
    jobs
}

/// `glossaire.html`: every word of the glossary with its definition, in the order of the
/// words, each an anchor (`#instance`) that the pages' first uses link to. One page, so that
/// those links name one file.
fn glossary_page<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let mut words: Vec<&crate::model::Term> = d.glossary.values().collect();
    words.sort_by_cached_key(|w| (sort_key(&w.term.text), w.slug.clone()));
    let words: Vec<V> = words
        .into_iter()
        .map(|w| {
            let sources: Vec<V> = w.sources.iter().map(|s| obj([("url", V::from(s.as_str())), ("host", V::from(crate::util::url::host(s)))])).collect();
            let aliases: Vec<V> = w.aliases.iter().filter(|a| crate::glossary::key(&a.text) != crate::glossary::key(&w.term.text)).map(|a| V::from(a.text.as_str())).collect();
            obj([("slug", plain(&w.slug)), ("term", V::from(w.term.text.as_str())), ("aliases", V::from(aliases)), ("body", ix.body(&w.body)), ("sources", V::from(sources)), ("layer", ix.layer_v("glossary", &w.slug))])
        })
        .collect();
    let mut c = ctx("", &ix.s("glossary.title"));
    c.insert_value("n_words", V::from(ix.count(words.len(), "count.word", "count.words")));
    c.insert_value("words", V::from(words));
    c.insert_value("contribute", ix.contribute_path());
    jobs.push(Job { path: crate::site_pages::GLOSSARY_PAGE.into(), template: "glossary.html", ctx: c.into() });
}

/// A–Z: alternatives, providers and the dominant tools they replace (people look for "Zoom"
/// too), on one page, or one page per initial letter past `list_size`.
pub(super) fn az_pages<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let letter_of = |key: &str| key.chars().next().filter(|c| c.is_ascii_lowercase()).map(|c| c.to_ascii_uppercase().to_string()).unwrap_or_else(|| "0-9".into());
    // (sort key, 0 alternative | 1 provider | 2 tool, id, letter, card)
    let mut all: Vec<(String, u8, &str, String, V)> = d
        .entries()
        .map(|e| {
            let key = ix.key(e).to_string();
            let letter = letter_of(&key);
            (key, e.kind() as u8, e.slug.as_str(), letter, ix.card(e))
        })
        .collect();
    let tool_kind = ix.label("kind", "tool");
    all.extend(d.tools.values().map(|t| {
        let key = sort_key(&t.name);
        let letter = letter_of(&key);
        let card = obj([("path", plain(&format!("tools/{}.html", t.id))), ("name", V::from(t.name.as_str())), ("summary", V::from(ix.count(ix.alts_by_tool.get(t.id.as_str()).map(|v| v.len()).unwrap_or(0), "count.alternative", "count.alternatives"))), ("kind", V::from(tool_kind.as_str())), ("status_label", V::from(""))]);
        (key, 2, t.id.as_str(), letter, card)
    }));
    all.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let mut letters: Vec<(String, String)> = Vec::new();
    for (_, _, _, l, _) in &all {
        if letters.last().map(|x| &x.0) != Some(l) {
            letters.push((l.clone(), format!("a-z-{}.html", l.to_ascii_lowercase())));
        }
    }
    let letters_v = V::from(letters.iter().map(|(l, p)| link(p.clone(), l)).collect::<Vec<_>>());
    let split = all.len() > d.site.list_size;
    let title = ix.s("az.title");
    let n_total = all.len();
    let rows: Vec<(String, Option<String>, V)> = all.into_iter().map(|(_, _, _, l, card)| (l, None, card)).collect();
    let mut c = ctx("", &title);
    c.insert_value("letters", letters_v.clone());
    c.insert_value("split", V::from(split));
    c.insert_value("n_total", V::from(n_total));
    c.insert_value("letter", V::none());
    c.insert_value("pager", obj([("total", V::from(1))]));
    if split {
        c.insert_value("groups", V::from(Vec::<V>::new()));
        let mut by_letter: BTreeMap<String, Vec<(String, Option<String>, V)>> = BTreeMap::new();
        for r in rows {
            by_letter.entry(r.0.clone()).or_default().push(r);
        }
        for (l, path) in &letters {
            // A letter longer than list_size is itself split: a-z-c.html, a-z-c--2.html…
            let base = path.trim_end_matches(".html");
            for (pager, chunk) in paginate(by_letter.remove(l).unwrap_or_default(), d.site.list_size, base) {
                let mut lc = ctx("", &format!("{title} — {l}"));
                lc.insert_value("letters", letters_v.clone());
                lc.insert_value("split", V::from(true));
                lc.insert_value("n_total", V::from(n_total));
                lc.insert_value("groups", regroup(chunk));
                lc.insert_value("letter", V::from(l.as_str()));
                lc.insert_value("pager", pager.value);
                jobs.push(Job { path: pager.path, template: "a-z.html", ctx: lc.into() });
            }
        }
    } else {
        c.insert_value("groups", regroup(rows));
    }
    jobs.push(Job { path: "a-z.html".into(), template: "a-z.html", ctx: c.into() });
}

/// To verify: never verified first, then oldest verification first.
pub(super) fn verify_pages<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let stale_limit = d.site.stale_after_months as i64;
    let mut rows: Vec<(Option<&String>, &str, &Entry)> = d.entries().map(|e| (e.last_verified.as_ref(), ix.key(e), e)).collect();
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let never = ix.s("verify.never");
    let due = ix.s("verify.due");
    let items: Vec<V> = rows
        .iter()
        .map(|(lv, _, e)| {
            let stale = match (lv, &ix.c.edition) {
                (Some(v), Some(ed)) => crate::dates::is_stale(v, ed, d.site.stale_after_months),
                (None, _) => true,
                _ => false,
            };
            obj([
                ("card", ix.card(e)),
                ("verified", lv.map(|s| V::from(crate::dates::long(s, d.site.language))).unwrap_or_else(|| V::from(never.as_str()))),
                ("due", V::from(if stale { due.as_str() } else { "" })),
            ])
        })
        .collect();
    let n_rows = items.len();
    for (pager, chunk) in paginate(items, d.site.list_size, "a-verifier") {
        let mut c = ctx("", &ix.s("verify.title"));
        c.insert_value("entries", V::from(chunk));
        c.insert_value("pager", pager.value);
        c.insert_value("n_total", V::from(n_rows));
        c.insert_value("months", V::from(stale_limit));
        jobs.push(Job { path: pager.path, template: "to-verify.html", ctx: c.into() });
    }
}

/// The printable directory: needs first, then every entry with its facts written out.
pub(super) fn print_page<'i>(ix: &'i Index, jobs: &mut Vec<Job<'i>>) {
    let d = &ix.c.dir;
    let needs: Vec<V> = d
        .needs
        .values()
        .map(|n| {
            let alts: Vec<V> = ix.alts_by_need.get(n.id.as_str()).into_iter().flatten().filter_map(|s| d.alternatives.get(*s)).map(|a| V::from(a.name.as_str())).collect();
            obj([("name", V::from(n.name.as_str())), ("summary", V::from(n.summary.as_str())), ("alternatives", V::from(alts))])
        })
        .collect();
    let sorted = |m: &'i crate::model::Entries| {
        let mut v: Vec<&'i Entry> = m.values().map(|e| &**e).collect();
        v.sort_by(|a, b| (ix.key(a), &a.slug).cmp(&(ix.key(b), &b.slug)));
        v
    };
    // One document for a directory of any usual size; past ten lists' worth of entries (a
    // network of networks) it is split into documents of that many entries, each still
    // printable as a whole: print.html, print--2.html…
    let mut all: Vec<(bool, &'i Entry)> = sorted(&d.alternatives).into_iter().map(|e| (true, e)).collect();
    all.extend(sorted(&d.providers).into_iter().map(|e| (false, e)));
    let needs = V::from(needs);
    for (i, (pager, chunk)) in paginate(all, d.site.list_size * 10, "print").into_iter().enumerate() {
        let needs = first_page_only(i, &needs);
        // Each entry written out in full: made when the page is rendered.
        let make = move || {
            let mut c = ctx("", &ix.s("print.title"));
            c.insert_value("needs", needs);
            let (alts, provs): (Vec<_>, Vec<_>) = chunk.into_iter().partition(|(alt, _)| *alt);
            c.insert_value("alternatives", V::from(alts.into_iter().map(|x| print_entry(ix, x.1)).collect::<Vec<_>>()));
            c.insert_value("providers", V::from(provs.into_iter().map(|x| print_entry(ix, x.1)).collect::<Vec<_>>()));
            c.insert_value("pager", pager.value);
            c
        };
        jobs.push(Job { path: pager.path, template: "print.html", ctx: Ctx::Later(Box::new(make)) });
    }
}

/// An entry on the printable pages: every fact written out.
pub(super) fn print_entry(ix: &Index, e: &Entry) -> V {
    let d = &ix.c.dir;
    let crit: Vec<V> = d
        .criteria
        .values()
        .map(|cr| {
            let st = e.criteria.get(&cr.id).map(|a| a.status).unwrap_or(Status::Unknown);
            V::from(format!("{} {} {}", cr.name, status_symbol(st), ix.name_of(st)))
        })
        .collect();
    let p = e.prov();
    let offers: Vec<String> = p.map(|p| ix.offer_types(p)).unwrap_or_default();
    obj([
        ("name", V::from(e.name.as_str())),
        ("summary", V::from(e.summary.as_str())),
        ("website", opt(&e.website)),
        ("criteria", V::from(crit)),
        ("status_label", V::from(ix.status_label(e))),
        ("license", e.alt().map(|a| V::from(a.license.as_str())).unwrap_or_else(V::none)),
        ("source", e.alt().map(|a| V::from(a.source.as_str())).unwrap_or_else(V::none)),
        ("city", p.map(|p| opt(&p.location.city)).unwrap_or_else(V::none)),
        ("department", p.and_then(|p| p.location.department.as_deref()).map(|x| V::from(ix.department_label(x))).unwrap_or_else(V::none)),
        ("contact", p.map(|p| obj([("email", opt(&p.contact.email)), ("phone", opt(&p.contact.phone)), ("url", opt(&p.contact.url))])).unwrap_or_else(V::none)),
        ("offers", V::from(offers.into_iter().map(V::from).collect::<Vec<_>>())),
        ("reservations", V::from(e.reservations.iter().map(|r| V::from(format!("{} — {}", ix.name_of(r.severity), r.text))).collect::<Vec<_>>())),
    ])
}
