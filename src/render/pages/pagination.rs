//! Long lists split into numbered pages (`x.html`, `x--2.html`…) and the pager each page shows.

use super::*;

pub(super) struct Pager {
    pub(super) path: String,
    pub(super) value: V,
}

/// Splits a list into pages of `size`; page 1 is `base.html`, then `base--2.html`… (a slug
/// never holds `--`, so these names cannot collide with a record's page).
pub(super) fn paginate<T>(items: Vec<T>, size: usize, base: &str) -> Vec<(Pager, Vec<T>)> {
    let size = size.max(1);
    let total = items.len().div_ceil(size).max(1);
    let name = |n: usize| if n == 1 { format!("{base}.html") } else { format!("{base}--{n}.html") };
    let file_name = |n: usize| name(n).rsplit('/').next().unwrap_or("").to_string();
    // Up to 11 pages, every number; past that, the first, the last and two on each side of the
    // current one, with gaps: a long list's pages do not each carry a link to every other page.
    let window = |n: usize| -> V {
        if total <= 1 {
            return V::from(Vec::<V>::new());
        }
        let mut shown: Vec<usize> = if total <= 11 { (1..=total).collect() } else { [1, total].into_iter().chain(n.saturating_sub(2).max(1)..=(n + 2).min(total)).collect() };
        shown.sort();
        shown.dedup();
        let mut v = Vec::new();
        let mut last = 0;
        for k in shown {
            if k > last + 1 {
                v.push(obj([("path", V::from("")), ("name", V::from("…")), ("current", V::from(false))]));
            }
            v.push(obj([("path", plain(&file_name(k))), ("name", V::from(k.to_string())), ("current", V::from(k == n))]));
            last = k;
        }
        V::from(v)
    };
    let mut out = Vec::with_capacity(total);
    let mut it = items.into_iter();
    for n in 1..=total {
        let chunk: Vec<T> = it.by_ref().take(size).collect();
        let value = obj([
            ("current", V::from(n)),
            ("total", V::from(total)),
            ("pages", window(n)),
            ("prev", if n > 1 { plain(&file_name(n - 1)) } else { V::none() }),
            ("next", if n < total { plain(&file_name(n + 1)) } else { V::none() }),
        ]);
        out.push((Pager { path: name(n), value }, chunk));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(pager: &V) -> Vec<String> {
        let json = serde_json::to_value(pager).unwrap();
        json["pages"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn long_pagers_show_a_window() {
        let pages = paginate((0..300).collect::<Vec<_>>(), 10, "x");
        assert_eq!(pages.len(), 30);
        assert_eq!(pages[0].0.path, "x.html");
        assert_eq!(pages[1].0.path, "x--2.html");
        assert_eq!(names(&pages[14].0.value), ["1", "…", "13", "14", "15", "16", "17", "…", "30"]);
        assert_eq!(names(&pages[0].0.value), ["1", "2", "3", "…", "30"]);
        let short = paginate((0..50).collect::<Vec<_>>(), 10, "y");
        assert_eq!(names(&short[2].0.value), ["1", "2", "3", "4", "5"]);
    }
}
