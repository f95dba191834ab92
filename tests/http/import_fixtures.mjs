// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared by the importer's tests: a plan in the seeds' style naming four
// bodies of the demo province and one that does not exist, and a minimal
// Word package built with zip(1).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PLAN = (year) => [
  'TỈNH ỦY SƠN NAM', 'ĐẢNG CỘNG SẢN VIỆT NAM', `Số 15-KH/TU`, `Sơn Nam, ngày 5 tháng 1 năm ${year}`, '',
  'KẾ HOẠCH', `công tác xây dựng Đảng năm ${year}`, '',
  'I. NHIỆM VỤ TRỌNG TÂM',
  `1. Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Văn phòng Tỉnh ủy rà soát, bổ sung quy hoạch cán bộ (hoàn thành trong Quý II/${year}).`,
  `2. Văn phòng Tỉnh ủy tổng hợp tình hình thực hiện, hoàn thành trước ngày 30/6/${year}.`,
  `3. UBKT Tỉnh ủy kiểm tra việc thực hiện quy chế làm việc (trong năm ${year}).`,
  `4. Các đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch cụ thể, báo cáo kết quả trước ngày 15/12/${year}.`,
  '5. Hội Cựu Giáo Chức Sơn Nam vận động hội viên tham gia (thường xuyên).', '',
].join('\n');

// A minimal Word package holding lines as paragraphs, built with zip(1).
export function docx(lines) {
  const dir = mkdtempSync(path.join(process.env.KH_TEST_TMP || '/tmp', 'docx-'));
  mkdirSync(path.join(dir, 'word'));
  mkdirSync(path.join(dir, '_rels'));
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  writeFileSync(path.join(dir, '[Content_Types].xml'),
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  writeFileSync(path.join(dir, '_rels', '.rels'),
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  writeFileSync(path.join(dir, 'word', 'document.xml'),
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${esc(l)}</w:t></w:r></w:p>`).join('')
    + '</w:body></w:document>');
  execFileSync('zip', ['-q', '-X', '-r', 'plan.docx', '[Content_Types].xml', '_rels', 'word'], { cwd: dir });
  const bytes = readFileSync(path.join(dir, 'plan.docx'));
  rmSync(dir, { recursive: true, force: true });
  return bytes;
}

