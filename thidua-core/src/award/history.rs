//! The award history (hồ sơ thi đua, khen thưởng): per individual or collective and per year,
//! the titles received (with level, decision number, date and issuer), the task ratings
//! (xếp loại mức độ hoàn thành nhiệm vụ), events (initiatives, discipline, investigations,
//! complaints) and, for collectives, a summary of the members.
//!
//! **Which years are known.** A year of a subject is *known* when the history holds any
//! record of the subject for that year, or when it is at or after the subject's
//! `records_from`. In a known year a title or an event that is not recorded did not happen;
//! in an unknown year it is *missing data*. A task rating is always recorded when known: a
//! year without one is missing data for rating conditions.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::evaluate::Explanation;

use super::rules::{bad, SubjectKind};

/// The earliest year accepted in a history.
pub const MIN_YEAR: i32 = 1945;
/// The latest year accepted in a history.
pub const MAX_YEAR: i32 = 2100;

/// A task rating (xếp loại mức độ hoàn thành nhiệm vụ), best first. The Vietnamese ids are
/// accepted as aliases (`"hoan_thanh_tot"`).
///
/// ```
/// use thidua_core::award::Rating;
/// let r: Rating = serde_json::from_str("\"hoan_thanh_tot\"")?;
/// assert_eq!(r, Rating::Good);
/// assert!(Rating::Outstanding.at_least(Rating::Good));
/// assert!(!Rating::Completed.at_least(Rating::Good));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rating {
    /// Hoàn thành xuất sắc nhiệm vụ.
    #[serde(alias = "hoan_thanh_xuat_sac")]
    Outstanding,
    /// Hoàn thành tốt nhiệm vụ.
    #[serde(alias = "hoan_thanh_tot")]
    Good,
    /// Hoàn thành nhiệm vụ.
    #[serde(alias = "hoan_thanh")]
    Completed,
    /// Không hoàn thành nhiệm vụ.
    #[serde(alias = "khong_hoan_thanh")]
    NotCompleted,
}

impl Rating {
    fn level(self) -> u8 {
        match self {
            Rating::Outstanding => 3,
            Rating::Good => 2,
            Rating::Completed => 1,
            Rating::NotCompleted => 0,
        }
    }

    /// Whether this rating is `other` or better.
    pub fn at_least(self, other: Rating) -> bool {
        self.level() >= other.level()
    }

    /// "hoàn thành tốt nhiệm vụ"…
    pub fn label_vi(self) -> &'static str {
        match self {
            Rating::Outstanding => "hoàn thành xuất sắc nhiệm vụ",
            Rating::Good => "hoàn thành tốt nhiệm vụ",
            Rating::Completed => "hoàn thành nhiệm vụ",
            Rating::NotCompleted => "không hoàn thành nhiệm vụ",
        }
    }

    /// "outstanding"…
    pub fn label_en(self) -> &'static str {
        match self {
            Rating::Outstanding => "completed tasks outstandingly",
            Rating::Good => "completed tasks well",
            Rating::Completed => "completed tasks",
            Rating::NotCompleted => "did not complete tasks",
        }
    }
}

/// Gender of an individual, for declared tie preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Nữ.
    Female,
    /// Nam.
    Male,
}

/// The level of the authority that conferred a title or recognised an initiative, lowest
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Level {
    /// Cơ sở (the agency, unit, commune).
    Grassroots,
    /// Cấp huyện (districts, abolished in 2025; kept for history).
    District,
    /// Bộ, ban, ngành, tỉnh.
    Province,
    /// Toàn quốc (the Government, the Prime Minister, the President).
    National,
}

impl Level {
    /// "cơ sở", "huyện", "bộ, ban, ngành, tỉnh", "toàn quốc".
    pub fn label_vi(self) -> &'static str {
        match self {
            Level::Grassroots => "cơ sở",
            Level::District => "huyện",
            Level::Province => "bộ, ban, ngành, tỉnh",
            Level::National => "toàn quốc",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Level::Grassroots => "grassroots",
            Level::District => "district",
            Level::Province => "ministry or province",
            Level::National => "national",
        }
    }
}

/// An event recorded for a subject and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// Sáng kiến được công nhận (an initiative recognised, at a `level`).
    Initiative,
    /// Đề tài, đề án, công trình khoa học đã nghiệm thu (a scientific work accepted).
    ScientificWork,
    /// Bị kỷ luật (under a disciplinary measure).
    Discipline,
    /// Đang bị xem xét kỷ luật, điều tra, thanh tra (under investigation).
    UnderInvestigation,
    /// Có đơn thư khiếu nại, tố cáo chưa được giải quyết (an unresolved complaint).
    UnresolvedComplaint,
}

impl EventKind {
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            EventKind::Initiative => "sáng kiến được công nhận",
            EventKind::ScientificWork => "đề tài, công trình khoa học được nghiệm thu",
            EventKind::Discipline => "bị kỷ luật",
            EventKind::UnderInvestigation => "đang bị xem xét kỷ luật, điều tra",
            EventKind::UnresolvedComplaint => "có khiếu nại, tố cáo chưa được giải quyết",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            EventKind::Initiative => "a recognised initiative",
            EventKind::ScientificWork => "an accepted scientific work",
            EventKind::Discipline => "under a disciplinary measure",
            EventKind::UnderInvestigation => "under investigation",
            EventKind::UnresolvedComplaint => "an unresolved complaint",
        }
    }
}

/// An individual or a collective of the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Id, unique in the history (a unit's name exactly as in the scoring roster, or a
    /// person's id).
    pub id: String,
    /// Individual or collective.
    pub kind: SubjectKind,
    /// Display name (defaults to the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Of an individual, for declared tie preferences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// The history is complete from this year on (see the module docs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records_from: Option<i32>,
}

impl Subject {
    /// The name, or the id.
    pub fn display(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// The decision that conferred a title (quyết định khen thưởng).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Số quyết định ("1234/QĐ-UBND").
    pub number: String,
    /// Ngày ký.
    pub date: NaiveDate,
    /// Who issued it ("Chủ tịch UBND tỉnh Kon Tum").
    pub issuer: String,
}

/// A title received for a year's achievements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TitleRecord {
    /// The subject.
    pub subject: String,
    /// The achievement year (năm thành tích; for a title covering several years, the last).
    pub year: i32,
    /// The title (an id of the rule sets' catalogue).
    pub title: String,
    /// Level of the authority that conferred it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// A thematic award (khen thưởng theo chuyên đề, theo đợt): it does not count toward
    /// merit conditions unless a condition says `include_thematic`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub thematic: bool,
}

/// A task rating for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RatingRecord {
    /// The subject.
    pub subject: String,
    /// The year rated.
    pub year: i32,
    /// The rating.
    pub rating: Rating,
}

/// An event for a year (an initiative recognised, a disciplinary measure…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    /// The subject.
    pub subject: String,
    /// The year.
    pub year: i32,
    /// What happened.
    pub event: EventKind,
    /// For an initiative or a scientific work: the level that recognised it (phạm vi ảnh
    /// hưởng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Free note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The decision, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
}

/// The members of a collective in a year, counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberSummary {
    /// The collective.
    pub subject: String,
    /// The year.
    pub year: i32,
    /// Number of members (tổng số cá nhân).
    pub total: u32,
    /// Members rated "hoàn thành nhiệm vụ" or better.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_tasks: Option<u32>,
    /// Women members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub women: Option<u32>,
    /// Members under a disciplinary measure (from khiển trách up, or as the regulation says).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disciplined: Option<u32>,
    /// Members who received a title this year, by title id (`{"lao_dong_tien_tien": 15}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, u32>,
}

/// The award history. Read with [`History::from_json`]; every record names a subject of
/// `subjects`.
///
/// ```
/// use thidua_core::award::History;
/// let h = History::from_json(r#"{
///   "subjects": [{"id": "Nguyễn Thị An", "kind": "individual", "gender": "female"}],
///   "titles": [{"subject": "Nguyễn Thị An", "year": 2023, "title": "chien_si_thi_dua_co_so",
///               "level": "grassroots",
///               "decision": {"number": "15/QĐ-SNV", "date": "2024-01-10", "issuer": "Giám đốc Sở Nội vụ"}}],
///   "ratings": [{"subject": "Nguyễn Thị An", "year": 2024, "rating": "hoan_thanh_xuat_sac"}]
/// }"#)?;
/// assert_eq!(h.titles.len(), 1);
///
/// let err = History::from_json(r#"{"subjects": [],
///   "ratings": [{"subject": "X", "year": 2024, "rating": "good"}]}"#).unwrap_err();
/// assert!(err.to_string().contains("ratings[0]"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Individuals and collectives.
    pub subjects: Vec<Subject>,
    /// Titles received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<TitleRecord>,
    /// Task ratings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RatingRecord>,
    /// Events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventRecord>,
    /// Member summaries of collectives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberSummary>,
}

fn year_ok(y: i32, loc: &str) -> Result<()> {
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(())
    } else {
        Err(bad(
            format!("{loc}.year"),
            format!("year {y} is outside {MIN_YEAR}–{MAX_YEAR}"),
        ))
    }
}

impl History {
    /// Reads and validates a history.
    pub fn from_json(json: &str) -> Result<History> {
        let h: History =
            serde_json::from_str(json).map_err(|e| Error::json("award history", &e))?;
        h.validate()?;
        Ok(h)
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::json("award history", &e))
    }

    /// A subject.
    pub fn subject(&self, id: &str) -> Option<&Subject> {
        self.subjects.iter().find(|s| s.id == id)
    }

    /// Checks the history on its own: subject ids unique and not empty; every record names a
    /// declared subject of the right kind; years within 1945–2100; no subject with the same
    /// title twice in a year (thematic and merit records apart), no two ratings or member
    /// summaries for one subject and year; member counts not above the total; gender only for
    /// individuals. Titles are checked against a catalogue by [`History::check_titles`].
    pub fn validate(&self) -> Result<()> {
        let kinds = self.validate_subjects()?;
        let mut seen: HashSet<(&str, i32, &str, bool)> = HashSet::new();
        for (i, t) in self.titles.iter().enumerate() {
            let loc = format!("titles[{i}]");
            declared(&kinds, &t.subject, &loc)?;
            year_ok(t.year, &loc)?;
            if t.title.trim().is_empty() {
                return Err(bad(format!("{loc}.title"), "the title is empty"));
            }
            if !seen.insert((t.subject.as_str(), t.year, t.title.as_str(), t.thematic)) {
                return Err(Error::DuplicateId {
                    id: t.title.clone(),
                    location: format!(
                        "{loc} (subject {:?} has this title twice for {})",
                        t.subject, t.year
                    )
                    .into(),
                });
            }
            if let Some(d) = &t.decision {
                if d.number.trim().is_empty() || d.issuer.trim().is_empty() {
                    return Err(bad(
                        format!("{loc}.decision"),
                        "a decision has its number and issuer",
                    ));
                }
            }
        }
        let mut seen: HashSet<(&str, i32)> = HashSet::new();
        for (i, r) in self.ratings.iter().enumerate() {
            let loc = format!("ratings[{i}]");
            declared(&kinds, &r.subject, &loc)?;
            year_ok(r.year, &loc)?;
            if !seen.insert((r.subject.as_str(), r.year)) {
                return Err(Error::DuplicateId {
                    id: r.subject.clone(),
                    location: format!("{loc} (two ratings for {})", r.year).into(),
                });
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let loc = format!("events[{i}]");
            declared(&kinds, &e.subject, &loc)?;
            year_ok(e.year, &loc)?;
        }
        let mut seen: HashSet<(&str, i32)> = HashSet::new();
        for (i, m) in self.members.iter().enumerate() {
            validate_members(m, &format!("members[{i}]"), &kinds, &mut seen)?;
        }
        Ok(())
    }

    /// The subjects: each id given once, gender for individuals only, a known first year of
    /// records; returns them by id.
    fn validate_subjects(&self) -> Result<HashMap<&str, &Subject>> {
        let mut kinds: HashMap<&str, &Subject> = HashMap::new();
        for (i, s) in self.subjects.iter().enumerate() {
            let loc = format!("subjects[{i}]");
            if s.id.trim().is_empty() {
                return Err(bad(format!("{loc}.id"), "the subject id is empty"));
            }
            if kinds.insert(s.id.as_str(), s).is_some() {
                return Err(Error::DuplicateId {
                    id: s.id.clone(),
                    location: format!("{loc}.id (award history subjects)").into(),
                });
            }
            if s.gender.is_some() && s.kind == SubjectKind::Collective {
                return Err(bad(
                    format!("{loc}.gender"),
                    "gender is for individuals; give a collective's women in its member summary",
                ));
            }
            if let Some(y) = s.records_from {
                if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
                    return Err(bad(
                        format!("{loc}.records_from"),
                        format!("year {y} is outside {MIN_YEAR}–{MAX_YEAR}"),
                    ));
                }
            }
        }
        Ok(kinds)
    }

    /// Checks every title named (records and member summaries) against a catalogue, and that
    /// each subject received only titles given to its kind. Returns warnings for suspicious
    /// but valid records (a decision dated before its achievement year).
    pub fn check_titles(
        &self,
        title: &dyn Fn(&str) -> Option<Vec<SubjectKind>>,
    ) -> Result<Vec<Explanation>> {
        let mut warnings = Vec::new();
        for (i, t) in self.titles.iter().enumerate() {
            let loc = format!("history.titles[{i}]");
            let Some(kinds) = title(&t.title) else {
                return Err(bad(
                    format!("{loc}.title"),
                    format!(
                        "unknown title {:?} (not in the catalogue of the rule sets)",
                        t.title
                    ),
                ));
            };
            if let Some(s) = self.subject(&t.subject) {
                if !kinds.contains(&s.kind) {
                    return Err(bad(
                        format!("{loc}.title"),
                        format!(
                            "title {:?} is not given to {} subjects ({:?} is one)",
                            t.title,
                            s.kind.label_en(),
                            t.subject
                        ),
                    ));
                }
            }
            if let Some(d) = &t.decision {
                if d.date.year() < t.year {
                    warnings.push(Explanation {
                        vi: format!(
                            "{}: quyết định {} ngày {} được ký trước năm thành tích {}",
                            t.subject,
                            d.number,
                            d.date.format("%d/%m/%Y"),
                            t.year
                        ),
                        en: format!(
                            "{}: decision {} of {} is dated before the achievement year {}",
                            t.subject, d.number, d.date, t.year
                        ),
                    });
                }
            }
        }
        for (i, m) in self.members.iter().enumerate() {
            for k in m.titles.keys() {
                if title(k).is_none() {
                    return Err(bad(
                        format!("history.members[{i}].titles.{k}"),
                        format!("unknown title {k:?} (not in the catalogue of the rule sets)"),
                    ));
                }
            }
        }
        Ok(warnings)
    }
}

/// One subject's records, by year.
#[derive(Debug, Default)]
pub(crate) struct SubjectIndex<'a> {
    pub titles: BTreeMap<i32, Vec<&'a TitleRecord>>,
    pub ratings: BTreeMap<i32, Rating>,
    pub events: BTreeMap<i32, Vec<&'a EventRecord>>,
    pub members: BTreeMap<i32, &'a MemberSummary>,
    pub years: BTreeSet<i32>,
    pub records_from: Option<i32>,
}

impl SubjectIndex<'_> {
    /// Whether the history is complete for a year (see the module docs).
    pub fn known(&self, year: i32) -> bool {
        self.records_from.is_some_and(|f| year >= f) || self.years.contains(&year)
    }
}

/// The subject a record at `loc` names, which `subjects` must declare.
fn declared<'h>(kinds: &HashMap<&str, &'h Subject>, id: &str, loc: &str) -> Result<&'h Subject> {
    kinds.get(id).copied().ok_or_else(|| {
        bad(
            format!("{loc}.subject"),
            format!("subject {id:?} is not declared in `subjects`"),
        )
    })
}

/// One member summary: of a declared collective, one per year, at least one member, and no
/// count (completed tasks, women, disciplined, each title) above the total.
fn validate_members<'h>(
    m: &'h MemberSummary,
    loc: &str,
    kinds: &HashMap<&str, &Subject>,
    seen: &mut HashSet<(&'h str, i32)>,
) -> Result<()> {
    let s = declared(kinds, &m.subject, loc)?;
    year_ok(m.year, loc)?;
    if s.kind != SubjectKind::Collective {
        return Err(bad(
            format!("{loc}.subject"),
            format!(
                "{:?} is an individual: member summaries are for collectives",
                m.subject
            ),
        ));
    }
    if !seen.insert((m.subject.as_str(), m.year)) {
        return Err(Error::DuplicateId {
            id: m.subject.clone(),
            location: format!("{loc} (two member summaries for {})", m.year).into(),
        });
    }
    if m.total == 0 {
        return Err(bad(
            format!("{loc}.total"),
            "a collective has at least one member",
        ));
    }
    let counts = [
        ("completed_tasks", m.completed_tasks),
        ("women", m.women),
        ("disciplined", m.disciplined),
    ];
    for (k, v) in counts {
        if v.is_some_and(|v| v > m.total) {
            return Err(bad(
                format!("{loc}.{k}"),
                format!("{} is more than the {} members", v.unwrap_or(0), m.total),
            ));
        }
    }
    for (k, v) in &m.titles {
        if *v > m.total {
            return Err(bad(
                format!("{loc}.titles.{k}"),
                format!("{v} is more than the {} members", m.total),
            ));
        }
    }
    Ok(())
}

/// The history indexed by subject.
pub(crate) fn index(h: &History) -> HashMap<&str, SubjectIndex<'_>> {
    let mut out: HashMap<&str, SubjectIndex<'_>> = HashMap::new();
    for s in &h.subjects {
        out.entry(s.id.as_str()).or_default().records_from = s.records_from;
    }
    for t in &h.titles {
        let e = out.entry(t.subject.as_str()).or_default();
        e.titles.entry(t.year).or_default().push(t);
        e.years.insert(t.year);
    }
    for r in &h.ratings {
        let e = out.entry(r.subject.as_str()).or_default();
        e.ratings.insert(r.year, r.rating);
        e.years.insert(r.year);
    }
    for v in &h.events {
        let e = out.entry(v.subject.as_str()).or_default();
        e.events.entry(v.year).or_default().push(v);
        e.years.insert(v.year);
    }
    for m in &h.members {
        let e = out.entry(m.subject.as_str()).or_default();
        e.members.insert(m.year, m);
        e.years.insert(m.year);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(json: &str) -> Result<History> {
        History::from_json(json)
    }

    #[test]
    fn duplicates_and_unknown_subjects_are_refused_with_their_place() {
        let e = h(r#"{"subjects": [{"id": "A", "kind": "individual"}],
            "titles": [{"subject": "A", "year": 2023, "title": "lao_dong_tien_tien"},
                       {"subject": "A", "year": 2023, "title": "lao_dong_tien_tien"}]}"#)
        .unwrap_err();
        assert_eq!(e.code(), "duplicate_id");
        assert!(e.to_string().contains("titles[1]"));
        // The same title as a thematic award is another record.
        h(r#"{"subjects": [{"id": "A", "kind": "individual"}],
            "titles": [{"subject": "A", "year": 2023, "title": "bang_khen_tinh"},
                       {"subject": "A", "year": 2023, "title": "bang_khen_tinh", "thematic": true}]}"#)
        .unwrap();
        let e = h(r#"{"subjects": [{"id": "A", "kind": "individual"}],
            "ratings": [{"subject": "A", "year": 1900, "rating": "good"}]}"#)
        .unwrap_err();
        assert!(e.to_string().contains("ratings[0].year"));
        let e = h(r#"{"subjects": [{"id": "A", "kind": "individual"}],
            "members": [{"subject": "A", "year": 2024, "total": 3}]}"#)
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("member summaries are for collectives"));
        let e = h(r#"{"subjects": [{"id": "P", "kind": "collective"}],
            "members": [{"subject": "P", "year": 2024, "total": 3, "titles": {"lao_dong_tien_tien": 4}}]}"#)
        .unwrap_err();
        assert!(e
            .to_string()
            .contains("members[0].titles.lao_dong_tien_tien"));
        let e = h(r#"{"subjects": [{"id": "A", "kind": "individual"}], "bogus": 1}"#).unwrap_err();
        assert_eq!(e.code(), "json");
    }

    #[test]
    fn known_years() {
        let hist = h(
            r#"{"subjects": [{"id": "A", "kind": "individual", "records_from": 2022}],
            "ratings": [{"subject": "A", "year": 2019, "rating": "good"}]}"#,
        )
        .unwrap();
        let idx = index(&hist);
        let a = &idx["A"];
        assert!(a.known(2019) && !a.known(2020) && a.known(2022) && a.known(2030));
    }
}
