//! Upstream activity of an alternative whose `source` is on a forge: GitHub, a GitLab (gitlab.com,
//! Framagit…) or a Forgejo/Gitea (Codeberg…). Archived is an error; no activity for
//! [`STALE_MONTHS`] months is a warning.
//!
//! Each forge's API base can be set by the environment, `AIGUILLAGE_API_<HOST>` with the host
//! in capitals and other characters as `_` (`AIGUILLAGE_API_GITHUB_COM=http://127.0.0.1:8080`),
//! and a self-hosted forge named by `AIGUILLAGE_FORGE_<HOST>=forgejo` (or `gitlab`, `github`):
//! tests point both at a local server. Tokens are read from
//! `GITHUB_TOKEN`, `GITLAB_TOKEN` and `FORGEJO_TOKEN` (or `GITEA_TOKEN`) when set, and never
//! printed.

use super::http::{Outcome, Verdict, host_of};

/// Months without a commit, a push or a release after which a project is reported as stale.
pub const STALE_MONTHS: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forge {
    GitHub,
    GitLab,
    Gitea,
}

/// A repository on a forge, from its web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    pub forge: Forge,
    pub host: String,
    /// `owner/name` (GitLab: the whole group path).
    pub path: String,
}

/// The forge a host runs, for the hosts whose software is known by name.
/// The forge a host runs: `AIGUILLAGE_FORGE_<HOST>` (`github`, `gitlab`, `forgejo` or `gitea`)
/// names it for a self-hosted forge; otherwise the hosts whose software is known by name.
fn forge_of(host: &str) -> Option<Forge> {
    match std::env::var(env_name("AIGUILLAGE_FORGE_", host)).ok().as_deref().map(str::trim) {
        Some("github") => return Some(Forge::GitHub),
        Some("gitlab") => return Some(Forge::GitLab),
        Some("forgejo" | "gitea") => return Some(Forge::Gitea),
        _ => {}
    }
    match host {
        "github.com" => Some(Forge::GitHub),
        "gitlab.com" | "framagit.org" | "gitlab.gnome.org" | "invent.kde.org" | "salsa.debian.org" | "gitlab.freedesktop.org" => Some(Forge::GitLab),
        "codeberg.org" => Some(Forge::Gitea),
        h if h.starts_with("gitlab.") => Some(Forge::GitLab),
        h if h.starts_with("gitea.") || h.starts_with("forgejo.") => Some(Forge::Gitea),
        _ => None,
    }
}

/// The repository an address points to (`https://github.com/owner/name/tree/main` →
/// `owner/name`), when it is on a known forge.
pub fn repo_of(url: &str) -> Option<Repo> {
    let host = host_of(url)?;
    let forge = forge_of(&host)?;
    let after_host = url.split("://").nth(1)?.split_once('/')?.1;
    let segments: Vec<&str> = after_host.split(['?', '#']).next()?.split('/').filter(|s| !s.is_empty()).collect();
    let path = match forge {
        // GitLab groups nest; `/-/` starts the page part of the address.
        Forge::GitLab => segments.iter().take_while(|s| **s != "-").copied().collect::<Vec<_>>().join("/"),
        _ => segments.iter().take(2).copied().collect::<Vec<_>>().join("/"),
    };
    let path = path.trim_end_matches(".git").to_string();
    (path.matches('/').count() >= 1).then_some(Repo { forge, host, path })
}

/// The API base of a repository's forge: the environment's, else the forge's public one.
pub fn api_base(repo: &Repo) -> String {
    if let Ok(v) = std::env::var(env_name("AIGUILLAGE_API_", &repo.host))
        && !v.trim().is_empty()
    {
        return v.trim_end_matches('/').to_string();
    }
    match repo.forge {
        Forge::GitHub => "https://api.github.com".into(),
        Forge::GitLab => format!("https://{}/api/v4", repo.host),
        Forge::Gitea => format!("https://{}/api/v1", repo.host),
    }
}

/// `AIGUILLAGE_API_GITHUB_COM` for `github.com`: the host in capitals, other characters as `_`.
fn env_name(prefix: &str, host: &str) -> String {
    format!("{prefix}{}", host.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect::<String>())
}

/// The API address that describes a repository.
pub fn api_url(repo: &Repo) -> String {
    let base = api_base(repo);
    match repo.forge {
        Forge::GitLab => format!("{base}/projects/{}", repo.path.replace('/', "%2F")),
        _ => format!("{base}/repos/{}", repo.path),
    }
}

/// Asks the forge whether the repository is archived and when it last moved; `today` is
/// `YYYY-MM-DD`.
pub fn check(agent: &ureq::Agent, repo: &Repo, today: &str) -> Outcome {
    let url = api_url(repo);
    let mut req = agent.get(&url).header("Accept", "application/json");
    let token = match repo.forge {
        Forge::GitHub => std::env::var("GITHUB_TOKEN").ok().map(|t| ("Authorization", format!("Bearer {t}"))),
        Forge::GitLab => std::env::var("GITLAB_TOKEN").ok().map(|t| ("PRIVATE-TOKEN", t)),
        Forge::Gitea => std::env::var("FORGEJO_TOKEN").or_else(|_| std::env::var("GITEA_TOKEN")).ok().map(|t| ("Authorization", format!("token {t}"))),
    };
    if let Some((name, value)) = token.filter(|(_, v)| !v.trim().is_empty()) {
        req = req.header(name, value);
    }
    let mut resp = match req.call() {
        Ok(r) => r,
        Err(e) => return Outcome { verdict: Verdict::Error, http_status: None, location: None, detail: Some(format!("forge API: {e}")) },
    };
    let status = resp.status().as_u16();
    let body = resp.body_mut().with_config().limit(1 << 20).read_to_string().unwrap_or_default();
    let outcome = |verdict, detail: String| Outcome { verdict, http_status: Some(status), location: None, detail: Some(detail) };
    if status == 404 || status == 410 {
        return outcome(Verdict::Broken, "the forge does not know this repository".into());
    }
    if !(200..300).contains(&status) {
        return outcome(Verdict::Error, format!("forge API answered {status}"));
    }
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&body) else {
        return outcome(Verdict::Error, "forge API: not JSON".into());
    };
    if json["archived"].as_bool() == Some(true) {
        return outcome(Verdict::Archived, "archived".into());
    }
    // The last sign of life each forge gives: a push (GitHub), any activity (GitLab), an
    // update (Forgejo/Gitea).
    let last = ["pushed_at", "last_activity_at", "updated_at"].iter().find_map(|k| json[*k].as_str()).map(|s| s.chars().take(10).collect::<String>());
    match last {
        Some(d) => match crate::dates::months_between(&d, today) {
            Some(m) if m >= STALE_MONTHS => outcome(Verdict::Stale, d),
            _ => outcome(Verdict::Ok, d),
        },
        None => outcome(Verdict::Ok, "no activity date given".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_from_web_addresses() {
        let r = repo_of("https://github.com/jitsi/jitsi-meet/blob/master/LICENSE").unwrap();
        assert_eq!((r.forge, r.path.as_str()), (Forge::GitHub, "jitsi/jitsi-meet"));
        let r = repo_of("https://framagit.org/framasoft/framadate/framadate").unwrap();
        assert_eq!((r.forge, r.path.as_str()), (Forge::GitLab, "framasoft/framadate/framadate"));
        let r = repo_of("https://gitlab.com/a/b/-/tree/main").unwrap();
        assert_eq!(r.path, "a/b");
        let r = repo_of("https://codeberg.org/forgejo/forgejo.git").unwrap();
        assert_eq!((r.forge, r.path.as_str()), (Forge::Gitea, "forgejo/forgejo"));
        assert_eq!(repo_of("https://github.com/jitsi"), None);
        assert_eq!(repo_of("https://example.org/a/b"), None);
        assert_eq!(api_url(&repo_of("https://framagit.org/a/b").unwrap()), "https://framagit.org/api/v4/projects/a%2Fb");
    }
}
