// Workbooks on the demo page: "Mở tệp Excel" (load one unit's results from a workbook or CSV
// file into the form), "Tải Excel" (download the scorecard), and the cluster view (several
// units' results from one workbook — a sheet or a column per unit — scored with a scheme:
// ranking, bands, award proposals, and the ranking workbook to download). Every rule is in
// the thidua package; this file moves values between the page and the package.
import * as thidua from '/pkg/index.js';

const $ = (sel) => document.querySelector(sel);
const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = () => window.thiduaDemo; // app.js: {state, fillForm, collectResults, evaluateNow, options, showError}

function showDiagnostics(list, diagnostics) {
  // problems, and how a reported-result phrase ("hơn 290") was read: the officer checks it
  const shown = diagnostics.filter((d) => d.severity !== 'info' || d.code === 'result_phrase');
  list.innerHTML = shown
    .map((d) => `<li class="sev-${d.severity}" data-code="${esc(d.code)}"><code>${esc(d.location)}</code> ${esc(d.message)}</li>`)
    .join('');
  return shown;
}

function download(bytes, name) {
  const blob = new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// ---------- one unit: open a workbook into the form ----------

let opened = null; // {entries, units}

function applyUnit(unit) {
  const { state, fillForm, evaluateNow } = page();
  const rows = opened.entries.filter((r) => r.unit === unit);
  if (!rows.length) return;
  $('#unit').value = unit;
  $('#period').value = rows[0].period;
  fillForm(rows.filter((r) => r.period === rows[0].period));
  state.openedNotes = rows.filter((r) => r.note).map((r) => `${r.target}: ${r.note}`);
  evaluateNow();
}

async function openWorkbook(file) {
  const { state, showError } = page();
  showError(null);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = thidua.readExcel(bytes, { directive: state.directive });
  const shown = showDiagnostics($('#sheet-diagnostics'), r.diagnostics);
  const errors = shown.filter((d) => d.severity === 'error').length;
  const units = [...new Set(r.results.entries.map((e) => e.unit))];
  opened = { entries: r.results.entries, units };
  $('#sheet-unit').innerHTML = units.map((u) => `<option>${esc(u)}</option>`).join('');
  $('#sheet-unit').hidden = units.length < 2;
  $('#sheet-info').textContent = `${file.name}: ${r.results.entries.length} số liệu, ${units.length} đơn vị` +
    (errors ? `, ${errors} lỗi (xem danh sách)` : '');
  if (units.length) applyUnit(units[0]);
}

function downloadScorecard() {
  const { state, collectResults, options, showError } = page();
  try {
    const { rows } = collectResults();
    if (!rows.length) {
      showError({ message: 'Chưa có số liệu để xuất (no results to export).' });
      return;
    }
    const e = thidua.evaluate(state.directive, rows, options());
    download(thidua.evaluationToExcel(e, { directive: state.directive }), 'bang-danh-gia.xlsx');
  } catch (e) {
    showError(e);
  }
}

// ---------- the cluster view ----------

const cluster = { results: null, report: null };

async function openCluster(file) {
  const { state } = page();
  $('#cluster-error').hidden = true;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = thidua.readExcel(bytes, { directive: state.directive });
  showDiagnostics($('#cluster-diagnostics'), r.diagnostics);
  cluster.results = r.results;
  const units = [...new Set(r.results.entries.map((e) => e.unit))];
  $('#cluster-info').textContent = `${file.name}: ${units.length} đơn vị (${units.join(', ')}), ${r.results.entries.length} số liệu`;
  $('#cluster-score').disabled = units.length === 0;
}

async function scoreCluster() {
  const { state } = page();
  const box = $('#cluster-error');
  box.hidden = true;
  try {
    const res = await fetch(`/examples/${$('#cluster-scheme').value}.json`);
    if (!res.ok) throw new Error(`cannot load the scheme (${res.status})`);
    const scheme = await res.json();
    const group = $('#cluster-name').value.trim() || 'Cụm thi đua';
    const units = [...new Set(cluster.results.entries.map((e) => e.unit))];
    const report = thidua.score({
      scheme,
      directive: state.directive,
      roster: units.map((unit) => ({ unit, group, kind: 'cluster' })),
      period: cluster.results.entries[0]?.period,
      stages: [{ stage: 'board_appraisal', results: cluster.results }],
    });
    cluster.report = report;
    renderRanking(report);
    $('#cluster-download').disabled = false;
  } catch (e) {
    box.hidden = false;
    box.textContent = `${e.code ? `[${e.code}] ` : ''}${e.message}`;
  }
}

function renderRanking(report) {
  const awardsOf = new Map();
  for (const a of report.awards) for (const p of a.proposals) awardsOf.set(p.unit, [...(awardsOf.get(p.unit) ?? []), a.label_vi]);
  const rows = [];
  for (const g of report.groups) {
    for (const e of g.ranking) {
      const u = report.units.find((x) => x.unit === e.unit);
      rows.push(`<tr data-unit="${esc(e.unit)}"><td class="num rank">${e.rank}${e.tied ? '=' : ''}</td><td>${esc(e.unit)}</td>
        <td class="num total">${esc(thidua.formatVnFixed(e.total, report.digits))}</td>
        <td class="band">${esc(u?.band?.label_vi ?? '')}</td><td class="awards">${esc((awardsOf.get(e.unit) ?? []).join('; '))}</td></tr>`);
    }
    for (const n of g.not_ranked) {
      rows.push(`<tr data-unit="${esc(n.unit)}"><td class="num rank">—</td><td>${esc(n.unit)}</td><td></td><td class="band">không xếp hạng</td><td class="why">${esc(n.reason.vi)}</td></tr>`);
    }
  }
  $('#ranking tbody').innerHTML = rows.join('');
  $('#awards').innerHTML = report.awards
    .map((a) => `<li><strong>${esc(a.label_vi)}</strong>: ${a.proposals.length ? esc(a.proposals.map((p) => p.unit).join(', ')) : 'không có đơn vị'}${a.note ? ` — <span class="why">${esc(a.note.vi)}</span>` : ''}</li>`)
    .join('');
}

$('#sheet-file').addEventListener('change', (ev) => {
  const f = ev.target.files?.[0];
  if (f) openWorkbook(f).catch((e) => page().showError(e));
});
$('#sheet-unit').addEventListener('change', (ev) => applyUnit(ev.target.value));
$('#download-xlsx').addEventListener('click', downloadScorecard);
$('#cluster-file').addEventListener('change', (ev) => {
  const f = ev.target.files?.[0];
  if (f) openCluster(f).catch((e) => {
    $('#cluster-error').hidden = false;
    $('#cluster-error').textContent = e.message;
  });
});
$('#cluster-score').addEventListener('click', () => scoreCluster());
$('#cluster-download').addEventListener('click', () => {
  if (cluster.report) download(thidua.scoreReportToExcel(cluster.report, { directive: page().state.directive }), 'xep-hang-cum.xlsx');
});
document.body.dataset.sheets = 'ready';
