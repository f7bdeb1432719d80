//! Checking one web address: `HEAD`, then a small ranged `GET` where `HEAD` is refused,
//! redirects followed by hand (so that the target can be reported), and the answer classified
//! into one of the results of spec §4. Also the pool that checks many addresses with at most
//! [`PER_HOST`] requests at a time per host and [`IN_ALL`] in all.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// Requests at a time to one host: enough to be quick, few enough not to look like an attack.
pub const PER_HOST: usize = 2;
/// Requests at a time in all.
pub const IN_ALL: usize = 8;
/// Redirects followed before giving up.
const MAX_HOPS: usize = 10;

/// What `verify` found about one address (the `result` of spec §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ok,
    Redirect,
    Broken,
    Timeout,
    Error,
    Archived,
    Stale,
    /// The `https://` form of an `http://` address answers: write it instead.
    Secure,
}

impl Verdict {
    /// The findings that make `verify` exit 1.
    pub fn fails(self) -> bool {
        matches!(self, Verdict::Broken | Verdict::Timeout | Verdict::Archived)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    pub http_status: Option<u16>,
    /// Where a redirect chain ends.
    pub location: Option<String>,
    /// A word of explanation: the network error, "allowlisted", the last activity…
    pub detail: Option<String>,
}

impl Outcome {
    fn new(verdict: Verdict, http_status: Option<u16>) -> Outcome {
        Outcome { verdict, http_status, location: None, detail: None }
    }
}

/// The HTTP client of `verify` (and of anything else that must go online): one agent, with the
/// timeout per request, a clear User-Agent, and no automatic redirects.
pub fn agent(timeout: Duration) -> ureq::Agent {
    configured(timeout, 0, concat!("aiguillage-verify/", env!("CARGO_PKG_VERSION"), " (link checker of a directory of ethical providers; one request per address)"))
}

/// The same client for reading a file (`import`): redirects followed, a few at most.
pub fn agent_following(timeout: Duration) -> ureq::Agent {
    configured(timeout, 5, concat!("aiguillage-import/", env!("CARGO_PKG_VERSION"), " (reads a ChatonsInfos file to draft a directory record)"))
}

fn configured(timeout: Duration, redirects: u32, user_agent: &str) -> ureq::Agent {
    ureq::Agent::config_builder().timeout_global(Some(timeout)).max_redirects(redirects).http_status_as_error(false).user_agent(user_agent).build().into()
}

/// The host of an `http(s)` address, lowercased (`None` for anything else).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    // An IPv6 literal keeps its brackets; otherwise the port goes.
    let host = if host.starts_with('[') { host.split(']').next().map(|h| format!("{h}]")).unwrap_or_default() } else { host.split(':').next().unwrap_or("").to_string() };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Resolves a `Location` header against the address that sent it.
fn join(base: &str, location: &str) -> String {
    if location.starts_with("http://") || location.starts_with("https://") {
        return location.to_string();
    }
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let origin_end = base[scheme_end..].find('/').map(|i| i + scheme_end).unwrap_or(base.len());
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    if location.starts_with('/') {
        return format!("{}{location}", &base[..origin_end]);
    }
    let path = &base[..base[..base.find(['?', '#']).unwrap_or(base.len())].rfind('/').filter(|&i| i >= origin_end).map(|i| i + 1).unwrap_or(base.len())];
    if path.len() == origin_end { format!("{path}/{location}") } else { format!("{path}{location}") }
}

enum Answer {
    Status(u16, Option<String>),
    Failed(Outcome),
}

fn ask(agent: &ureq::Agent, url: &str, get: bool) -> Answer {
    let res = if get { agent.get(url).header("Range", "bytes=0-1023").call() } else { agent.head(url).call() };
    match res {
        Ok(mut r) => {
            let location = r.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
            if get {
                // A few bytes are enough; a server that ignores `Range` is not read to the end.
                let _ = r.body_mut().with_config().limit(4096).read_to_vec();
            }
            Answer::Status(r.status().as_u16(), location)
        }
        Err(e) => Answer::Failed(failure(&e)),
    }
}

fn failure(e: &ureq::Error) -> Outcome {
    use std::io::ErrorKind;
    let (verdict, detail) = match e {
        ureq::Error::Timeout(_) => (Verdict::Timeout, "timeout".to_string()),
        ureq::Error::HostNotFound => (Verdict::Broken, "host not found".to_string()),
        ureq::Error::ConnectionFailed => (Verdict::Broken, "connection failed".to_string()),
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => (Verdict::Broken, "connection refused".to_string()),
        ureq::Error::Io(io) if matches!(io.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) => (Verdict::Timeout, "timeout".to_string()),
        other => (Verdict::Error, other.to_string()),
    };
    Outcome { detail: Some(detail), ..Outcome::new(verdict, None) }
}

/// Checks one address: `HEAD`, then `GET` of its first bytes when `HEAD` is refused or fails;
/// redirects followed up to [`MAX_HOPS`]. A host in `allowlist` that answers 401, 403 or 429
/// (sites that refuse robots) counts as reachable.
pub fn check(agent: &ureq::Agent, url: &str, allowlist: &BTreeSet<String>) -> Outcome {
    let mut current = url.to_string();
    let mut hops = 0;
    loop {
        let mut answer = ask(agent, &current, false);
        // Some servers refuse or mishandle HEAD: ask again with a small GET.
        if matches!(answer, Answer::Status(s, _) if s >= 400) || matches!(&answer, Answer::Failed(o) if o.verdict == Verdict::Error) {
            answer = ask(agent, &current, true);
        }
        let (status, location) = match answer {
            Answer::Status(s, l) => (s, l),
            Answer::Failed(mut o) => {
                if hops > 0 {
                    o.location = Some(current);
                }
                return o;
            }
        };
        match status {
            300..=399 if location.is_some() => {
                hops += 1;
                if hops > MAX_HOPS {
                    return Outcome { location: Some(current), detail: Some("too many redirects".into()), ..Outcome::new(Verdict::Error, Some(status)) };
                }
                current = join(&current, location.as_deref().unwrap_or(""));
                continue;
            }
            _ => {}
        }
        let moved = (hops > 0).then(|| current.clone());
        let mut o = match status {
            200..=299 if hops > 0 => Outcome::new(Verdict::Redirect, Some(status)),
            200..=299 => Outcome::new(Verdict::Ok, Some(status)),
            404 | 410 => Outcome::new(Verdict::Broken, Some(status)),
            401 | 403 | 429 if host_of(&current).is_some_and(|h| allowlist.contains(&h)) => Outcome { detail: Some("allowlisted".into()), ..Outcome::new(Verdict::Ok, Some(status)) },
            _ => Outcome::new(Verdict::Error, Some(status)),
        };
        o.location = moved;
        return o;
    }
}

/// Checks every address once, at most [`PER_HOST`] at a time per host and `in_all` in all.
/// `work` is called for each address (on a worker thread) and its result kept.
pub fn pool<T: Send>(urls: &[String], in_all: usize, work: impl Fn(&str) -> T + Sync) -> BTreeMap<String, T> {
    struct State {
        queue: VecDeque<String>,
        busy: BTreeMap<String, usize>,
    }
    let state = Mutex::new(State { queue: urls.iter().cloned().collect(), busy: BTreeMap::new() });
    let freed = Condvar::new();
    let results = Mutex::new(BTreeMap::new());
    let workers = in_all.clamp(1, urls.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    // The first queued address whose host has a free place, or wait for one.
                    let (url, host) = {
                        let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
                        loop {
                            if st.queue.is_empty() {
                                return;
                            }
                            let pick = st.queue.iter().position(|u| st.busy.get(&host_of(u).unwrap_or_default()).copied().unwrap_or(0) < PER_HOST);
                            if let Some(i) = pick {
                                let url = st.queue.remove(i).unwrap_or_default();
                                let host = host_of(&url).unwrap_or_default();
                                *st.busy.entry(host.clone()).or_default() += 1;
                                break (url, host);
                            }
                            st = freed.wait(st).unwrap_or_else(|e| e.into_inner());
                        }
                    };
                    let r = work(&url);
                    results.lock().unwrap_or_else(|e| e.into_inner()).insert(url, r);
                    let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some(n) = st.busy.get_mut(&host) {
                        *n -= 1;
                    }
                    freed.notify_all();
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://Example.org/a?b").as_deref(), Some("example.org"));
        assert_eq!(host_of("http://127.0.0.1:8080/x").as_deref(), Some("127.0.0.1"));
        assert_eq!(host_of("https://user@h.org").as_deref(), Some("h.org"));
        assert_eq!(host_of("mailto:a@b.org"), None);
    }

    #[test]
    fn locations() {
        assert_eq!(join("https://a.org/x/y", "https://b.org/"), "https://b.org/");
        assert_eq!(join("https://a.org/x/y", "/z"), "https://a.org/z");
        assert_eq!(join("https://a.org/x/y", "z"), "https://a.org/x/z");
        assert_eq!(join("https://a.org", "z"), "https://a.org/z");
        assert_eq!(join("http://a.org/x/", "//c.org/d"), "http://c.org/d");
    }

    #[test]
    fn the_pool_keeps_two_requests_per_host_at_most() {
        let urls: Vec<String> = (0..12).map(|i| format!("http://h{}.test/{i}", i % 2)).collect();
        let active = Mutex::new(BTreeMap::<String, usize>::new());
        let most = Mutex::new(0usize);
        let got = pool(&urls, 8, |u| {
            let h = host_of(u).unwrap();
            {
                let mut a = active.lock().unwrap();
                *a.entry(h.clone()).or_default() += 1;
                let n = a[&h];
                let mut m = most.lock().unwrap();
                *m = (*m).max(n);
            }
            std::thread::sleep(Duration::from_millis(20));
            *active.lock().unwrap().get_mut(&h).unwrap() -= 1;
            u.len()
        });
        assert_eq!(got.len(), 12);
        assert_eq!(*most.lock().unwrap(), PER_HOST);
    }
}
