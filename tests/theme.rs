//! The default theme's colours: every text colour has a contrast of at least 4.5:1 against
//! the background, in light and in dark mode (WCAG 2.1 AA), read from the stylesheet itself.

use std::collections::BTreeMap;

fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    // `#555` is `#555555`.
    let h: String = if h.len() == 3 { h.chars().flat_map(|c| [c, c]).collect() } else { h.to_string() };
    let c = |i: usize| {
        let v = u8::from_str_radix(&h[i..i + 2], 16).unwrap() as f64 / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The `--name:#rrggbb` custom properties of the first `:root{…}` after `from`.
fn palette(css: &str, from: usize) -> BTreeMap<String, String> {
    let start = css[from..].find(":root{").map(|i| from + i + 6).unwrap();
    let end = start + css[start..].find('}').unwrap();
    css[start..end]
        .split(';')
        .filter_map(|decl| decl.trim().strip_prefix("--")?.split_once(':'))
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect()
}

#[test]
fn text_colours_have_aa_contrast_in_light_and_dark_modes() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/style.css")).unwrap();
    let light = palette(&css, 0);
    let dark = palette(&css, css.find("prefers-color-scheme:dark").expect("a dark mode"));
    for (mode, p) in [("light", &light), ("dark", &dark)] {
        let bg = &p["bg"];
        for key in ["fg", "muted", "link", "visited", "accent", "yes", "no", "partial"] {
            let ratio = contrast(&p[key], bg);
            assert!(ratio >= 4.5, "{mode}: --{key} {} on {bg}: {ratio:.2}:1", p[key]);
        }
        // Focus outlines are not text: 3:1 (WCAG 1.4.11).
        assert!(contrast(&p["focus"], bg) >= 3.0, "{mode}: focus");
    }
}
