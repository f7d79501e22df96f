// Diagnostic offsets in linear time (issue #9.4): the old documented loop called utf16Offset
// once per offset, walking the text from its start each time (20 s for 20,001 diagnostics on
// 400 kB). utf16Offsets and parseDirective(text, {offsets: "utf16"}) do one pass.
//
// The timing check is built not to flake on a busy shared machine: each size is timed in
// batches long enough to measure (≥ 20 ms), the best of several batches is kept (noise only
// adds time), sizes alternate, and the whole measurement is retried before failing. A linear
// implementation gives a ratio near 10 for 10× the input; the quadratic one gave about 100.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as thidua from '../pkg/node.mjs';

const enc = new TextEncoder();

/** A directive-like text of about `n` × 40 characters, and `n` × 2 byte offsets (diagnostic-like ranges). */
function input(n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(`(${i}) Tỷ lệ hộ nghèo giảm 3–4%/năm 😀; `);
  const text = parts.join('');
  const offsets = [];
  let byte = 0;
  for (const p of parts) {
    const len = enc.encode(p).length;
    offsets.push(byte, byte + len - 2);
    byte += len;
  }
  return { text, offsets };
}

function best(fn, reps, samples) {
  let min = Infinity;
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) fn();
    min = Math.min(min, (performance.now() - t0) / reps);
  }
  return min;
}

/** The per-call time ratio of the 10× input to the 1× input. */
function ratio(fn, n) {
  const small = input(n);
  const large = input(10 * n);
  fn(small);
  fn(large); // warm up
  let reps = 1;
  while (best(() => fn(small), reps, 1) * reps < 20) reps *= 2;
  const repsLarge = Math.max(1, Math.round(reps / 10));
  let a = Infinity;
  let b = Infinity;
  for (let round = 0; round < 4; round++) {
    a = Math.min(a, best(() => fn(small), reps, 1));
    b = Math.min(b, best(() => fn(large), repsLarge, 1));
  }
  return b / a;
}

function linear(name, fn, n) {
  const ratios = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = ratio(fn, n);
    ratios.push(r.toFixed(1));
    if (r < 15) return ratios;
  }
  assert.fail(`${name}: 10× the input took ${ratios.join(', ')} × the time (want < 15)`);
}

test('utf16Offsets agrees with the one-offset function and with the text', () => {
  const { text, offsets } = input(50);
  const many = thidua.utf16Offsets(text, offsets);
  assert.deepEqual(many, offsets.map((b) => thidua.utf16Offset(text, b)));
  // in any order, with repeats
  const shuffled = [...offsets].reverse().concat(offsets.slice(0, 3));
  assert.deepEqual(thidua.utf16Offsets(text, shuffled), shuffled.map((b) => thidua.utf16Offset(text, b)));
  const bytes = enc.encode(text);
  for (let i = 0; i < offsets.length; i += 2) {
    const fromBytes = new TextDecoder().decode(bytes.slice(offsets[i], offsets[i + 1]));
    assert.equal(text.slice(many[i], many[i + 1]), fromBytes);
  }
  assert.throws(() => thidua.utf16Offsets('😀', [1]), (e) => e instanceof thidua.ThiduaError && e.code === 'invalid_input');
});

test('parseDirective(text, {offsets: "utf16"}) gives JavaScript string indices', () => {
  const text = 'Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào thi đua năm 2025.\nCác chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt từ 8% trở lên 😀; (2) Thu nhập bình quân đầu người trên 75 triệu đồng; (3) nhiều nội dung khác.';
  const bytes = thidua.parseDirective(text);
  const units = thidua.parseDirective(text, { offsets: 'utf16' });
  assert.deepEqual(units.directive, bytes.directive);
  const flat = (o) => [...o.diagnostics.flatMap((d) => [d.start, d.end]), ...o.item_spans.flatMap((s) => [s.start, s.end])];
  assert.deepEqual(flat(units), thidua.utf16Offsets(text, flat(bytes)));
  assert.match(text.slice(units.item_spans[1].start, units.item_spans[1].end), /75 triệu đồng/);
  assert.throws(() => thidua.parseDirective(text, { offsets: 'bytes' }), thidua.ThiduaError);
});

test('10× the offsets take less than 15× the time (utf16Offsets)', () => {
  // 2,000 offsets on 80 kB, then 20,000 on 800 kB
  linear('utf16Offsets', ({ text, offsets }) => thidua.utf16Offsets(text, offsets), 1000);
});

test('10× the text takes less than 15× the time to map to UTF-16 (parseDirective)', () => {
  // the conversion itself: parse with UTF-16 offsets minus nothing else — compared as a whole
  linear('parseDirective utf16', ({ text }) => thidua.parseDirective(text, { offsets: 'utf16' }), 200);
});
