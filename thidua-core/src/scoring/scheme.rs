//! The scoring scheme (thang điểm) as data: sections, criteria and their rules, bonuses,
//! penalties, tie-breakers, classification bands and award rules, with validation that
//! names what is wrong and where (`sections[1].criteria[3].rule.steps[1]: …`).

use std::collections::HashSet;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// A scoring scheme. See `docs/scoring.md` for the format with an example of every rule.
///
/// ```
/// use thidua_core::scoring::Scheme;
/// let s = Scheme::from_json(r#"{
///   "name": "Thang điểm 100 (ví dụ)", "scale": "100",
///   "rounding": {"digits": 3, "mode": "half_away_from_zero"},
///   "missing_result": "zero",
///   "sections": [{"id": "A", "name": "Chỉ tiêu kinh tế", "criteria": [
///     {"id": "A1", "name": "Tăng trưởng GRDP", "max": "60", "targets": ["1"],
///      "rule": {"kind": "proportional", "full_at": "100"}},
///     {"id": "A2", "name": "Công tác thi đua", "max": "40",
///      "rule": {"kind": "council"}}]}],
///   "classification": {"basis": "total", "bands": [
///     {"id": "xs", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "outstanding",
///      "min_total": "90", "min_criterion_percent": "85"},
///     {"id": "kht", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "not completed"}]}
/// }"#)?;
/// assert_eq!(s.criteria_max()?.to_string(), "100");
///
/// let err = Scheme::from_json(r#"{"name": "x", "scale": "100",
///   "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero",
///   "sections": [{"id": "A", "name": "A", "criteria": [{"id": "A1", "name": "a", "max": "100",
///     "targets": ["1"], "rule": {"kind": "steps", "steps": [
///       {"at_least": "90", "points": "80"}, {"at_least": "80", "points": "100"}]}}]}],
///   "classification": {"basis": "total", "bands": [{"id": "k", "label_vi": "k", "label_en": "k"}]}
/// }"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_scheme");
/// assert!(err.to_string().contains("sections[0].criteria[0].rule.steps[1]"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Name of the scheme ("Thang điểm chấm điểm thi đua cụm, khối năm 2024").
    pub name: String,
    /// Free text (source, notes; "minh họa" for illustrative schemes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The nominal scale: 100 or 1,000 points (any positive number is accepted). The
    /// criteria's weighted maxima must add up to it, or, with `bonus.max_total`, the criteria
    /// plus that bonus ceiling must (950 + 50 = 1,000).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub scale: Decimal,
    /// How points are rounded (required; published scores use 3 decimals).
    pub rounding: Rounding,
    /// What a missing result does (required): one policy for every kind of missing result
    /// (`"zero"`), or one per kind: `{"no_data": "zero", "not_applicable":
    /// "exclude_and_renormalise", "no_council_points": "zero"}` — a target that does not
    /// apply to a unit (exports of a mountain district) is not the same as a missing report.
    /// A criterion may override it.
    pub missing_result: MissingPolicy,
    /// The sections (at least one), each with its criteria.
    pub sections: Vec<Section>,
    /// Bonus points (điểm thưởng).
    #[serde(default)]
    pub bonus: Bonus,
    /// Declared penalties (điểm trừ).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<Penalty>,
    /// Ordered tie-breakers applied when totals are equal; ties that remain are reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_breakers: Vec<TieBreaker>,
    /// Classification bands (xếp loại).
    pub classification: Classification,
    /// Award rules (đề nghị khen thưởng), applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<AwardRule>,
}

/// Rounding of published points: digits and mode.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!((s.rounding.digits, s.rounding.mode), (3, RoundingMode::HalfAwayFromZero));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimal places kept (0..=10); 3 for published scores.
    pub digits: u32,
    /// The rounding mode.
    pub mode: RoundingMode,
}

impl Rounding {
    /// Rounds `d` to the declared digits and mode, always with exactly `digits` decimals
    /// (so `9.52` with 3 digits serialises as `"9.520"`).
    ///
    /// ```
    /// use thidua_core::scoring::{Rounding, RoundingMode};
    /// use rust_decimal::Decimal;
    /// let r = Rounding { digits: 3, mode: RoundingMode::HalfAwayFromZero };
    /// assert_eq!(r.apply(Decimal::new(95205, 4)).to_string(), "9.521");
    /// assert_eq!(r.apply(Decimal::new(952, 2)).to_string(), "9.520");
    /// ```
    pub fn apply(&self, d: Decimal) -> Decimal {
        let strategy = match self.mode {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        };
        let mut r = d.round_dp_with_strategy(self.digits, strategy);
        r.rescale(self.digits);
        r
    }
}

/// Rounding modes.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!(s.rounding.mode, RoundingMode::HalfAwayFromZero);
/// assert_eq!(serde_json::to_string(&RoundingMode::HalfEven)?, "\"half_even\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// Half away from zero (9,5205 → 9,521), the convention of Vietnamese reports.
    HalfAwayFromZero,
    /// Half to even (banker's rounding).
    HalfEven,
    /// Toward zero (truncate).
    Down,
    /// Away from zero.
    Up,
}

/// What happens when a criterion's result is missing (no data, not applicable, or no council
/// points entered). Every scheme must declare it.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": {"no_data": "zero", "not_applicable": "exclude_and_renormalise"}, "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// // No data scores zero; a target that does not apply to the unit is left out.
/// let MissingPolicy::PerStatus(p) = s.missing_result else { panic!() };
/// assert_eq!(p.no_data, MissingResult::Zero);
/// assert_eq!(p.not_applicable, Some(MissingResult::ExcludeAndRenormalise));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum MissingResult {
    /// The missing target scores 0 points.
    Zero,
    /// The criterion (or, in a multi-target criterion, the target) is left out and the criteria
    /// total is scaled back to the full maximum: `Σ points × Σ max ÷ Σ max scored`.
    ExcludeAndRenormalise,
    /// The unit is scored but not ranked, classified or proposed for awards.
    Ineligible,
}

/// Why a criterion's result is missing.
///
/// ```
/// use thidua_core::scoring::Missing;
/// assert_eq!(Missing::NotApplicable.label_vi(), "không áp dụng");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Missing {
    /// No result reported (chưa có số liệu).
    NoData,
    /// The target does not apply to the unit (không áp dụng).
    NotApplicable,
    /// No points entered by the council for a council criterion.
    NoCouncilPoints,
}

impl Missing {
    /// "chưa có số liệu", "không áp dụng", "chưa có điểm của Hội đồng".
    pub fn label_vi(self) -> &'static str {
        match self {
            Missing::NoData => "chưa có số liệu",
            Missing::NotApplicable => "không áp dụng",
            Missing::NoCouncilPoints => "chưa có điểm của Hội đồng",
        }
    }
}

/// The missing-result policy of a scheme or a criterion: one [`MissingResult`] for every
/// kind of missing result, or one per kind ([`MissingByStatus`]).
///
/// ```
/// use thidua_core::scoring::*;
/// let all: MissingPolicy = serde_json::from_str(r#""zero""#)?;
/// assert_eq!(all.for_missing(Missing::NotApplicable), MissingResult::Zero);
/// let per: MissingPolicy = serde_json::from_str(
///     r#"{"no_data": "zero", "not_applicable": "exclude_and_renormalise"}"#)?;
/// assert_eq!(per.for_missing(Missing::NotApplicable), MissingResult::ExcludeAndRenormalise);
/// assert_eq!(per.for_missing(Missing::NoCouncilPoints), MissingResult::Zero); // as no_data
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum MissingPolicy {
    /// The same policy whatever is missing.
    All(MissingResult),
    /// A policy per kind of missing result.
    PerStatus(MissingByStatus),
}

impl MissingPolicy {
    /// The policy for one kind of missing result.
    pub fn for_missing(&self, m: Missing) -> MissingResult {
        match self {
            MissingPolicy::All(p) => *p,
            MissingPolicy::PerStatus(s) => match m {
                Missing::NoData => s.no_data,
                Missing::NotApplicable => s.not_applicable.unwrap_or(s.no_data),
                Missing::NoCouncilPoints => s.no_council_points.unwrap_or(s.no_data),
            },
        }
    }
}

impl PartialEq<MissingResult> for MissingPolicy {
    fn eq(&self, other: &MissingResult) -> bool {
        *self == MissingPolicy::All(*other)
    }
}

/// A missing-result policy per kind of missing result.
///
/// ```
/// use thidua_core::scoring::*;
/// let s: MissingByStatus = serde_json::from_str(r#"{"no_data": "zero", "not_applicable": "exclude_and_renormalise"}"#)?;
/// assert_eq!(s.no_council_points, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MissingByStatus {
    /// A result not reported (chưa có số liệu). Required.
    pub no_data: MissingResult,
    /// A target that does not apply to the unit (không áp dụng); absent: as `no_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<MissingResult>,
    /// A council criterion without points; absent: as `no_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_council_points: Option<MissingResult>,
}

/// A section (phần) of criteria, with a subtotal.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// let a = &s.sections[0];
/// assert_eq!(a.id, "A");
/// assert_eq!(a.criteria[0].id, "A1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Unique id ("A", "I").
    pub id: String,
    /// Name ("Thực hiện các chỉ tiêu kinh tế - xã hội").
    pub name: String,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The criteria (at least one).
    pub criteria: Vec<Criterion>,
}

/// A criterion (tiêu chí) with its standard score (`max`) and rule.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// let c = &s.sections[0].criteria[0];
/// assert_eq!((c.id.as_str(), c.targets.as_slice()), ("A1", ["1".to_string()].as_slice()));
/// assert_eq!(c.max.to_string(), "60");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Unique id across the scheme ("A1").
    pub id: String,
    /// Name.
    pub name: String,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The standard score (điểm chuẩn): points run from 0 to `max`.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub max: Decimal,
    /// Weight (hệ số): the criterion contributes `points × weight` to its section. Default 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub weight: Decimal,
    /// Target ids of the directive: none for a council criterion, one, or several (then
    /// `combine` says how).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
    /// How the points of several targets combine (required with two or more targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combine: Option<Combine>,
    /// The missing-result policy of this criterion, when it differs from the scheme's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_result: Option<MissingPolicy>,
    /// The rule.
    pub rule: Rule,
}

fn one() -> Decimal {
    Decimal::ONE
}

fn is_one(d: &Decimal) -> bool {
    *d == Decimal::ONE
}

/// How the points of a criterion tied to several targets combine. The rule is applied to
/// each target with the criterion's full `max`; then:
///
/// ```
/// use thidua_core::scoring::Combine;
/// let c: Combine = serde_json::from_str("\"min\"")?;
/// assert_eq!(c, Combine::Min);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Combine {
    /// The mean of the targets' points (each target weighs `max ÷ n`).
    Mean,
    /// The lowest of the targets' points (the criterion is as good as its worst target).
    Min,
}

/// How a criterion's result becomes points (before weight, bonus and penalty).
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert!(matches!(s.sections[0].criteria[0].rule, Rule::Proportional { .. }));
/// assert!(matches!(s.sections[0].criteria[1].rule, Rule::AllOrNothing { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Rule {
    /// Proportional to % of plan: `max × min(ratio, full_at) ÷ full_at` (0 below 0 %). With
    /// `full_at` = 100, "đạt 95,2 % kế hoạch → 9,520/10 điểm", and 112 % gives the full 10.
    Proportional {
        /// % of plan at which the full `max` is reached (the cap). Usually 100.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        full_at: Decimal,
    },
    /// All or nothing on the status: the full `max` if met or exceeded, else 0.
    AllOrNothing {
        /// Optional explicit tolerance: a "not met" result whose % of plan is at least this
        /// value still earns the full points (cơ bản đạt), e.g. `"100"` to accept a result of
        /// exactly 63,7 against "trên 63,7".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::decimal::deserialize_option")]
        accept_ratio_at_least: Option<Decimal>,
    },
    /// A step table on % of plan: the points of the highest step whose `at_least` the ratio
    /// reaches; `below` (default 0) under the first step. Steps are in increasing `at_least`
    /// and their points never decrease.
    Steps {
        /// The steps, in increasing `at_least`.
        steps: Vec<Step>,
        /// Points below the first step (default 0).
        #[serde(default, skip_serializing_if = "Decimal::is_zero")]
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        below: Decimal,
    },
    /// Linear between two bounds: 0 points at `from`, `max` at `to`, clamped outside. `on`
    /// says whether the bounds are % of plan or the result's own value (for lower-is-better
    /// values write `from` > `to`).
    Linear {
        /// What the bounds measure.
        on: LinearBasis,
        /// Where the points are 0.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        from: Decimal,
        /// Where the points reach `max`.
        #[serde(deserialize_with = "crate::decimal::deserialize")]
        to: Decimal,
    },
    /// Points entered by the council (hội đồng chấm) for qualitative criteria, within 0..max.
    /// A council criterion has no targets.
    Council {},
}

/// One step of a step table.
///
/// ```
/// use thidua_core::scoring::Step;
/// let st: Step = serde_json::from_str(r#"{"at_least": "100", "points": "40"}"#)?;
/// assert_eq!(st.points.to_string(), "40");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// % of plan at which this step begins (inclusive).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub at_least: Decimal,
    /// Points of this step (0..=max).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub points: Decimal,
}

/// What the bounds of a linear rule measure.
///
/// ```
/// use thidua_core::scoring::LinearBasis;
/// assert_eq!(serde_json::to_string(&LinearBasis::Ratio)?, "\"ratio\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum LinearBasis {
    /// % of plan.
    Ratio,
    /// The compared quantity itself (`achieved` of the evaluation: the result, the decrease
    /// achieved, the places gained), in the target's unit.
    Value,
}

/// Bonus points (điểm thưởng).
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!(s.bonus.max_total.ok_or("not found")?.to_string(), "50");
/// assert_eq!(s.bonus.fixed.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    /// Bonus for exceeding plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceeding: Option<ExceedingBonus>,
    /// Fixed bonuses a unit may be granted (e.g. +10 for a provincial flag held, +15 for a
    /// Government flag).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<FixedBonus>,
    /// Ceiling on all bonus points together (e.g. 50 in a 1,000-point scheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub max_total: Option<Decimal>,
}

/// Bonus for exceeding plan: `points_per_percent × (ratio − 100)` for each target of the
/// chosen criteria whose status is "exceeded", each capped at `cap_per_target`.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// let x = s.bonus.exceeding.as_ref().ok_or("not found")?;
/// assert_eq!(x.points_per_percent.to_string(), "0.5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExceedingBonus {
    /// Points per percentage point above 100 % of plan.
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub points_per_percent: Decimal,
    /// Ceiling per target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub cap_per_target: Option<Decimal>,
    /// Criterion ids whose targets count; empty = every criterion tied to targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<String>,
}

/// A fixed bonus, granted to a unit by listing its id in the stage input.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!(s.bonus.fixed[1].points.to_string(), "15"); // held the Government flag
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FixedBonus {
    /// Unique id ("co_chinh_phu").
    pub id: String,
    /// Vietnamese label ("Đơn vị được tặng Cờ thi đua của Chính phủ").
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Points (> 0).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub points: Decimal,
}

/// A declared penalty (fixed deduction with its reason).
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!((s.penalties[0].id.as_str(), s.penalties[0].points.to_string()), ("khong_phat_dong", "8".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Unique id ("khong_ky_giao_uoc").
    pub id: String,
    /// Vietnamese reason ("Không ký kết giao ước thi đua").
    pub label_vi: String,
    /// English reason.
    pub label_en: String,
    /// Points deducted (> 0).
    #[serde(deserialize_with = "crate::decimal::deserialize")]
    pub points: Decimal,
}

/// A tie-breaker, applied in the declared order to units with equal totals.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert!(matches!(s.tie_breakers[0], TieBreaker::TargetsExceeded {}));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum TieBreaker {
    /// More targets exceeded (among the targets the scheme scores).
    TargetsExceeded {},
    /// More targets met or exceeded (among the targets the scheme scores).
    TargetsMetOrExceeded {},
    /// Higher subtotal of a section.
    SectionSubtotal {
        /// Section id.
        section: String,
    },
    /// Higher points of a criterion.
    CriterionPoints {
        /// Criterion id.
        criterion: String,
    },
    /// Fewer penalty points.
    FewerPenaltyPoints {},
}

/// Classification bands.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!(s.classification.bands[0].label_vi, "Hoàn thành xuất sắc nhiệm vụ");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Which total the bands' `min_total` compares with.
    pub basis: BandBasis,
    /// The bands, best first; a unit gets the first band whose conditions hold. The last band
    /// has no conditions (everyone else).
    pub bands: Vec<Band>,
}

/// Which total a band compares with.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!(s.classification.basis, BandBasis::Total);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum BandBasis {
    /// The final total (criteria + bonus − penalties).
    Total,
    /// The criteria total only (no bonus, no penalty).
    CriteriaTotal,
}

/// A classification band.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// let b = &s.classification.bands[0];
/// assert_eq!((b.min_total.ok_or("not found")?.to_string(), b.min_criterion_percent.ok_or("not found")?.to_string()), ("900".to_string(), "85".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Unique id ("xuat_sac").
    pub id: String,
    /// Vietnamese label ("Hoàn thành xuất sắc nhiệm vụ").
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Minimum total (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub min_total: Option<Decimal>,
    /// Every scored criterion must reach this % of its maximum (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub min_criterion_percent: Option<Decimal>,
}

/// An award rule.
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert_eq!(s.awards[0].label_vi, "Cờ thi đua của UBND tỉnh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AwardRule {
    /// Unique id ("co_tinh").
    pub id: String,
    /// Vietnamese name ("Cờ thi đua của UBND tỉnh").
    pub label_vi: String,
    /// English name.
    pub label_en: String,
    /// Who is selected.
    pub select: AwardSelect,
    /// Minimum band (this band or a better one), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_band: Option<String>,
    /// Minimum final total, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub min_total: Option<Decimal>,
    /// Units within this many points of the bar are reported as near misses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::decimal::deserialize_option")]
    pub near_miss_within: Option<Decimal>,
}

/// How an award rule selects units (always among eligible units of the final stage).
///
/// ```
/// use thidua_core::scoring::*;
/// # let json = r#"{"name": "Thang điểm 1.000 (rút gọn)", "scale": "1000", "rounding": {"digits": 3, "mode": "half_away_from_zero"}, "missing_result": "zero", "sections": [{"id": "A", "name": "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", "name_en": "Socio-economic targets", "criteria": [{"id": "A1", "name": "Tốc độ tăng trưởng GRDP", "max": "60", "targets": ["1"], "rule": {"kind": "proportional", "full_at": "100"}}, {"id": "A2", "name": "GRDP bình quân đầu người", "max": "40", "targets": ["2"], "rule": {"kind": "all_or_nothing", "accept_ratio_at_least": "100"}}]}, {"id": "B", "name": "Công tác thi đua, khen thưởng", "name_en": "Emulation and commendation work", "criteria": [{"id": "B1", "name": "Tổ chức phát động, ký kết giao ước, đăng ký thi đua", "max": "900", "rule": {"kind": "council"}}]}], "bonus": {"exceeding": {"points_per_percent": "0.5", "cap_per_target": "5", "criteria": ["A1"]}, "fixed": [{"id": "mo_hinh_moi", "label_vi": "Có mô hình mới, cách làm hay được UBND tỉnh công nhận", "label_en": "New model recognised by the Provincial People's Committee", "points": "10"}, {"id": "da_nhan_co_chinh_phu", "label_vi": "Được tặng Cờ thi đua của Chính phủ năm trước", "label_en": "Held the Government emulation flag last year", "points": "15"}], "max_total": "50"}, "penalties": [{"id": "khong_phat_dong", "label_vi": "Không tổ chức phát động phong trào thi đua", "label_en": "No launch of the emulation movement", "points": "8"}], "tie_breakers": [{"kind": "targets_exceeded"}, {"kind": "section_subtotal", "section": "A"}], "classification": {"basis": "total", "bands": [{"id": "xuat_sac", "label_vi": "Hoàn thành xuất sắc nhiệm vụ", "label_en": "Outstanding", "min_total": "900", "min_criterion_percent": "85"}, {"id": "tot", "label_vi": "Hoàn thành tốt nhiệm vụ", "label_en": "Good", "min_total": "800", "min_criterion_percent": "80"}, {"id": "hoan_thanh", "label_vi": "Hoàn thành nhiệm vụ", "label_en": "Completed", "min_total": "700", "min_criterion_percent": "70"}, {"id": "khong_hoan_thanh", "label_vi": "Không hoàn thành nhiệm vụ", "label_en": "Not completed"}]}, "awards": [{"id": "co_tinh", "label_vi": "Cờ thi đua của UBND tỉnh", "label_en": "Provincial emulation flag", "select": {"kind": "group_leaders", "places": 1}, "min_band": "tot", "near_miss_within": "10"}, {"id": "co_chinh_phu", "label_vi": "Cờ thi đua của Chính phủ", "label_en": "Government emulation flag", "select": {"kind": "share_of", "of": "co_tinh", "max_percent": "20", "percent_rounding": "down", "ties_at_cap": "exclude_all"}, "min_band": "xuat_sac"}, {"id": "bang_khen", "label_vi": "Bằng khen của Chủ tịch UBND tỉnh", "label_en": "Certificate of merit of the Provincial Chair", "select": {"kind": "threshold", "exclude": ["co_tinh"]}, "min_band": "tot", "near_miss_within": "20"}]}"#;
/// let s = Scheme::from_json(json)?; // the 1.000-point scheme of docs/examples, abridged
/// assert!(matches!(s.awards[0].select, AwardSelect::GroupLeaders { .. }));
/// assert!(matches!(s.awards[1].select, AwardSelect::ShareOf { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum AwardSelect {
    /// Units ranked at most `places` inside their cluster or bloc (1 = the leaders; units tied
    /// at a place are all included).
    GroupLeaders {
        /// Places per group.
        places: u32,
    },
    /// A capped share of the units proposed by an earlier rule (e.g. at most 20 % of the
    /// cluster leaders for the Government flag), best totals first across groups.
    ShareOf {
        /// Id of the earlier award rule.
        of: String,
        /// Cap as a count.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_count: Option<u32>,
        /// Cap as a % of the earlier rule's proposals.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[serde(deserialize_with = "crate::decimal::deserialize_option")]
        max_percent: Option<Decimal>,
        /// How `n × max_percent ÷ 100` becomes a whole count (required with `max_percent`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        percent_rounding: Option<CapRounding>,
        /// What happens when units tie across the cap.
        ties_at_cap: TiesAtCap,
    },
    /// Every unit meeting `min_band` / `min_total` (e.g. certificate of merit), except those
    /// already proposed by the listed earlier rules.
    Threshold {
        /// Ids of earlier rules whose proposals are left out.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        exclude: Vec<String>,
    },
}

/// Rounding of a percentage cap to a whole number of units.
///
/// ```
/// use thidua_core::scoring::CapRounding;
/// assert_eq!(serde_json::to_string(&CapRounding::Down)?, "\"down\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum CapRounding {
    /// Round down (20 % of 7 = 1,4 → 1): never more than the share.
    Down,
    /// Round half up (1,5 → 2).
    Nearest,
    /// Round up (1,4 → 2).
    Up,
}

/// Units tied (equal total and tie-breakers) across the cap.
///
/// ```
/// use thidua_core::scoring::TiesAtCap;
/// let t: TiesAtCap = serde_json::from_str("\"exclude_all\"")?;
/// assert_eq!(t, TiesAtCap::ExcludeAll);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum TiesAtCap {
    /// None of the tied units is proposed (the cap is never exceeded); they are near misses.
    ExcludeAll,
    /// All tied units are proposed (the cap may be exceeded; the report says so).
    IncludeAll,
}

fn invalid(location: impl Into<Location>, reason: impl Into<String>) -> Error {
    Error::InvalidScheme {
        location: location.into(),
        reason: reason.into(),
    }
}

fn check_id(id: &str, loc: &str, seen: &mut HashSet<String>, what: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(invalid(
            format!("{loc}.id"),
            format!("the {what} id is empty"),
        ));
    }
    if !seen.insert(id.to_string()) {
        return Err(Error::DuplicateId {
            id: id.to_string(),
            location: format!("{loc}.id (scoring scheme, {what})").into(),
        });
    }
    Ok(())
}

fn positive(d: Decimal, loc: &str, what: &str) -> Result<()> {
    if d <= Decimal::ZERO {
        return Err(invalid(
            loc,
            format!("{what} must be greater than 0 (found {d})"),
        ));
    }
    Ok(())
}

fn percent(d: Decimal, loc: &str) -> Result<()> {
    if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
        return Err(invalid(
            loc,
            format!("a percentage must be within 0..100 (found {d})"),
        ));
    }
    Ok(())
}

impl Scheme {
    /// Reads a scheme from JSON and [validates](Scheme::validate) it.
    pub fn from_json(json: &str) -> Result<Scheme> {
        let s: Scheme = crate::json::from_str(json, "scoring scheme")?;
        s.validate()?;
        Ok(s)
    }

    /// Pretty JSON.
    ///
    /// Fails only beyond [`MAX_OUTPUT_BYTES`](crate::limits::MAX_OUTPUT_BYTES).
    pub fn to_json(&self) -> crate::Result<String> {
        crate::json::to_string_pretty(self)
    }

    /// Every criterion in order with its section index.
    pub fn criteria(&self) -> impl Iterator<Item = (usize, &Criterion)> {
        self.sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.criteria.iter().map(move |c| (i, c)))
    }

    /// Σ `max × weight` over all criteria (950 in the 1,000-point scheme of §6).
    pub fn criteria_max(&self) -> Result<Decimal> {
        let mut sum = Decimal::ZERO;
        for (_, c) in self.criteria() {
            let w = c
                .max
                .checked_mul(c.weight)
                .ok_or_else(|| Error::overflow(format!("criterion {:?}", c.id), "max × weight"))?;
            sum = sum
                .checked_add(w)
                .ok_or_else(|| Error::overflow("scheme", "sum of criteria maxima"))?;
        }
        Ok(sum)
    }

    /// The index of a band by id (0 = best).
    pub fn band_index(&self, id: &str) -> Option<usize> {
        self.classification.bands.iter().position(|b| b.id == id)
    }

    /// Checks every rule the types cannot express; errors name the place
    /// (`sections[1].criteria[3].rule.steps[1]`).
    pub fn validate(&self) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(invalid("name", "the scheme needs a name"));
        }
        positive(self.scale, "scale", "the scale")?;
        if self.rounding.digits > 10 {
            return Err(invalid(
                "rounding.digits",
                format!("at most 10 decimals (found {})", self.rounding.digits),
            ));
        }
        if self.sections.is_empty() {
            return Err(invalid("sections", "a scheme needs at least one section"));
        }
        let mut section_ids = HashSet::new();
        let mut criterion_ids = HashSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            let sloc = format!("sections[{i}]");
            check_id(&s.id, &sloc, &mut section_ids, "section")?;
            if s.criteria.is_empty() {
                return Err(invalid(
                    format!("{sloc}.criteria"),
                    format!("section {:?} has no criteria", s.id),
                ));
            }
            for (j, c) in s.criteria.iter().enumerate() {
                let cloc = format!("{sloc}.criteria[{j}]");
                check_id(&c.id, &cloc, &mut criterion_ids, "criterion")?;
                validate_criterion(c, &cloc)?;
            }
        }
        let criteria_max = self.criteria_max()?;
        self.validate_bonus(&criterion_ids)?;
        let with_bonus = match self.bonus.max_total {
            Some(b) => criteria_max.checked_add(b),
            None => Some(criteria_max),
        };
        if criteria_max != self.scale && with_bonus != Some(self.scale) {
            return Err(invalid(
                "scale",
                format!(
                    "the criteria's maxima (× weight) add up to {criteria_max}{}, not the scale {}",
                    self.bonus
                        .max_total
                        .map(|b| format!(" (plus bonus.max_total {b})"))
                        .unwrap_or_default(),
                    self.scale
                ),
            ));
        }
        let mut penalty_ids = HashSet::new();
        for (i, p) in self.penalties.iter().enumerate() {
            let loc = format!("penalties[{i}]");
            check_id(&p.id, &loc, &mut penalty_ids, "penalty")?;
            positive(p.points, &format!("{loc}.points"), "penalty points")?;
        }
        let mut seen_tb = Vec::new();
        for (i, t) in self.tie_breakers.iter().enumerate() {
            let loc = format!("tie_breakers[{i}]");
            match t {
                TieBreaker::SectionSubtotal { section } if !section_ids.contains(section) => {
                    return Err(invalid(
                        format!("{loc}.section"),
                        format!("no section {section:?}"),
                    ));
                }
                TieBreaker::CriterionPoints { criterion } if !criterion_ids.contains(criterion) => {
                    return Err(invalid(
                        format!("{loc}.criterion"),
                        format!("no criterion {criterion:?}"),
                    ));
                }
                _ => {}
            }
            if seen_tb.contains(&t) {
                return Err(invalid(loc, "this tie-breaker is already listed"));
            }
            seen_tb.push(t);
        }
        self.validate_bands()?;
        self.validate_awards()
    }

    fn validate_bonus(&self, criterion_ids: &HashSet<String>) -> Result<()> {
        if let Some(e) = &self.bonus.exceeding {
            positive(
                e.points_per_percent,
                "bonus.exceeding.points_per_percent",
                "points per percent",
            )?;
            if let Some(c) = e.cap_per_target {
                positive(c, "bonus.exceeding.cap_per_target", "the cap")?;
            }
            for (i, id) in e.criteria.iter().enumerate() {
                let loc = format!("bonus.exceeding.criteria[{i}]");
                if !criterion_ids.contains(id) {
                    return Err(invalid(loc, format!("no criterion {id:?}")));
                }
                if let Some((_, c)) = self.criteria().find(|(_, c)| &c.id == id) {
                    if c.targets.is_empty() {
                        return Err(invalid(
                            loc,
                            format!("criterion {id:?} has no targets to exceed"),
                        ));
                    }
                }
            }
        }
        let mut ids = HashSet::new();
        for (i, f) in self.bonus.fixed.iter().enumerate() {
            let loc = format!("bonus.fixed[{i}]");
            check_id(&f.id, &loc, &mut ids, "bonus")?;
            positive(f.points, &format!("{loc}.points"), "bonus points")?;
        }
        if let Some(m) = self.bonus.max_total {
            positive(m, "bonus.max_total", "the bonus ceiling")?;
        }
        Ok(())
    }

    fn validate_bands(&self) -> Result<()> {
        let bands = &self.classification.bands;
        if bands.is_empty() {
            return Err(invalid(
                "classification.bands",
                "at least one band is needed",
            ));
        }
        let mut ids = HashSet::new();
        let last = bands.len() - 1;
        let mut prev: Option<&Band> = None;
        for (i, b) in bands.iter().enumerate() {
            let loc = format!("classification.bands[{i}]");
            check_id(&b.id, &loc, &mut ids, "band")?;
            if let Some(p) = b.min_criterion_percent {
                percent(p, &format!("{loc}.min_criterion_percent"))?;
            }
            let unconditional = b.min_total.is_none() && b.min_criterion_percent.is_none();
            if i == last && !unconditional {
                return Err(invalid(
                    loc,
                    "the last band must have no conditions (it takes every unit the others do not)",
                ));
            }
            if i < last && unconditional {
                return Err(invalid(
                    loc,
                    "only the last band may have no conditions (later bands could never be reached)",
                ));
            }
            if let Some(p) = prev {
                let decreasing = |a: Option<Decimal>, b: Option<Decimal>| match (a, b) {
                    (Some(a), Some(b)) => b <= a,
                    (None, Some(_)) => false,
                    _ => true,
                };
                if i < last
                    && (!decreasing(p.min_total, b.min_total)
                        || !decreasing(p.min_criterion_percent, b.min_criterion_percent))
                {
                    return Err(invalid(
                        loc,
                        format!(
                            "bands are listed best first: band {:?} cannot ask more than band {:?} before it",
                            b.id, p.id
                        ),
                    ));
                }
            }
            prev = Some(b);
        }
        Ok(())
    }

    fn validate_awards(&self) -> Result<()> {
        let mut ids: HashSet<String> = HashSet::new();
        for (i, a) in self.awards.iter().enumerate() {
            let loc = format!("awards[{i}]");
            let earlier = ids.clone();
            check_id(&a.id, &loc, &mut ids, "award")?;
            if let Some(b) = &a.min_band {
                if self.band_index(b).is_none() {
                    return Err(invalid(format!("{loc}.min_band"), format!("no band {b:?}")));
                }
            }
            if let Some(m) = a.near_miss_within {
                positive(
                    m,
                    &format!("{loc}.near_miss_within"),
                    "the near-miss margin",
                )?;
            }
            let need_earlier = |id: &str, l: String| -> Result<()> {
                if earlier.contains(id) {
                    Ok(())
                } else {
                    Err(invalid(l, format!("{id:?} is not an earlier award rule")))
                }
            };
            match &a.select {
                AwardSelect::GroupLeaders { places } => {
                    if *places == 0 {
                        return Err(invalid(
                            format!("{loc}.select.places"),
                            "places must be at least 1",
                        ));
                    }
                }
                AwardSelect::ShareOf {
                    of,
                    max_count,
                    max_percent,
                    percent_rounding,
                    ..
                } => {
                    need_earlier(of, format!("{loc}.select.of"))?;
                    if max_count.is_none() && max_percent.is_none() {
                        return Err(invalid(
                            format!("{loc}.select"),
                            "a share needs max_count, max_percent or both",
                        ));
                    }
                    if let Some(p) = max_percent {
                        percent(*p, &format!("{loc}.select.max_percent"))?;
                        if percent_rounding.is_none() {
                            return Err(invalid(
                                format!("{loc}.select.percent_rounding"),
                                "say how the percentage cap rounds to whole units: down, nearest or up",
                            ));
                        }
                    }
                }
                AwardSelect::Threshold { exclude } => {
                    for (k, e) in exclude.iter().enumerate() {
                        need_earlier(e, format!("{loc}.select.exclude[{k}]"))?;
                    }
                    if a.min_band.is_none() && a.min_total.is_none() {
                        return Err(invalid(
                            loc,
                            "a threshold award needs min_band, min_total or both",
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

fn validate_criterion(c: &Criterion, loc: &str) -> Result<()> {
    positive(c.max, &format!("{loc}.max"), "the maximum")?;
    positive(c.weight, &format!("{loc}.weight"), "the weight")?;
    let mut seen = HashSet::new();
    for (k, t) in c.targets.iter().enumerate() {
        if !seen.insert(t.as_str()) {
            return Err(Error::DuplicateId {
                id: t.clone(),
                location: format!("{loc}.targets[{k}] (criterion {:?})", c.id).into(),
            });
        }
    }
    let council = matches!(c.rule, Rule::Council {});
    if council && !c.targets.is_empty() {
        return Err(invalid(
            format!("{loc}.targets"),
            format!("criterion {:?}: a council criterion takes no targets", c.id),
        ));
    }
    if !council && c.targets.is_empty() {
        return Err(invalid(
            format!("{loc}.targets"),
            format!(
                "criterion {:?}: a {} rule needs at least one target (use the council rule for manual points)",
                c.id,
                rule_name(&c.rule)
            ),
        ));
    }
    if c.targets.len() > 1 && c.combine.is_none() {
        return Err(invalid(
            format!("{loc}.combine"),
            format!(
                "criterion {:?} has {} targets: say how they combine (mean or min)",
                c.id,
                c.targets.len()
            ),
        ));
    }
    if c.targets.len() <= 1 && c.combine.is_some() {
        return Err(invalid(
            format!("{loc}.combine"),
            format!(
                "criterion {:?}: combine is only for two or more targets",
                c.id
            ),
        ));
    }
    let rloc = format!("{loc}.rule");
    match &c.rule {
        Rule::Proportional { full_at } => {
            positive(*full_at, &format!("{rloc}.full_at"), "full_at")?
        }
        Rule::AllOrNothing {
            accept_ratio_at_least: Some(a),
        } => {
            if *a <= Decimal::ZERO || *a > Decimal::ONE_HUNDRED {
                return Err(invalid(
                    format!("{rloc}.accept_ratio_at_least"),
                    format!("must be within (0, 100] (found {a})"),
                ));
            }
        }
        Rule::AllOrNothing { .. } | Rule::Council {} => {}
        Rule::Steps { steps, below } => {
            if steps.is_empty() {
                return Err(invalid(
                    format!("{rloc}.steps"),
                    "a step table needs at least one step",
                ));
            }
            if *below < Decimal::ZERO || *below > c.max {
                return Err(invalid(
                    format!("{rloc}.below"),
                    format!("points must be within 0..{} (found {below})", c.max),
                ));
            }
            let mut prev: Option<&Step> = None;
            for (k, s) in steps.iter().enumerate() {
                let sloc = format!("{rloc}.steps[{k}]");
                if s.points < Decimal::ZERO || s.points > c.max {
                    return Err(invalid(
                        sloc,
                        format!("points must be within 0..{} (found {})", c.max, s.points),
                    ));
                }
                match prev {
                    None if s.points < *below => {
                        return Err(invalid(
                            sloc,
                            format!("points {} are less than `below` ({below})", s.points),
                        ));
                    }
                    Some(p) if s.at_least <= p.at_least => {
                        return Err(invalid(
                            sloc,
                            format!(
                                "steps must be in increasing at_least: {} does not come after {}",
                                s.at_least, p.at_least
                            ),
                        ));
                    }
                    Some(p) if s.points < p.points => {
                        return Err(invalid(
                            sloc,
                            format!(
                                "a higher step cannot give fewer points: {} at ≥ {} % after {} at ≥ {} %",
                                s.points, s.at_least, p.points, p.at_least
                            ),
                        ));
                    }
                    _ => {}
                }
                prev = Some(s);
            }
        }
        Rule::Linear { from, to, on } => {
            if from == to {
                return Err(invalid(
                    rloc,
                    format!("`from` and `to` must differ (both {from})"),
                ));
            }
            if *on == LinearBasis::Ratio && from > to {
                return Err(invalid(
                    rloc,
                    format!("on % of plan, `from` ({from}) must be below `to` ({to}): a higher % of plan is always better"),
                ));
            }
        }
    }
    Ok(())
}

/// The snake_case name of a rule.
pub(crate) fn rule_name(r: &Rule) -> &'static str {
    match r {
        Rule::Proportional { .. } => "proportional",
        Rule::AllOrNothing { .. } => "all_or_nothing",
        Rule::Steps { .. } => "steps",
        Rule::Linear { .. } => "linear",
        Rule::Council {} => "council",
    }
}
