// Diagnostic offsets in one pass (issue #9.4): the old documented loop called utf16Offset
// once per offset, walking the text from its start each time (20 s for 20,001 diagnostics on
// 400 kB). utf16Offsets and parseDirective(text, {offsets: "utf16"}) do one pass.
//
// These tests check the answers. That the work grows linearly is checked without timing, by
// counting instructions: `bash .ci/linear.sh` runs the same Rust functions natively
// (thidua-wasm/examples/linear_probe_wasm.rs, cases utf16_offsets and parse_directive_utf16)
// under Valgrind at n and 10 n and fails at 15× or more.
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
