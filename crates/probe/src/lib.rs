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

/// Walks the error's sources for the first cause that tells the category.
fn classify(err: &reqwest::Error) -> (ProbeOutcome, String) {
    if err.is_timeout() {
        return (ProbeOutcome::Timeout, String::new());
    }
    let mut chain = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::ConnectionRefused => return (ProbeOutcome::Refused, io.to_string()),
                K::NetworkUnreachable | K::HostUnreachable | K::NetworkDown => {
                    return (ProbeOutcome::NoNetwork, io.to_string())
                }
                K::TimedOut => return (ProbeOutcome::Timeout, io.to_string()),
                _ => {}
            }
        }
        chain.push(e.to_string());
        current = e.source();
    }
    let text = chain.join("：");
    let lower = text.to_lowercase();
    let outcome = if lower.contains("dns error")
        || lower.contains("failed to lookup")
        || lower.contains("name or service not known")
        || lower.contains("no such host")
        || lower.contains("nodename nor servname")
    {
        ProbeOutcome::Dns
    } else if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("invalidcert")
        || lower.contains("unknownissuer")
    {
        ProbeOutcome::Tls
    } else if lower.contains("network is unreachable") || lower.contains("no route to host") {
        ProbeOutcome::NoNetwork
    } else if lower.contains("connection refused") {
        ProbeOutcome::Refused
    } else if err.is_builder() {
        ProbeOutcome::InvalidUrl
    } else {
        ProbeOutcome::Other
    };
    (outcome, text)
}

fn advice(outcome: ProbeOutcome, spec: &ProbeSpec, detail: &str) -> String {
    let host = reqwest::Url::parse(&spec.url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| spec.url.clone());
    match outcome {
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
        ProbeOutcome::Tls => {
            if spec.allow_invalid_cert {
                format!("与 {host} 建立 TLS 连接失败：{detail}")
            } else {
                format!(
                    "{host} 的证书无法验证（{detail}）。如果是内网自签名证书，可在该服务的探测设置中勾选“允许自签名证书”。"
                )
            }
        }
        ProbeOutcome::InvalidUrl => format!(
            "地址“{}”无效，请填写完整的网址，例如 https://oa.example.gov.cn/login。",
            spec.url
        ),
        _ => format!("探测 {} 失败：{detail}", spec.name),
    }
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
            result.message = advice(ProbeOutcome::InvalidUrl, spec, "");
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
            result.message = format!("无法创建探测客户端：{e}");
            return result;
        }
    };
    let started = Instant::now();
    let response = match client.get(url).send().await {
        Ok(r) => r,
        Err(e) => {
            let (outcome, detail) = classify(&e);
            result.total_ms = Some(ms(started.elapsed()));
            result.outcome = outcome;
            result.message = advice(outcome, spec, &detail);
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
            result.cert_days_left = Some((not_after - checked_at).num_days());
            result.cert_not_after = Some(not_after.to_rfc3339());
        }
    }
    // Read at most MAX_BODY, chunk by chunk, within the same timeout.
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
                let (outcome, detail) = classify(&e);
                result.total_ms = Some(ms(started.elapsed()));
                result.outcome = outcome;
                result.message = advice(outcome, spec, &detail);
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
    } else if let Some(k) = keyword.filter(|k| !String::from_utf8_lossy(&body).contains(k)) {
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
        if let Some(days) = result.cert_days_left.filter(|d| *d <= 30) {
            result
                .message
                .push_str(&format!("注意：证书 {days} 天后到期。"));
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
                message: format!("探测任务异常结束：{e}"),
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
                message: format!("无法启动探测：{e}"),
                checked_at: Utc::now().to_rfc3339(),
            })
            .collect(),
    }
}

/// Days left of a certificate expiring at `not_after`, as of `now` (exposed for tests).
pub fn days_left(not_after: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (not_after - now).num_days()
}
