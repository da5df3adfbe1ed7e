//! 表单定义 — a paper form the contract names, as data: its fields, numbering, deadlines, signature
//! blocks, printed layout and workbook sheet (`assets/forms/*.json`, `docs/forms.md`).
//!
//! A definition comes from outside (a shipped file, a vendor's file, the form editor), so it is read
//! by hand from a `serde_json::Value` rather than by a derived `Deserialize`: every problem is
//! collected with the JSON path it sits at (`$.fields[3].type`) and a Chinese reason, and the whole
//! definition is refused if any is found. The same reader reads definitions back from SQLite.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dutydesk_sla::Target;
use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};
use crate::json_shape;
use crate::kinds::RecordKind;

/// The largest definition file read (a form is a page of fields, not a document).
pub const MAX_DEFINITION_BYTES: usize = 256 * 1024;
/// How deep a definition may nest (a table's columns are the deepest part, at 5).
pub const MAX_DEPTH: usize = 16;
pub const MAX_FIELDS: usize = 100;
pub const MAX_COLUMNS: usize = 20;
pub const MAX_OPTIONS: usize = 50;
pub const MAX_DEADLINES: usize = 10;
pub const MAX_SIGNATURES: usize = 8;
/// A field's own length bound may not exceed what any text column holds.
pub const MAX_TEXT: u32 = 5000;
const MAX_ROWS: u32 = 500;
const MAX_LABEL: usize = 40;
const MAX_PROSE: usize = 1000;
/// The number series the app's own records use (故障, 需求变更, 热线, 报修, 咨询, 投诉, FAQ): a form
/// numbered in one of them would take numbers those records expect to be theirs.
pub const RESERVED_PREFIXES: [&str; 7] = ["GZ", "BG", "DH", "BX", "ZX", "TS", "FAQ"];
/// The month's workbook's own sheets: a form saved now may not take one of these names
/// ([`check_set`]); one stored before a name was added here is renamed in the workbook instead
/// ([`workbook_sheet_name`]).
pub const RESERVED_SHEETS: [&str; 15] = [
    "封面",
    "月度运维报告",
    "巡检记录",
    "巡检记录单",
    "系统监测日志",
    "故障记录",
    "需求变更",
    "服务记录",
    "常见问题",
    "考勤表",
    "值班记录",
    "工作日志",
    "考核表",
    "扣分明细",
    "配置管理报告",
];

/// `name` as a sheet of the month's workbook beside the workbook's own sheets and the names already
/// `taken` (compared as Excel does, ignoring case): unchanged when free, else `name（表单）`,
/// `name（表单2）` … within Excel's 31 characters.
pub fn workbook_sheet_name(name: &str, taken: &[String]) -> String {
    let free = |n: &str| {
        let lower = n.to_lowercase();
        !RESERVED_SHEETS.contains(&n) && !taken.iter().any(|t| t.to_lowercase() == lower)
    };
    if free(name) {
        return name.to_string();
    }
    (1..)
        .map(|i| {
            let tail = if i == 1 {
                "（表单）".to_string()
            } else {
                format!("（表单{i}）")
            };
            let keep = 31 - tail.chars().count();
            format!("{}{tail}", name.chars().take(keep).collect::<String>())
        })
        .find(|n| free(n))
        .expect("some suffix is free")
}

/// How a field is filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum FormFieldType {
    /// 单行文字
    Text,
    /// 多行文字
    LongText,
    /// 数字（可带单位）
    Number,
    Date,
    DateTime,
    /// 单选
    Choice,
    /// 驻场人员
    Engineer,
    /// 是 / 否
    YesNo,
    /// 明细表：每行若干列
    Table,
    /// 附件（文件挂在记录上，不在值里）
    Attachment,
    /// 关联记录
    Link,
}

impl FormFieldType {
    const ALL: [(&'static str, FormFieldType); 11] = [
        ("text", FormFieldType::Text),
        ("longText", FormFieldType::LongText),
        ("number", FormFieldType::Number),
        ("date", FormFieldType::Date),
        ("dateTime", FormFieldType::DateTime),
        ("choice", FormFieldType::Choice),
        ("engineer", FormFieldType::Engineer),
        ("yesNo", FormFieldType::YesNo),
        ("table", FormFieldType::Table),
        ("attachment", FormFieldType::Attachment),
        ("link", FormFieldType::Link),
    ];

    pub fn code(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("", |(c, _)| c)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            FormFieldType::Text => "单行文字",
            FormFieldType::LongText => "多行文字",
            FormFieldType::Number => "数字",
            FormFieldType::Date => "日期",
            FormFieldType::DateTime => "日期时间",
            FormFieldType::Choice => "单选",
            FormFieldType::Engineer => "驻场人员",
            FormFieldType::YesNo => "是/否",
            FormFieldType::Table => "明细表",
            FormFieldType::Attachment => "附件",
            FormFieldType::Link => "关联记录",
        }
    }

    /// Whether values of this type date something (a deadline's start or end, the record's date).
    pub fn is_time(self) -> bool {
        matches!(self, FormFieldType::Date | FormFieldType::DateTime)
    }

    /// The types a table's column may have: plain values, no nesting, nothing stored elsewhere.
    fn fits_in_table(self) -> bool {
        !matches!(
            self,
            FormFieldType::Table
                | FormFieldType::Attachment
                | FormFieldType::Link
                | FormFieldType::Engineer
        )
    }
}

/// 字段 — one field of a form. Only the properties of its type are set.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormField {
    pub key: String,
    pub label: String,
    #[serde(rename = "type")]
    pub kind: FormFieldType,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hint: Option<String>,
    /// Longest text (text, longText).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub decimals: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub options: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<FormField>>", optional)]
    pub columns: Vec<FormField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_rows: Option<u32>,
    /// What a link may point at: a record kind (`fault`) or another form (`form:release-report`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub kinds: Vec<String>,
}

impl FormField {
    /// The longest text this field takes.
    pub fn text_limit(&self) -> u32 {
        self.max_length.unwrap_or(match self.kind {
            FormFieldType::LongText => MAX_TEXT,
            _ => 100,
        })
    }
}

/// How a form's numbers (编号) are made: `FB-20261206-01`, `FB-202612-001` or `FB-2026-0001`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Numbering {
    pub prefix: String,
    /// day / month / year: how long a run of numbers lasts.
    pub period: String,
}

impl Numbering {
    /// The period part of a number for a record dated `date` (`YYYY-MM-DD`), and its digits.
    pub fn period_of(&self, date: &str) -> (String, usize) {
        let digits: String = date.chars().filter(char::is_ascii_digit).collect();
        match self.period.as_str() {
            "day" => (digits.chars().take(8).collect(), 2),
            "month" => (digits.chars().take(6).collect(), 3),
            _ => (digits.chars().take(4).collect(), 4),
        }
    }
}

/// How long a form's deadline runs: a target the SLA engine counts (minutes on a clock, working
/// days), or calendar months (seed 004: 《发布报告》、《确认单》“必须在 1 个月内得到用户的签字确认”;
/// 培训材料“应在培训实施前 1 个月提交”), which are not thirty days: from 31 January one month
/// runs to 28 February, from 1 March to 1 April.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    Target(Target),
    /// N 个月: the same day and time N months on (or back), or that month's last day when it is
    /// shorter.
    Months(u32),
}

impl Within {
    /// `1个月`, `2个工作日（5×8）`, `30分钟（7×24）`.
    pub fn describe_zh(&self) -> String {
        match self {
            Within::Target(t) => t.describe_zh(),
            Within::Months(n) => format!("{n}个月"),
        }
    }
}

impl Serialize for Within {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Within::Target(t) => t.serialize(s),
            Within::Months(n) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("months", n)?;
                m.end()
            }
        }
    }
}

/// 时限 — a deadline counted from a field's time in a clock the SLA engine counts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormDeadline {
    pub key: String,
    pub label: String,
    /// The date or date-time field it counts from.
    pub from: String,
    #[ts(
        type = "{ minutes: number, clock: string } | { workingDays: number } | { months: number }"
    )]
    pub within: Within,
    /// Counted backwards: due `within` before `from` (提前2天申请).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub before: bool,
    /// The field whose time meets it, or `@saved`: the moment the record was saved.
    pub until: String,
    /// How long before the deadline 今日 starts to remind.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub remind_minutes: Option<u32>,
    /// The contract's words for the rule, printed with the outcome.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<String>,
    /// Only for records whose choice field holds one of these options (seed 004: a Bug's solution
    /// within 1 working day, a 小版本升级's within 2); without it, for every record.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub when: Option<DeadlineWhen>,
}

/// The records a deadline applies to: those whose choice field `field` holds one of `is`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeadlineWhen {
    pub field: String,
    pub is: Vec<String>,
}

impl FormDeadline {
    /// Whether the deadline applies to a record with `values`.
    pub fn applies(&self, values: &Map<String, Value>) -> bool {
        self.when.as_ref().is_none_or(|w| {
            values
                .get(&w.field)
                .and_then(Value::as_str)
                .is_some_and(|v| w.is.iter().any(|o| o == v))
        })
    }
}

/// The `until` of a deadline met by saving the record (系统配置管理表: updated within 1 working day).
pub const UNTIL_SAVED: &str = "@saved";

/// 签字栏 — one signature block of the printed form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SignatureBlock {
    pub label: String,
    /// Whether a 日期 line follows the signature line.
    pub date: bool,
}

/// 打印版式 — the paper form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrintLayout {
    pub title: String,
    /// portrait / landscape (A4).
    pub orientation: String,
    /// Fields printed side by side (at most three a row); the rest follow one a row.
    pub rows: Vec<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// The special columns of a workbook sheet.
pub const SHEET_SPECIALS: [(&str, &str); 4] = [
    ("@code", "编号"),
    ("@date", "日期"),
    ("@state", "状态"),
    ("@engineer", "驻场人员"),
];

/// 工作簿表页 — the form's sheet in the month's workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SheetLayout {
    pub name: String,
    pub columns: Vec<String>,
}

/// 表单定义 — one version of a form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FormDefinition {
    pub id: String,
    pub version: u32,
    pub name: String,
    pub group: String,
    pub source: String,
    pub description: String,
    pub numbering: Numbering,
    pub date_field: String,
    pub title_field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub engineer_field: Option<String>,
    /// A living table (系统配置管理表): records are items kept up to date, with history.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub living: bool,
    pub fields: Vec<FormField>,
    pub deadlines: Vec<FormDeadline>,
    pub signatures: Vec<SignatureBlock>,
    pub print: PrintLayout,
    pub sheet: SheetLayout,
}

impl FormDefinition {
    pub fn field(&self, key: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The definition as stored: the same JSON a file holds.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The forms this one's required links need a record of first (for the cycle check).
    fn required_links(&self) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .filter(|f| f.kind == FormFieldType::Link && f.required)
            .flat_map(|f| f.kinds.iter())
            .filter_map(|k| k.strip_prefix("form:"))
    }
}

/// Reads a definition file's text: bounded first (size, nesting, objects), then parsed, then read
/// field by field. Any problem refuses the whole definition, each with its JSON path.
pub fn parse_definition(text: &str) -> Result<FormDefinition> {
    if text.len() > MAX_DEFINITION_BYTES {
        return Err(refused(
            "$",
            format!(
                "表单定义文件过大（{} KB），上限为 {} KB；请检查是否选错了文件。",
                text.len() / 1024,
                MAX_DEFINITION_BYTES / 1024
            ),
        ));
    }
    let shape = json_shape::shape(text.as_bytes());
    if shape.depth > MAX_DEPTH {
        return Err(refused(
            "$",
            format!(
                "表单定义嵌套过深（{} 层），上限为 {MAX_DEPTH} 层。",
                shape.depth
            ),
        ));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        refused(
            "$",
            format!(
                "表单定义不是有效的 JSON：第 {} 行第 {} 列附近有误。",
                e.line(),
                e.column()
            ),
        )
    })?;
    read_definition(&value)
}

/// Reads a vendor's definition file: at most one byte past [`MAX_DEFINITION_BYTES`] is read (enough
/// for [`parse_definition`] to say it is too big), then parsed like any other text.
pub fn read_definition_file(path: &std::path::Path) -> Result<FormDefinition> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_DEFINITION_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    // A file cut at the limit may end inside a character; it is refused as too big either way.
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if e.as_bytes().len() > MAX_DEFINITION_BYTES => {
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
        Err(_) => {
            return Err(refused(
                "$",
                "表单定义文件不是 UTF-8 文字，请选择 .json 文件。".into(),
            ))
        }
    };
    parse_definition(&text)
}

/// Reads a definition already parsed (the form editor sends one as an object).
pub fn read_definition(value: &Value) -> Result<FormDefinition> {
    let mut r = Reader::default();
    let def = r.definition(value);
    match def {
        Some(def) if r.errors.is_empty() => Ok(def),
        _ => Err(Error::validation(r.errors)),
    }
}

/// Checks a set of definitions together: link targets exist, prefixes and sheet names are unique,
/// and no circle of required links (A needs a B first, B needs an A first) makes every form of the
/// circle impossible to fill in.
pub fn check_set(defs: &[&FormDefinition]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let ids: BTreeSet<&str> = defs.iter().map(|d| d.id.as_str()).collect();
    let mut prefixes: HashMap<&str, &str> = HashMap::new();
    let mut sheets: HashMap<String, &str> = HashMap::new();
    for d in defs {
        for (fi, f) in d.fields.iter().enumerate() {
            for (ki, k) in f.kinds.iter().enumerate() {
                if let Some(target) = k.strip_prefix("form:") {
                    if !ids.contains(target) {
                        errors.push(FieldError::new(
                            format!("{}:$.fields[{fi}].kinds[{ki}]", d.id),
                            format!("“{}”关联的表单“{target}”不存在。", f.label),
                        ));
                    }
                }
            }
        }
        if let Some(other) = prefixes.insert(&d.numbering.prefix, &d.id) {
            errors.push(FieldError::new(
                format!("{}:$.numbering.prefix", d.id),
                format!(
                    "编号前缀“{}”已被表单“{other}”使用，请换一个。",
                    d.numbering.prefix
                ),
            ));
        }
        if RESERVED_SHEETS.contains(&d.sheet.name.trim()) {
            errors.push(FieldError::new(
                format!("{}:$.sheet.name", d.id),
                format!(
                    "工作表名“{}”与月度工作簿自带的工作表重名，请另取一个名称（未填写工作表名时使用表单名称）。",
                    d.sheet.name
                ),
            ));
        }
        if let Some(other) = sheets.insert(d.sheet.name.to_lowercase(), &d.id) {
            errors.push(FieldError::new(
                format!("{}:$.sheet.name", d.id),
                format!(
                    "工作表名“{}”已被表单“{other}”使用，请换一个。",
                    d.sheet.name
                ),
            ));
        }
    }
    // Depth-first over required links; a back edge is a circle.
    let graph: BTreeMap<&str, Vec<&str>> = defs
        .iter()
        .map(|d| (d.id.as_str(), d.required_links().collect()))
        .collect();
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    fn visit<'a>(
        node: &'a str,
        graph: &BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
        found: &mut Option<Vec<&'a str>>,
    ) {
        if found.is_some() {
            return;
        }
        match state.get(node) {
            Some(2) => return,
            Some(1) => {
                let start = path.iter().position(|n| *n == node).unwrap_or(0);
                let mut circle = path[start..].to_vec();
                circle.push(node);
                *found = Some(circle);
                return;
            }
            _ => {}
        }
        state.insert(node, 1);
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, state, path, found);
        }
        path.pop();
        state.insert(node, 2);
    }
    let mut found = None;
    for id in graph.keys() {
        visit(id, &graph, &mut state, &mut Vec::new(), &mut found);
    }
    if let Some(circle) = found {
        errors.push(FieldError::new(
            format!("{}:$.fields", circle[0]),
            format!(
                "必填的关联记录形成了循环（{}）：每张表单都要求先有另一张，谁也无法先填。请把其中一个关联改为非必填。",
                circle.join(" → ")
            ),
        ));
    }
    errors
}

fn refused(path: &str, message: String) -> Error {
    Error::validation(vec![FieldError::new(path, message)])
}

/// Walks a `Value`, collecting problems with their paths.
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
    /// Keys of fields that were refused themselves: a reference to one is not a second problem.
    broken: BTreeSet<String>,
}

fn is_key(s: &str, max: usize) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && s.len() <= max
        && chars.all(|c| c.is_ascii_alphanumeric())
}

fn is_form_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && (2..=40).contains(&s.len())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Reader {
    fn err(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, message));
    }

    /// A reference to a field that is not there, unless the field was there but refused.
    fn missing(&mut self, path: &str, key: &str) {
        if !self.broken.contains(key) {
            self.err(path, missing_field(key));
        }
    }

    /// The object at `path` with only `allowed` keys; unknown keys are refused.
    fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Some(map) = v.as_object() else {
            self.err(path, "此处应为对象（{ … }）。");
            return None;
        };
        for k in map.keys() {
            if !allowed.contains(&k.as_str()) {
                self.err(
                    &format!("{path}.{k}"),
                    format!(
                        "无法识别的字段“{}”；可用的字段有：{}。",
                        short(k),
                        allowed.join("、")
                    ),
                );
            }
        }
        Some(map)
    }

    fn string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        max: usize,
    ) -> Option<String> {
        let p = format!("{path}.{key}");
        match map.get(key) {
            None | Some(Value::Null) => {
                self.err(&p, "缺少此项，请填写。");
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.err(&p, "不能为空。");
                None
            }
            Some(Value::String(s)) if s.chars().count() > max => {
                self.err(
                    &p,
                    format!("过长（{} 个字），上限 {max} 个字。", s.chars().count()),
                );
                None
            }
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(_) => {
                self.err(&p, "此处应为文字（\"…\"）。");
                None
            }
        }
    }

    fn opt_string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        max: usize,
    ) -> Option<String> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(_) => self.string(map, path, key, max),
        }
    }

    fn bool(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> bool {
        match map.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.err(&format!("{path}.{key}"), "此处应为 true 或 false。");
                false
            }
        }
    }

    fn uint(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        range: std::ops::RangeInclusive<u64>,
    ) -> Option<u32> {
        let v = map.get(key)?;
        if v.is_null() {
            return None;
        }
        match v.as_u64() {
            Some(n) if range.contains(&n) => u32::try_from(n).ok(),
            _ => {
                self.err(
                    &format!("{path}.{key}"),
                    format!("应为 {} 到 {} 之间的整数。", range.start(), range.end()),
                );
                None
            }
        }
    }

    fn number(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<f64> {
        let v = map.get(key)?;
        if v.is_null() {
            return None;
        }
        match v.as_f64() {
            Some(n) if n.is_finite() && n.abs() <= 1e12 => Some(n),
            _ => {
                self.err(
                    &format!("{path}.{key}"),
                    "应为数字（绝对值不超过 1 万亿）。",
                );
                None
            }
        }
    }

    fn array<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        key: &str,
        max: usize,
        required: bool,
    ) -> &'v [Value] {
        let p = format!("{path}.{key}");
        match map.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.err(&p, "缺少此项，请填写。");
                }
                &[]
            }
            Some(Value::Array(a)) if a.len() > max => {
                self.err(&p, format!("最多 {max} 项（现有 {} 项）。", a.len()));
                &[]
            }
            Some(Value::Array(a)) => a,
            Some(_) => {
                self.err(&p, "此处应为列表（[ … ]）。");
                &[]
            }
        }
    }

    fn definition(&mut self, v: &Value) -> Option<FormDefinition> {
        let map = self.object(
            v,
            "$",
            &[
                "id",
                "version",
                "name",
                "group",
                "source",
                "description",
                "numbering",
                "dateField",
                "titleField",
                "engineerField",
                "living",
                "fields",
                "deadlines",
                "signatures",
                "print",
                "sheet",
                "$schema",
            ],
        )?;
        let id = self.string(map, "$", "id", 40);
        if let Some(id) = &id {
            if !is_form_id(id) {
                self.err(
                    "$.id",
                    format!("表单编码“{}”无效：应以小写字母开头，只含小写字母、数字和 -，2 到 40 个字符。", short(id)),
                );
            }
        }
        let version = match map.get("version") {
            None => {
                self.err("$.version", "缺少此项，请填写版本号（从 1 开始的整数）。");
                None
            }
            Some(_) => self.uint(map, "$", "version", 1..=9999),
        };
        let name = self.string(map, "$", "name", MAX_LABEL);
        let group = self
            .opt_string(map, "$", "group", MAX_LABEL)
            .unwrap_or_else(|| "其他表单".into());
        let source = self
            .opt_string(map, "$", "source", MAX_PROSE)
            .unwrap_or_default();
        let description = self
            .opt_string(map, "$", "description", MAX_PROSE)
            .unwrap_or_default();
        let numbering = self.numbering(map.get("numbering"));
        let fields = self.fields(map, "$", 0);
        let by_key: HashMap<&str, &FormField> =
            fields.iter().map(|f| (f.key.as_str(), f)).collect();

        let date_field = self.string(map, "$", "dateField", 40);
        if let Some(k) = &date_field {
            match by_key.get(k.as_str()) {
                Some(f) if f.kind.is_time() && f.required => {}
                Some(f) if f.kind.is_time() => self.err(
                    "$.dateField",
                    format!(
                        "记录日期取自“{}”，它必须是必填项（required: true）。",
                        f.label
                    ),
                ),
                Some(f) => self.err(
                    "$.dateField",
                    format!("记录日期取自“{}”，它应为日期或日期时间字段。", f.label),
                ),
                None => self.missing("$.dateField", k),
            }
        }
        let title_field = self.string(map, "$", "titleField", 40);
        if let Some(k) = &title_field {
            match by_key.get(k.as_str()) {
                Some(f)
                    if matches!(
                        f.kind,
                        FormFieldType::Text | FormFieldType::LongText | FormFieldType::Choice
                    ) => {}
                Some(f) => self.err(
                    "$.titleField",
                    format!("标题取自“{}”，它应为文字或单选字段。", f.label),
                ),
                None => self.missing("$.titleField", k),
            }
        }
        let engineer_field = self.opt_string(map, "$", "engineerField", 40);
        if let Some(k) = &engineer_field {
            match by_key.get(k.as_str()) {
                Some(f) if f.kind == FormFieldType::Engineer => {}
                Some(f) => self.err(
                    "$.engineerField",
                    format!("驻场人员取自“{}”，它应为驻场人员字段。", f.label),
                ),
                None => self.missing("$.engineerField", k),
            }
        }
        let living = self.bool(map, "$", "living");
        let deadlines = self.deadlines(map, &by_key);
        let signatures = self.signatures(map);
        let print = self.print(map.get("print"), &by_key, name.as_deref());
        let sheet = self.sheet(map.get("sheet"), &fields, &by_key, name.as_deref());

        Some(FormDefinition {
            id: id?,
            version: version?,
            name: name?,
            group,
            source,
            description,
            numbering: numbering?,
            date_field: date_field?,
            title_field: title_field?,
            engineer_field,
            living,
            fields,
            deadlines,
            signatures,
            print: print?,
            sheet: sheet?,
        })
    }

    fn numbering(&mut self, v: Option<&Value>) -> Option<Numbering> {
        let Some(v) = v else {
            self.err(
                "$.numbering",
                "缺少编号规则，例如 {\"prefix\": \"FB\", \"period\": \"month\"}。",
            );
            return None;
        };
        let map = self.object(v, "$.numbering", &["prefix", "period"])?;
        let prefix = self.string(map, "$.numbering", "prefix", 6);
        if let Some(p) = &prefix {
            if !p.chars().all(|c| c.is_ascii_uppercase()) {
                self.err(
                    "$.numbering.prefix",
                    format!("编号前缀“{}”应为 1 到 6 个大写英文字母。", short(p)),
                );
            } else if RESERVED_PREFIXES.contains(&p.as_str()) {
                self.err(
                    "$.numbering.prefix",
                    format!("编号前缀“{p}”已用于本程序自带的记录（故障、需求变更、服务记录、投诉等），请换一个。"),
                );
            }
        }
        let period = self.string(map, "$.numbering", "period", 10);
        if let Some(p) = &period {
            if !matches!(p.as_str(), "day" | "month" | "year") {
                self.err(
                    "$.numbering.period",
                    format!(
                        "编号周期“{}”无效，应为 day（按日）、month（按月）或 year（按年）。",
                        short(p)
                    ),
                );
            }
        }
        Some(Numbering {
            prefix: prefix?,
            period: period?,
        })
    }

    /// The fields of a form (`depth` 0) or the columns of a table (`depth` 1).
    fn fields(&mut self, map: &Map<String, Value>, path: &str, depth: u8) -> Vec<FormField> {
        let (key, max) = if depth == 0 {
            ("fields", MAX_FIELDS)
        } else {
            ("columns", MAX_COLUMNS)
        };
        let items = self.array(map, path, key, max, true);
        if items.is_empty() && map.get(key).is_some_and(Value::is_array) {
            self.err(&format!("{path}.{key}"), "至少要有一个字段。");
        }
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}.{key}[{i}]");
            let field = self.field(item, &p, depth);
            if field.is_none() {
                if let Some(k) = item.get("key").and_then(Value::as_str) {
                    self.broken.insert(k.to_string());
                }
            }
            if let Some(f) = field {
                if !seen.insert(f.key.clone()) {
                    self.err(
                        &format!("{p}.key"),
                        format!("字段编码“{}”重复，请改为唯一的编码。", f.key),
                    );
                    continue;
                }
                out.push(f);
            }
        }
        out
    }

    fn field(&mut self, v: &Value, path: &str, depth: u8) -> Option<FormField> {
        let map = self.object(
            v,
            path,
            &[
                "key",
                "label",
                "type",
                "required",
                "hint",
                "maxLength",
                "unit",
                "min",
                "max",
                "decimals",
                "options",
                "columns",
                "maxRows",
                "kinds",
            ],
        )?;
        let key = self.string(map, path, "key", 40);
        if let Some(k) = &key {
            if !is_key(k, 40) {
                self.err(
                    &format!("{path}.key"),
                    format!(
                        "字段编码“{}”无效：应以小写英文字母开头，只含英文字母和数字。",
                        short(k)
                    ),
                );
            }
        }
        let label = self.string(map, path, "label", MAX_LABEL);
        let type_text = self.string(map, path, "type", 20);
        let kind = type_text.as_deref().and_then(|t| {
            let found = FormFieldType::ALL
                .iter()
                .find(|(c, _)| *c == t)
                .map(|(_, k)| *k);
            if found.is_none() {
                self.err(
                    &format!("{path}.type"),
                    format!(
                        "字段类型“{}”无法识别；可用的类型有：{}。",
                        short(t),
                        FormFieldType::ALL.map(|(c, _)| c).join("、")
                    ),
                );
            }
            found
        });
        let required = self.bool(map, path, "required");
        let hint = self.opt_string(map, path, "hint", 200);
        let kind = kind?;
        if required && kind == FormFieldType::Attachment {
            // Files are attached after a record is saved, so a required one could never be met.
            self.err(
                &format!("{path}.required"),
                "附件在记录保存后上传，不能设为必填；可在说明（hint）里提示需要上传。",
            );
        }
        if depth > 0 && !kind.fits_in_table() {
            self.err(
                &format!("{path}.type"),
                format!("明细表的列不能是{}。", kind.label_zh()),
            );
        }
        // Which properties each type takes; any other is refused, so a typo is not ignored.
        let allowed: &[&str] = match kind {
            FormFieldType::Text | FormFieldType::LongText => &["maxLength"],
            FormFieldType::Number => &["unit", "min", "max", "decimals"],
            FormFieldType::Choice => &["options"],
            FormFieldType::Table => &["columns", "maxRows"],
            FormFieldType::Link => &["kinds"],
            _ => &[],
        };
        for prop in [
            "maxLength",
            "unit",
            "min",
            "max",
            "decimals",
            "options",
            "columns",
            "maxRows",
            "kinds",
        ] {
            if map.contains_key(prop) && !allowed.contains(&prop) {
                self.err(
                    &format!("{path}.{prop}"),
                    format!("{}字段不使用“{prop}”。", kind.label_zh()),
                );
            }
        }
        let max_length = self.uint(map, path, "maxLength", 1..=u64::from(MAX_TEXT));
        let unit = self.opt_string(map, path, "unit", 10);
        let min = self.number(map, path, "min");
        let max = self.number(map, path, "max");
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                self.err(&format!("{path}.min"), format!("下限 {lo} 大于上限 {hi}。"));
            }
        }
        let decimals = self
            .uint(map, path, "decimals", 0..=6)
            .and_then(|d| u8::try_from(d).ok());
        let mut options = Vec::new();
        if kind == FormFieldType::Choice {
            let items = self.array(map, path, "options", MAX_OPTIONS, true);
            if items.is_empty() && map.get("options").is_some_and(Value::is_array) {
                self.err(&format!("{path}.options"), "单选字段至少要有一个选项。");
            }
            for (i, o) in items.iter().enumerate() {
                match o.as_str().map(str::trim) {
                    Some(s) if !s.is_empty() && s.chars().count() <= MAX_LABEL => {
                        if options.iter().any(|x| x == s) {
                            self.err(&format!("{path}.options[{i}]"), format!("选项“{s}”重复。"));
                        } else {
                            options.push(s.to_string());
                        }
                    }
                    _ => self.err(
                        &format!("{path}.options[{i}]"),
                        format!("选项应为 1 到 {MAX_LABEL} 个字的文字。"),
                    ),
                }
            }
        }
        let columns = if kind == FormFieldType::Table {
            if depth > 0 {
                Vec::new()
            } else {
                self.fields(map, path, 1)
            }
        } else {
            Vec::new()
        };
        let max_rows = self.uint(map, path, "maxRows", 1..=u64::from(MAX_ROWS));
        let mut kinds = Vec::new();
        if kind == FormFieldType::Link {
            let items = self.array(map, path, "kinds", 20, true);
            if items.is_empty() && map.get("kinds").is_some_and(Value::is_array) {
                self.err(&format!("{path}.kinds"), "请至少列出一种可关联的记录。");
            }
            for (i, k) in items.iter().enumerate() {
                let p = format!("{path}.kinds[{i}]");
                match k.as_str() {
                    Some(s) if s.strip_prefix("form:").is_some_and(is_form_id) => {
                        kinds.push(s.to_string());
                    }
                    Some(s) if RecordKind::parse(s).is_some_and(RecordKind::may_link) => {
                        kinds.push(s.to_string());
                    }
                    Some(s) => self.err(
                        &p,
                        format!("无法关联“{}”；可关联 fault、change、serviceRecord、training、faq、inspection、complaint 或 form:表单编码。", short(s)),
                    ),
                    None => self.err(&p, "此处应为文字。"),
                }
            }
        }
        Some(FormField {
            key: key?,
            label: label?,
            kind,
            required,
            hint,
            max_length,
            unit,
            min,
            max,
            decimals,
            options,
            columns,
            max_rows,
            kinds,
        })
    }

    fn deadlines(
        &mut self,
        map: &Map<String, Value>,
        fields: &HashMap<&str, &FormField>,
    ) -> Vec<FormDeadline> {
        let items = self.array(map, "$", "deadlines", MAX_DEADLINES, false);
        let mut out: Vec<FormDeadline> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("$.deadlines[{i}]");
            let Some(m) = self.object(
                item,
                &path,
                &[
                    "key",
                    "label",
                    "from",
                    "within",
                    "before",
                    "until",
                    "remindMinutes",
                    "rule",
                    "when",
                ],
            ) else {
                continue;
            };
            let key = self.string(m, &path, "key", 40);
            if let Some(k) = &key {
                if !is_key(k, 40) {
                    self.err(
                        &format!("{path}.key"),
                        format!("时限编码“{}”无效。", short(k)),
                    );
                } else if out.iter().any(|d| &d.key == k) {
                    self.err(&format!("{path}.key"), format!("时限编码“{k}”重复。"));
                }
            }
            let label = self.string(m, &path, "label", MAX_LABEL);
            let from = self.string(m, &path, "from", 40);
            if let Some(f) = &from {
                match fields.get(f.as_str()) {
                    Some(field) if field.kind.is_time() => {}
                    Some(field) => self.err(
                        &format!("{path}.from"),
                        format!("时限从“{}”起算，它应为日期或日期时间字段。", field.label),
                    ),
                    None => self.missing(&format!("{path}.from"), f),
                }
            }
            let until = self.string(m, &path, "until", 40);
            if let Some(u) = &until {
                if u != UNTIL_SAVED {
                    match fields.get(u.as_str()) {
                        Some(field) if field.kind.is_time() => {}
                        Some(field) => self.err(
                            &format!("{path}.until"),
                            format!(
                                "时限以“{}”为完成时间，它应为日期或日期时间字段。",
                                field.label
                            ),
                        ),
                        None if self.broken.contains(u.as_str()) => {}
                        None => self.err(
                            &format!("{path}.until"),
                            format!(
                                "{}（或写 \"@saved\" 表示以保存记录的时间为准）",
                                missing_field(u)
                            ),
                        ),
                    }
                }
                if from.as_deref() == Some(u.as_str()) {
                    self.err(
                        &format!("{path}.until"),
                        "完成时间不能与起算时间是同一个字段。",
                    );
                }
            }
            let within = match m.get("within") {
                None => {
                    self.err(
                        &format!("{path}.within"),
                        "缺少时限，例如 {\"workingDays\": 1}。",
                    );
                    None
                }
                Some(Value::Object(w)) if w.contains_key("months") => {
                    match (w.len(), w.get("months").and_then(Value::as_u64)) {
                        (1, Some(n @ 1..=12)) => Some(Within::Months(n as u32)),
                        _ => {
                            self.err(
                                &format!("{path}.within"),
                                "按月计的时限写成 {\"months\": 1}，月数为 1 到 12 的整数。",
                            );
                            None
                        }
                    }
                }
                Some(w) => match serde_json::from_value::<Target>(w.clone()) {
                    Ok(Target::OnDemand) => {
                        self.err(&format!("{path}.within"), "表单时限不能是“按需”。");
                        None
                    }
                    Ok(t) => Some(Within::Target(t)),
                    Err(e) => {
                        self.err(&format!("{path}.within"), e.to_string());
                        None
                    }
                },
            };
            let before = self.bool(m, &path, "before");
            if let (true, Some(Within::Target(Target::Minutes { clock, .. }))) = (before, within) {
                if clock != dutydesk_sla::Clock::SevenByTwentyFour {
                    self.err(
                        &format!("{path}.before"),
                        "倒数的时限（提前若干时间）只能按 7x24 分钟或工作日计。",
                    );
                }
            }
            let remind_minutes = self.uint(m, &path, "remindMinutes", 1..=60 * 24 * 60);
            let rule = self.opt_string(m, &path, "rule", MAX_PROSE);
            let when = m.get("when").and_then(|w| self.when(w, &path, fields));
            if let (Some(key), Some(label), Some(from), Some(within), Some(until)) =
                (key, label, from, within, until)
            {
                out.push(FormDeadline {
                    key,
                    label,
                    from,
                    within,
                    before,
                    until,
                    remind_minutes,
                    rule,
                    when,
                });
            }
        }
        out
    }

    /// A deadline's `when`: a choice field of the form and some of its options.
    fn when(
        &mut self,
        v: &Value,
        path: &str,
        fields: &HashMap<&str, &FormField>,
    ) -> Option<DeadlineWhen> {
        let path = format!("{path}.when");
        let m = self.object(v, &path, &["field", "is"])?;
        let field = self.string(m, &path, "field", 40)?;
        // Required, so every record answers it: a record without the value would silently have
        // none of the deadlines that depend on it.
        let Some(f) = fields
            .get(field.as_str())
            .filter(|f| f.kind == FormFieldType::Choice && f.required)
        else {
            self.err(
                &format!("{path}.field"),
                format!(
                    "适用条件只能按本表单的必填单选字段判断，“{}”不是。",
                    short(&field)
                ),
            );
            return None;
        };
        let options = f.options.clone();
        let mut is = Vec::new();
        for (i, o) in self.array(m, &path, "is", 50, true).iter().enumerate() {
            match o.as_str() {
                Some(o) if options.iter().any(|x| x == o) => is.push(o.to_string()),
                _ => self.err(
                    &format!("{path}.is[{i}]"),
                    format!(
                        "“{}”不是“{}”的选项（{}）。",
                        short(&o.to_string()),
                        f.label,
                        options.join("、")
                    ),
                ),
            }
        }
        (!is.is_empty()).then_some(DeadlineWhen { field, is })
    }

    fn signatures(&mut self, map: &Map<String, Value>) -> Vec<SignatureBlock> {
        let items = self.array(map, "$", "signatures", MAX_SIGNATURES, true);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("$.signatures[{i}]");
            let Some(m) = self.object(item, &path, &["label", "date"]) else {
                continue;
            };
            let label = self.string(m, &path, "label", MAX_LABEL);
            let date = m.get("date").is_none() || self.bool(m, &path, "date");
            if let Some(label) = label {
                out.push(SignatureBlock { label, date });
            }
        }
        if out.is_empty()
            && self
                .errors
                .iter()
                .all(|e| !e.field.starts_with("$.signatures"))
        {
            self.err(
                "$.signatures",
                "打印的表单至少要有一个签字栏（如 用户确认人）。",
            );
        }
        out
    }

    fn print(
        &mut self,
        v: Option<&Value>,
        fields: &HashMap<&str, &FormField>,
        name: Option<&str>,
    ) -> Option<PrintLayout> {
        let Some(v) = v else {
            return Some(PrintLayout {
                title: name.unwrap_or_default().to_string(),
                orientation: "portrait".into(),
                rows: Vec::new(),
                note: None,
            });
        };
        let map = self.object(v, "$.print", &["title", "orientation", "rows", "note"])?;
        let title = self
            .opt_string(map, "$.print", "title", MAX_LABEL)
            .or_else(|| name.map(str::to_string))
            .unwrap_or_default();
        let orientation = self
            .opt_string(map, "$.print", "orientation", 20)
            .unwrap_or_else(|| "portrait".into());
        if !matches!(orientation.as_str(), "portrait" | "landscape") {
            self.err(
                "$.print.orientation",
                "纸张方向应为 portrait（纵向）或 landscape（横向）。",
            );
        }
        let mut rows = Vec::new();
        let mut placed = BTreeSet::new();
        for (i, row) in self
            .array(map, "$.print", "rows", MAX_FIELDS, false)
            .iter()
            .enumerate()
        {
            let p = format!("$.print.rows[{i}]");
            let Some(cells) = row.as_array() else {
                self.err(
                    &p,
                    "每一行应为字段编码的列表，例如 [\"title\", \"releasedAt\"]。",
                );
                continue;
            };
            if cells.is_empty() || cells.len() > 3 {
                self.err(&p, "每一行放 1 到 3 个字段。");
                continue;
            }
            let mut out = Vec::new();
            for (j, c) in cells.iter().enumerate() {
                let cp = format!("{p}[{j}]");
                match c.as_str() {
                    Some(k) if fields.contains_key(k) => {
                        if !placed.insert(k.to_string()) {
                            self.err(&cp, format!("字段“{k}”在版式中出现了两次。"));
                        } else if cells.len() > 1
                            && matches!(
                                fields[k].kind,
                                FormFieldType::Table | FormFieldType::LongText
                            )
                        {
                            self.err(
                                &cp,
                                format!("“{}”需要整行打印，不能与其他字段并排。", fields[k].label),
                            );
                        } else {
                            out.push(k.to_string());
                        }
                    }
                    Some(k) => self.missing(&cp, k),
                    None => self.err(&cp, "此处应为字段编码。"),
                }
            }
            rows.push(out);
        }
        let note = self.opt_string(map, "$.print", "note", MAX_PROSE);
        Some(PrintLayout {
            title,
            orientation,
            rows,
            note,
        })
    }

    fn sheet(
        &mut self,
        v: Option<&Value>,
        ordered: &[FormField],
        fields: &HashMap<&str, &FormField>,
        name: Option<&str>,
    ) -> Option<SheetLayout> {
        let (map, name) = match v {
            Some(v) => {
                let map = self.object(v, "$.sheet", &["name", "columns"])?;
                let sheet_name = self
                    .opt_string(map, "$.sheet", "name", 31)
                    .or_else(|| name.map(str::to_string))
                    .unwrap_or_default();
                (Some(map), sheet_name)
            }
            None => (None, name.unwrap_or_default().to_string()),
        };
        if name.chars().any(|c| "[]:*?/\\".contains(c)) || name.chars().count() > 31 {
            self.err(
                "$.sheet.name",
                format!(
                    "工作表名“{}”不能含 [ ] : * ? / \\，且不超过 31 个字。",
                    short(&name)
                ),
            );
        }
        let mut columns = Vec::new();
        if let Some(map) = map {
            for (i, c) in self
                .array(map, "$.sheet", "columns", MAX_FIELDS + 4, false)
                .iter()
                .enumerate()
            {
                let p = format!("$.sheet.columns[{i}]");
                match c.as_str() {
                    Some(k) if SHEET_SPECIALS.iter().any(|(s, _)| *s == k) => {
                        columns.push(k.to_string())
                    }
                    Some(k) => match fields.get(k) {
                        Some(f)
                            if matches!(
                                f.kind,
                                FormFieldType::Table | FormFieldType::Attachment
                            ) =>
                        {
                            self.err(
                                &p,
                                format!(
                                    "“{}”是{}，不能作为工作表的一列。",
                                    f.label,
                                    f.kind.label_zh()
                                ),
                            );
                        }
                        Some(_) => columns.push(k.to_string()),
                        None if self.broken.contains(k) => {}
                        None => self.err(
                            &p,
                            format!(
                                "{}（特殊列可用 @code、@date、@state、@engineer）",
                                missing_field(k)
                            ),
                        ),
                    },
                    None => self.err(&p, "此处应为字段编码。"),
                }
            }
        }
        if columns.is_empty() {
            // Without a list: the number, then every field a cell can hold.
            columns.push("@code".into());
            columns.extend(
                ordered
                    .iter()
                    .filter(|f| !matches!(f.kind, FormFieldType::Table | FormFieldType::Attachment))
                    .map(|f| f.key.clone()),
            );
        }
        Some(SheetLayout { name, columns })
    }
}

fn missing_field(key: &str) -> String {
    format!("没有编码为“{}”的字段。", short(key))
}

/// Outside text quoted back in a message, cut so a hostile 10 MB key does not become the message.
fn short(text: &str) -> String {
    if text.chars().count() > 40 {
        let mut s: String = text.chars().take(39).collect();
        s.push('…');
        s
    } else {
        text.to_string()
    }
}
