//! ChatonsInfos (the CHATONS members' self-description in `.properties` files): which fields
//! the format has, what each value means, and the provider record draft made from an
//! organisation file and its service files. Field names and values follow the format as its
//! generators write it (the YunoHost app `chatonsinfos_ynh`: its configuration panel and
//! service templates).

use super::properties::Property;
use crate::i18n::Lang;
use crate::vocab::{LegalForm, Registration, Vocabulary};

/// Fields read or known to the format; any other key is reported as unknown.
const KNOWN: [&str; 48] = [
    "file.class", "file.protocol", "file.datetime", "file.generator",
    "organization.name", "organization.description", "organization.website", "organization.logo", "organization.type",
    "organization.status.level", "organization.status.description", "organization.startdate", "organization.enddate",
    "organization.country.name", "organization.country.code", "organization.geolocation.latitude", "organization.geolocation.longitude",
    "organization.geolocation.address", "organization.contact.url", "organization.contact.email", "organization.legal.url",
    "organization.guide.technical", "organization.guide.user", "organization.owner.name", "organization.owner.website", "organization.owner.logo",
    "service.name", "service.description", "service.website", "service.logo", "service.legal.url", "service.guide.technical",
    "service.guide.user", "service.contact.url", "service.contact.email", "service.startdate", "service.enddate",
    "service.status.level", "service.status.description", "service.registration", "service.registration.load", "service.install.type",
    "software.name", "software.website", "software.license.url", "software.license.name", "software.version", "software.source.url",
];

/// Families of fields the format has and a provider record does not use.
const KNOWN_PREFIXES: [&str; 11] = [
    "subs.", "metrics.", "organization.memberof.", "organization.socialnetworks.", "organization.chatrooms.", "organization.funding.",
    "software.modules", "host.", "federation.", "service.quota", "service.price",
];

pub fn is_known(key: &str) -> bool {
    KNOWN.contains(&key) || KNOWN_PREFIXES.iter().any(|p| key.starts_with(p))
}

/// `organization.type` (ASSOCIATION, COOPERATIVE…) as the record's legal form.
pub fn legal_form(value: &str) -> Option<LegalForm> {
    Some(match value.trim().to_ascii_uppercase().as_str() {
        "ASSOCIATION" => LegalForm::Association,
        "COOPERATIVE" => LegalForm::Cooperative,
        "MICROCOMPANY" => LegalForm::MicroCompany,
        "COMPANY" => LegalForm::Company,
        "INDIVIDUAL" => LegalForm::Individual,
        "INFORMAL" => LegalForm::Informal,
        "OTHER" => LegalForm::Other,
        _ => return None,
    })
}

/// `service.registration` (None, Free, Member, Client).
pub fn registration(value: &str) -> Option<Registration> {
    Some(match value.trim().to_ascii_lowercase().as_str() {
        "none" => Registration::None,
        "free" => Registration::Free,
        "member" => Registration::Member,
        "client" => Registration::Client,
        _ => return None,
    })
}

/// `service.registration.load`: OPEN takes new accounts, FULL does not.
pub fn taking_new(value: &str) -> Option<bool> {
    match value.trim().to_ascii_uppercase().as_str() {
        "OPEN" => Some(true),
        "FULL" => Some(false),
        _ => None,
    }
}

/// The department and the city of a French postal address: the five digits of the postcode
/// (Corsica: 200xx–201xx Corse-du-Sud `2A`, 202xx–206xx Haute-Corse `2B`; overseas: 971 to
/// 974 and 976), then the words after it up to a comma or a line break.
pub fn department_of(address: &str) -> Option<(String, Option<String>)> {
    let bytes = address.as_bytes();
    let mut i = 0;
    while i + 5 <= bytes.len() {
        let is_code = bytes[i..i + 5].iter().all(u8::is_ascii_digit) && (i == 0 || !bytes[i - 1].is_ascii_digit()) && bytes.get(i + 5).is_none_or(|b| !b.is_ascii_digit());
        if !is_code {
            i += 1;
            continue;
        }
        let code = &address[i..i + 5];
        let n: u32 = code.parse().ok()?;
        let dept = match n {
            20000..=20199 => "2A".to_string(),
            20200..=20699 => "2B".to_string(),
            97100..=97499 | 97600..=97699 => code[..3].to_string(),
            _ if code.starts_with("97") || code.starts_with("98") || code.starts_with("00") => return None,
            _ => code[..2].to_string(),
        };
        crate::geo::department(&dept)?;
        let city: String = address[i + 5..].split([',', '\n']).next().unwrap_or("").trim().trim_matches(['-', '.']).trim().to_string();
        return Some((dept, (!city.is_empty()).then_some(city)));
    }
    None
}

/// An organisation file and its services, read.
pub struct Organisation {
    pub props: Vec<Property>,
    /// Where it was read (the URL, or the file as given).
    pub source: String,
    pub services: Vec<Service>,
}

pub struct Service {
    pub props: Vec<Property>,
    pub source: String,
}

pub fn get<'p>(props: &'p [Property], key: &str) -> Option<&'p str> {
    props.iter().find(|p| p.key == key).map(|p| p.value.trim()).filter(|v| !v.is_empty())
}

/// What the draft needs from the directory: its criteria, and how to find an alternative by a
/// software's name or website.
pub struct Known<'a> {
    pub criteria: Vec<&'a str>,
    /// (slug, name, website, needs) of each alternative.
    pub alternatives: Vec<(&'a str, &'a str, Option<&'a str>, Vec<&'a str>)>,
}

impl Known<'_> {
    /// The alternative a service's software is, by name (or slug) or by website.
    fn alternative(&self, name: Option<&str>, website: Option<&str>) -> Option<&str> {
        let key = name.map(crate::util::slug::slugify).filter(|k| !k.is_empty());
        let site = website.map(|w| w.trim_end_matches('/').to_ascii_lowercase());
        self.alternatives
            .iter()
            .find(|(slug, n, w, _)| key.as_deref().is_some_and(|k| k == *slug || k == crate::util::slug::slugify(n)) || site.as_deref().is_some_and(|s| w.is_some_and(|w| w.trim_end_matches('/').to_ascii_lowercase() == s)))
            .map(|(slug, ..)| *slug)
    }
}

/// A YAML double-quoted text.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The provider record draft, in the site's language: what the files say, and the examples
/// of `aiguillage new provider` (which `check` refuses) where they say nothing.
pub fn draft(org: &Organisation, known: &Known, lang: Lang) -> String {
    let p = &org.props;
    let t = |fr: &'static str, en: &'static str| lang.t(fr, en);
    let mut out = String::from("---\n");
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    let sources: Vec<&str> = std::iter::once(org.source.as_str()).chain(org.services.iter().map(|s| s.source.as_str())).collect();
    line(format!("# {}", t("Brouillon importé de ChatonsInfos : vérifiez chaque champ sur le site de la structure.", "Draft imported from ChatonsInfos: check every field on the organisation's website.")));
    line(format!("# {} {}", t("Fichiers lus :", "Files read:"), sources.join(", ")));
    line(format!("name: {}", q(get(p, "organization.name").unwrap_or(t("Nom de la structure", "Organisation name")))));
    let summary = get(p, "organization.description").map(|s| s.chars().take(200).collect::<String>());
    line(format!("summary: {}", q(summary.as_deref().unwrap_or(t("Ce que propose la structure, en une phrase.", "What the organisation offers, in one sentence.")))));
    line(format!("website: {}", get(p, "organization.website").unwrap_or("https://exemple.org/")));
    // Needs and offers from the services whose software the directory knows.
    let mut needs: Vec<&str> = Vec::new();
    let mut offers: Vec<String> = Vec::new();
    let mut unmatched: Vec<String> = Vec::new();
    for s in &org.services {
        let sp = &s.props;
        let software = get(sp, "software.name");
        let service = get(sp, "service.name").or(software).unwrap_or("?");
        match known.alternative(software, get(sp, "software.website")) {
            Some(alt) => {
                if let Some((.., n)) = known.alternatives.iter().find(|(slug, ..)| *slug == alt) {
                    for need in n {
                        if !needs.contains(need) {
                            needs.push(need);
                        }
                    }
                }
                let mut o = format!("  - type: hosting\n    alternatives: [{alt}]\n");
                o.push_str(&format!("    # {} {}\n", t("Service :", "Service:"), service));
                if let Some(w) = get(sp, "service.website") {
                    o.push_str(&format!("    # {} {w}\n", t("Adresse :", "Address:")));
                }
                if let Some(c) = get(sp, "host.country.code") {
                    o.push_str(&format!("    # {} {c} (host.country.code)\n", t("Serveur dans le pays :", "Server in the country:")));
                }
                o.push_str(&format!("    # {}\n    # price: {{model: …}}\n", t("À remplir d'après la page des tarifs : free, donation, membership, sliding_scale, quote ou fixed.", "To fill in from the prices page: free, donation, membership, sliding_scale, quote or fixed.")));
                match get(sp, "service.registration").and_then(registration) {
                    Some(r) => o.push_str(&format!("    registration: {}\n", r.word())),
                    None => o.push_str(&format!("    # {}\n    # registration: …\n", t("À remplir : none, free, member ou client.", "To fill in: none, free, member or client."))),
                }
                match get(sp, "service.registration.load").and_then(taking_new) {
                    Some(b) => o.push_str(&format!("    taking_new: {b}\n")),
                    None => o.push_str(&format!("    # {}\n    # taking_new: …\n", t("À remplir : true ou false.", "To fill in: true or false."))),
                }
                offers.push(o);
            }
            None => unmatched.push(format!("{service} ({})", software.unwrap_or("?"))),
        }
    }
    if needs.is_empty() {
        line(format!("# {}", t("Aucun logiciel des services n'est dans l'annuaire : indiquez les besoins couverts.", "No software of the services is in the directory: name the needs covered.")));
        line("needs: [nom-du-besoin]".into());
    } else {
        line(format!("needs: [{}]", needs.join(", ")));
    }
    line(format!("# {}", t("Rien dans ChatonsInfos ne prouve les critères : à évaluer avec des sources.", "Nothing in ChatonsInfos proves the criteria: assess them with sources.")));
    line("criteria:".into());
    for c in &known.criteria {
        line(format!("  {c}: {{status: unknown}}"));
    }
    match get(p, "organization.status.level").map(|s| s.to_ascii_uppercase()) {
        Some(s) if s == "AWAY" => line("status: closed".into()),
        Some(s) if s == "IDLE" => line("status: paused".into()),
        _ => {}
    }
    line("sources:".into());
    for s in sources.iter().filter(|s| crate::util::url::is_web_url(s)) {
        line(format!("  - {s}"));
    }
    if let Some(u) = get(p, "organization.website") {
        line(format!("  - {u}"));
    }
    match get(p, "organization.type").and_then(legal_form) {
        Some(f) => line(format!("legal_form: {}", f.word())),
        None => line(format!("legal_form: other  # {}", t("organization.type absent ou inconnu : à vérifier", "organization.type missing or unknown: to check"))),
    }
    let country = get(p, "organization.country.code").map(str::to_ascii_uppercase);
    let place = get(p, "organization.geolocation.address").and_then(department_of);
    let mut loc = format!("country: {}", country.as_deref().unwrap_or("FR"));
    if let Some((d, city)) = &place {
        loc.push_str(&format!(", department: \"{d}\""));
        if let Some(c) = city {
            loc.push_str(&format!(", city: {}", q(c)));
        }
    }
    if country.is_none() {
        line(format!("# {}", t("organization.country.code absent : pays à vérifier", "organization.country.code missing: country to check")));
    }
    line(format!("location: {{{loc}}}"));
    // Where it works: the files do not say; a person must (`check` asks for it).
    let example = place.as_ref().map(|(d, _)| format!("\"{d}\"")).unwrap_or_else(|| "national".into());
    line(format!("# {}", t("À remplir : où la structure intervient (départements, régions FR-OCC…, national ou remote).", "To fill in: where the organisation works (departments, regions FR-OCC…, national or remote).")));
    line(format!("# area: [{example}]"));
    if get(p, "organization.memberof.chatons.status.level").is_some() || get(p, "organization.memberof.chatons.startdate").is_some() {
        line(format!("# {}", t("Le fichier déclare une adhésion à CHATONS : ajoutez `memberships: [chatons]` après l'avoir vérifiée sur la page du membre, sur chatons.org.", "The file declares a CHATONS membership: add `memberships: [chatons]` once checked on the member's page on chatons.org.")));
    }
    if offers.is_empty() {
        line("offers: []".into());
    } else {
        line("offers:".into());
        for l in offers.iter().flat_map(|o| o.lines()) {
            line(l.to_string());
        }
    }
    for u in &unmatched {
        line(format!("# {} {u}", t("Service dont le logiciel n'est pas dans l'annuaire :", "Service whose software is not in the directory:")));
    }
    let email = get(p, "organization.contact.email");
    let url = get(p, "organization.contact.url");
    let mut contact = Vec::new();
    if let Some(e) = email {
        contact.push(format!("email: {e}"));
    }
    contact.push(format!("url: {}", url.unwrap_or("https://exemple.org/contact")));
    line(format!("contact: {{{}}}", contact.join(", ")));
    line("---".into());
    line(t("Présentez ici la structure : qui elle est, comment elle accompagne les associations.", "Describe the organisation here: who they are, how they support associations.").into());
    out
}

#[cfg(test)]
mod tests {
    use super::department_of;

    #[test]
    fn departments_from_postcodes() {
        let d = |a: &str| department_of(a).map(|(d, c)| (d, c.unwrap_or_default()));
        assert_eq!(d("3 rue du Port, 20000 Ajaccio"), Some(("2A".into(), "Ajaccio".into())));
        assert_eq!(d("Place Saint-Nicolas 20200 Bastia"), Some(("2B".into(), "Bastia".into())));
        assert_eq!(d("12 rue X, 97400 Saint-Denis, La Réunion"), Some(("974".into(), "Saint-Denis".into())));
        assert_eq!(d("97600 Mamoudzou"), Some(("976".into(), "Mamoudzou".into())));
        assert_eq!(d("1 place de la Comédie 34000 Montpellier"), Some(("34".into(), "Montpellier".into())));
        assert_eq!(d("BP 123456, 01000 Bourg-en-Bresse"), Some(("01".into(), "Bourg-en-Bresse".into())));
        assert_eq!(d("97500 Saint-Pierre"), None);
        assert_eq!(d("98000 Monaco"), None);
        assert_eq!(d("sans code"), None);
    }
}
