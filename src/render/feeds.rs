//! The Atom feed (`feed.xml`) and, when the site has a `base_url`, `sitemap.xml`: the theme's
//! templates of those names, which a theme can override like any page. Their values come
//! escaped for XML (and without control characters, which XML 1.0 forbids) and marked safe, so
//! that a template writes them as they are.

use super::{Engine, Sink};
use crate::check::Checked;
use crate::diag::Diagnostic;
use crate::model::Entry;
use tera::Value as V;

/// How many entries the feed shows: the ones changed last.
const FEED_ENTRIES: usize = 50;

/// The feed, then the sitemap of `pages` (the site's pages, as rendered).
pub fn write(c: &Checked, engine: &Engine, pages: &[String], sink: &dyn Sink) -> Result<(), Diagnostic> {
    sink.put("feed.xml".into(), engine.render("feed.xml", &feed(c, engine))?);
    if let Some(base) = &c.dir.site.base_url {
        let pages: Vec<V> = pages.iter().filter(|p| !p.starts_with('.') && *p != "404.html").map(|p| safe(p)).collect();
        let mut ctx = tera::Context::new();
        ctx.insert_value("base", safe(base));
        ctx.insert_value("pages", V::from(pages));
        sink.put("sitemap.xml".into(), engine.render("sitemap.xml", &ctx)?);
    }
    Ok(())
}

/// The entries changed last (their verification date, else the edition's), newest first.
fn feed(c: &Checked, engine: &Engine) -> tera::Context {
    let d = &c.dir;
    let edition = c.edition.clone().unwrap_or_else(|| "1970-01-01".into());
    let base = d.site.base_url.clone();
    let id_base = base.clone().unwrap_or_else(|| format!("urn:aiguillage:{}:", crate::util::slug::slugify(&d.site.title)));
    let mut entries: Vec<(&String, &Entry)> = d.entries().map(|e| (e.last_verified.as_ref().unwrap_or(&edition), e)).collect();
    // Newest first; the ones shown are picked before sorting (the directory may be large).
    let order = |a: &(&String, &Entry), b: &(&String, &Entry)| b.0.cmp(a.0).then(a.1.slug.cmp(&b.1.slug)).then(a.1.kind().cmp(&b.1.kind()));
    if entries.len() > FEED_ENTRIES {
        entries.select_nth_unstable_by(FEED_ENTRIES - 1, order);
        entries.truncate(FEED_ENTRIES);
    }
    entries.sort_by(order);
    let updated = entries.first().map(|x| x.0.clone()).unwrap_or(edition.clone());
    let kind = |e: &Entry| engine.strings.get(&format!("kind.{}", e.kind().word())).cloned().unwrap_or_default();
    let items: Vec<V> = entries
        .into_iter()
        .map(|(date, e)| {
            let mut m = tera::Map::new();
            m.insert("title".into(), safe(&e.name));
            m.insert("kind".into(), safe(&kind(e)));
            m.insert("path".into(), safe(&format!("{}/{}.html", e.kind().folder(), e.slug)));
            m.insert("updated".into(), safe(date));
            m.insert("summary".into(), safe(&e.summary));
            V::from(m)
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert_value("title", safe(&d.site.title));
    ctx.insert_value("subtitle", safe(&d.site.description));
    ctx.insert_value("id", safe(&id_base));
    ctx.insert_value("updated", safe(&updated));
    ctx.insert_value("base", base.as_deref().map(safe).unwrap_or_else(V::none));
    ctx.insert_value("entries", V::from(items));
    ctx
}

/// A text escaped for XML, control characters dropped, marked safe.
fn safe(s: &str) -> V {
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
    V::safe_string(&o)
}
