//! Probes against real servers started here on 127.0.0.1: fast, slow, failing, wrong keyword,
//! self-signed TLS, a closed port, an unknown host, and the concurrency bound.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use chrono::Utc;
use dutydesk_probe::{probe_all_blocking, ProbeOutcome, ProbeResult, ProbeSpec};

mod support;
use support::{read_head, respond, serve, tls_server};

/// A whole HTML response with `status`.
fn respond_html(stream: &mut impl std::io::Write, status: &str, body: &str) {
    respond(stream, status, "text/html; charset=utf-8", body.as_bytes());
}

/// Reads one request's head (enough for a GET).
fn page(status: &'static str, body: &'static str) -> String {
    serve(move |mut s| {
        read_head(&mut s);
        respond_html(&mut s, status, body);
    })
}

fn run(spec: ProbeSpec) -> ProbeResult {
    probe_all_blocking(vec![spec], 4).remove(0)
}

fn spec(url: &str) -> ProbeSpec {
    ProbeSpec {
        timeout_ms: 2_000,
        ..ProbeSpec::new("轻阅读服务", url)
    }
}

#[test]
fn a_fast_page_with_its_keyword_is_ok_with_timings() {
    let url = page("200 OK", "<title>协同办公平台 登录</title>");
    let r = run(ProbeSpec {
        keyword: Some("协同办公平台".into()),
        ..spec(&url)
    });
    assert_eq!(r.outcome, ProbeOutcome::Ok, "{}", r.message);
    assert!(r.ok);
    assert_eq!(r.status, Some(200));
    let (ttfb, total) = (r.ttfb_ms.expect("ttfb"), r.total_ms.expect("total"));
    assert!(ttfb <= total);
    assert_eq!(r.cert_days_left, None, "plain HTTP has no certificate");
    assert!(
        r.message.starts_with("轻阅读服务 正常：状态码 200"),
        "{}",
        r.message
    );
}

#[test]
fn a_server_error_and_a_missing_keyword_are_told_apart() {
    let failing = page("500 Internal Server Error", "oops");
    let r = run(spec(&failing));
    assert_eq!(r.outcome, ProbeOutcome::HttpStatus);
    assert_eq!(r.status, Some(500));
    assert!(r.message.contains("服务器错误"), "{}", r.message);

    let login = page("200 OK", "<title>Error</title>");
    let r = run(ProbeSpec {
        keyword: Some("协同办公平台".into()),
        ..spec(&login)
    });
    assert_eq!(r.outcome, ProbeOutcome::KeywordMissing);
    assert!(r.message.contains("没有“协同办公平台”"), "{}", r.message);

    let r = run(ProbeSpec {
        expected_status: Some(302),
        ..spec(&login)
    });
    assert_eq!(r.outcome, ProbeOutcome::HttpStatus);
    assert!(r.message.contains("应为 302"), "{}", r.message);
}

#[test]
fn a_slow_server_times_out_instead_of_hanging() {
    let url = serve(|mut s| {
        read_head(&mut s);
        thread::sleep(Duration::from_secs(5));
        respond_html(&mut s, "200 OK", "late");
    });
    let r = run(ProbeSpec {
        timeout_ms: 300,
        ..spec(&url)
    });
    assert_eq!(r.outcome, ProbeOutcome::Timeout, "{}", r.message);
    assert!(r.message.contains("0.3 秒内没有完成应答"), "{}", r.message);
}

#[test]
fn a_closed_port_is_refused_and_a_bad_address_is_invalid() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let r = run(spec(&format!("http://127.0.0.1:{port}/")));
    assert_eq!(r.outcome, ProbeOutcome::Refused, "{}", r.message);
    assert!(r.message.contains("拒绝连接"));

    let r = run(spec("oa.example.gov.cn/login"));
    assert_eq!(r.outcome, ProbeOutcome::InvalidUrl);
    assert!(r.message.contains("请填写完整的网址"));
}

#[test]
fn an_unknown_host_is_a_dns_failure() {
    // `.invalid` never resolves (RFC 6761).
    let r = run(ProbeSpec {
        timeout_ms: 5_000,
        ..spec("http://oa-server.invalid/")
    });
    assert_eq!(r.outcome, ProbeOutcome::Dns, "{}", r.message);
    assert!(r.message.contains("无法解析域名 oa-server.invalid"));
}

/// A TLS server with a self-signed certificate valid for 30 more days.
fn thirty_day_tls_server() -> String {
    tls_server(
        None,
        Utc::now() + chrono::Duration::days(30) + chrono::Duration::hours(1),
    )
}

#[test]
fn a_self_signed_certificate_needs_the_opt_in_and_reports_its_days_left() {
    let url = thirty_day_tls_server();
    let refused = run(spec(&url));
    assert_eq!(refused.outcome, ProbeOutcome::Tls, "{}", refused.message);
    assert!(
        refused.message.contains("允许自签名证书"),
        "{}",
        refused.message
    );

    let accepted = run(ProbeSpec {
        allow_invalid_cert: true,
        keyword: Some("签章服务".into()),
        ..spec(&url)
    });
    assert_eq!(accepted.outcome, ProbeOutcome::Ok, "{}", accepted.message);
    let days = accepted.cert_days_left.expect("days left");
    assert!((29..=30).contains(&days), "{days}");
    assert!(
        accepted.message.contains("天后到期"),
        "{}",
        accepted.message
    );
}

#[test]
fn probes_run_concurrently_within_the_bound_and_keep_their_order() {
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (f, p) = (Arc::clone(&in_flight), Arc::clone(&peak));
    let url = serve(move |mut s| {
        read_head(&mut s);
        let now = f.fetch_add(1, Ordering::SeqCst) + 1;
        p.fetch_max(now, Ordering::SeqCst);
        thread::sleep(Duration::from_millis(150));
        f.fetch_sub(1, Ordering::SeqCst);
        respond_html(&mut s, "200 OK", "ok");
    });
    let specs: Vec<ProbeSpec> = (0..6)
        .map(|i| ProbeSpec {
            name: format!("服务{i}"),
            ..spec(&format!("{url}?n={i}"))
        })
        .collect();
    let results = probe_all_blocking(specs, 2);
    let names: Vec<&str> = results.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["服务0", "服务1", "服务2", "服务3", "服务4", "服务5"]
    );
    assert!(results.iter().all(|r| r.ok));
    assert_eq!(
        peak.load(Ordering::SeqCst),
        2,
        "at most two at once, and two did overlap"
    );
}
