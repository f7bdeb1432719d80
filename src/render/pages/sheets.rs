//! The decision sheets, `grilles/<need>.html`: one printable page per need for a group that
//! chooses a tool together. Its questions, one column per alternative and one for "without a
//! digital tool", the criteria filled in from the records, empty rows for the group's own
//! criteria and its test, and a box for the choice. Past [`COLUMNS`] alternatives, the columns
//! go on to a second sheet (`grilles/<need>--2.html`), each one printed page.

use super::*;

/// Alternatives per sheet: with the "without a digital tool" column and the row heads, what
/// an A4 page in landscape holds in print that stays readable (checked by printing).
pub(super) const COLUMNS: usize = 4;

/// Sheets per need at most: a group compares a few tools, not a hundred. Past
/// `COLUMNS * SHEETS` alternatives the sheets show the first ones by name and say how many
/// there are, pointing to the need's page to choose others (a directory of 10,000 records has
/// needs with 250 alternatives: 65 sheets each would help no meeting).
pub(super) const SHEETS: usize = 3;

/// Evidence beyond this many characters is cut at a word: the sheet shows a line or two, the
/// record's page the rest.
const EVIDENCE_CHARS: usize = 90;

/// Provider names shown in a column before "and N others".
const NAMES: usize = 3;

/// `text` cut at a word before `max` characters, with `…`.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// One alternative's column: its head, then a cell for each row of [`rows`], in order.
struct Column {
    head: V,
    cells: Vec<V>,
}

/// A cell of a sheet: a status (symbol and word, never colour alone) and a line of text.
fn cell(status: Option<Status>, ix: &Index, text: String) -> V {
    obj([
        ("symbol", status.map(|s| plain(status_symbol(s))).unwrap_or_else(V::none)),
        ("label", status.map(|s| V::from(ix.name_of(s))).unwrap_or_else(V::none)),
        ("text", V::from(text)),
    ])
}

fn column(ix: &Index, e: &Entry) -> Column {
    let d = &ix.c.dir;
    let mut cells: Vec<V> = d
        .criteria
        .values()
        .map(|cr| {
            let a = e.criteria.get(&cr.id);
            let st = a.map(|a| a.status).unwrap_or(Status::Unknown);
            let evidence = a.and_then(|a| a.evidence.as_deref()).map(|t| shortened(t, EVIDENCE_CHARS)).unwrap_or_default();
            cell(Some(st), ix, evidence)
        })
        .collect();
    let a = e.alt();
    cells.push(cell(None, ix, a.map(|a| a.license.clone()).unwrap_or_default()));
    cells.push(cell(None, ix, a.map(|a| a.platforms.iter().map(|p| ix.name_of(*p)).collect::<Vec<_>>().join(", ")).unwrap_or_default()));
    let mut providers: Vec<&Entry> = ix.providers_by_alt.get(e.slug.as_str()).into_iter().flatten().filter_map(|p| d.providers.get(*p).map(|b| &**b)).collect();
    providers.sort_by(|a, b| ix.key(a).cmp(ix.key(b)));
    let n = providers.len();
    let mut who = if n == 0 { ix.s("sheet.nobody") } else { ix.count(n, "count.provider", "count.providers") };
    if n > 0 {
        let names: Vec<&str> = providers.iter().take(NAMES).map(|p| p.name.as_str()).collect();
        who.push_str(" : ");
        who.push_str(&names.join(", "));
        if n > NAMES {
            who.push_str(&ix.s("sheet.and_others").replace("{n}", &(n - NAMES).to_string()));
        }
    }
    cells.push(cell(None, ix, who));
    let head = obj([("name", V::from(e.name.as_str())), ("path", plain(&format!("alternatives/{}.html", e.slug))), ("status_label", V::from(ix.status_label(e)))]);
    Column { head, cells }
}

/// The heads of the filled rows: the criteria, then licence, platforms, who can host it.
fn rows(ix: &Index) -> Vec<V> {
    let mut heads: Vec<V> = ix.c.dir.criteria.values().map(|c| V::from(c.name.as_str())).collect();
    for k in ["col_license", "col_platforms", "sheet_who"] {
        heads.push(V::from(ix.s(k)));
    }
    heads
}

pub(super) fn sheet_pages<'i>(ix: &'i Index, _: &RenderOptions) -> Vec<Job<'i>> {
    let d = &ix.c.dir;
    let heads = rows(ix);
    d.needs
        .values()
        .collect::<Vec<_>>()
        .par_iter()
        .flat_map_iter(|n| {
            let slugs = ix.alts_by_need.get(n.id.as_str()).map_or(&[][..], |v| &v[..]);
            let all = slugs.len();
            let columns: Vec<Column> = slugs.iter().take(COLUMNS * SHEETS).filter_map(|s| d.alternatives.get(*s)).map(|e| column(ix, e)).collect();
            let more = (all > COLUMNS * SHEETS).then(|| ix.s("sheet.more").replace("{n}", &all.to_string()).replace("{shown}", &(COLUMNS * SHEETS).to_string()));
            let look_for = V::from(n.look_for.iter().map(|b| V::from(b.html.as_str())).collect::<Vec<_>>());
            let need = obj([("id", plain(&n.id)), ("name", V::from(n.name.as_str()))]);
            let title = ix.s("sheet.title").replace("{name}", &n.name);
            let heads = heads.clone();
            paginate(columns, COLUMNS, &format!("grilles/{}", n.id))
                .into_iter()
                .map(move |(pager, chunk)| {
                    // Rows across the columns, as a table is written.
                    let rows: Vec<V> = heads
                        .iter()
                        .enumerate()
                        .map(|(i, h)| obj([("head", h.clone()), ("cells", V::from(chunk.iter().map(|c| c.cells[i].clone()).collect::<Vec<_>>()))]))
                        .collect();
                    let mut c = ctx("../", &title);
                    c.insert_value("need", need.clone());
                    c.insert_value("look_for", look_for.clone());
                    c.insert_value("columns", V::from(chunk.into_iter().map(|c| c.head).collect::<Vec<_>>()));
                    c.insert_value("rows", V::from(rows));
                    c.insert_value("n_alternatives", V::from(ix.count(all, "count.alternative", "count.alternatives")));
                    c.insert_value("pager", pager.value);
                    c.insert_value("more", more.as_deref().map(V::from).unwrap_or_else(V::none));
                    Job { path: pager.path, template: "sheet.html", ctx: c.into() }
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn evidence_is_cut_at_a_word() {
        assert_eq!(shortened("court", 90), "court");
        assert_eq!(shortened("un deux trois quatre", 12), "un deux…");
        assert_eq!(shortened("un, deux trois", 5), "un…");
        assert_eq!(shortened("abcdefghij", 4), "abcd…");
    }
}
