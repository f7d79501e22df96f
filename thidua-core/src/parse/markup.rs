//! The markup of exported texts made plain, byte for byte, before normalisation.
//!
//! These kinds of export are read as the text they stand for:
//!
//! * **CSV** as a spreadsheet saves it (Excel or LibreOffice, "Lưu dưới dạng CSV"): a run of at
//!   least three records with the same number (two or more) of `;` or `,` delimiters outside
//!   double quotes, with some empty or quoted field (the padding `;;;;` of title rows, a quoted
//!   cell `"8,5 - 9"`). Its delimiters become tabs, so the rows are read as a tab-separated
//!   table; the quotes around a field become spaces (`""` inside one is a quote); a line break
//!   inside a quoted field becomes a space, so the record stays one row. A `,` file also needs
//!   three delimiters a record and an empty field, since prose lines are full of commas.
//! * **Markdown** as pandoc writes a Word file: `**bold**`, `***bold italic***`, `*italic*`,
//!   ATX headings (`## II. MỤC TIÊU`), backslash escapes (`\<`, `\*`) and `<br>` inside table
//!   cells become spaces. A `*` bullet (`* text`) stays a bullet.
//! * **Forms** filled in by hand or in Word: dot leaders ("≥ ....75,5.... %", "……") and ticked
//!   boxes (☒ ☑) become spaces; a line that opens with an empty box (☐, an option not chosen)
//!   is blanked whole; so is a line that marks where a slide or a page begins ("--- Slide 3
//!   ---", "Trang 2/7").
//! * **Tables drawn in a box** (`┌─┬─┐`, `│`, `├─┼─┤`, as text dumps of HTML and of some PDF
//!   tools give them): `│` becomes `|` and two spaces, the other box characters dashes, so the
//!   table reads as a pipe table with a rule between rows (`table.rs` joins each row's lines).
//!
//! Every replacement writes ASCII of the same byte length over whole characters, so byte
//! offsets into the result are byte offsets into the caller's text: diagnostics and spans need no second map.
//! Linear in the length of the text; a text without such markup is returned as it is, unchanged
//! and not copied.

use std::borrow::Cow;

/// `text` with its CSV and Markdown markup made plain (same length, same offsets).
pub(crate) fn plain(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Nothing to do without one of the markup bytes (the common case: no copy, one scan).
    if !bytes.iter().any(|&b| {
        matches!(
            b,
            b';' | b',' | b'*' | b'#' | b'\\' | b'<' | b'.' | b'-' | 0xE2
        )
    }) {
        return Cow::Borrowed(text);
    }
    // The copy is made at the first line that may change (most texts have none).
    let mut out: Option<Vec<u8>> = None;
    let mut changed = csv(bytes, &mut out);
    changed |= each_line(bytes, &mut out, MARKDOWN, markdown_line);
    changed |= each_line(bytes, &mut out, FORM, form_line);
    match out {
        // Whole characters were replaced by ASCII of their length, so `out` is still UTF-8.
        Some(out) if changed => match String::from_utf8(out) {
            Ok(s) => Cow::Owned(s),
            Err(_) => Cow::Borrowed(text),
        },
        _ => Cow::Borrowed(text),
    }
}

// ---- CSV ----------------------------------------------------------------------------------

/// One record of a delimited file: its byte range (line breaks inside quotes included) and
/// what was seen of its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    start: usize,
    end: usize,
    delimiters: usize,
    empty_field: bool,
    quoted_field: bool,
}

/// The record starting at `start` with delimiter `d`, or `None` when its quotes do not close
/// (before the end of the text or within eight lines).
fn record(bytes: &[u8], start: usize, d: u8) -> Option<Record> {
    let mut r = Record {
        start,
        end: start,
        delimiters: 0,
        empty_field: false,
        quoted_field: false,
    };
    let mut i = start;
    let mut field_start = true;
    let mut field_len = 0usize;
    let mut breaks = 0;
    loop {
        if field_start && bytes.get(i) == Some(&b'"') {
            // A quoted field: up to the quote that is not doubled.
            r.quoted_field = true;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return None,
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\n') => {
                        breaks += 1;
                        if breaks > 8 {
                            return None;
                        }
                        i += 1;
                    }
                    Some(_) => i += 1,
                }
            }
            field_start = false;
            field_len = 1;
            continue;
        }
        match bytes.get(i) {
            None | Some(b'\n') => {
                let mut end = i;
                if end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                if r.delimiters > 0 && field_len == 0 {
                    r.empty_field = true;
                }
                r.end = end;
                return Some(r);
            }
            Some(&b) if b == d => {
                if field_len == 0 {
                    r.empty_field = true;
                }
                r.delimiters += 1;
                field_start = true;
                field_len = 0;
            }
            Some(b'\r') => {}
            Some(_) => {
                field_start = false;
                field_len += 1;
            }
        }
        i += 1;
    }
}

/// The next record's start after `r` (past its line break), or `None` at the end.
fn next_start(bytes: &[u8], r: &Record) -> Option<usize> {
    let nl = bytes[r.end..].iter().position(|&b| b == b'\n')?;
    Some(r.end + nl + 1)
}

/// Finds the CSV blocks of `bytes` and writes their plain form into `out` (a copy of `bytes`
/// made at the first block); whether any was found.
fn csv(bytes: &[u8], out: &mut Option<Vec<u8>>) -> bool {
    let mut changed = false;
    for d in [b';', b','] {
        if !bytes.contains(&d) {
            continue;
        }
        let min_delims = if d == b';' { 2 } else { 3 };
        let mut line = 0usize;
        while line < bytes.len() {
            let (block, next) = block_at(bytes, line, d, min_delims);
            if block.len() >= 3
                && block
                    .iter()
                    .any(|r| r.empty_field || (d == b';' && r.quoted_field))
            {
                let out = out.get_or_insert_with(|| bytes.to_vec());
                for r in &block {
                    rewrite(bytes, out, r, d);
                }
                changed = true;
            }
            line = next;
        }
        if changed {
            // A ';' file's quoted cells hold commas: the ',' pass would misread it.
            break;
        }
    }
    changed
}

/// The run of records from `line` with one and the same delimiter count (≥ `min_delims`), and
/// where to look next (one line on when there is no run).
fn block_at(bytes: &[u8], line: usize, d: u8, min_delims: usize) -> (Vec<Record>, usize) {
    // A line without a quote is one record, whose delimiters are the line's: with too few it
    // starts no run, known from one count (most lines of prose).
    let line_end = memchr::memchr(b'\n', &bytes[line..]).map_or(bytes.len(), |p| line + p);
    let (mut quotes, mut delims) = (false, 0usize);
    for &b in &bytes[line..line_end] {
        quotes |= b == b'"';
        delims += usize::from(b == d);
    }
    if !quotes && delims < min_delims {
        return (Vec::new(), (line_end + 1).min(bytes.len()));
    }
    let mut block: Vec<Record> = Vec::new();
    let mut at = line;
    loop {
        let r = record(bytes, at, d);
        let fits = r.is_some_and(|r| {
            r.delimiters >= min_delims && block.first().is_none_or(|f| f.delimiters == r.delimiters)
        });
        let Some(r) = r.filter(|_| fits) else {
            break;
        };
        block.push(r);
        match next_start(bytes, &r) {
            Some(n) => at = n,
            None => {
                at = bytes.len();
                break;
            }
        }
    }
    if block.is_empty() {
        // Not a record of this kind: go on at the next line.
        let next = bytes[line..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| line + p + 1);
        return (block, next);
    }
    (block, at)
}

/// Writes the plain form of one record: delimiters → tabs, enclosing quotes → spaces, `""` →
/// ` "`, line breaks inside quotes → spaces.
fn rewrite(bytes: &[u8], out: &mut [u8], r: &Record, d: u8) {
    let mut i = r.start;
    let mut field_start = true;
    while i < r.end {
        let b = bytes[i];
        if field_start && b == b'"' {
            out[i] = b' ';
            i += 1;
            while i < r.end {
                match bytes[i] {
                    b'"' if bytes.get(i + 1) == Some(&b'"') => {
                        out[i] = b' ';
                        i += 2;
                    }
                    b'"' => {
                        out[i] = b' ';
                        i += 1;
                        break;
                    }
                    b'\n' | b'\r' => {
                        out[i] = b' ';
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
            field_start = false;
            continue;
        }
        if b == d {
            out[i] = b'\t';
            field_start = true;
        } else {
            field_start = false;
        }
        i += 1;
    }
}

// ---- Forms --------------------------------------------------------------------------------

const BALLOT_EMPTY: &[u8] = "☐".as_bytes();
const BALLOT_CHECKED: [&[u8]; 2] = ["☒".as_bytes(), "☑".as_bytes()];
const ELLIPSIS: &[u8] = "…".as_bytes();

/// The lines of [`form_line`]: the blanks and boxes of a filled-in form made plain: dot leaders
/// ("≥ ....75,5.... %", "……") become spaces, a ticked box (☒ ☑) a space, and a line that opens
/// with an empty box (☐, an option not chosen) is blanked whole — elsewhere on a line an
/// empty box is a space.
const FORM: u8 = 2;

/// "--- Slide 3 ---", "Slide 3", "Trang 2", "Page 2/7" alone on a line: where a slide or a
/// page of a copy begins (a "-" would otherwise open a bullet that runs into the slide's title).
fn slide_marker(line: &[u8]) -> bool {
    let t = line.trim_ascii();
    let s = t.iter().position(|&b| b != b'-').unwrap_or(t.len());
    let e = t.iter().rposition(|&b| b != b'-').map_or(s, |p| p + 1);
    let core = t[s..e.max(s)].trim_ascii();
    // "trang " and nine more bytes at most.
    if core.len() > 15 {
        return false;
    }
    let rest = [&b"slide "[..], b"trang ", b"page "].iter().find_map(|w| {
        (core.len() >= w.len() && core[..w.len()].eq_ignore_ascii_case(w)).then(|| &core[w.len()..])
    });
    rest.is_some_and(|r| {
        !r.is_empty()
            && r[0].is_ascii_digit()
            && r.len() <= 9
            && r.iter()
                .all(|&b| b.is_ascii_digit() || b == b'/' || b == b' ')
    })
}

/// The characters of a box drawn around a table: the vertical bar becomes `|` and two
/// spaces, every other one three dashes or `|--` (a column's edge), so the table reads as a
/// pipe table with rules between its rows.
fn box_drawing(line: &mut [u8]) -> bool {
    let mut changed = false;
    let mut i = 0;
    while i + 2 < line.len() {
        // U+2500..U+257F: E2 94 80..E2 95 BF.
        if line[i] == 0xE2 && matches!(line[i + 1], 0x94 | 0x95) && line[i + 2] & 0xC0 == 0x80 {
            let code = 0x2000 | u32::from(line[i + 1] & 0x3F) << 6 | u32::from(line[i + 2] & 0x3F);
            let with: &[u8; 3] = match code {
                0x2502 | 0x2503 | 0x2551 => b"|  ",
                0x2500 | 0x2501 | 0x2550 => b"---",
                _ => b"|--",
            };
            line[i..i + 3].copy_from_slice(with);
            changed = true;
            i += 3;
            continue;
        }
        i += 1;
    }
    changed
}

fn form_line(line: &mut [u8]) -> bool {
    let lead = line
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if line[lead..].starts_with(BALLOT_EMPTY) || slide_marker(line) {
        blank(line, 0, line.len());
        return true;
    }
    let mut changed = box_drawing(line);
    let mut i = 0;
    while i < line.len() {
        if line[i] == b'.' {
            let run = line[i..].iter().take_while(|&&b| b == b'.').count();
            if run >= 3 {
                blank(line, i, i + run);
                changed = true;
            }
            i += run;
            continue;
        }
        if line[i] == 0xE2 {
            let rest = &line[i..];
            let boxed = BALLOT_CHECKED.iter().any(|b| rest.starts_with(b))
                || rest.starts_with(BALLOT_EMPTY);
            let ellipses = {
                let mut n = 0;
                while rest[n * 3..].starts_with(ELLIPSIS) {
                    n += 1;
                }
                n
            };
            if boxed {
                blank(line, i, i + 3);
                changed = true;
                i += 3;
                continue;
            }
            if ellipses >= 2 {
                blank(line, i, i + 3 * ellipses);
                changed = true;
                i += 3 * ellipses;
                continue;
            }
        }
        i += 1;
    }
    changed
}

// ---- Markdown -----------------------------------------------------------------------------

/// The lines of [`markdown_line`]: Markdown emphasis, headings, escapes and `<br>` made plain.
const MARKDOWN: u8 = 1;

/// Which line passes a byte may start a change for: [`MARKDOWN`] (`#`, `\\`, `<`, `*`),
/// [`FORM`] (`.` of a dot leader, 0xE2 leading a box, ballot or ellipsis, and the letters and
/// `-` of a slide or page marker, tested whole by [`slide_marker`]).
static MAY_CHANGE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'#' as usize] = MARKDOWN;
    t[b'\\' as usize] = MARKDOWN;
    t[b'<' as usize] = MARKDOWN;
    t[b'*' as usize] = MARKDOWN;
    t[b'.' as usize] = FORM;
    t[0xE2] = FORM;
    t
};

/// Whether the `.` or 0xE2 at `i` of `line` may start what [`form_line`] blanks: a run of
/// three dots, a box-drawing character (E2 94, E2 95), a ballot box (E2 98) or two ellipses.
fn form_at(line: &[u8], i: usize) -> bool {
    let rest = &line[i..];
    if rest[0] == b'.' {
        return rest.starts_with(b"...");
    }
    matches!(rest.get(1), Some(0x94 | 0x95 | 0x98))
        || rest.starts_with(&[0xE2, 0x80, 0xA6, 0xE2, 0x80, 0xA6])
}

/// Applies `f` to every line (without its '\n') of the text as it stands (`out`, else
/// `bytes`) that holds a byte of class `class` or is a slide marker, copying `bytes` into
/// `out` before the first such line; whether `f` changed any. A line without them is one that
/// `f` leaves as it is.
fn each_line(bytes: &[u8], out: &mut Option<Vec<u8>>, class: u8, f: fn(&mut [u8]) -> bool) -> bool {
    let mut changed = false;
    let mut start = 0;
    while start < bytes.len() {
        let cur = out.as_deref().unwrap_or(bytes);
        let end = memchr::memchr(b'\n', &cur[start..]).map_or(cur.len(), |p| start + p);
        let line = &cur[start..end];
        let may = line.iter().enumerate().any(|(i, &b)| {
            MAY_CHANGE[usize::from(b)] & class != 0 && (class != FORM || form_at(line, i))
        }) || (class == FORM && slide_marker(line));
        if may {
            let out = out.get_or_insert_with(|| bytes.to_vec());
            changed |= f(&mut out[start..end]);
        }
        start = end + 1;
    }
    changed
}

fn blank(line: &mut [u8], a: usize, b: usize) {
    for x in &mut line[a..b] {
        *x = b' ';
    }
}

fn markdown_line(line: &mut [u8]) -> bool {
    // "***" or "* * *" alone: a rule under a header block, kept as the separator it is.
    if line.iter().all(|&b| matches!(b, b'*' | b' ' | b'\r')) {
        return false;
    }
    let mut changed = false;
    // "## II. MỤC TIÊU": an ATX heading (one to six '#', then a space).
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line.get(hashes) == Some(&b' ') {
        blank(line, 0, hashes);
        changed = true;
    }
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            // "\<", "\*", "\[": a backslash escape.
            b'\\' if line.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                line[i] = b' ';
                changed = true;
                i += 2;
            }
            b'<' if br_len(&line[i..]) > 0 => {
                let n = br_len(&line[i..]);
                blank(line, i, i + n);
                changed = true;
                i += n;
            }
            b'*' => {
                let run = line[i..].iter().take_while(|&&b| b == b'*').count();
                if run >= 2 {
                    // "**bold**", "***bold italic***", a "***" rule.
                    blank(line, i, i + run);
                    changed = true;
                } else if let Some(close) = italic_close(line, i) {
                    line[i] = b' ';
                    line[close] = b' ';
                    changed = true;
                }
                i += run;
            }
            _ => i += 1,
        }
    }
    changed
}

/// The length of a `<br>`, `<br/>` or `<br />` at the start of `s` (any case), else 0.
fn br_len(s: &[u8]) -> usize {
    let lower = |k: usize| s.get(k).map(u8::to_ascii_lowercase);
    if lower(1) != Some(b'b') || lower(2) != Some(b'r') {
        return 0;
    }
    match (s.get(3), s.get(4), s.get(5)) {
        (Some(b'>'), _, _) => 4,
        (Some(b'/'), Some(b'>'), _) => 5,
        (Some(b' '), Some(b'/'), Some(b'>')) => 6,
        _ => 0,
    }
}

/// The closing `*` of an italic span opened by the single `*` at `i` ("*Cà Mau, ngày …*"): the
/// opener follows a line start, a space or an opening bracket and precedes a non-space; the
/// closer is a single `*` after a non-space and before a space, punctuation or the line end.
fn italic_close(line: &[u8], i: usize) -> Option<usize> {
    let opens = (i == 0 || matches!(line[i - 1], b' ' | b'(' | b'|' | b'['))
        && line
            .get(i + 1)
            .is_some_and(|&b| !matches!(b, b' ' | b'\t' | b'*' | b'\r'));
    if !opens {
        return None;
    }
    (i + 2..line.len()).find(|&k| {
        line[k] == b'*'
            && !matches!(line[k - 1], b' ' | b'\t' | b'*')
            && line
                .get(k + 1)
                .is_none_or(|&b| b != b'*' && (b.is_ascii_whitespace() || b.is_ascii_punctuation()))
    })
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn semicolon_csv_becomes_tab_separated() {
        let t = "UBND TỈNH X;;;\nSTT;Chỉ tiêu;ĐVT;Kế hoạch\n1;\"Tỷ lệ A; B\";%;\"8,5 - 9\"\n2;Số C;cụm;14\n";
        let p = plain(t);
        assert_eq!(p.len(), t.len());
        assert_eq!(
            p,
            "UBND TỈNH X\t\t\t\nSTT\tChỉ tiêu\tĐVT\tKế hoạch\n1\t Tỷ lệ A; B \t%\t 8,5 - 9 \n2\tSố C\tcụm\t14\n"
        );
    }

    #[test]
    fn quoted_line_breaks_and_doubled_quotes() {
        let t = "a;b;c\n1;\"x\ny\";\"say \"\"hi\"\"\"\n2;;z\n";
        let p = plain(t);
        assert_eq!(p, "a\tb\tc\n1\t x y \t say  \"hi \" \n2\t\tz\n");
    }

    #[test]
    fn prose_with_semicolons_is_left_alone() {
        // The same count of ';' on three lines, but no empty or quoted field: a list, not CSV.
        let t = "(1) Tỷ lệ A đạt 5%; (2) B đạt 6%; (3) C 7%.\n(4) D 1%; (5) E 2%; (6) F 3%.\n(7) G 1%; (8) H 2%; (9) I 3%.\n";
        assert_eq!(plain(t), t);
        // Two lines only.
        let t2 = "a;;b\nc;;d\n";
        assert_eq!(plain(t2), t2);
    }

    #[test]
    fn comma_csv_needs_three_delimiters_and_an_empty_field() {
        let t = "STT,Chỉ tiêu,ĐVT,Kế hoạch\n1,Tỷ lệ A,%,\"8,5\"\n2,Số C,,14\n";
        assert_eq!(
            plain(t),
            "STT\tChỉ tiêu\tĐVT\tKế hoạch\n1\tTỷ lệ A\t%\t 8,5 \n2\tSố C\t\t14\n"
        );
        let prose = "xã A, xã B, xã C, xã D\nxã E, xã F, xã G, xã H\nxã I, xã K, xã L, xã M\n";
        assert_eq!(plain(prose), prose);
    }

    #[test]
    fn markdown_emphasis_headings_escapes_and_breaks() {
        let t = "## II. MỤC TIÊU\n-   Tỷ lệ: **\\< 120 ca**; *Cà Mau, ngày 8*\n| **UBND**<br>**SỞ Y TẾ** |\n* bullet stays\n***\n#KinhTế";
        let p = plain(t);
        assert_eq!(p.len(), t.len());
        assert_eq!(
            p,
            "   II. MỤC TIÊU\n-   Tỷ lệ:    < 120 ca  ;  Cà Mau, ngày 8 \n|   UBND        SỞ Y TẾ   |\n* bullet stays\n***\n#KinhTế"
        );
    }

    #[test]
    fn form_blanks_and_boxes() {
        let t = "☒ 1. Tỷ lệ đạt: ≥ ....75,5.... %\n☐ 2. Có học sinh đạt giải: ............ giải\n☒ Tập thể ☐ Cờ thi đua\nGhi chú … tăng……";
        let p = plain(t);
        assert_eq!(p.len(), t.len());
        let second = "☐ 2. Có học sinh đạt giải: ............ giải".len();
        let want = format!(
            "    1. Tỷ lệ đạt: ≥     75,5     %\n{}\n    Tập thể     Cờ thi đua\nGhi chú … tăng      ",
            " ".repeat(second)
        );
        assert_eq!(p, want);
    }

    #[test]
    fn slide_and_page_markers_are_blanked() {
        let t = "--- Slide 2 ---\nKẾT QUẢ\nTrang 3/7\nslide show 2\nTrang trại 5 ha\n";
        assert_eq!(
            plain(t),
            "               \nKẾT QUẢ\n         \nslide show 2\nTrang trại 5 ha\n"
        );
    }

    #[test]
    fn box_drawing_becomes_pipes_and_rules() {
        let t = "┌──┬──┐\n│ 1│ A│\n├──┼──┤\n└──┴──┘";
        let p = plain(t);
        assert_eq!(p.len(), t.len());
        assert_eq!(
            p,
            "|--------|--------|--\n|   1|   A|  \n|--------|--------|--\n|--------|--------|--"
        );
    }

    #[test]
    fn plain_text_is_not_copied() {
        let t = "Tỷ lệ hộ nghèo giảm 1,5%; (2) thu nhập 60 triệu đồng.";
        assert!(matches!(plain(t), std::borrow::Cow::Borrowed(_)));
    }
}
