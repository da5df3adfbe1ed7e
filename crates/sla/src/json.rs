//! serde_json's English errors, said in Chinese: where the problem is and what kind it is. The
//! engineer reads these when an imported holiday file or a profile is refused.

use serde_json::error::Category;

pub(crate) fn problem_zh(e: &serde_json::Error) -> String {
    let at = format!("第 {} 行第 {} 列", e.line(), e.column());
    match e.classify() {
        Category::Syntax => format!("不是有效的 JSON，{at}附近格式有误"),
        Category::Eof => format!("内容不完整，在{at}提前结束"),
        Category::Io => "读取失败".into(),
        Category::Data => {
            let full = e.to_string();
            let detail = full
                .rsplit_once(" at line ")
                .map_or(full.as_str(), |(d, _)| d);
            format!("{at}：{}", data_zh(detail))
        }
    }
}

/// The common shapes of serde's data errors; our own messages (already Chinese) pass through.
fn data_zh(detail: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if detail.starts_with("missing field") {
        format!("缺少字段“{}”", quoted(detail))
    } else if detail.starts_with("unknown field") {
        format!("不认识的字段“{}”", quoted(detail))
    } else if detail.starts_with("duplicate field") {
        format!("字段“{}”出现了两次", quoted(detail))
    } else if detail.starts_with("invalid type") || detail.starts_with("invalid value") {
        format!("数据类型不对（{detail}）")
    } else if detail.starts_with("invalid length") {
        format!("数量不对（{detail}）")
    } else {
        detail.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str) -> String {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(_) => String::new(),
            Err(e) => problem_zh(&e),
        }
    }

    #[test]
    fn syntax_and_truncation_are_said_in_chinese_with_the_place() {
        assert_eq!(
            zh("{ not json"),
            "不是有效的 JSON，第 1 行第 3 列附近格式有误"
        );
        assert_eq!(
            zh("{\"year\": 2026,"),
            "内容不完整，在第 1 行第 14 列提前结束"
        );
    }

    #[test]
    fn missing_fields_are_named() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Y {
            year: i32,
        }
        let e = serde_json::from_str::<Y>("{}").expect_err("missing");
        assert_eq!(problem_zh(&e), "第 1 行第 2 列：缺少字段“year”");
    }
}
