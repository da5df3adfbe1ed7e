//! 合同服务级别: the shipped profiles hold the seeds' exact values; bad profiles are refused.

mod common;

use common::profile;
use dutydesk_sla::{builtin_profiles, Clock, Profile, ProfileError, Target, BUILTIN_PROFILES};

fn min(minutes: u32, clock: Clock) -> Target {
    Target::Minutes { minutes, clock }
}
const H24: Clock = Clock::SevenByTwentyFour;
const B58: Clock = Clock::FiveByEight;

#[test]
fn all_builtin_profiles_parse_under_their_ids() {
    assert_eq!(BUILTIN_PROFILES.len(), 3);
    for (id, text) in BUILTIN_PROFILES {
        let p = Profile::from_json(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(&p.id, id);
        // Version 2: the pause rule (no seed lets 挂起 stop the clock); for seed 001 the yearly
        // period with its payment terms, for seed 003 the cards and 即时响应.
        assert_eq!(p.version, 2, "{id}");
        assert!(!p.source.is_empty());
        assert_eq!(p.business_hours.daily_minutes(), 480);
        // Round trip through our own serialisation.
        assert_eq!(Profile::from_json(&p.to_json()).as_ref(), Ok(&p));
    }
    assert_eq!(builtin_profiles().len(), 3);
}

fn targets(p: &Profile) -> Vec<(&str, &str, Target, Target)> {
    p.levels
        .iter()
        .map(|l| (l.code.as_str(), l.name.as_str(), l.respond, l.restore))
        .collect()
}

#[test]
fn three_level_matches_seeds_000_and_001() {
    let p = profile("three-level");
    assert_eq!(
        targets(&p),
        vec![
            ("urgent", "紧急", min(10, H24), min(240, H24)),
            ("normal", "一般", min(30, H24), min(480, H24)),
            ("minor", "轻微", Target::OnDemand, Target::OnDemand),
        ]
    );
    assert_eq!(
        p.rule("requirementChange").map(|r| r.target),
        Some(min(1440, H24))
    );
}

#[test]
fn four_level_matches_seed_003() {
    let p = profile("four-level");
    assert_eq!(
        targets(&p),
        vec![
            ("level1", "一级", min(5, H24), min(60, H24)),
            ("level2", "二级", min(5, H24), min(90, H24)),
            ("level3", "三级", min(30, H24), min(1440, H24)),
            (
                "level4",
                "四级",
                min(60, B58),
                Target::WorkingDays { days: 5 }
            ),
        ]
    );
    assert_eq!(p.rule("hotlineAnswer").map(|r| r.target), Some(min(5, H24)));
    assert_eq!(
        p.rule("onSiteArrival").map(|r| r.target),
        Some(min(15, H24))
    );
    assert_eq!(
        p.rule("faultReport").map(|r| r.target),
        Some(min(1440, H24))
    );
    assert!(p.assessment.is_none());
}

#[test]
fn two_level_matches_seed_002() {
    let p = profile("two-level");
    assert_eq!(
        targets(&p),
        vec![
            ("major", "重大", min(5, H24), min(480, H24)),
            ("normal", "一般", min(5, H24), min(120, H24)),
        ]
    );
    assert_eq!(
        p.rule("onSiteArrival").map(|r| r.target),
        Some(min(60, H24))
    );
    assert!(p.assessment.is_none());
}

#[test]
fn the_assessment_sheet_of_seed_001() {
    let p = profile("three-level");
    let a = p.assessment.as_ref().unwrap_or_else(|| panic!("no sheet"));
    assert_eq!(a.total_points, 100.0);
    assert_eq!(a.items.iter().map(|i| i.points).sum::<f64>(), 100.0);
    let breach = |level: &str| a.breach_deduction(level).map(|(_, d)| d.points);
    assert_eq!(breach("urgent"), Some(1.0));
    assert_eq!(breach("normal"), Some(0.5));
    assert_eq!(breach("minor"), Some(0.2));

    let sla = a.item("slaTime").unwrap_or_else(|| panic!("no slaTime"));
    assert_eq!(sla.score(&[("breachMinor", 3)]), Ok(9.4));
    assert_eq!(
        sla.score(&[("breachUrgent", 2), ("breachNormal", 3)]),
        Ok(6.5)
    );
    // 扣完为止: never below zero.
    assert_eq!(sla.score(&[("breachUrgent", 25)]), Ok(0.0));
    let attendance = a
        .item("attendance")
        .unwrap_or_else(|| panic!("no attendance"));
    assert_eq!(
        attendance.score(&[("lateOrEarly", 3), ("absent", 1)]),
        Ok(6.0)
    );
    assert_eq!(attendance.score(&[("lateOrEarly", 12)]), Ok(0.0));
    assert_eq!(
        a.item("duty")
            .and_then(|i| i.score(&[("missedDuty", 2)]).ok()),
        Some(8.0)
    );
    assert_eq!(
        a.item("satisfaction")
            .and_then(|i| i.score(&[("complaint", 1)]).ok()),
        Some(9.0)
    );
    assert_eq!(
        sla.score(&[("complaint", 1)]).map_err(|e| e.to_string()),
        Err("考核项“故障响应与解决时间”没有扣分项“complaint”".into())
    );
}

#[test]
fn payment_bands_of_seed_001() {
    let p = profile("three-level");
    let a = p.assessment.as_ref().unwrap_or_else(|| panic!("no sheet"));
    for (score, pay, passed, penalty) in [
        (100.0, 100.0, true, 0.0),
        (90.0, 100.0, true, 0.0),
        (89.5, 85.0, true, 0.0),
        (80.0, 85.0, true, 0.0),
        (79.9, 70.0, true, 0.0),
        (70.0, 70.0, true, 0.0),
        (69.9, 0.0, false, 30.0),
    ] {
        let o = a.payment_for(score);
        assert_eq!(
            (o.pay_percent, o.passed, o.penalty_percent),
            (pay, passed, penalty),
            "{score}"
        );
    }
}

fn minimal(levels: &str) -> String {
    format!(r#"{{"id": "x", "name": "测试", "version": 1, "levels": [{levels}]}}"#)
}

fn refused(text: &str) -> String {
    match Profile::from_json(text) {
        Ok(p) => panic!("accepted {p:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn invalid_profiles_are_refused_in_chinese() {
    let urgent = r#"{"code": "urgent", "name": "紧急", "description": "", "respond": {"minutes": 10, "clock": "7x24"}, "restore": {"minutes": 240, "clock": "7x24"}}"#;
    assert!(Profile::from_json(&minimal(urgent)).is_ok());
    assert_eq!(
        refused(&minimal(&format!("{urgent}, {urgent}"))),
        "故障级别代码“urgent”重复，每个级别的代码必须唯一"
    );
    assert_eq!(refused(&minimal("")), "合同服务级别至少需要一个故障级别");
    assert_eq!(
        refused(&minimal(urgent).replace(r#""version": 1"#, r#""version": 0"#)),
        "合同服务级别的版本号必须是正整数"
    );
    assert_eq!(
        refused(&minimal(urgent).replace(r#""name": "测试""#, r#""name": " ""#)),
        "合同服务级别缺少“name”或为空"
    );
    let zero = refused(&minimal(&urgent.replace("10,", "0,")));
    assert!(
        zero.starts_with("合同服务级别文件无法解析：") && zero.contains("分钟数必须在 1 到"),
        "{zero}"
    );
    let unknown =
        refused(&minimal(urgent).replace(r#""version": 1"#, r#""version": 1, "colour": "red""#));
    assert!(unknown.contains("不认识的字段“colour”"), "{unknown}");
    assert!(!unknown.contains("unknown field"), "{unknown}");
    assert!(refused("not json").starts_with("合同服务级别文件无法解析："));

    // A constructed profile is checked by validate() too.
    let mut p = profile("two-level");
    p.levels[1].restore = Target::Minutes {
        minutes: 0,
        clock: H24,
    };
    assert_eq!(
        p.validate().map_err(|e| e.to_string()),
        Err("“一般级恢复”的时限无效：分钟数必须在 1 到 527040 之间（收到 0）".into())
    );
}

#[test]
fn an_inconsistent_assessment_sheet_is_refused() {
    let mut p = profile("three-level");
    if let Some(a) = p.assessment.as_mut() {
        a.items[0].points = 5.0;
    }
    assert!(
        matches!(p.validate(), Err(ProfileError::Assessment(m)) if m.contains("与总分 100 不符"))
    );

    let mut p = profile("three-level");
    if let Some(a) = p.assessment.as_mut() {
        a.items[5].deductions[0].level = Some("critical".into());
    }
    assert!(p
        .validate()
        .is_err_and(|e| e.to_string().contains("不存在的故障级别“critical”")));

    let mut p = profile("three-level");
    if let Some(a) = p.assessment.as_mut() {
        a.payment_bands.swap(0, 2);
    }
    assert!(p
        .validate()
        .is_err_and(|e| e.to_string().contains("从高到低")));
}

#[test]
fn seed_001_is_scored_once_a_year_with_half_paid_in_advance() {
    let p = Profile::from_json(BUILTIN_PROFILES[0].1).unwrap_or_else(|e| panic!("{e}"));
    let a = p.assessment.as_ref().unwrap_or_else(|| panic!("no sheet"));
    assert_eq!(a.period, dutydesk_sla::AssessmentPeriod::Year);
    assert_eq!(
        a.payment_terms.as_ref().map(|t| t.advance_percent),
        Some(50.0)
    );
    // 人员考核 is one 30-point row of three items on the printed sheet.
    let group: Vec<&str> = a
        .items
        .iter()
        .filter(|i| i.group.as_deref() == Some("人员考核"))
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(group, ["attendance", "duty", "satisfaction"]);
}

#[test]
fn seed_003_cards_are_in_its_profile_and_impossible_ones_are_refused() {
    let p = Profile::from_json(BUILTIN_PROFILES[1].1).unwrap_or_else(|e| panic!("{e}"));
    let c = p.cards.as_ref().unwrap_or_else(|| panic!("no cards"));
    assert_eq!(
        (c.red_after_complaints, c.termination_after_complaints),
        (3, 5)
    );
    assert_eq!(c.outage_yellow_minutes, Some(60));
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value =
            serde_json::from_str(BUILTIN_PROFILES[1].1).unwrap_or_default();
        edit(&mut v);
        match Profile::from_json(&v.to_string()) {
            Ok(_) => String::from("accepted"),
            Err(e) => e.to_string(),
        }
    };
    assert!(
        refused(&|v| v["cards"]["outageLevels"] = serde_json::json!(["level9"])).contains("level9")
    );
    assert!(refused(&|v| v["cards"]["terminationAfterComplaints"] = 2.into()).contains("不能少于"));
    assert!(refused(&|v| v["cards"]["outageYellowMinutes"] = (-5).into()).contains("无法解析"));
    let mut three: serde_json::Value =
        serde_json::from_str(BUILTIN_PROFILES[0].1).unwrap_or_default();
    three["assessment"]["period"] = "fortnight".into();
    assert!(Profile::from_json(&three.to_string()).is_err());
    three["assessment"]["period"] = "quarter".into();
    three["assessment"]["paymentTerms"]["advancePercent"] = 100.into();
    let said = match Profile::from_json(&three.to_string()) {
        Ok(_) => String::from("accepted"),
        Err(e) => e.to_string(),
    };
    assert!(said.contains("预付款比例"), "{said}");
}
