//! Service probes (服务探测): is the service up, what did it answer, how long to the first byte and to
//! the end, how many days are left on its TLS certificate.
//!
//! Every failure is a distinct, readable [`ProbeOutcome`] with a Chinese message — no network, DNS,
//! refused, timeout, TLS, an unexpected status, a missing keyword — never a panic or a hang: each probe
//! has a hard timeout, and [`probe_all`] runs them concurrently with a bounded pool.
//!
//! Self-signed intranet certificates are accepted only per probe (`allow_invalid_cert`), never globally.

mod der;

use std::error::Error as StdError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The largest body read when looking for the keyword; a probe is not a download.
const MAX_BODY: usize = 2 * 1024 * 1024;

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeSpec {
    pub name: String,
    pub url: String,
    /// The status the service must answer; `None` accepts any 2xx or 3xx.
    pub expected_status: Option<u16>,
    /// Text the page must contain (e.g. the login page's title); empty or `None` skips the check.
    pub keyword: Option<String>,
    #[ts(type = "number")]
    pub timeout_ms: u64,
    /// Accept a self-signed or otherwise unverifiable certificate (intranet servers).
    pub allow_invalid_cert: bool,
}

impl ProbeSpec {
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        ProbeSpec {
            name: name.into(),
            url: url.into(),
            expected_status: None,
            keyword: None,
            timeout_ms: 10_000,
            allow_invalid_cert: false,
        }
    }
}

/// The result's category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ProbeOutcome {
    /// 正常
    Ok,
    /// 状态码不符
    HttpStatus,
    /// 未找到关键字
    KeywordMissing,
    /// 超时
    Timeout,
    /// 连接被拒绝
    Refused,
    /// 域名解析失败
    Dns,
    /// 网络不可达
    NoNetwork,
    /// 证书或 TLS 错误
    Tls,
    /// 地址无效
    InvalidUrl,
    /// 其他错误
    Other,
}

impl ProbeOutcome {
    pub fn zh(self) -> &'static str {
        match self {
            ProbeOutcome::Ok => "正常",
            ProbeOutcome::HttpStatus => "状态码不符",
            ProbeOutcome::KeywordMissing => "未找到关键字",
            ProbeOutcome::Timeout => "超时",
            ProbeOutcome::Refused => "连接被拒绝",
            ProbeOutcome::Dns => "域名解析失败",
            ProbeOutcome::NoNetwork => "网络不可达",
            ProbeOutcome::Tls => "证书或 TLS 错误",
            ProbeOutcome::InvalidUrl => "地址无效",
            ProbeOutcome::Other => "其他错误",
        }
    }
}

/// One probe's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProbeResult {
    pub name: String,
    pub url: String,
    pub outcome: ProbeOutcome,
    pub ok: bool,
    pub status: Option<u16>,
    /// Request sent → response headers received.
    #[ts(type = "number | null")]
    pub ttfb_ms: Option<u64>,
    /// Request sent → body read (or the failure).
    #[ts(type = "number | null")]
    pub total_ms: Option<u64>,
    /// Days until the server's certificate expires (negative once expired); HTTPS only.
    #[ts(type = "number | null")]
    pub cert_days_left: Option<i64>,
    pub cert_not_after: Option<String>,
    /// One Chinese sentence: what was found, and what to check when it failed.
    pub message: String,
    /// RFC 3339, UTC.
    pub checked_at: String,
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Why a TLS connection failed, as far as the error chain tells: each gets its own Chinese advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsCause {
    Expired,
    NotYetValid,
    NameMismatch,
    /// Self-signed, or signed by an authority this machine does not trust.
    Untrusted,
    Revoked,
    /// Protocol versions or ciphers did not match, or the port does not speak TLS.
    Handshake,
}

/// The category of a failure, with the TLS cause when it is one. The raw chain (English, from
/// reqwest, hyper, rustls and the OS) goes to the log, never into the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Failure {
    outcome: ProbeOutcome,
    tls: Option<TlsCause>,
    /// The connection was cut or the answer was not HTTP (for the generic advice).
    garbled: bool,
}

/// Walks the error's sources for the first cause that tells the category.
fn classify(err: &reqwest::Error) -> Failure {
    let plain = |outcome| Failure {
        outcome,
        tls: None,
        garbled: false,
    };
    if err.is_timeout() {
        return plain(ProbeOutcome::Timeout);
    }
    let mut chain = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::ConnectionRefused => return plain(ProbeOutcome::Refused),
                K::NetworkUnreachable | K::HostUnreachable | K::NetworkDown => {
                    return plain(ProbeOutcome::NoNetwork)
                }
                K::TimedOut => return plain(ProbeOutcome::Timeout),
                _ => {}
            }
        }
        chain.push(e.to_string());
        current = e.source();
    }
    let text = chain.join(": ");
    tracing::info!(error = %text, "probe failed");
    classify_text(&text, err.is_builder())
}

/// [`classify`] on the chain's text (lower-cased here), separate so each class can be tested.
fn classify_text(text: &str, is_builder: bool) -> Failure {
    let lower = text.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    let tls = if has(&["expired"]) {
        Some(TlsCause::Expired)
    } else if has(&["notyetvalid", "not yet valid"]) {
        Some(TlsCause::NotYetValid)
    } else if has(&["notvalidforname", "not valid for name", "namemismatch"]) {
        Some(TlsCause::NameMismatch)
    } else if has(&["revoked"]) {
        Some(TlsCause::Revoked)
    } else if has(&[
        "unknownissuer",
        "unknown issuer",
        "self-signed",
        "selfsigned",
        "badsignature",
        "invalid peer certificate",
        "certificate",
    ]) {
        Some(TlsCause::Untrusted)
    } else if has(&["tls", "handshake", "peer misbehaved", "alert"]) {
        Some(TlsCause::Handshake)
    } else {
        None
    };
    let outcome = if has(&[
        "dns error",
        "failed to lookup",
        "name or service not known",
        "no such host",
        "nodename nor servname",
    ]) {
        ProbeOutcome::Dns
    } else if tls.is_some() {
        ProbeOutcome::Tls
    } else if has(&["network is unreachable", "no route to host"]) {
        ProbeOutcome::NoNetwork
    } else if has(&["connection refused"]) {
        ProbeOutcome::Refused
    } else if is_builder {
        ProbeOutcome::InvalidUrl
    } else {
        ProbeOutcome::Other
    };
    Failure {
        outcome,
        tls: tls.filter(|_| outcome == ProbeOutcome::Tls),
        garbled: has(&[
            "connection reset",
            "connection closed",
            "broken pipe",
            "invalid http",
            "invalid status",
            "parse",
            "unexpected eof",
        ]),
    }
}

/// "证书已于 3 天前过期" / "证书今天已过期" — the expiry in words, never "0 天" or "-3 天后".
fn expired_words(days_ago: i64) -> String {
    if days_ago <= 0 {
        "证书今天已过期".into()
    } else {
        format!("证书已于 {days_ago} 天前过期")
    }
}

/// The note on a certificate that works but expires within 30 days or already has (a probe that
/// accepts invalid certificates gets this far with an expired one).
fn cert_note(not_after: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
    if not_after <= now {
        let ago = (now - not_after).num_days();
        return Some(format!(
            "注意：{}，请尽快联系服务管理员续期（更换）证书。",
            expired_words(ago)
        ));
    }
    match (not_after - now).num_days() {
        0 => Some("注意：证书将在 24 小时内到期，请尽快续期。".into()),
        days @ 1..=30 => Some(format!("注意：证书 {days} 天后到期，请及时续期。")),
        _ => None,
    }
}

fn advice(failure: Failure, spec: &ProbeSpec, expired_days_ago: Option<i64>) -> String {
    let host = reqwest::Url::parse(&spec.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| spec.url.clone());
    match failure.outcome {
        ProbeOutcome::Timeout => format!(
            "{} 在 {:.1} 秒内没有完成应答，请检查服务负载或网络。",
            spec.name,
            spec.timeout_ms as f64 / 1000.0
        ),
        ProbeOutcome::Refused => {
            format!("{host} 拒绝连接：服务可能未启动，或端口不对，请检查服务进程和端口。")
        }
        ProbeOutcome::Dns => format!("无法解析域名 {host}，请检查 DNS 设置或改用 IP 地址。"),
        ProbeOutcome::NoNetwork => format!("网络不可达，无法连到 {host}，请检查本机网络连接。"),
        ProbeOutcome::Tls => match failure.tls.unwrap_or(TlsCause::Handshake) {
            TlsCause::Expired => format!(
                "{host} 的{}，请联系服务管理员续期（更换）证书；勾选“允许自签名证书”不能解决证书过期。",
                expired_days_ago
                    .map(expired_words)
                    .unwrap_or_else(|| "证书已过期".into())
            ),
            TlsCause::NotYetValid => format!(
                "{host} 的证书尚未生效：请检查服务器和本机的日期时间是否正确。"
            ),
            TlsCause::NameMismatch => format!(
                "{host} 的证书不是为这个地址签发的（证书上的域名不符）：请改用证书上的域名访问，或请管理员更换证书。"
            ),
            TlsCause::Revoked => {
                format!("{host} 的证书已被吊销，请联系服务管理员更换证书。")
            }
            TlsCause::Untrusted if spec.allow_invalid_cert => format!(
                "{host} 的证书无法使用（格式或签名有误），即使允许自签名证书也无法建立连接；请联系管理员检查证书。"
            ),
            TlsCause::Untrusted => format!(
                "{host} 的证书不是受信任的机构签发的。如果是内网自签名证书，可在该服务的探测设置中勾选“允许自签名证书”。"
            ),
            TlsCause::Handshake => format!(
                "与 {host} 建立加密连接（TLS）失败：协议版本或加密算法不兼容，或该端口不是 HTTPS；请确认地址应为 https:// 还是 http://。"
            ),
        },
        ProbeOutcome::InvalidUrl => format!(
            "地址“{}”无效，请填写完整的网址，例如 https://oa.example.gov.cn/login。",
            spec.url
        ),
        _ if failure.garbled => format!(
            "{host} 中断了连接或返回的不是有效的网页应答：请检查地址和端口是否正确、服务是否正常。"
        ),
        _ => format!(
            "探测 {} 失败：无法与 {host} 正常通信，请检查地址、端口和网络。",
            spec.name
        ),
    }
}

/// The certificate's `notAfter`, read over a second connection that accepts any certificate:
/// only after a refusal for expiry, so the message can say how long ago it expired.
async fn expired_not_after(url: &reqwest::Url, timeout: Duration) -> Option<DateTime<Utc>> {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .tls_info(true)
        .tls_danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("DutyDesk-probe/1 (驻场运维台)")
        .build()
        .ok()?;
    let response = client.head(url.clone()).send().await.ok()?;
    let der = response
        .extensions()
        .get::<reqwest::tls::TlsInfo>()?
        .peer_certificate()?
        .to_vec();
    der::not_after(&der)
}

/// The charset a page declares: the `Content-Type` header's, else a `<meta charset>` (or
/// `http-equiv` content) within the first 2 KiB. Government intranet pages are often GBK.
fn declared_encoding(
    content_type: Option<&str>,
    body: &[u8],
) -> Option<&'static encoding_rs::Encoding> {
    let from_label = |text: &str| {
        let lower = text.to_ascii_lowercase();
        let at = lower.find("charset=")? + "charset=".len();
        let label: String = lower[at..]
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    };
    if let Some(found) = content_type.and_then(from_label) {
        return Some(found);
    }
    let head = &body[..body.len().min(2048)];
    from_label(&String::from_utf8_lossy(head).replace("charset =", "charset="))
}

/// The page as text, decoded by its declared charset (a BOM wins), UTF-8 when none is declared.
fn page_text(content_type: Option<&str>, body: &[u8]) -> String {
    let encoding = declared_encoding(content_type, body).unwrap_or(encoding_rs::UTF_8);
    let (text, _, _) = encoding.decode(body);
    text.into_owned()
}

/// Probes one service. Never panics; every failure becomes a result.
pub async fn probe(spec: &ProbeSpec) -> ProbeResult {
    let checked_at = Utc::now();
    let mut result = ProbeResult {
        name: spec.name.clone(),
        url: spec.url.clone(),
        outcome: ProbeOutcome::Other,
        ok: false,
        status: None,
        ttfb_ms: None,
        total_ms: None,
        cert_days_left: None,
        cert_not_after: None,
        message: String::new(),
        checked_at: checked_at.to_rfc3339(),
    };
    let url = match reqwest::Url::parse(spec.url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => u,
        _ => {
            result.outcome = ProbeOutcome::InvalidUrl;
            result.message = advice(
                Failure {
                    outcome: ProbeOutcome::InvalidUrl,
                    tls: None,
                    garbled: false,
                },
                spec,
                None,
            );
            return result;
        }
    };
    let timeout = Duration::from_millis(spec.timeout_ms.clamp(100, 120_000));
    let client = match reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .tls_info(true)
        .tls_danger_accept_invalid_certs(spec.allow_invalid_cert)
        .user_agent("DutyDesk-probe/1 (驻场运维台)")
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(error = %e, "probe client");
            result.message =
                "无法创建探测客户端（本机的加密组件初始化失败），请重启程序后重试。".into();
            return result;
        }
    };
    let started = Instant::now();
    let response = match client.get(url.clone()).send().await {
        Ok(r) => r,
        Err(e) => {
            let failure = classify(&e);
            result.total_ms = Some(ms(started.elapsed()));
            result.outcome = failure.outcome;
            let mut expired_days_ago = None;
            if failure.tls == Some(TlsCause::Expired) {
                if let Some(not_after) = expired_not_after(&url, timeout).await {
                    expired_days_ago = Some((checked_at - not_after).num_days());
                    result.cert_days_left = Some(days_left(not_after, checked_at));
                    result.cert_not_after = Some(not_after.to_rfc3339());
                }
            }
            result.message = advice(failure, spec, expired_days_ago);
            return result;
        }
    };
    result.ttfb_ms = Some(ms(started.elapsed()));
    let status = response.status().as_u16();
    result.status = Some(status);
    if let Some(der) = response
        .extensions()
        .get::<reqwest::tls::TlsInfo>()
        .and_then(|i| i.peer_certificate())
    {
        if let Some(not_after) = der::not_after(der) {
            result.cert_days_left = Some(days_left(not_after, checked_at));
            result.cert_not_after = Some(not_after.to_rfc3339());
        }
    }
    // Read at most MAX_BODY, chunk by chunk, within the same timeout.
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut response = response;
    let mut body: Vec<u8> = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_BODY.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if body.len() >= MAX_BODY {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                let failure = classify(&e);
                result.total_ms = Some(ms(started.elapsed()));
                result.outcome = failure.outcome;
                result.message = advice(failure, spec, None);
                return result;
            }
        }
    }
    result.total_ms = Some(ms(started.elapsed()));
    let status_ok = match spec.expected_status {
        Some(expected) => status == expected,
        None => (200..400).contains(&status),
    };
    let keyword = spec
        .keyword
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let total_s = result.total_ms.unwrap_or(0) as f64 / 1000.0;
    if !status_ok {
        result.outcome = ProbeOutcome::HttpStatus;
        result.message = match spec.expected_status {
            Some(expected) => format!("{} 返回状态码 {status}，应为 {expected}。", spec.name),
            None => format!(
                "{} 返回状态码 {status}（{}），服务端出错或页面不存在。",
                spec.name,
                if status >= 500 {
                    "服务器错误"
                } else {
                    "请求被拒绝或页面不存在"
                }
            ),
        };
    } else if let Some(k) =
        keyword.filter(|k| !page_text(content_type.as_deref(), &body).contains(k))
    {
        result.outcome = ProbeOutcome::KeywordMissing;
        result.message = format!(
            "{} 返回了 {status}，但页面中没有“{k}”：可能是错误页或登录跳转，请打开页面确认。",
            spec.name
        );
    } else {
        result.outcome = ProbeOutcome::Ok;
        result.ok = true;
        result.message = format!(
            "{} 正常：状态码 {status}，用时 {total_s:.2} 秒。",
            spec.name
        );
        let not_after = result
            .cert_not_after
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok());
        if let Some(note) = not_after.and_then(|t| cert_note(t.with_timezone(&Utc), checked_at)) {
            result.message.push_str(&note);
        }
    }
    result
}

/// Probes all `specs` with at most `max_concurrency` at a time; results in the order given.
pub async fn probe_all(specs: Vec<ProbeSpec>, max_concurrency: usize) -> Vec<ProbeResult> {
    let limit = Arc::new(tokio::sync::Semaphore::new(max_concurrency.max(1)));
    let mut handles = Vec::with_capacity(specs.len());
    for spec in specs {
        let limit = Arc::clone(&limit);
        handles.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await;
            probe(&spec).await
        }));
    }
    let mut results = Vec::with_capacity(handles.len());
    for handle in handles {
        match handle.await {
            Ok(r) => results.push(r),
            Err(e) => results.push(ProbeResult {
                name: String::new(),
                url: String::new(),
                outcome: ProbeOutcome::Other,
                ok: false,
                status: None,
                ttfb_ms: None,
                total_ms: None,
                cert_days_left: None,
                cert_not_after: None,
                message: {
                    tracing::warn!(error = %e, "probe task");
                    "探测任务异常结束（程序内部错误），请重试；若反复出现请把日志发给维护人员。"
                        .into()
                },
                checked_at: Utc::now().to_rfc3339(),
            }),
        }
    }
    results
}

/// For callers without a runtime (the CLI): runs [`probe_all`] on a small runtime of its own.
pub fn probe_all_blocking(specs: Vec<ProbeSpec>, max_concurrency: usize) -> Vec<ProbeResult> {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt.block_on(probe_all(specs, max_concurrency)),
        Err(e) => specs
            .into_iter()
            .map(|s| ProbeResult {
                name: s.name,
                url: s.url,
                outcome: ProbeOutcome::Other,
                ok: false,
                status: None,
                ttfb_ms: None,
                total_ms: None,
                cert_days_left: None,
                cert_not_after: None,
                message: {
                    tracing::warn!(error = %e, "probe runtime");
                    "无法启动探测（系统资源不足），请关闭其他程序后重试。".into()
                },
                checked_at: Utc::now().to_rfc3339(),
            })
            .collect(),
    }
}

/// Days left of a certificate expiring at `not_after`, as of `now` (exposed for tests): whole days
/// still to go, and once expired the negative of whole days since (`-1` from the first hour after
/// expiry, so an expired certificate never reads as 0).
pub fn days_left(not_after: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    if not_after > now {
        (not_after - now).num_days()
    } else {
        -((now - not_after).num_days() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ProbeSpec {
        ProbeSpec::new("统一身份认证", "https://sso.example.gov.cn/login")
    }

    fn message(text: &str) -> String {
        advice(classify_text(text, false), &spec(), Some(3))
    }

    #[test]
    fn each_failure_class_gets_its_own_chinese_advice_without_the_english_chain() {
        let cases = [
            ("error sending request for url (https://sso.example.gov.cn/login): client error (Connect): invalid peer certificate: certificate expired: verification time 1764979200 (UNIX), but certificate is not valid after 1764720000 (259200 seconds ago)", "证书已于 3 天前过期"),
            ("error sending request: invalid peer certificate: UnknownIssuer", "允许自签名证书"),
            ("error sending request: invalid peer certificate: certificate not valid for name \"sso.example.gov.cn\"; certificate is only valid for DnsName(\"oa\")", "域名不符"),
            ("error sending request: invalid peer certificate: certificate not valid yet: NotYetValid", "尚未生效"),
            ("error sending request: invalid peer certificate: Revoked", "吊销"),
            ("error sending request: received fatal alert: HandshakeFailure", "协议版本"),
            ("error sending request: dns error: failed to lookup address information: Name or service not known", "无法解析域名"),
            ("error sending request: tcp connect error: Connection refused (os error 111)", "拒绝连接"),
            ("error sending request: connection closed before message completed", "中断了连接"),
            ("error sending request: something nobody expected", "无法与 sso.example.gov.cn 正常通信"),
        ];
        for (chain, expected) in cases {
            let got = message(chain);
            assert!(got.contains(expected), "{chain}\n→ {got}");
            for english in [
                "error sending",
                "certificate",
                "os error",
                "dns error",
                "tcp connect",
                "connection",
                "invalid peer",
            ] {
                assert!(
                    !got.to_lowercase().contains(english),
                    "{got} leaks {english}"
                );
            }
        }
        // Expired is never advised as self-signed.
        assert!(!message(cases[0].0).contains("勾选“允许自签名证书”中"));
    }

    #[test]
    fn an_expired_certificate_never_reads_as_0_or_negative_days_to_go() {
        let now = Utc::now();
        let three_days_ago = now - chrono::Duration::days(3) - chrono::Duration::hours(2);
        let note = cert_note(three_days_ago, now).unwrap_or_default();
        assert!(note.contains("证书已于 3 天前过期"), "{note}");
        let an_hour_ago = now - chrono::Duration::hours(1);
        let note = cert_note(an_hour_ago, now).unwrap_or_default();
        assert!(note.contains("今天已过期"), "{note}");
        assert!(days_left(an_hour_ago, now) < 0);
        let soon = now + chrono::Duration::hours(5);
        let note = cert_note(soon, now).unwrap_or_default();
        assert!(
            note.contains("24 小时内到期") && !note.contains("0 天"),
            "{note}"
        );
        let later = now + chrono::Duration::days(12) + chrono::Duration::hours(1);
        assert_eq!(
            cert_note(later, now).as_deref(),
            Some("注意：证书 12 天后到期，请及时续期。")
        );
        assert_eq!(cert_note(now + chrono::Duration::days(90), now), None);
    }

    #[test]
    fn a_page_is_decoded_by_its_declared_charset() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<title>协同办公平台</title>");
        assert!(page_text(Some("text/html; charset=GBK"), &gbk).contains("协同办公平台"));
        let meta = [b"<html><head><meta charset=\"gb2312\">".as_slice(), &gbk].concat();
        assert!(page_text(Some("text/html"), &meta).contains("协同办公平台"));
        let equiv = [
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">".as_slice(),
            &gbk,
        ]
        .concat();
        assert!(page_text(None, &equiv).contains("协同办公平台"));
        assert!(page_text(None, "<title>协同办公平台</title>".as_bytes()).contains("协同办公平台"));
    }
}
