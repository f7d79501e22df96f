// The demo page's eligibility view (xét điều kiện khen thưởng): pick a person or unit of the
// illustrative award history, a title and the proposal date; the thidua package checks the
// proposal under the rules in force on that date and the page draws every clause (met / not
// met / missing data / for the council) with its legal source, and the closest next title.
// Every rule comes from the package; this file only moves values and draws them.
import * as thidua from '/pkg/index.js';

const $ = (sel) => document.querySelector(sel);
const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const OUTCOME = {
  met: 'đạt',
  not_met: 'không đạt',
  missing_data: 'chưa đủ dữ liệu',
  for_council: 'Hội đồng đánh giá',
};
const STATUS = {
  eligible: 'Đủ điều kiện',
  not_eligible: 'Chưa đủ điều kiện',
  missing_data: 'Chưa đủ dữ liệu',
  blocked: 'Chưa xét khen thưởng',
};
// Rule sets given to the check: both national sets (the date picks one) and the example.
const RULE_SETS = ['vn-nd98-2023', 'vn-nd152-2025', 'example-province'];
const catalogue = thidua.awardRuleSet('vn-nd98-2023').titles;

function history() {
  return JSON.parse($('#aw-history').value);
}

function fillSubjects() {
  let h;
  try {
    h = history();
  } catch {
    return;
  }
  const sel = $('#aw-subject');
  const keep = sel.value;
  sel.innerHTML = (h.subjects ?? [])
    .map((s) => `<option value="${esc(s.id)}">${esc(s.name ?? s.id)} (${s.kind === 'individual' ? 'cá nhân' : 'tập thể'})</option>`)
    .join('');
  if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  fillTitles();
}

function fillTitles() {
  const h = history();
  const subject = (h.subjects ?? []).find((s) => s.id === $('#aw-subject').value);
  const sel = $('#aw-title');
  const keep = sel.value;
  sel.innerHTML = catalogue
    .filter((t) => !subject || t.subjects.includes(subject.kind))
    .filter((t) => t.id !== 'bang_khen_thu_tuong')
    .map((t) => `<option value="${esc(t.id)}">${esc(t.label_vi)}</option>`)
    .join('');
  if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
}

function sourceOf(src) {
  const cite = `${src.document}${src.article ? `, ${src.article}` : ''}`;
  const v = src.verification;
  const mark = v.status === 'verified' ? '<span class="aw-src verified" title="đã đối chiếu">✓ đã đối chiếu</span>' : '<span class="aw-src unverified" title="chưa đối chiếu với văn bản">chưa đối chiếu</span>';
  return `${esc(cite)} ${mark}`;
}

function render(report) {
  const e = report.eligibility[0];
  const sets = report.rule_sets.map((r) => `${r.name}${r.example && !/minh họa/i.test(r.name) ? ' (minh họa)' : ''}`).join('; ');
  $('#aw-rules').textContent = `Quy định áp dụng ngày ${report.date}: ${sets}`;
  const box = $('#aw-status');
  box.dataset.status = e.status;
  box.textContent = STATUS[e.status];
  $('#aw-summary').textContent = e.summary.vi;
  const rows = e.clauses.map((c) => `
    <tr data-clause="${esc(c.clause)}" data-outcome="${esc(c.outcome)}">
      <td class="id">${esc(c.clause)}</td>
      <td>${esc(c.text.vi)}</td>
      <td><span class="aw-badge aw-${esc(c.outcome)}">${esc(OUTCOME[c.outcome])}</span></td>
      <td class="why">${esc(c.result?.explanation.vi ?? '')}</td>
      <td class="src">${sourceOf(c.source)}</td>
    </tr>`);
  for (const b of e.blocks ?? []) {
    if (!b.blocked) continue;
    rows.push(`<tr data-clause="${esc(b.block)}" data-outcome="blocked"><td class="id">—</td><td>${esc(b.text.vi)}</td>
      <td><span class="aw-badge aw-blocked">chặn</span></td><td class="why">${esc(b.explanation.vi)}</td><td class="src">${sourceOf(b.source)}</td></tr>`);
  }
  $('#aw-clauses tbody').innerHTML = rows.join('');
  const c = report.closest.find((x) => x.subject === e.subject);
  $('#aw-closest').textContent = c ? c.summary.vi : '';
}

function check() {
  const box = $('#aw-error');
  box.hidden = true;
  try {
    const input = {
      date: $('#aw-date').value,
      year: Number($('#aw-year').value),
      rule_sets: RULE_SETS,
      history: history(),
      candidates: [{ subject: $('#aw-subject').value, title: $('#aw-title').value }],
    };
    render(thidua.checkAwards(input));
  } catch (err) {
    box.hidden = false;
    box.textContent = `${err.code ? `[${err.code}] ` : ''}${err.message}`;
  }
}

async function start() {
  const h = await (await fetch('/examples/awards-2024/history.json')).json();
  $('#aw-history').value = JSON.stringify(h, null, 1);
  fillSubjects();
  $('#aw-subject').value = 'tran-van-binh';
  fillTitles();
  $('#aw-title').value = 'chien_si_thi_dua_tinh';
  for (const id of ['#aw-subject', '#aw-title', '#aw-date', '#aw-year']) $(id).addEventListener('change', () => {
    if (id === '#aw-subject') fillTitles();
    check();
  });
  $('#aw-history').addEventListener('change', () => {
    fillSubjects();
    check();
  });
  $('#aw-check').addEventListener('click', check);
  check();
  document.body.dataset.awardsReady = 'true';
}

start();
