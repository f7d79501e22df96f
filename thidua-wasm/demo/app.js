// The demo scorecard page. Every rule (statuses, % of plan, the headline, Vietnamese labels
// and numbers, reading directive text) comes from the thidua package; this file only moves
// values between the page and the package and draws them.
import * as thidua from '/pkg/index.js';

const $ = (sel) => document.querySelector(sel);
const LABELS = thidua.statusLabels(); // {exceeded: {vi: "vượt", en: "exceeded"}, …}
const JUDGEMENTS = [
  ['', '—'],
  ['exceeded', LABELS.exceeded.vi],
  ['met', LABELS.met.vi],
  ['not_met', LABELS.not_met.vi],
];
// Kinds whose result needs a baseline (the value before), so the form offers a second field.
const BASELINE_KINDS = new Set(['reduction', 'rank_improvement', 'reference']);

const state = {
  directive: null, // normalized directive (loadDirective)
  cells: [], // the input of each result row sent, by row index (to mark unreadable wording)
  key: null, // seed file name, or "text"
  targets: [], // [{id, item, parent, name, kind, spec, text}]
  timer: 0,
  unitTyped: false, // the officer typed the unit name: a new directive keeps it
};

const esc = (s) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function showError(err) {
  const box = $('#error');
  if (!err) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  box.hidden = false;
  const code = err.code ? `[${err.code}] ` : '';
  box.textContent = `${code}${err.message}`;
}

// ---------- directive ----------

function flatten(directive) {
  const out = [];
  const walk = (t, item, parent) => {
    out.push({ id: t.id, item, parent, name: t.name, kind: t.spec.kind, spec: t.spec });
    for (const s of t.sub_targets ?? []) walk(s, item, t.id);
  };
  for (const it of directive.items ?? []) for (const t of it.targets) walk(t, it.number, null);
  return out;
}

/** The target texts ("từ 10% trở lên") as the core writes them: an evaluation with no data. */
function targetTexts(directive, period) {
  const probe = flatten(directive).find((t) => t.kind !== 'composite_decrease');
  if (!probe) return new Map();
  const e = thidua.evaluate(directive, [{ unit: '—', target: probe.id, period }]);
  return new Map(e.units[0].targets.map((t) => [t.target, t.target_text]));
}

function setDirective(directive, key) {
  state.directive = thidua.loadDirective(directive);
  state.key = key;
  const d = state.directive;
  // A seed always names its own unit; a parsed text keeps only a unit name the officer typed,
  // never the previous directive's (it would read as this text's).
  if (key !== 'text' || !state.unitTyped) {
    $('#unit').value = d.issuer.locality ? `Tỉnh ${d.issuer.locality}` : 'Đơn vị';
    state.unitTyped = false;
  }
  $('#period').value = String(d.coverage.year || new Date().getFullYear());
  const label = [d.number ? `Số ${d.number}` : null, d.issuer.name, d.issued].filter(Boolean).join(' · ');
  $('#directive-info').innerHTML = `<strong>${esc(d.title || '(chưa có trích yếu)')}</strong><br>${esc(label)}`;
  buildForm();
  $('#illustrative').disabled = key === 'text' || key.startsWith('units/');
  evaluateNow();
}

async function loadSeed(key) {
  const res = await fetch(`/examples/${key}.json`);
  if (!res.ok) throw new Error(`cannot load /examples/${key}.json (${res.status})`);
  setDirective(await res.json(), key);
}

// ---------- the parse view ----------

// Diagnostics that point at figures of the pasted text that no target took: a figure inside a
// passage of targets (unread_figure), a number that could not be read (unreadable_number), a
// sentence with target-like figures when no target was read at all (targets_not_read).
const UNREAD_CODES = new Set(['unread_figure', 'unreadable_number', 'targets_not_read']);

const NO_TARGETS_VI =
  'Không tìm thấy chỉ tiêu nào trong văn bản. Trang đọc được chỉ tiêu viết theo: danh sách “(1) …; (2) …”; ' +
  'dòng hoặc đoạn đánh số “1.”, “1)”, “a)”; gạch đầu dòng “-”, “+”, “•” dưới đề mục; “Một là, Hai là”; ' +
  'câu văn trong đoạn về chỉ tiêu (“các chỉ tiêu chủ yếu”, “mục tiêu”, “phấn đấu”); bảng dán dạng chữ ' +
  '(cột cách nhau bằng | hoặc Tab, hoặc mỗi ô một dòng). Văn bản, bảng nhập và bảng đánh giá trước đã được xóa.';

/** Forgets the directive on screen: its header, its form and its scorecard. */
function clearDirective() {
  clearTimeout(state.timer);
  Object.assign(state, { directive: null, key: null, targets: [], cells: [] });
  $('#directive-info').innerHTML = '';
  $('#entry tbody').innerHTML = '';
  $('#level').innerHTML = '';
  $('#illustrative').disabled = true;
  for (const id of ['#caption', '#headline']) $(id).textContent = '—';
  delete $('#headline').dataset.headline;
  for (const id of ['#headline-detail', '#chips', '#warnings', '#chart', '#scorecard tbody']) $(id).innerHTML = '';
  $('#warnings').hidden = true;
}

/** The spans to mark in the text: read items, unread figures, sentences not read. */
function readSpans(out) {
  const spans = out.item_spans.map((s) => ({ start: s.start, end: s.end, cls: 'read' }));
  out.diagnostics.forEach((d, i) => {
    if (!UNREAD_CODES.has(d.code) || d.end <= d.start) return;
    spans.push({ start: d.start, end: d.end, cls: d.code === 'targets_not_read' ? 'not-read' : 'unread', diag: i });
  });
  return spans;
}

/** The text as HTML with the spans marked (a sweep over their ends: linear after sorting). */
function markedText(text, spans) {
  const events = [];
  for (const s of spans) events.push([s.start, 1, s], [s.end, -1, s]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const open = { read: 0, unread: 0, 'not-read': 0 };
  const html = [];
  let at = 0;
  let anchor = '';
  const emit = (to) => {
    if (to <= at) return;
    const cls = Object.keys(open).filter((k) => open[k] > 0);
    const body = esc(text.slice(at, to));
    html.push(cls.length || anchor ? `<mark class="${cls.join(' ')}"${anchor}>${body}</mark>` : body);
    anchor = '';
    at = to;
  };
  for (const [pos, delta, s] of events) {
    emit(pos);
    open[s.cls] += delta;
    if (delta > 0 && s.diag !== undefined) anchor = ` id="unread-${s.diag}" data-diag="${s.diag}"`;
  }
  emit(text.length);
  return html.join('');
}

/** A short excerpt around a span: the words before it and the span in bold. */
function excerpt(text, d) {
  const before = text.slice(Math.max(0, d.start - 48), d.start).replace(/^\S*\s/, '…');
  const span = text.slice(d.start, Math.min(d.end, d.start + 160));
  return `${esc(before)}<b>${esc(span)}</b>${d.end > d.start + 160 ? '…' : ''}`;
}

function renderReadView(text, out) {
  const unread = out.diagnostics.map((d, i) => [d, i]).filter(([d]) => UNREAD_CODES.has(d.code) && d.end > d.start);
  const targets = flatten(out.directive).length;
  const view = $('#read-view');
  view.hidden = false;
  view.dataset.targets = String(targets);
  view.dataset.unread = String(unread.length);
  const found = `Đọc được ${targets} chỉ tiêu trong ${out.directive.items?.length ?? 0} mục`;
  const left = unread.length
    ? `; ${unread.length} số liệu hoặc câu chưa đọc thành chỉ tiêu (tô đỏ, tô vàng) — xem danh sách dưới văn bản.`
    : '; mọi số liệu trong phần chỉ tiêu đều đã được đọc.';
  $('#read-summary').textContent = targets ? found + left : NO_TARGETS_VI;
  $('#read-summary').classList.toggle('no-targets', targets === 0);
  $('#read-text').innerHTML = markedText(text, readSpans(out));
  $('#unread-list').innerHTML = unread
    .map(([d, i]) => `<li data-code="${esc(d.code)}"><a href="#unread-${i}">${excerpt(text, d)}</a> <span class="why">${esc(d.code)} — ${esc(d.message)}</span></li>`)
    .join('');
  $('#unread-box').hidden = unread.length === 0;
}

function parseText() {
  const text = $('#directive-text').value;
  const out = thidua.parseDirective(text, { offsets: 'utf16' });
  const list = $('#diagnostics');
  list.innerHTML = out.diagnostics
    .map((x) => `<li class="sev-${x.severity}"><b>${esc(x.severity)}</b> ${esc(x.code)} — ${esc(x.message)}</li>`)
    .join('');
  renderReadView(text, out);
  if (!out.directive.items?.length) {
    // Nothing of the previous directive may stay on screen: it would read as this text's.
    clearDirective();
    showError({ code: 'no_targets', message: NO_TARGETS_VI });
    return;
  }
  showError(null);
  setDirective(out.directive, 'text');
}

// ---------- result entry ----------

function inputCell(id, field, placeholder) {
  return `<input class="num" data-target="${esc(id)}" data-field="${field}" placeholder="${esc(placeholder)}" autocomplete="off">`;
}

/** The directive's named plan levels ("Trung ương giao", "Chính phủ phấn đấu"), by id. */
function namedLevels(directive) {
  const out = new Map();
  const walk = (t) => {
    for (const l of t.levels ?? []) if (!out.has(l.id)) out.set(l.id, l.label);
    for (const s of t.sub_targets ?? []) walk(s);
  };
  for (const it of directive.items ?? []) for (const t of it.targets) walk(t);
  return out;
}

function buildLevelChoice() {
  const sel = $('#level');
  const keep = sel.value;
  const named = [...namedLevels(state.directive)].map(
    ([id, label]) => `<option value="named:${esc(id)}">Mức của văn bản: ${esc(label)}</option>`,
  );
  sel.innerHTML = [
    '<option value="default">Chỉ tiêu giao cho đơn vị (cột “Chỉ tiêu của đơn vị”), nếu không thì của văn bản</option>',
    '<option value="pledged">Chỉ tiêu đơn vị đăng ký (cột “Chỉ tiêu của đơn vị”)</option>',
    ...named,
  ].join('');
  if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
}

function buildForm() {
  const period = $('#period').value.trim() || String(state.directive.coverage.year);
  let texts;
  try {
    texts = targetTexts(state.directive, period);
  } catch {
    texts = new Map();
  }
  state.targets = flatten(state.directive).map((t) => ({ ...t, text: texts.get(t.id) ?? '' }));
  const rows = [];
  for (const t of state.targets) {
    const name = `${t.parent ? '<span class="of">trong đó</span> ' : ''}${esc(t.name)}`;
    let cell;
    if (t.kind === 'qualitative') {
      cell = `<select data-target="${esc(t.id)}" data-field="judgement">${JUDGEMENTS.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join('')}</select>`;
    } else if (t.kind === 'composite_decrease') {
      cell = t.spec.components
        .map(
          (c) =>
            `<div class="comp"><span>${esc(c.name)}</span>${inputCell(`${t.id}/${c.id}`, 'value', 'năm nay')}${inputCell(`${t.id}/${c.id}`, 'baseline', 'năm trước')}</div>`,
        )
        .join('');
    } else if (BASELINE_KINDS.has(t.kind)) {
      const [a, b] = t.kind === 'rank_improvement' ? ['hạng năm nay', `hạng ${t.spec.baseline_year ?? 'gốc'}`] : ['kết quả', 'năm trước'];
      cell = `<div class="pair">${inputCell(t.id, 'value', a)}${inputCell(t.id, 'baseline', b)}</div>`;
    } else {
      cell = inputCell(t.id, 'value', 'kết quả');
    }
    const own =
      t.kind === 'qualitative' || t.kind === 'composite_decrease' ? '' : inputCell(t.id, 'own', 'giao / đăng ký');
    rows.push(
      `<tr class="${t.parent ? 'sub' : ''}"><td><span class="id">${esc(t.id)}</span> ${name}</td><td class="plan">${esc(t.text)}</td><td class="own">${own}</td><td>${cell}</td></tr>`,
    );
  }
  $('#entry tbody').innerHTML = rows.join('');
  buildLevelChoice();
}

// A result cell holds a Vietnamese number ("10,12", "3.500"), or the result as a report words it
// ("hơn 290", "đạt 102,6% kế hoạch", "giảm 1,2 điểm %", "vượt kế hoạch"): the package reads it.
const WORDS = /[^\d.,\s+\-−%]/u;

/** The result rows of the form; marks fields that are not Vietnamese numbers. */
function collectResults() {
  const unit = $('#unit').value.trim() || 'Đơn vị';
  const period = $('#period').value.trim();
  const rows = new Map();
  const bad = [];
  const own = [];
  for (const el of document.querySelectorAll('#entry [data-target]')) {
    el.classList.remove('invalid');
    el.removeAttribute('title');
    const raw = el.value.trim();
    if (!raw) continue;
    const [target, component] = el.dataset.target.split('/');
    const key = el.dataset.target;
    const row = rows.get(key) ?? { unit, target, period, ...(component ? { component } : {}) };
    if (el.dataset.field === 'judgement') {
      row.judgement = raw;
    } else if (el.dataset.field === 'own') {
      try {
        own.push({ unit, target, value: thidua.parseVnNumber(raw), el });
      } catch (e) {
        el.classList.add('invalid');
        el.title = e.message;
        bad.push(e);
      }
      continue;
    } else if (el.dataset.field === 'value' && WORDS.test(raw)) {
      row.reported = raw;
      row.cell = el;
    } else {
      try {
        row[el.dataset.field] = thidua.parseVn(raw);
      } catch (e) {
        el.classList.add('invalid');
        el.title = e.message;
        bad.push(e);
        continue;
      }
    }
    rows.set(key, row);
  }
  const kept = [...rows.values()].filter((r) => 'value' in r || 'judgement' in r || 'baseline' in r || 'reported' in r);
  state.cells = kept.map((r) => r.cell);
  for (const r of kept) delete r.cell;
  return { unit, period, rows: kept, own, bad };
}

/** The target table (each unit's own figures) and the directive with the chosen default level. */
function levelInputs(own) {
  const choice = $('#level').value;
  const level = choice === 'pledged' ? 'pledged' : 'assigned';
  const targets = own.map(({ unit, target, value }) => ({ unit, target, level, value }));
  let directive = state.directive;
  if (choice.startsWith('named:')) {
    // The chosen named level decides, for every target that has it (the directive's data).
    const id = choice.slice('named:'.length);
    directive = structuredClone(state.directive);
    const walk = (t) => {
      if ((t.levels ?? []).some((l) => l.id === id)) t.default_level = id;
      for (const s of t.sub_targets ?? []) walk(s);
    };
    for (const it of directive.items ?? []) for (const t of it.targets) walk(t);
  }
  return { directive, targets, level: choice === 'pledged' ? 'pledged' : 'default' };
}

function fillForm(entries) {
  clearForm();
  for (const r of entries) {
    const key = r.component ? `${r.target}/${r.component}` : r.target;
    for (const field of ['value', 'baseline', 'judgement']) {
      if (r[field] === undefined || r[field] === null) continue;
      const el = document.querySelector(`#entry [data-target="${CSS.escape(key)}"][data-field="${field}"]`);
      if (!el) continue;
      el.value = field === 'judgement' ? r[field] : thidua.formatVn(String(r[field]));
    }
  }
}

function clearForm() {
  for (const el of document.querySelectorAll('#entry [data-target]')) {
    el.value = '';
    el.classList.remove('invalid');
  }
}

async function loadIllustrative() {
  const res = await fetch(`/examples/results/${state.key}.illustrative.json`);
  if (!res.ok) {
    showError({ message: `Không có số liệu minh họa cho văn bản này (${res.status}).` });
    return;
  }
  const set = thidua.loadResults(await res.json());
  const first = set.entries[0];
  const period = set.entries.some((r) => r.period === $('#period').value.trim()) ? $('#period').value.trim() : first.period;
  $('#unit').value = first.unit;
  state.unitTyped = false;
  $('#period').value = period;
  fillForm(set.entries.filter((r) => r.unit === first.unit && r.period === period));
  evaluateNow();
}

const JUDGEMENT_WORDS = new Map([
  ['vượt', 'exceeded'],
  ['đạt', 'met'],
  ['không đạt', 'not_met'],
  ['chưa đạt', 'not_met'],
  ...JUDGEMENTS.filter(([v]) => v).map(([v]) => [v, v]),
]);

/** Pasted results: JSON (as docs/examples/results/) or lines "id: value[; baseline]". */
function applyPaste() {
  const text = $('#results-text').value.trim();
  if (!text) return;
  try {
    if (text.startsWith('[') || text.startsWith('{')) {
      const set = thidua.loadResults(text);
      if (set.entries.length) {
        $('#unit').value = set.entries[0].unit;
        $('#period').value = set.entries[0].period;
      }
      fillForm(set.entries.filter((r) => r.unit === set.entries[0]?.unit && r.period === set.entries[0]?.period));
    } else {
      const entries = [];
      text.split(/\r?\n/).forEach((line, i) => {
        if (!line.trim()) return;
        const m = line.match(/^\s*\(?([^:=\t)]+?)\)?\s*[:=\t]\s*(.+)$/);
        if (!m) throw new Error(`dòng ${i + 1}: cần dạng "mã: kết quả" (line ${i + 1}: expected "id: value")`);
        const [target, component] = m[1].trim().split('/');
        const [value, baseline] = m[2].split(';').map((s) => s.trim());
        const j = JUDGEMENT_WORDS.get(value.toLowerCase());
        entries.push({ target, component, ...(j ? { judgement: j } : { value, baseline }) });
      });
      clearForm();
      for (const r of entries) {
        const key = r.component ? `${r.target}/${r.component}` : r.target;
        for (const field of ['value', 'baseline', 'judgement']) {
          if (r[field] === undefined) continue;
          const el = document.querySelector(`#entry [data-target="${CSS.escape(key)}"][data-field="${field}"]`);
          if (!el) throw new Error(`không có chỉ tiêu "${key}" (${field}) trong văn bản (unknown target)`);
          el.value = r[field];
        }
      }
    }
    selectTab('form');
    evaluateNow();
  } catch (e) {
    showError(e);
  }
}

// ---------- evaluation and rendering ----------

function options(level) {
  return { headline_basis: $('#headline-basis').value, ceiling_ratio: $('#ceiling-ratio').value, level };
}

function evaluateNow() {
  clearTimeout(state.timer);
  if (!state.directive) return;
  showError(null);
  const { unit, period, rows, own, bad } = collectResults();
  if (bad.length) showError({ code: bad[0].code, message: `Số không hợp lệ: ${bad[0].message}` });
  // With no figure at all, evaluate one empty row: every target is "chưa có số liệu".
  const probe = state.targets.find((t) => t.kind !== 'composite_decrease');
  const input = rows.length ? rows : probe ? [{ unit, target: probe.id, period }] : [];
  const { directive, targets, level } = levelInputs(own);
  try {
    const e = thidua.evaluate(directive, input, options(level), targets.length ? targets : undefined);
    render(e.units.find((u) => u.unit === unit && u.period === period) ?? e.units[0], e.warnings);
  } catch (e) {
    // Wording the package cannot read: mark its cell.
    const m = /results\[(\d+)\]/.exec(e.message ?? '');
    const cell = m ? state.cells[Number(m[1])] : undefined;
    if (cell) {
      cell.classList.add('invalid');
      cell.title = e.message;
    }
    showError(e);
  }
}

function scheduleEvaluate() {
  clearTimeout(state.timer);
  state.timer = setTimeout(evaluateNow, 300);
}

const pct = (r) => (r === null || r === undefined ? '—' : `${thidua.formatVnRounded(r, 2)} %`);
const num = (v) => (v === null || v === undefined ? '—' : thidua.formatVn(v));

function render(u, warnings = []) {
  if (!u) return;
  const mine = warnings.filter((w) => !w.unit || (w.unit === u.unit && w.period === u.period));
  $('#warnings').hidden = mine.length === 0;
  $('#warnings').innerHTML = mine
    .map((w) => `<li data-code="${esc(w.code)}"><b>${esc(w.code)}</b> ${esc(w.message_vi)}</li>`)
    .join('');
  const s = u.summary;
  const periodLabel = thidua.periodLabelVi(u.period);
  $('#caption').textContent = `${u.unit} · ${periodLabel} · ${state.directive.number ?? ''}`.replace(/ · $/, '');
  // "đạt và vượt 12/14 chỉ tiêu (vượt 8, đạt 4, …)": the headline and its details
  const cut = s.headline_vi.indexOf(' (');
  const main = cut > 0 ? s.headline_vi.slice(0, cut) : s.headline_vi;
  $('#headline').textContent = main.charAt(0).toUpperCase() + main.slice(1);
  $('#headline').dataset.headline = s.headline_vi;
  $('#headline-detail').textContent = s.headline_vi;
  $('#chips').innerHTML = [
    ['exceeded', s.exceeded],
    ['met', s.met],
    ['not_met', s.not_met],
    ['no_data', s.no_data],
    ['not_applicable', s.not_applicable],
  ]
    .filter(([k, n]) => n > 0 || k !== 'not_applicable')
    .map(([k, n]) => `<span class="chip st-${k}">${esc(LABELS[k].vi)} <b>${n}</b></span>`)
    .join('');

  $('#scorecard tbody').innerHTML = u.targets
    .map(
      (t) => `<tr data-target="${esc(t.target)}" data-status="${t.status}" class="${t.parent ? 'sub' : ''}">
        <td class="id">${esc(t.target)}</td>
        <td>${t.parent ? '<span class="of">trong đó</span> ' : ''}${esc(t.name)}</td>
        <td class="plan">${esc(t.target_text)}${t.level_kind !== 'directive' ? `<br><span class="level">chỉ tiêu ${esc(t.level_label)}</span>` : ''}</td>
        <td class="num result">${esc(t.reported ?? num(t.result))}</td>
        <td class="num ratio">${esc(pct(t.ratio))}</td>
        <td><span class="badge st-${t.status}">${esc(LABELS[t.status].vi)}</span></td>
        <td class="why">${esc(t.explanation.vi)}</td>
      </tr>`,
    )
    .join('');
  drawChart(u.targets);
}

function drawChart(targets) {
  const rowH = 24;
  const labelW = 64;
  const width = 640;
  const barW = width - labelW - 80;
  const ratios = targets.map((t) => (t.ratio === null ? null : Number(t.ratio))); // display only
  const finite = ratios.filter((r) => r !== null);
  const top = Math.min(300, Math.max(150, Math.ceil(Math.max(0, ...finite) / 50) * 50));
  const x = (r) => labelW + (Math.max(0, Math.min(r, top)) / top) * barW;
  const height = targets.length * rowH + 28;
  const parts = [];
  for (let g = 0; g <= top; g += 50) {
    parts.push(
      `<line x1="${x(g)}" y1="4" x2="${x(g)}" y2="${height - 22}" class="grid${g === 100 ? ' hundred' : ''}"/>`,
      `<text x="${x(g)}" y="${height - 6}" class="axis">${g} %</text>`,
    );
  }
  targets.forEach((t, i) => {
    const y = 6 + i * rowH;
    const r = ratios[i];
    parts.push(`<text x="${labelW - 8}" y="${y + 14}" class="label">${esc(t.target)}</text>`);
    if (r === null) {
      parts.push(`<text x="${labelW + 6}" y="${y + 14}" class="none">${esc(LABELS[t.status].vi)}</text>`);
    } else {
      const w = Math.max(1, x(r) - labelW);
      parts.push(
        `<rect x="${labelW}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 8}" rx="3" class="bar st-${t.status}"><title>${esc(t.target)}: ${esc(pct(t.ratio))} — ${esc(LABELS[t.status].vi)}</title></rect>`,
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 14}" class="value">${esc(pct(t.ratio))}${r > top ? ' ›' : ''}</text>`,
      );
    }
  });
  $('#chart').innerHTML = `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="% kế hoạch theo chỉ tiêu">${parts.join('')}</svg>`;
}

// ---------- wiring ----------

function selectTab(which) {
  $('#tab-form').setAttribute('aria-selected', String(which === 'form'));
  $('#tab-paste').setAttribute('aria-selected', String(which === 'paste'));
  $('#form-box').hidden = which !== 'form';
  $('#paste-box').hidden = which !== 'paste';
}

async function onSource() {
  const v = $('#source').value;
  $('#text-box').hidden = v !== 'text';
  showError(null);
  if (v !== 'text') {
    try {
      await loadSeed(v);
    } catch (e) {
      showError(e);
    }
  }
}

$('#source').addEventListener('change', onSource);
$('#parse').addEventListener('click', () => {
  try {
    parseText();
  } catch (e) {
    showError(e);
  }
});
$('#evaluate').addEventListener('click', evaluateNow);
$('#illustrative').addEventListener('click', () => loadIllustrative().catch(showError));
$('#clear').addEventListener('click', () => {
  clearForm();
  evaluateNow();
});
$('#apply-paste').addEventListener('click', applyPaste);
$('#tab-form').addEventListener('click', () => selectTab('form'));
$('#tab-paste').addEventListener('click', () => selectTab('paste'));
$('#entry').addEventListener('input', scheduleEvaluate);
$('#entry').addEventListener('change', scheduleEvaluate);
$('#unit').addEventListener('input', () => {
  state.unitTyped = true;
  scheduleEvaluate();
});
$('#period').addEventListener('change', () => {
  if (state.directive) evaluateNow();
});
$('#headline-basis').addEventListener('change', evaluateNow);
$('#ceiling-ratio').addEventListener('change', evaluateNow);
$('#level').addEventListener('change', evaluateNow);

// For sheets.js (workbooks in and out, the cluster view).
window.thiduaDemo = { state, fillForm, collectResults, evaluateNow, options, showError };

$('#engine').textContent = `WebAssembly · thidua ${thidua.version()}`;
$('#engine').dataset.state = 'ready';
await onSource();
document.body.dataset.ready = 'true';
