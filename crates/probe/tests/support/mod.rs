//! Servers on 127.0.0.1 for the probe tests (`probe`, `messages`): plain HTTP with a handler per
//! connection, and HTTPS with a self-signed certificate of a chosen validity. Each test binary
//! uses part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

use chrono::{DateTime, Datelike, Utc};

/// Reads a request up to the end of its head (the probe sends no body).
pub fn read_head(stream: &mut impl Read) {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => return,
        }
    }
}

/// Writes a whole response and closes.
pub fn respond(stream: &mut impl Write, status: &str, content_type: &str, body: &[u8]) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// Serves every connection with `handler` on a thread; returns the base URL.
pub fn serve(handler: impl Fn(TcpStream) + Send + Sync + 'static) -> String {
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

/// An HTTPS server for 127.0.0.1 with a self-signed certificate valid from `not_before` (or its
/// generator's default) to `not_after`, answering `<title>签章服务</title>`; returns its URL.
pub fn tls_server(not_before: Option<DateTime<Utc>>, not_after: DateTime<Utc>) -> String {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let day = |t: DateTime<Utc>| rcgen::date_time_ymd(t.year(), t.month() as u8, t.day() as u8);
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".into()]).expect("params");
    if let Some(start) = not_before {
        params.not_before = day(start);
    }
    params.not_after = day(not_after);
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
            "200 OK",
            "text/html; charset=utf-8",
            "<title>签章服务</title>".as_bytes(),
        );
    });
    url.replacen("http://", "https://", 1)
}
