//! The shape of the code (issue #16): no source file over 600 lines, and no cycle between the
//! program's top modules (a module that names `crate::x` depends on `x`; comments and tests
//! left out), so that each rule has one home and modules can be read bottom up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut v = Vec::new();
    for e in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "rs") {
            let rel = e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            v.push((rel, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    v
}

#[test]
fn no_source_file_over_600_lines() {
    let long: Vec<String> = sources().into_iter().filter(|(_, t)| t.lines().count() > 600).map(|(f, t)| format!("{f}: {}", t.lines().count())).collect();
    assert!(long.is_empty(), "{long:?}");
}

#[test]
fn no_cycle_between_modules() {
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, text) in sources() {
        let top = file.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        if top == "main" || top == "lib" {
            continue;
        }
        let code = text.split("#[cfg(test)]").next().unwrap();
        for line in code.lines() {
            let line = line.split("//").next().unwrap();
            for part in line.split("crate::").skip(1) {
                let name: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                // `crate::tr!` is the translation macro, defined at the crate's root.
                if !name.is_empty() && name != top && name != "tr" {
                    deps.entry(top.clone()).or_default().insert(name);
                }
            }
        }
    }
    fn reaches(deps: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
        deps.get(from).into_iter().flatten().any(|n| n == to || (seen.insert(n.clone()) && reaches(deps, n, to, seen)))
    }
    let mut cycles = Vec::new();
    for (a, bs) in &deps {
        for b in bs {
            if reaches(&deps, b, a, &mut BTreeSet::new()) {
                cycles.push(format!("{a} -> {b}"));
            }
        }
    }
    assert!(cycles.is_empty(), "edges on a cycle: {cycles:?}");
}
