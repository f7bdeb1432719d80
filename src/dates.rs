//! Calendar dates as the directory writes them (`YYYY-MM-DD`): reading one, whole months
//! between two, the date of a Unix time, and the one rule of freshness (`is_stale`). No clock
//! here: callers say which date they measure against.

/// `(year, month, day)` of a real calendar date written `YYYY-MM-DD` (from 1900 on).
pub fn parse(v: &str) -> Option<(i32, u32, u32)> {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = v[0..4].parse().ok()?;
    let m: u32 = v[5..7].parse().ok()?;
    let d: u32 = v[8..10].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1900 && (1..=days).contains(&d)).then_some((y, m, d))
}

/// Whole months between two dates (`a` ≤ `b`).
pub fn months_between(a: &str, b: &str) -> Option<i64> {
    let (ya, ma, da) = parse(a)?;
    let (yb, mb, db) = parse(b)?;
    let mut m = (yb as i64 - ya as i64) * 12 + (mb as i64 - ma as i64);
    if db < da {
        m -= 1;
    }
    Some(m)
}

/// `YYYY-MM-DD` of a Unix time (UTC), by the civil-from-days algorithm.
pub fn from_epoch(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

/// A date as people read it: "28 novembre 2026", "1er mai 2026" / "28 November 2026". A text
/// that is not a date is given back as it is.
pub fn long(v: &str, lang: crate::i18n::Lang) -> String {
    const FR: [&str; 12] = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
    const EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let Some((y, m, d)) = parse(v) else { return v.to_string() };
    match lang {
        crate::i18n::Lang::Fr if d == 1 => format!("1er {} {y}", FR[m as usize - 1]),
        crate::i18n::Lang::Fr => format!("{d} {} {y}", FR[m as usize - 1]),
        crate::i18n::Lang::En => format!("{d} {} {y}", EN[m as usize - 1]),
    }
}

/// The rule of freshness, for `check`'s warning, an entry page's badge and the "to verify"
/// page alike: an entry verified `after_months` months or more before `on` is to be verified
/// again. One rule, measured against one date per run (the edition's), so that a page and the
/// warning about it never disagree.
pub fn is_stale(last_verified: &str, on: &str, after_months: u32) -> bool {
    months_between(last_verified, on).is_some_and(|m| m >= after_months as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates() {
        use crate::i18n::Lang;
        assert_eq!(long("2026-11-28", Lang::Fr), "28 novembre 2026");
        assert_eq!(long("2026-05-01", Lang::Fr), "1er mai 2026");
        assert_eq!(long("2026-08-03", Lang::En), "3 August 2026");
        assert_eq!(long("bientôt", Lang::Fr), "bientôt");
    }

    #[test]
    fn dates() {
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2023-02-29").is_none());
        assert!(parse("2024-13-01").is_none());
        assert_eq!(from_epoch(0), "1970-01-01");
        assert_eq!(from_epoch(1_772_236_800), "2026-02-28");
        assert_eq!(months_between("2024-05-10", "2025-11-09"), Some(17));
        assert_eq!(months_between("2024-05-10", "2025-11-10"), Some(18));
        assert!(!is_stale("2024-05-10", "2025-11-09", 18));
        assert!(is_stale("2024-05-10", "2025-11-10", 18));
    }
}
