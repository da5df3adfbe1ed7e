//! The probe's messages against real servers on 127.0.0.1: a GBK page's keyword is found, an
//! expired certificate is told as expired (how many days ago) and never advised as self-signed,
//! and no message carries the English error chain.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

use chrono::{Datelike, Utc};
use dutydesk_probe::{probe_all_blocking, ProbeOutcome, ProbeResult, ProbeSpec};

fn read_head(stream: &mut impl Read) {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => return,
        }
    }
}

fn respond(stream: &mut impl Write, content_type: &str, body: &[u8]) {
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn serve(handler: impl Fn(TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let handler = Arc::new(handler);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let h = Arc::clone(&handler);
            thread::spawn(move || h(stream));
        }
    });
    format!("http://{addr}/")
}

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
        respond(&mut s, "text/html", &body);
    });
    let r = run(spec(&by_meta, "公文传输"));
    assert_eq!(r.outcome, ProbeOutcome::Ok, "{}", r.message);

    // Still told apart: a GBK page without the keyword.
    let r = run(spec(&by_meta, "签章服务"));
    assert_eq!(r.outcome, ProbeOutcome::KeywordMissing, "{}", r.message);
}

/// A TLS server whose self-signed certificate expired `days_ago` days ago (at midnight UTC).
fn expired_tls_server(days_ago: i64) -> String {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".into()]).expect("params");
    let start = Utc::now() - chrono::Duration::days(400);
    let expiry = Utc::now() - chrono::Duration::days(days_ago);
    params.not_before = rcgen::date_time_ymd(start.year(), start.month() as u8, start.day() as u8);
    params.not_after =
        rcgen::date_time_ymd(expiry.year(), expiry.month() as u8, expiry.day() as u8);
    let cert = params.self_signed(&key).expect("cert");
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .expect("config");
    let config = Arc::new(config);
    let url = serve(move |tcp| {
        let Ok(conn) = rustls::ServerConnection::new(Arc::clone(&config)) else {
            return;
        };
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        read_head(&mut tls);
        respond(
            &mut tls,
            "text/html; charset=utf-8",
            "<title>签章服务</title>".as_bytes(),
        );
    });
    url.replacen("http://", "https://", 1)
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
