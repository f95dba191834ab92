// SPDX-License-Identifier: AGPL-3.0-or-later
// Editing an XLSX file the way a user's spreadsheet program would, for the
// tests of the bulk edit (tests/http/sheet.test.mjs, tests/cli/sheet.test.mjs):
// the package is unzipped (`unzip`), the item sheet's XML changed — a cell
// set to an inline string, a row removed, a row added — and zipped again
// (`zip`). Cells are addressed as Excel does ("G5").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const SHEET = 'xl/worksheets/sheet1.xml';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function inline(ref, text) {
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`;
}

const colIndex = (ref) => [...ref.match(/^[A-Z]+/)[0]]
  .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

// Sets cell ref (e.g. "E5") to text, replacing what was there; the row
// must exist.
export function setCell(xml, ref, text) {
  const cell = new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>.*?</c>)`);
  if (cell.test(xml)) return xml.replace(cell, inline(ref, text));
  const row = ref.replace(/^[A-Z]+/, '');
  const rowRe = new RegExp(`(<row r="${row}"[^>]*>)(.*?)(</row>)`);
  const m = rowRe.exec(xml);
  if (!m) throw new Error(`no row ${row}`);
  // keep the cells in column order
  const cells = m[2].match(/<c r="[A-Z]+\d+"(?:[^>]*\/>|[^>]*>.*?<\/c>)/g) || [];
  const all = [...cells, inline(ref, text)]
    .sort((a, b) => colIndex(/r="([A-Z]+)/.exec(a)[1]) - colIndex(/r="([A-Z]+)/.exec(b)[1]));
  return xml.replace(rowRe, `$1${all.join('')}$3`);
}

// Removes row n.
export function removeRow(xml, n) {
  return xml.replace(new RegExp(`<row r="${n}"[^>]*>.*?</row>`), '');
}

// Adds row n (after the last) with cells {G: 'text', …}.
export function addRow(xml, n, cells) {
  const body = Object.keys(cells).sort((a, b) => colIndex(a) - colIndex(b))
    .map((col) => inline(`${col}${n}`, cells[col])).join('');
  return xml.replace('</sheetData>', `<row r="${n}">${body}</row></sheetData>`);
}

// The row number holding Mã = id (column A), from the sheet XML.
export function rowOf(xml, id) {
  const m = new RegExp(`<c r="A(\\d+)"[^>]*><v>${id}</v></c>`).exec(xml);
  if (!m) throw new Error(`no row for item ${id}`);
  return Number(m[1]);
}

// Copies the XLSX at src to dst with edit(sheetXml) applied to the item
// sheet; the hidden sheet and the rest are kept byte for byte.
export function editXlsx(src, dst, edit) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kh-xlsx-'));
  try {
    execFileSync('unzip', ['-q', src, '-d', dir]);
    const file = path.join(dir, SHEET);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    rmSync(dst, { force: true });
    execFileSync('zip', ['-q', '-X', '-r', path.resolve(dst), '.'], { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The item sheet's XML of an XLSX file.
export function sheetXml(file) {
  return execFileSync('unzip', ['-p', file, SHEET], { encoding: 'utf8' });
}
