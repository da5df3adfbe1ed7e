//! Just enough DER to read a certificate's `notAfter`: Certificate → tbsCertificate → validity.
//! A full X.509 parser would be a large dependency for one date.

use chrono::{DateTime, NaiveDateTime, Utc};

/// `(tag, content, rest)` of the first element of `input`.
fn element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = if first & 0x80 == 0 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

fn time(tag: u8, content: &[u8]) -> Option<DateTime<Utc>> {
    let text = std::str::from_utf8(content).ok()?;
    let text = text.strip_suffix('Z')?;
    let full = match tag {
        // UTCTime: YYMMDDHHMMSS; years 50–99 are 19xx (RFC 5280).
        0x17 => {
            let yy: u32 = text.get(..2)?.parse().ok()?;
            format!("{}{text}", if yy >= 50 { "19" } else { "20" })
        }
        // GeneralizedTime: YYYYMMDDHHMMSS.
        0x18 => text.to_string(),
        _ => return None,
    };
    NaiveDateTime::parse_from_str(&full, "%Y%m%d%H%M%S")
        .ok()
        .map(|t| t.and_utc())
}

/// The certificate's expiry, or `None` if the bytes are not a certificate this reader understands.
pub fn not_after(der: &[u8]) -> Option<DateTime<Utc>> {
    let (0x30, cert, _) = element(der)? else {
        return None;
    };
    let (0x30, tbs, _) = element(cert)? else {
        return None;
    };
    let mut rest = tbs;
    // Optional [0] version.
    let (tag, _, after) = element(rest)?;
    if tag == 0xA0 {
        rest = after;
    }
    // serialNumber, signature, issuer.
    for _ in 0..3 {
        rest = element(rest)?.2;
    }
    let (0x30, validity, _) = element(rest)? else {
        return None;
    };
    let (_, _, after_not_before) = element(validity)?;
    let (tag, content, _) = element(after_not_before)?;
    time(tag, content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_and_generalized_times() {
        assert_eq!(
            time(0x17, b"261223120000Z").map(|t| t.to_rfc3339()),
            Some("2026-12-23T12:00:00+00:00".into())
        );
        assert_eq!(
            time(0x18, b"20500101000000Z").map(|t| t.to_rfc3339()),
            Some("2050-01-01T00:00:00+00:00".into())
        );
        assert_eq!(not_after(b"\x30\x03\x02\x01\x00"), None);
        assert_eq!(not_after(b""), None);
    }
}
