//! "Près de chez vous" (spec §2.2 and §3): which providers land in which group of the need,
//! alternative, region and department pages, for providers of every kind of `area`: a
//! department (cafe-libre, 34), a region and a department outside the seat's region
//! (provence-hebergement, seat 13, area FR-OCC and 30), two departments (corse-libre), national
//! with a seat (cooperative-nationale, 69), a region plus remote (reunion-numerique), remote only
//! (a-distance), and a seat that its `area` does not name (siege-gardois, seat 30, area 48).

mod common;

use common::*;
use std::path::Path;

/// The valid fixture site with the providers of `tests/fixtures/places/providers` added, built.
fn built_places() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = site_copy("valid");
    for f in std::fs::read_dir(fixture("places/providers")).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, site.path().join("content/providers").join(f.file_name().unwrap())).unwrap();
    }
    run(site.path(), &["build"], &[]).expect(0);
    let out = site.path().join("public");
    (site, out)
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of each `<h3>` of a page section (between `<h2 id="{id}"` and the next `<h2`), with
/// the providers listed under it: `"Occitanie: Café Libre, Provence Hébergement"`.
fn groups(html: &str, id: &str) -> Vec<String> {
    let from = html.find(&format!("<h2 id=\"{id}\"")).unwrap_or_else(|| panic!("section {id}"));
    let rest = &html[from + 4..];
    let section = &rest[..rest.find("<h2").or_else(|| rest.find("</main>")).unwrap_or(rest.len())];
    let strip = |s: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&#39;", "'")
    };
    section
        .split("<h3>")
        .skip(1)
        .map(|g| {
            let (head, body) = g.split_once("</h3>").unwrap();
            let names: Vec<String> = body.split("<li><a href=\"").skip(1).map(|li| strip(&li[li.find('>').unwrap() + 1..li.find("</a>").unwrap()])).collect();
            format!("{}: {}", strip(head), names.join(", "))
        })
        .collect()
}

#[test]
fn need_page_groups_local_providers_by_region_then_everywhere() {
    let (_site, out) = built_places();
    let page = read(&out, "needs/documents-partages.html");
    assert_eq!(
        groups(&page, "prestataires"),
        [
            "Corse: Corsica Libre Informatique",
            "Occitanie: Le Café libre, Provence Hébergement, Siège Gardois",
            "Provence-Alpes-Côte d'Azur: Provence Hébergement",
            "Partout en France ou à distance: Coopérative du Libre",
        ]
    );
    // The national provider is not local to its seat's region.
    assert!(!page.contains("fr-ara.html"), "no Auvergne-Rhône-Alpes group");
    insta::assert_snapshot!("need_documents_partages", main_of(&page));
}

/// Regression (issue #13): a provider that names a need in `needs` without an offer for it was
/// missing from that need's page.
#[test]
fn a_provider_naming_a_need_without_an_offer_for_it_is_on_the_need_page() {
    let (_site, out) = built_places();
    let page = read(&out, "needs/sondage-date.html");
    let g = groups(&page, "prestataires");
    assert!(g.iter().any(|l| l.starts_with("Occitanie:") && l.contains("Siège Gardois")), "{g:?}");
    // What it offers is said without claiming an alternative it does not host for this need.
    assert!(page.contains("Siège Gardois</a> (Gard (30), Lozère (48))<br>Hébergement · adhésion · accepte de nouvelles structures"), "{page}");
}

#[test]
fn department_page_lists_local_then_neighbours_then_everywhere() {
    let (_site, out) = built_places();
    let page = read(&out, "departements/34.html");
    assert_eq!(groups(&page, "sur-place"), ["Documents partagés: Le Café libre, Provence Hébergement", "Visioconférence: Le Café libre, Provence Hébergement"]);
    // Gard (30) is a neighbour of the Hérault: its own providers, not those already local here.
    assert_eq!(groups(&page, "voisins"), ["Documents partagés: Siège Gardois", "Sondage de date: Siège Gardois", "Visioconférence: Siège Gardois"]);
    assert_eq!(
        groups(&page, "partout"),
        ["Courriel: Réunion Numérique Solidaire", "Documents partagés: Coopérative du Libre", "Sondage de date: Réunion Numérique Solidaire", "Visioconférence: À Distance Solidaire, Coopérative du Libre"]
    );
    insta::assert_snapshot!("department_34", main_of(&page));
}

#[test]
fn every_region_and_department_has_a_page_even_when_empty() {
    let (_site, out) = built_places();
    let regions: Vec<_> = std::fs::read_dir(out.join("regions")).unwrap().collect();
    let departments: Vec<_> = std::fs::read_dir(out.join("departements")).unwrap().collect();
    assert_eq!(regions.len(), 18);
    assert_eq!(departments.len(), 101);
    let empty = read(&out, "departements/2b.html");
    assert!(empty.contains("Corsica Libre Informatique"), "2B is served by corse-libre");
    let empty = read(&out, "departements/50.html");
    assert!(empty.contains("Aucun prestataire de l&#39;annuaire n&#39;intervient encore sur place dans ce département."));
    assert!(empty.contains("<a href=\"../pages/contribuer.html\">voici comment contribuer.</a>"), "says how to propose one");
    let overseas = read(&out, "departements/974.html");
    assert!(overseas.contains("Ce département n&#39;a pas de département voisin par la terre."));
}

#[test]
fn region_page_lists_its_departments_with_counts_and_local_providers_by_need() {
    let (_site, out) = built_places();
    let page = read(&out, "regions/fr-occ.html");
    assert!(page.contains("<a href=\"../departements/34.html\">Hérault (34)</a> <span class=\"n\">(2 prestataires)</span>"), "{page}");
    assert!(page.contains("<a href=\"../departements/48.html\">Lozère (48)</a> <span class=\"n\">(2 prestataires)</span>"));
    assert!(page.contains("Sur place dans la région : 3 prestataires. Partout en France ou à distance : 3 prestataires."), "{page}");
    insta::assert_snapshot!("region_occitanie", main_of(&page));
}

#[test]
fn map_page_links_every_region_without_script_and_credits_its_source() {
    let (_site, out) = built_places();
    let page = read(&out, "regions.html");
    for code in ["fr-ara", "fr-cor", "fr-occ", "fr-971", "fr-976"] {
        assert_eq!(page.matches(&format!("href=\"regions/{code}.html\"")).count(), 2, "{code}: on the map and in the list");
    }
    assert!(page.contains("<title>Occitanie : 3 prestataires</title>"));
    assert!(page.contains("CC BY 4.0"));
    assert!(!page.contains("<script"));
    // Within the budget of the fixture site (14 KB gzip), as the build itself checks.
    let index = read(&out, "index.html");
    assert!(index.contains("<a href=\"regions.html\">"), "the home page leads to the map");
}

/// The open data says where each provider serves, by the same rule as the pages.
#[test]
fn open_data_lists_the_departments_served() {
    let (_site, out) = built_places();
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/directory.json")).unwrap();
    let find = |slug: &str| json["providers"].as_array().unwrap().iter().find(|p| p["slug"] == slug).unwrap().clone();
    assert_eq!(find("siege-gardois")["serves_locally"], serde_json::json!(["30", "48"]));
    assert_eq!(find("cooperative-nationale")["serves_locally"], serde_json::json!([]));
    assert_eq!(find("corse-libre")["serves_locally"], serde_json::json!(["2A", "2B"]));
}
