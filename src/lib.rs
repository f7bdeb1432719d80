//! Aiguillage: a static-site generator for a directory of ethical providers and libre
//! alternatives. `content/` → validated records → a zero-JavaScript static site.

pub mod bundle;
pub mod catalogue;
pub mod dates;
pub mod edition;
pub mod check;
pub mod cli;
pub mod content;
pub mod diag;
pub mod geo;
pub mod glossary;
pub mod i18n;
pub mod import;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod site_pages;
pub mod spdx;
pub mod theme;
pub mod timings;
pub mod util;
pub mod verify;
pub mod vocab;
pub mod yaml;
