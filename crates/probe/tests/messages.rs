//! The probe's messages against real servers on 127.0.0.1: a GBK page's keyword is found, an
//! expired certificate is told as expired (how many days ago) and never advised as self-signed,
//! and no message carries the English error chain.

use chrono::Utc;
use dutydesk_probe::{probe_all_blocking, ProbeOutcome, ProbeResult, ProbeSpec};

mod support;
use support::{read_head, respond, serve, tls_server};

fn run(spec: ProbeSpec) -> ProbeResult {
    probe_all_blocking(vec![spec], 2).remove(0)
}

fn spec(url: &str, keyword: &str) -> ProbeSpec {
    ProbeSpec {
        timeout_ms: 3_000,
        keyword: Some(keyword.into()),
        ..ProbeSpec::new("协同办公平台", url)
    }
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

#[test]
fn a_keyword_on_a_gbk_page_is_found_by_header_or_meta_charset() {
    let by_header = serve(|mut s| {
        read_head(&mut s);
        respond(
            &mut s,
            "200 OK",
            "text/html; charset=GBK",
            &gbk("<title>协同办公平台 登录</title>"),
        );
    });
    let r = run(spec(&by_header, "协同办公平台"));
    assert_eq!(r.outcome, ProbeOutcome::Ok, "{}", r.message);

    let by_meta = serve(|mut s| {
        read_head(&mut s);
        let mut body = b"<html><head><meta charset=\"gb2312\">".to_vec();
        body.extend(gbk("<title>公文传输</title></head></html>"));
        respond(&mut s, "200 OK", "text/html", &body);
    });
    let r = run(spec(&by_meta, "公文传输"));
    assert_eq!(r.outcome, ProbeOutcome::Ok, "{}", r.message);

    // Still told apart: a GBK page without the keyword.
    let r = run(spec(&by_meta, "签章服务"));
    assert_eq!(r.outcome, ProbeOutcome::KeywordMissing, "{}", r.message);
}

/// A TLS server whose self-signed certificate expired `days_ago` days ago (at midnight UTC).
fn expired_tls_server(days_ago: i64) -> String {
    tls_server(
        Some(Utc::now() - chrono::Duration::days(400)),
        Utc::now() - chrono::Duration::days(days_ago),
    )
}

fn no_english(message: &str) {
    let lower = message.to_lowercase();
    for english in [
        "error",
        "certificate",
        "invalid peer",
        "os error",
        "expired",
        "unknownissuer",
    ] {
        assert!(!lower.contains(english), "{message} leaks {english}");
    }
}

#[test]
fn an_expired_certificate_says_how_long_ago_and_advises_renewal() {
    let url = expired_tls_server(3);
    let refused = run(spec(&url, "签章服务"));
    assert_eq!(refused.outcome, ProbeOutcome::Tls, "{}", refused.message);
    assert!(
        refused.message.contains("证书已于 3 天前过期"),
        "{}",
        refused.message
    );
    assert!(refused.message.contains("续期"), "{}", refused.message);
    assert!(
        refused.message.contains("不能解决证书过期"),
        "must not advise the self-signed switch as the fix: {}",
        refused.message
    );
    assert!(refused.cert_days_left.is_some_and(|d| d < 0));
    no_english(&refused.message);

    let accepted = run(ProbeSpec {
        allow_invalid_cert: true,
        ..spec(&url, "签章服务")
    });
    assert_eq!(accepted.outcome, ProbeOutcome::Ok, "{}", accepted.message);
    assert!(
        accepted.message.contains("证书已于 3 天前过期"),
        "{}",
        accepted.message
    );
    assert!(!accepted.message.contains("0 天"), "{}", accepted.message);
    assert!(!accepted.message.contains("-"), "{}", accepted.message);
    assert!(accepted.cert_days_left.is_some_and(|d| d < 0));
}
