/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The plan-document importer: a plan, programme or guidance written as plain
 * text (or DOCX turned into text by text/docx.h) read into its header, its
 * section tree and its items — the tasks, each with the body that leads it,
 * the bodies that coordinate, and its deadline (DESIGN.md "Documents").
 *
 * What it reads:
 *  - the header: issuer lines in capitals, "ĐẢNG CỘNG SẢN VIỆT NAM" (skipped),
 *    "Số 203 - CV/BTCĐUK" (kept canonical, via text/docnum.h), the place and
 *    date "…, ngày 12 tháng 4 năm 2018", also when these sit side by side on
 *    one line separated by tabs or runs of spaces (a two-column header); the
 *    document type line ("KẾ HOẠCH", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "HƯỚNG DẪN"…)
 *    and its subject lines, or a letter's "V/v …" / "Về …" subject;
 *    "Kính gửi" and its recipient lines;
 *  - the body: every numbering shape — "I." "II-" "A." "1." "1-" "1)" "1.1."
 *    "2.3." "a)" "b." "-" "+" "•" "(1)." "BƯỚC 1:" "Giai đoạn 2." "Phần thứ
 *    nhất" "Nội dung thứ nhất:" "Thứ hai," "Một là," — and headings written in
 *    capitals without a number. Levels are found by shape, not by position:
 *    an entry whose shape is already open closes everything below it and
 *    becomes its sibling; a new shape opens a level below the current one;
 *    an unnumbered heading in capitals sits under the nearest numbered
 *    heading written in capitals, else at the top;
 *  - paragraphs without a number: a line starting in lower case continues
 *    the line above (hard-wrapped text); a paragraph after a numbered entry
 *    continues it (joined with one space), except under a heading — an entry
 *    numbered I./A., a step or part, a capitals heading, a heading ending
 *    with ':' or a heading that only names a body — where each paragraph is
 *    an entry of its own, numbered by position. Paragraphs that only state a
 *    time, a lead or a cost ("Thời gian: …", "Chủ trì: …", "(Quý II/2019)",
 *    "*hoàn thành trong tháng 6*") always continue the entry above;
 *  - a paragraph after the last entry of a list (no entry of the same shape
 *    follows before a heading in capitals or the end), after a blank line
 *    and not indented deeper than the entry's line, that starts a sentence
 *    of its own ends the list: end matter ("Trên đây là", "Nếu có vướng
 *    mắc", "Trong quá trình thực hiện, nếu …") is dropped; a task of the
 *    section — a sentence naming a group ("Các huyện ủy, … khẩn trương …"),
 *    one assigning a body ("Đề nghị …", "Giao …", "Yêu cầu …"), or one
 *    naming a body after an entry that names its own — becomes an
 *    unnumbered entry of the parent section, numbered by position ("III.4"
 *    after "III.3"); any other paragraph continues the entry;
 *  - task tables (STT | Nội dung | Chủ trì | Phối hợp | Thời gian | …):
 *    a DOCX row of three or more cells, like a table pasted from Word, is a
 *    line of tab-separated cells. A row whose headers name a task column
 *    and a lead or time column starts a table; each following row is an
 *    item of the section the table sits in, numbered by its STT cell, its
 *    lead (the cell as written; a group when it says "các"), coordinators
 *    and deadline read from their columns (the task's own text is searched
 *    when a column is missing or empty); a row numbered "I"/"A", or with a
 *    task in capitals and nothing else, is a heading inside the table. The
 *    table ends at a line without tabs that does not start in lower case;
 *  - the end matter: the body ends at "Trên đây là …" (when no numbered
 *    heading follows), "Trân trọng", "Nơi nhận", or a signature block
 *    ("T/M BAN THƯỜNG VỤ", "K/T", "T/L", "TM.", "KT.", "TL."); nothing after
 *    it is read.
 *
 * Items: a leaf of the tree is an item, an entry with entries under it is a
 * section. Parts that are plainly not tasks ("MỤC ĐÍCH, YÊU CẦU") still give
 * items, with their path; the consumer decides what to keep. Paragraphs
 * before the first numbered entry (the preamble "Căn cứ…", "Thực hiện…") and
 * a section's own intro paragraphs are not items.
 *
 * Leads, in order: a "Name: task" prefix ("- Đảng ủy Khối: gửi báo cáo…"),
 * the name before "chủ trì" or after "Chủ trì:" / "chủ trì là", a sentence
 * opening with a name ("Ban Tổ chức Tỉnh uỷ hướng dẫn…", "X có trách
 * nhiệm…") possibly after "Giao", "Đề nghị", "Yêu cầu", "Phân công"; failing
 * those, the nearest heading above that names a body ("1. Ban Tổ chức Tỉnh
 * uỷ", "2. Ủy ban nhân dân tỉnh:", "Đối với Ban Tuyên giáo:") or holds such a
 * sentence.
 *
 * Names of bodies, a small grammar (case as written; in a text written all
 * in capitals, where case says nothing, names run over capitals up to a
 * stop word):
 *   name := [các | những | tất cả các] HEAD word* | name ("," | "và") name
 *   HEAD := Ban, Ủy ban, UBKT, Văn phòng, Đảng ủy, Huyện ủy, Tỉnh ủy, Chi bộ,
 *           Đảng đoàn, Ban cán sự đảng, Sở, Mặt trận, HĐND, UBND, Hội, Đoàn,
 *           Công an, Bộ Chỉ huy… or an acronym; a bare head such as "Sở",
 *           "Hội", "Ban" needs a capital after it ("Hội nghị" is no name)
 *   word := a capitalized word or acronym (with the second syllable of a
 *           compound: "Thường vụ", "Tài nguyên") | a word names are made of
 *           (nhân dân, khối, trực thuộc, cơ sở, liên quan…) | a plain
 *           lower-case word ("Ban Tuyên huấn", "Hội Cờ tướng")
 * A name ends at the first of:
 *  - a stop word written in lower case: a verb or link that begins the task
 *    ("chủ trì", "phối hợp", "có trách nhiệm", "tham mưu", "tổ chức", "thực
 *    hiện", "kiểm tra", "đánh giá"…, "để", "nhằm", "trong", "theo", "về",
 *    "với", "cho", "đến", "từ", "khi"…) — capitalized, it is part of the
 *    name ("Sở Xây dựng");
 *  - punctuation (',' ';' ':' '.' '(' …), except "," or "và" followed by a
 *    capital that starts no name of its own ("Sở Văn hóa, Thể thao và Du
 *    lịch", "Ban Tuyên giáo và Dân vận") or, in a group, by another bare
 *    head ("các huyện ủy, thị ủy và đảng ủy"); "," or "và" followed by a
 *    name of its own is two bodies ("Văn phòng Tỉnh ủy và Ban Tổ chức Tỉnh
 *    ủy": split among coordinators, kept whole as a lead);
 *  - a closer: a level word ("tỉnh", "huyện", "xã", "thành phố"…) or a
 *    level's committee ("Tỉnh ủy", "Huyện ủy"…), after the proper name that
 *    may follow it ("tỉnh Bình Dương", "Huyện ủy Phú Giáo");
 *  - 12 words (each name of a list).
 * Plain lower-case words are only pending: kept when a name word follows
 * within 4 of them ("Ban Tuyên huấn Tỉnh ủy", "Đảng ủy Khối các cơ quan
 * tỉnh"), or when at most 2 of them end the name before a stop word, a mark
 * or the end ("Hội Cờ tướng chủ trì"); otherwise the name ends before them
 * ("Ban Chỉ đạo đánh giá kết quả …" → "Ban Chỉ đạo").
 *
 * "Các …" names a group: lead_group is set ("Các huyện ủy,
 * thành ủy, đảng ủy trực thuộc Tỉnh ủy"). Coordinators come from "phối hợp
 * (với|cùng) A, B và C" or "Phối hợp: A; B", split on commas, semicolons and
 * "và", each kept as written (a group such as "các huyện ủy, thành ủy" stays
 * whole). An item that names no lead of its own takes the heading's lead
 * and, when it names no coordinators either, the heading's coordinators.
 *
 * Deadlines: deadline_find() (text/deadline.h) on the item's whole text,
 * which holds its continuation lines — so a following "(Thời gian thực hiện
 * trong Quý II/2012)." or "*thực hiện xong trong Quý II năm 2019*" is found;
 * an item without one takes the deadline of the nearest heading above that
 * states one ("Những việc thực hiện từ nay đến năm 2020"). The phrase stays
 * in the item's text.
 *
 * The plan year (for "năm sau", "trong năm", "từ nay đến cuối năm"): the
 * caller's, else the title's "năm YYYY" (an annual plan is often issued the
 * year before), else the year of the document's date, else the first year
 * of a term in the title ("nhiệm kỳ 2020 - 2025" → 2020), else unknown (0).
 *
 * Pure: no I/O. Input is UTF-8 (NFC or NFD), with LF, CRLF or CR line ends,
 * tabs, no-break spaces, stray blank lines and a byte-order mark tolerated;
 * other control characters become spaces. Cost is linear in the input.
 */
#ifndef KH_TEXT_IMPORTER_H
#define KH_TEXT_IMPORTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "text/deadline.h"

/* Inputs larger than this are refused (KH_ETOOBIG). */
#define IMPORT_MAX_BYTES (8u * 1024 * 1024)

/* An entry of the section tree that has entries under it. */
struct import_section {
	char *path;  /* "II.C": labels joined by '.' */
	char *label; /* this level's label: "II", "C", "1", "a", "3" (a bullet's position) */
	char *text;  /* the heading as written, without its number */
	char *lead;  /* the body the heading names or assigns, or NULL */
	bool lead_group;
	int depth; /* 1 = top level */
	int line;  /* 1-based line of the source */
};

struct import_item {
	char *path;	     /* "II.C.1": the item's place in the section tree */
	char *text;	     /* the task as written, continuation paragraphs joined with a space */
	char *section;	     /* the nearest heading's text, or NULL at the top level */
	char *lead;	     /* as written, or NULL */
	bool lead_group;     /* the lead names a group of bodies ("Các huyện ủy, …") */
	char **coordinators; /* as written */
	int n_coordinators;
	char *deadline_text;	  /* the phrase found (in text or a heading's), or NULL */
	struct deadline deadline; /* kind DEADLINE_NONE when none */
	int line;		  /* 1-based line of the source where it starts */
};

struct import_doc {
	char *title; /* "Kế hoạch sơ kết giữa nhiệm kỳ …" (type + subject), or NULL */
	char *kind;  /* the document type line as written ("KẾ HOẠCH"), or NULL */
	char *subject;	  /* the subject lines joined with a space, or NULL */
	char *number;	  /* canonical "203-CV/BTCĐUK", or NULL */
	char *issuer;	  /* the issuing body's line(s) in capitals, joined with " – ", or NULL */
	char *place_date; /* "Bình Dương, ngày 12 tháng 4 năm 2018", or NULL */
	int32_t date;	  /* the document's date as a day number (core/date.h), 0 = none */
	char *addressees; /* what follows "Kính gửi", lines joined with "; ", or NULL */
	int plan_year;	  /* the year used for relative deadlines, 0 = unknown */
	struct import_section *sections;
	int n_sections;
	struct import_item *items;
	int n_items;
};

/* Parses len bytes of plan text. plan_year 0 = take it from the document
 * (see above). Returns 0 and fills *out (release with import_doc_release(),
 * also after an error); KH_EINVAL with a Vietnamese message when the text
 * is not valid UTF-8 or holds NUL bytes, KH_ETOOBIG past IMPORT_MAX_BYTES.
 * Empty input gives a document with no title and no items. */
int import_parse(const char *text, size_t len, int plan_year, struct import_doc *out,
		 struct kh_error *err) KH_MUST_CHECK;

/* Frees everything d holds and zeroes it. */
void import_doc_release(struct import_doc *d);

/* The key under which a body's name is matched to an org (caller frees):
 * usual abbreviations expanded (UBKT → ủy ban kiểm tra, BTV → ban thường vụ,
 * HĐND, UBND, MTTQ, ĐUK, TU, BTC, VP, BCSĐ, BCH, BTG, BDV… and glued ones such
 * as "VPTU", "BTCĐUK"), then folded by text_fold(): no case, no diacritics
 * (so both tone placements compare equal), đ → d, single spaces. NULL for
 * NULL. */
char *import_name_key(const char *name);

/* The names of bodies listed in text ("Văn phòng Tỉnh ủy, Ban Tổ chức Tỉnh
 * ủy và UBKT Tỉnh ủy"), split by the name grammar above — a comma inside a
 * name ("Sở Văn hóa, Thể thao và Du lịch") or a group ("các huyện ủy, thành
 * ủy") stays whole. Returns how many; *out (caller frees each and the
 * array) is NULL when none. */
int import_split_names(const char *text, char ***out);

#endif
