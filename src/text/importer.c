/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The plan-document importer (see importer.h for what it recognizes). The
 * text is normalized once, cut into lines, and read in three passes: the
 * header (a small state machine over the first lines, each split into the
 * columns a two-column header leaves behind), the body (each paragraph is a
 * numbered entry, a heading in capitals or a plain paragraph; entries are
 * placed in a tree by the shape of their number, kept on a stack of open
 * levels), and the finishing pass (intros taken out, labels and paths,
 * leads, coordinators and deadlines, inherited from the headings where an
 * item says nothing). Names of bodies are read from a token list of each
 * text, words folded to ASCII for the lexicons and kept in lower case for
 * the words whose tone matters; see name_at() for the grammar. Everything
 * is linear in the input, with small constant bounds on the look-backs.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/date.h"
#include "text/deadline.h"
#include "text/docnum.h"
#include "text/fold.h"
#include "text/importer.h"
#include "text/utf8.h"

#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* Code points                                                         */

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	utf8proc_int32_t cp = -1;
	utf8proc_ssize_t r =
		utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	if (r <= 0) {
		*len = 1;
		return -1;
	}
	*len = (size_t)r;
	return cp;
}

static bool cp_upper(int32_t cp)
{
	if (cp < 0)
		return false;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool cp_lower(int32_t cp)
{
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool cp_letter(int32_t cp)
{
	if (cp < 0)
		return false;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return true;
	default:
		return false;
	}
}

static bool is_space_byte(char c)
{
	return c == ' ' || c == '\t';
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

struct tok {
	uint32_t start, end; /* bytes of the text */
	char fold[32];	     /* ASCII: no case, no marks, đ → d */
	char lower[48];	     /* lower case, marks kept (NFC) */
	char punct;   /* ',' ';' ':' '.' '(' ')' '-' '"' '*' '!' … for a mark, 0 for a word */
	bool cap;     /* starts with a capital */
	bool allcaps; /* has letters, none in lower case */
	bool digits;  /* only ASCII digits */
};

struct toks {
	struct tok *v;
	int n, cap;
	const char *text;
	bool caps_mode; /* the text is written in capitals: case says nothing */
};

static void toks_release(struct toks *t)
{
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static void put_cp(char *out, size_t cap, size_t *len, int32_t cp)
{
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
	if (k <= 0 || *len + (size_t)k + 1 > cap)
		return;
	memcpy(out + *len, enc, (size_t)k);
	*len += (size_t)k;
	out[*len] = 0;
}

/* Folds one code point to ASCII where it can: case, marks, đ. */
static void fold_cp(int32_t cp, char *out, size_t cap, size_t *len)
{
	if (cp == 0x111 || cp == 0x110) {
		put_cp(out, cap, len, 'd');
		return;
	}
	if (cp < 128) {
		put_cp(out, cap, len, (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
		return;
	}
	utf8proc_int32_t dst[8];
	int bound = 0;
	utf8proc_ssize_t k = utf8proc_decompose_char(
		cp, dst, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &bound);
	if (k <= 0 || k > 8) {
		put_cp(out, cap, len, cp);
		return;
	}
	for (utf8proc_ssize_t i = 0; i < k; i++)
		put_cp(out, cap, len, dst[i] == 0x111 ? 'd' : dst[i]);
}

static void tok_fill(struct tok *t, const char *s)
{
	size_t fl = 0, ll = 0, n = t->end;
	bool letters = false, lowers = false, digits = true;
	t->fold[0] = t->lower[0] = 0;
	t->cap = false;
	for (size_t i = t->start, k; i < n; i += k) {
		int32_t cp = cp_at(s, n, i, &k);
		if (i == t->start)
			t->cap = cp_upper(cp);
		if (cp_letter(cp))
			letters = true;
		if (cp_lower(cp))
			lowers = true;
		if (cp < '0' || cp > '9')
			digits = false;
		fold_cp(cp, t->fold, sizeof(t->fold), &fl);
		put_cp(t->lower, sizeof(t->lower), &ll, cp < 0 ? '?' : utf8proc_tolower(cp));
	}
	t->allcaps = letters && !lowers;
	t->digits = digits && n > t->start;
}

static void toks_push(struct toks *t, uint32_t start, uint32_t end, char punct)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->v = xrealloc(t->v, xmul((size_t)t->cap, sizeof(*t->v)));
	}
	struct tok *k = &t->v[t->n++];
	memset(k, 0, sizeof(*k));
	k->start = start;
	k->end = end;
	k->punct = punct;
	if (!punct)
		tok_fill(k, t->text);
	else
		k->fold[0] = k->lower[0] = punct, k->fold[1] = k->lower[1] = 0;
}

/* The mark a code point stands for when it separates words, or 0. */
static char punct_of(int32_t cp)
{
	switch (cp) {
	case ',':
	case ';':
	case '(':
	case ')':
	case '[':
	case ']':
	case '!':
	case '?':
	case '*':
	case '"':
		return (char)cp;
	case 0x201C:
	case 0x201D:
	case 0x2018:
	case 0x2019:
	case 0xAB:
	case 0xBB:
		return '"';
	case 0x2026:
		return '.';
	default:
		return 0;
	}
}

static bool is_dash(int32_t cp)
{
	return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 || cp == 0x2212;
}

/* Splits s[0..n) into words and marks, at most max tokens (0 = no limit). */
static void tokenize(const char *s, size_t n, int max, struct toks *t)
{
	memset(t, 0, sizeof(*t));
	t->text = s;
	size_t ws = SIZE_MAX; /* start of the current word */
	size_t i = 0, k;
	bool any_lower = false, any_letter = false;
	while (i < n && (!max || t->n < max)) {
		int32_t cp = cp_at(s, n, i, &k);
		size_t nk = 0;
		int32_t next = i + k < n ? cp_at(s, n, i + k, &nk) : -2;
		bool next_word =
			next >= 0 && next != ' ' && next != '\t' && next != 0xA0 && !punct_of(next);
		bool prev_digit = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
		bool next_digit = next >= '0' && next <= '9';
		char p = punct_of(cp);
		if (p == ',' && prev_digit && next_digit && ws != SIZE_MAX)
			p = 0;
		if (!p && cp == ':' && !(prev_digit && next_digit && ws != SIZE_MAX))
			p = ':';
		if (!p && cp == '.' && !(ws != SIZE_MAX && next_word))
			p = '.';
		if (!p && is_dash(cp) && !(ws != SIZE_MAX && next_word))
			p = '-';
		if (!p && cp == '_' && (ws == SIZE_MAX || !next_word))
			p = '*';
		if (cp == ' ' || cp == '\t' || cp == 0xA0 || p) {
			if (ws != SIZE_MAX)
				toks_push(t, (uint32_t)ws, (uint32_t)i, 0);
			ws = SIZE_MAX;
			if (p && (!max || t->n < max))
				toks_push(t, (uint32_t)i, (uint32_t)(i + k), p);
		} else {
			if (ws == SIZE_MAX)
				ws = i;
			if (cp_letter(cp))
				any_letter = true;
			if (cp_lower(cp))
				any_lower = true;
		}
		i += k;
	}
	if (ws != SIZE_MAX && (!max || t->n < max))
		toks_push(t, (uint32_t)ws, (uint32_t)(i < n ? i : n), 0);
	t->caps_mode = any_letter && !any_lower;
}

static bool tok_is(const struct toks *t, int i, const char *fold)
{
	return i >= 0 && i < t->n && strcmp(t->v[i].fold, fold) == 0;
}

static bool tok_punct(const struct toks *t, int i, char p)
{
	return i >= 0 && i < t->n && t->v[i].punct == p;
}

static bool tok_word(const struct toks *t, int i)
{
	return i >= 0 && i < t->n && !t->v[i].punct;
}

/* How many tokens from i match the space-separated words of phrase (folded
 * or lower case); 0 when they do not. */
static int match_words(const struct toks *t, int i, const char *phrase, bool lower)
{
	int k = 0;
	const char *p = phrase;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (i + k >= t->n || t->v[i + k].punct)
			return 0;
		const char *w = lower ? t->v[i + k].lower : t->v[i + k].fold;
		if (strlen(w) != len || memcmp(w, p, len) != 0)
			return 0;
		k++;
		p += len;
		if (*p == ' ')
			p++;
	}
	return k;
}

/* The longest phrase of list (NULL-terminated) at i; its token count or 0. */
static int match_list(const struct toks *t, int i, const char *const *list, bool lower)
{
	int best = 0;
	for (int j = 0; list[j]; j++) {
		int k = match_words(t, i, list[j], lower);
		if (k > best)
			best = k;
	}
	return best;
}

/* ------------------------------------------------------------------ */
/* Names of bodies                                                     */

enum {
	H_SPECIFIC = 1, /* a whole name by itself ("Tỉnh ủy", "Ban Tổ chức") */
	H_OWNER = 2, /* needs a capitalized word after it ("Sở Nội vụ", "Hội Nông dân") */
	H_GROUP = 4, /* only after "các" ("các đơn vị") */
	H_BARE = 8   /* may follow a comma in a group ("các huyện ủy, thành ủy") */
};

struct head {
	const char *words; /* folded */
	int flags;
};

static const struct head heads[] = {
	{"ban chap hanh", H_SPECIFIC},
	{"ban thuong vu", H_SPECIFIC},
	{"ban can su dang", H_SPECIFIC | H_BARE},
	{"ban bi thu", H_SPECIFIC},
	{"ban to chuc", H_SPECIFIC},
	{"ban tuyen giao", H_SPECIFIC},
	{"ban dan van", H_SPECIFIC},
	{"ban noi chinh", H_SPECIFIC},
	{"ban kinh te", H_SPECIFIC},
	{"ban chi dao", H_SPECIFIC},
	{"ban quan ly", H_SPECIFIC},
	{"ban dai dien", H_SPECIFIC},
	{"ban bao ve", H_SPECIFIC},
	{"ban thi dua", H_SPECIFIC},
	{"ban phap che", H_SPECIFIC},
	{"ban dan toc", H_SPECIFIC},
	{"ban van hoa", H_SPECIFIC},
	{"ban", H_OWNER},
	{"uy ban kiem tra", H_SPECIFIC},
	{"uy ban nhan dan", H_SPECIFIC},
	{"uy ban mat tran to quoc", H_SPECIFIC},
	{"uy ban", H_OWNER},
	{"van phong", H_SPECIFIC},
	{"dang uy", H_SPECIFIC | H_BARE},
	{"huyen uy", H_SPECIFIC | H_BARE},
	{"thanh uy", H_SPECIFIC | H_BARE},
	{"tinh uy", H_SPECIFIC | H_BARE},
	{"thi uy", H_SPECIFIC | H_BARE},
	{"quan uy", H_SPECIFIC | H_BARE},
	{"chi uy", H_SPECIFIC | H_BARE},
	{"chi bo", H_SPECIFIC | H_BARE},
	{"dang bo", H_SPECIFIC | H_BARE},
	{"dang doan", H_SPECIFIC | H_BARE},
	{"thuong truc", H_SPECIFIC},
	{"thuong vu", H_SPECIFIC},
	{"bo chinh tri", H_SPECIFIC},
	{"bo chi huy", H_SPECIFIC},
	{"cong an", H_SPECIFIC},
	{"mat tran to quoc", H_SPECIFIC},
	{"mat tran", H_OWNER},
	{"hoi dong nhan dan", H_SPECIFIC},
	{"hoi dong", H_OWNER},
	{"hoi lien hiep phu nu", H_SPECIFIC},
	{"hoi nong dan", H_SPECIFIC},
	{"hoi cuu chien binh", H_SPECIFIC},
	{"hoi", H_OWNER},
	{"doan thanh nien", H_SPECIFIC},
	{"tinh doan", H_SPECIFIC},
	{"thanh doan", H_SPECIFIC},
	{"huyen doan", H_SPECIFIC},
	{"doan", H_OWNER},
	{"lien doan lao dong", H_SPECIFIC},
	{"so", H_OWNER},
	{"phong", H_OWNER},
	{"trung tam", H_OWNER},
	{"truong", H_OWNER},
	{"cuc", H_OWNER},
	{"chi cuc", H_OWNER},
	{"bo", H_OWNER},
	{"toa an", H_OWNER},
	{"vien kiem sat", H_OWNER},
	{"kho bac", H_OWNER},
	{"ngan hang", H_OWNER},
	{"bao", H_OWNER},
	{"dai", H_OWNER},
	{"cong ty", H_OWNER},
	{"tong cong ty", H_OWNER},
	{"co quan", H_OWNER},
	{"dong chi", H_OWNER},
	{"d/c", H_OWNER},
	/* groups: "các …" */
	{"chi", H_GROUP | H_BARE},
	{"don vi", H_GROUP | H_BARE},
	{"co quan", H_GROUP | H_BARE},
	{"dia phuong", H_GROUP | H_BARE},
	{"nganh", H_GROUP | H_BARE},
	{"doan the", H_GROUP | H_BARE},
	{"to chuc co so dang", H_GROUP | H_BARE},
	{"to chuc dang", H_GROUP | H_BARE},
	{"to chuc", H_GROUP | H_BARE},
	{"cap uy", H_GROUP | H_BARE},
	{"so", H_GROUP | H_BARE},
	{"ban", H_GROUP | H_BARE},
	{"hoi", H_GROUP | H_BARE},
	{"doan", H_GROUP | H_BARE},
	{"phong", H_GROUP | H_BARE},
	{"truong", H_GROUP | H_BARE},
	{"xa", H_GROUP | H_BARE},
	{"phuong", H_GROUP | H_BARE},
	{"thi tran", H_GROUP | H_BARE},
	{"huyen", H_GROUP | H_BARE},
	{"chi doan", H_GROUP | H_BARE},
	{"chi hoi", H_GROUP | H_BARE},
	{"doanh nghiep", H_GROUP | H_BARE},
	{"dong chi", H_GROUP},
	{"tap the", H_GROUP},
	{"uy ban", H_GROUP},
};

/* Lower-case words (tone as written, both placements) that continue a name
 * anywhere after its head. */
static const char *const owner_words[] = {"tỉnh",
					  "huyện",
					  "xã",
					  "phường",
					  "quận",
					  "khối",
					  "thị xã",
					  "thị trấn",
					  "thành phố",
					  "đảng ủy",
					  "đảng uỷ",
					  "đảng bộ",
					  "cơ sở",
					  "trực thuộc",
					  "cấp trên",
					  "cấp tỉnh",
					  "cấp huyện",
					  "cấp xã",
					  "cấp cơ sở",
					  "các cấp",
					  "liên quan",
					  "có liên quan",
					  "chức năng",
					  "nhân dân",
					  "đoàn thể",
					  "ủy viên",
					  "uỷ viên",
					  "tỉnh ủy",
					  "tỉnh uỷ",
					  "huyện ủy",
					  "huyện uỷ",
					  "thành ủy",
					  "thành uỷ",
					  "ủy",
					  "uỷ",
					  "thôn",
					  "ấp",
					  "khu phố",
					  "tổ dân phố",
					  "trung ương",
					  "ban",
					  "ngành",
					  "xây dựng đảng",
					  "nhà trường",
					  "chính trị",
					  "xã hội",
					  NULL};

/* Second syllables of the words names are made of, taken after a capital
 * ("Ban Thường vụ", "Sở Nội vụ"); written in lower case. */
static const char *const compounds[] = {
	"thường vụ",	"tổ chức",	"tuyên giáo",  "dân vận",    "kiểm tra",    "chấp hành",
	"nội chính",	"chỉ đạo",	"quản lý",     "nhân dân",   "mặt trận",    "tổ quốc",
	"cán sự",	"thanh niên",	"phụ nữ",      "nông dân",   "cựu chiến",   "chiến binh",
	"lao động",	"doanh nghiệp", "chỉ huy",     "quân sự",    "văn phòng",   "bí thư",
	"chính trị",	"kinh tế",	"thường trực", "liên đoàn",  "hội đồng",    "nội vụ",
	"tư pháp",	"tài chính",	"giáo dục",    "đào tạo",    "y tế",	    "văn hóa",
	"văn hoá",	"công an",	"biên phòng",  "khoa học",   "công nghệ",   "thông tin",
	"truyền thông", "kế hoạch",	"đầu tư",      "xây dựng",   "giao thông",  "vận tải",
	"tài nguyên",	"môi trường",	"nông nghiệp", "phát triển", "thương binh", "xã hội",
	"du lịch",	"thể thao",	"công thương", "ngoại vụ",   "dân tộc",	    "tôn giáo",
	"thi đua",	"khen thưởng",	"bảo vệ",      "chăm sóc",   "sức khỏe",    "sức khoẻ",
	"cán bộ",	"đại diện",	"pháp chế",    "hành chính", "chính quyền", "thanh tra",
	"kiểm sát",	"thống kê",	"bảo hiểm",    "phát thanh", "truyền hình", "tuyên truyền",
	"liên hiệp",	"lãnh đạo",	"nhà nước",    "đoàn thể",   "an ninh",	    "quốc phòng",
	"dân quân",	"cơ yếu",	"bảo tàng",    "lưu trữ",    "chi bộ",	    "chi ủy",
	"chi uỷ",	"đảng ủy",	"đảng uỷ",     "đảng bộ",    "tỉnh ủy",	    "tỉnh uỷ",
	"huyện ủy",	"huyện uỷ",	"thành ủy",    "thành uỷ",   "quận ủy",	    "quận uỷ",
	"thị ủy",	"thị uỷ",	"ủy ban",      "uỷ ban",     "giám hiệu",   NULL};

/* Words that end a name: the verbs and links that follow a lead (folded). */
static const char *const stop_words[] = {"chủ trì",
					 "phối hợp",
					 "có trách nhiệm",
					 "chịu trách nhiệm",
					 "tham mưu",
					 "hướng dẫn",
					 "chỉ đạo",
					 "thực hiện",
					 "xây dựng",
					 "kiểm tra",
					 "căn cứ",
					 "khẩn trương",
					 "đôn đốc",
					 "triển khai",
					 "nghiên cứu",
					 "quán triệt",
					 "lãnh đạo",
					 "bố trí",
					 "bảo đảm",
					 "đảm bảo",
					 "rà soát",
					 "báo cáo",
					 "tổng hợp",
					 "giúp",
					 "cần",
					 "phải",
					 "được",
					 "sẽ",
					 "tiếp tục",
					 "định kỳ",
					 "thường xuyên",
					 "tập trung",
					 "là",
					 "gửi",
					 "trình",
					 "ban hành",
					 "đề xuất",
					 "tuyên truyền",
					 "phổ biến",
					 "chuẩn bị",
					 "theo dõi",
					 "giám sát",
					 "phân công",
					 "tổ chức",
					 "nâng cao",
					 "đẩy mạnh",
					 "tăng cường",
					 "chủ động",
					 "với",
					 "theo",
					 "tại",
					 "trong",
					 "để",
					 "nhằm",
					 "về",
					 "cho",
					 "khi",
					 "nếu",
					 "có",
					 "của",
					 "lần",
					 "nhiệm kỳ",
					 "năm",
					 "tháng",
					 "ngày",
					 "quý",
					 "từ",
					 "đến",
					 "trước",
					 "sau",
					 "làm",
					 "giao",
					 "đề nghị",
					 "đánh giá",
					 "xử lý",
					 "hoàn thành",
					 "hoàn thiện",
					 "hoàn tất",
					 "cung cấp",
					 "lựa chọn",
					 "biên soạn",
					 "phát động",
					 "vận động",
					 "hỗ trợ",
					 "tiếp nhận",
					 "soạn thảo",
					 "sơ kết",
					 "tổng kết",
					 "kịp thời",
					 "chịu",
					 "lập",
					 "đã",
					 "đang",
					 "nghiêm túc",
					 "thống nhất",
					 "đề ra",
					 "làm việc",
					 "thẩm định",
					 "hiệp y",
					 "cử",
					 "thành lập",
					 "bổ sung",
					 "sửa đổi",
					 "điều chỉnh",
					 "thông báo",
					 "công bố",
					 "tiếp thu",
					 "thẩm tra",
					 "giải quyết",
					 "ký",
					 "phê duyệt",
					 "kết luận",
					 "trực tiếp",
					 "tích cực",
					 "thu thập",
					 "cập nhật",
					 "góp ý",
					 "tham gia",
					 "tham dự",
					 "dự",
					 "tập huấn",
					 "bồi dưỡng",
					 "đưa",
					 "nộp",
					 "phát hành",
					 "trao đổi",
					 "đồng thời",
					 "ngay",
					 "sớm",
					 "này",
					 "đó",
					 "nói trên",
					 "ở",
					 "bằng",
					 "qua",
					 "vào",
					 "bởi",
					 "do",
					 "mà",
					 "thì",
					 "nên",
					 "hoặc",
					 "hay",
					 "như",
					 "cùng với",
					 "đối với",
					 "phụ trách",
					 "quản lý",
					 "kiểm điểm",
					 "nắm",
					 "mở",
					 "hướng",
					 "quyết định",
					 "chỉ",
					 "xem xét",
					 "cho ý kiến",
					 "lấy ý kiến",
					 "đăng",
					 "tiến hành",
					 "duy trì",
					 "phát huy",
					 "tạo điều kiện",
					 "thẩm",
					 "đẩy",
					 "gắn",
					 "kết hợp",
					 "lồng ghép",
					 "ưu tiên",
					 "chủ",
					 "đề",
					 "tăng",
					 "giảm",
					 "đạt",
					 "ra",
					 "một",
					 "hằng",
					 "hàng",
					 "yêu cầu",
					 NULL};

/* Words that open a clause before the name it assigns (folded). */
static const char *const openers[] = {
	"giao",		 "giao cho",	      "de nghi", "yeu cau", "phan cong",
	"phan cong cho", "giao nhiem vu cho", "do",	 "-",	    NULL};

/* The head at i that fits: its token count and flags, or 0. */
static int match_head(const struct toks *t, int i, bool group, int *flags)
{
	int best = 0, bf = 0;
	if (!tok_word(t, i))
		return 0;
	for (size_t j = 0; j < KH_ARRAY_LEN(heads); j++) {
		if ((heads[j].flags & H_GROUP) && !group)
			continue;
		int k = match_words(t, i, heads[j].words, false);
		if (k > best || (k == best && k && group && (heads[j].flags & H_GROUP))) {
			best = k;
			bf = heads[j].flags;
		}
	}
	/* An acronym of two to ten letters ("UBKT", "HĐND", "VPTU"). */
	if (!best && !t->caps_mode && t->v[i].allcaps) {
		size_t len = strlen(t->v[i].fold);
		bool ok = len >= 2 && len <= 10;
		for (size_t j = 0; ok && j < len; j++)
			ok = t->v[i].fold[j] >= 'a' && t->v[i].fold[j] <= 'z';
		if (ok) {
			best = 1;
			bf = H_SPECIFIC;
		}
	}
	*flags = bf;
	return best;
}

static bool name_word_cap(const struct toks *t, int i)
{
	return tok_word(t, i) && (t->v[i].cap || t->v[i].allcaps) && !t->v[i].digits;
}

/*
 * A body's name starting at token i: [các | tất cả các | những] HEAD then
 * capitalized words, acronyms, owner words and compounds, up to a stop word
 * or a mark; in a group, ", HEAD" and "và HEAD" continue it. list allows a
 * comma or "và" followed by another capitalized name to continue too (a
 * lead naming two bodies). Returns the end token (exclusive) or -1; sets
 * *group.
 */
static int name_at_d(const struct toks *t, int i, bool list, bool *group, int depth);

/* A name's words at most (each of a list's names), a pending run of plain
 * lower-case words at most, and such a run kept at the name's end. */
#define NAME_MAX_WORDS 12
#define NAME_MAX_RUN 4
#define NAME_TAIL_RUN 2

/* The level words: after them (and the proper name that may follow) a
 * name ends ("Công an tỉnh", "Ủy ban nhân dân tỉnh Bình Dương"). */
static const char *const levels[] = {"tỉnh",	 "huyện",     "xã",   "phường", "quận", "thị xã",
				     "thị trấn", "thành phố", "thôn", "ấp",	NULL};

/* Level words and the committees of a level ("Tỉnh ủy", "Huyện ủy"): they
 * close a name (lower case, as written). */
static const char *const closers[] = {"tỉnh",	  "huyện",    "xã",	   "phường",   "quận",
				      "thị xã",	  "thị trấn", "thành phố", "tỉnh ủy",  "tỉnh uỷ",
				      "huyện ủy", "huyện uỷ", "thành ủy",  "thành uỷ", "thị ủy",
				      "thị uỷ",	  "quận ủy",  "quận uỷ",   NULL};

/* A stop word at i (its length), not when the word is capitalized in a
 * text written in mixed case ("Sở Xây dựng"). */
static int stop_at(const struct toks *t, int i)
{
	if (i < t->n && !t->caps_mode && (t->v[i].cap || t->v[i].allcaps))
		return 0;
	return match_list(t, i, stop_words, true);
}

static int name_at(const struct toks *t, int i, bool list, bool *group)
{
	return name_at_d(t, i, list, group, 0);
}

/* Inner look-aheads (depth 1) do not look further ahead themselves, so a
 * run of "và" costs linear time. */
/* Tokens i and i + 1 make one of the compounds ("chiến binh"). */
static bool compound_at(const struct toks *t, int i)
{
	if (i < 0 || i + 1 >= t->n || !tok_word(t, i) || !tok_word(t, i + 1))
		return false;
	char pair[100];
	snprintf(pair, sizeof(pair), "%s %s", t->v[i].lower, t->v[i + 1].lower);
	for (int j = 0; compounds[j]; j++)
		if (strcmp(pair, compounds[j]) == 0)
			return true;
	return false;
}

static int name_at_d(const struct toks *t, int i, bool list, bool *group, int depth)
{
	int p = i, flags = 0, hl;
	*group = false;
	if (!tok_word(t, i))
		return -1;
	if (match_words(t, p, "tat ca cac", false)) {
		*group = true;
		p += 3;
	} else if (tok_is(t, p, "cac") || tok_is(t, p, "nhung")) {
		*group = true;
		p++;
	}
	hl = match_head(t, p, *group, &flags);
	if (!hl)
		return -1;
	if (!*group && (flags & H_OWNER)) {
		if (!t->caps_mode && !t->v[p].cap)
			return -1;
		int q = p + hl;
		if (!name_word_cap(t, q) || stop_at(t, q))
			return -1;
	}
	p += hl;
	/* seg: the first token of the current name (a list starts a new one);
	 * run: the first token of a pending run of plain lower-case words. */
	int end = p, seg = i, run = -1;
	bool closed = false, prev_cap = true;
	/* the last word of the name already ends a known two-syllable word
	 * ("Tổ chức", "Văn phòng"): lower-case words after it are the task */
	bool whole = hl >= 2;
	(void)depth;
	while (p < t->n && p - seg < NAME_MAX_WORDS) {
		const struct tok *k = &t->v[p];
		int f2 = 0, h2;
		if (k->punct == ',' || tok_is(t, p, "va") || tok_is(t, p, "cung")) {
			int q = p + 1;
			if (run >= 0) {
				/* "Ban Tuyên huấn và Dân vận": a short run is part of it */
				if (p - run > NAME_TAIL_RUN)
					break;
				end = p;
				run = -1;
			}
			if (depth > 0 && !*group)
				break;
			if (k->punct == ',' && tok_is(t, q, "va"))
				q++;
			bool g2 = false;
			h2 = match_head(t, q, *group, &f2);
			if (h2 && *group && (f2 & H_BARE) && !t->v[q].cap) {
				p = end = q + h2;
				seg = q;
				closed = false;
				continue;
			}
			if (depth > 0)
				break;
			if (!tok_is(t, p, "cung") && name_word_cap(t, q) &&
			    name_at_d(t, q, false, &g2, 1) < 0 && !stop_at(t, q)) {
				/* "Sở Lao động - Thương binh và Xã hội", "Ban Tuyên giáo
				 * và Dân vận": a capital that starts no name of its own */
				p = q;
				continue;
			}
			int e2;
			if (list && (e2 = name_at_d(t, q, false, &g2, 1)) > q) {
				p = end = e2;
				seg = q;
				closed = false;
				*group = *group || g2;
				continue;
			}
			break;
		}
		if (k->punct == '-' && run < 0 && name_word_cap(t, p + 1) && !t->caps_mode &&
		    !stop_at(t, p + 1)) {
			p = end = p + 2;
			closed = false;
			continue;
		}
		if (k->punct == '-' && run < 0 && !closed &&
		    match_list(t, p + 1, owner_words, true)) {
			/* "chính trị - xã hội" */
			p = end = p + 1 + match_list(t, p + 1, owner_words, true);
			continue;
		}
		if (k->punct)
			break;
		int ow = match_list(t, p, owner_words, true);
		int sw = stop_at(t, p);
		if (sw && sw >= ow)
			break;
		if ((k->cap || k->allcaps) && !k->digits) {
			int cl = t->caps_mode ? 0 : match_list(t, p, closers, true);
			if (cl > 1) {
				/* "Tỉnh ủy", "Thành phố": the name ends after it, but
				 * for the proper name that may follow ("Huyện ủy Phú
				 * Giáo") */
				p = end = p + cl;
				run = -1;
				prev_cap = true;
				closed = true;
				continue;
			}
			p++;
			if (!t->caps_mode && p < t->n) {
				/* "Thường vụ", "Nội vụ": a capital and its second syllable */
				char pair[100];
				snprintf(pair, sizeof(pair), "%s %s", k->lower, t->v[p].lower);
				whole = false;
				for (int j = 0; compounds[j]; j++)
					if (tok_word(t, p) && !t->v[p].cap &&
					    strcmp(pair, compounds[j]) == 0) {
						p++;
						whole = true;
						break;
					}
			}
			end = p;
			run = -1;
			prev_cap = true;
			continue;
		}
		if (closed) {
			/* after a closer only a proper name, or a level word after it */
			int lv = match_list(t, p, levels, true);
			if (lv && prev_cap && p > seg + 1) {
				p = end = p + lv;
				prev_cap = false;
				continue;
			}
			break;
		}
		int cl = t->caps_mode ? 0 : match_list(t, p, closers, true);
		if (ow || cl) {
			p = end = p + (ow > cl ? ow : cl);
			run = -1;
			prev_cap = false;
			/* "tỉnh", "huyện ủy": a level word ends the name, after the
			 * proper name that may follow it ("tỉnh Bình Dương") */
			if (cl && cl >= ow)
				closed = true;
			continue;
		}
		if (k->digits && (prev_cap || tok_is(t, p - 1, "so"))) {
			p = end = p + 1;
			continue;
		}
		if (tok_is(t, p, "so") && p + 1 < t->n && t->v[p + 1].digits) {
			p = end = p + 2;
			continue;
		}
		if (t->caps_mode || k->digits ||
		    (tok_is(t, p, "cac") && !tok_is(t, p - 1, "khoi")) || tok_is(t, p, "nhung"))
			break;
		/* a plain lower-case word: pending until a name word follows
		 * ("Ban Tuyên huấn Tỉnh ủy", "Hội Cờ tướng tỉnh") */
		if (run < 0)
			run = p;
		if (p - run >= NAME_MAX_RUN)
			break;
		p++;
	}
	/* a short run of lower-case words that ends the text or meets a stop
	 * ("Hội Cờ tướng chủ trì") belongs to the name; a longer one is the
	 * task ("Ban Tổ chức đánh giá kết quả …"), and so is a short one after
	 * a whole two-syllable word ("Ban Tổ chức thẩm xét, …") unless it
	 * makes a known one ("Hội Cựu chiến binh", "Sở Giao thông vận tải") */
	if (run >= 0 && run == end && p - run <= NAME_TAIL_RUN &&
	    (p >= t->n || t->v[p].punct || stop_at(t, p) || tok_is(t, p, "va")) &&
	    (!whole || (p - run == 1 && compound_at(t, run - 1)) ||
	     (p - run == 2 && compound_at(t, run))))
		end = p;
	/* no trailing links */
	while (end > i + 1 && (tok_is(t, end - 1, "va") || tok_is(t, end - 1, "cac")))
		end--;
	return end;
}

static char *tok_span(const struct toks *t, int a, int b)
{
	if (a >= b)
		return NULL;
	return xmemdup0(t->text + t->v[a].start, t->v[b - 1].end - t->v[a].start);
}

static int skip_openers(const struct toks *t, int p)
{
	for (int guard = 0; guard < 3; guard++) {
		int k = match_list(t, p, openers, false);
		if (!k && tok_punct(t, p, '-'))
			k = 1;
		if (!k)
			break;
		p += k;
	}
	return p;
}

struct lead {
	char *name;
	bool group;
};

/* "Name: task" — a name followed by a colon. */
static bool lead_colon(const struct toks *t, struct lead *out)
{
	int p = skip_openers(t, 0);
	if (match_words(t, p, "doi voi", false))
		p += 2;
	bool g;
	int e = name_at(t, p, true, &g);
	if (e > p && tok_punct(t, e, ':')) {
		out->name = tok_span(t, p, e);
		out->group = g;
		return true;
	}
	return false;
}

/* "X chủ trì", "Chủ trì: X", "chủ trì là X". */
static bool lead_chair(const struct toks *t, struct lead *out)
{
	int seen = 0;
	for (int c = 0; c + 1 < t->n && seen < 3; c++) {
		if (!tok_is(t, c, "chu") || !tok_is(t, c + 1, "tri"))
			continue;
		seen++;
		bool g;
		int q = c + 2;
		if (match_words(t, q, "thuc hien", false))
			q += 2;
		if (tok_punct(t, q, ':') || tok_is(t, q, "la")) {
			q++;
			int e = name_at(t, q, true, &g);
			if (e > q) {
				out->name = tok_span(t, q, e);
				out->group = g;
				return true;
			}
		}
		int s = c - 1;
		while (s >= 0 && c - s < 30 && !tok_punct(t, s, ';') && !tok_punct(t, s, ':') &&
		       !tok_punct(t, s, '.') && !tok_punct(t, s, '(') && !tok_punct(t, s, ')'))
			s--;
		for (int p = s + 1; p < c; p++) {
			int e = name_at(t, p, true, &g);
			if (e == c || (e == c - 1 && tok_punct(t, e, ','))) {
				out->name = tok_span(t, p, e);
				out->group = g;
				return true;
			}
		}
	}
	return false;
}

/* A sentence that opens with a name ("Ban Tổ chức Tỉnh uỷ hướng dẫn…",
 * "Đề nghị các huyện ủy …"). */
static bool lead_subject(const struct toks *t, struct lead *out)
{
	int p = skip_openers(t, 0);
	bool g;
	int e = name_at(t, p, true, &g);
	if (e > p && e < t->n) {
		out->name = tok_span(t, p, e);
		out->group = g;
		return true;
	}
	return false;
}

/* The whole text is a name, perhaps after "Đối với" / "Về phía" and before
 * "chủ trì" or a colon: a heading that names a body. */
static bool lead_heading_name_x(const struct toks *t, struct lead *out, bool strict);

static bool lead_heading_name(const struct toks *t, struct lead *out)
{
	return lead_heading_name_x(t, out, false);
}

/* strict: nothing but the name (and a colon); else "X chủ trì (thực hiện):"
 * too. */
static bool lead_heading_name_x(const struct toks *t, struct lead *out, bool strict)
{
	int p = skip_openers(t, 0);
	if (match_words(t, p, "doi voi", false) || match_words(t, p, "ve phia", false))
		p += 2;
	bool g;
	int e = name_at(t, p, true, &g);
	if (e <= p)
		return false;
	int q = e;
	if (!strict && match_words(t, q, "chu tri", false))
		q += 2;
	if (!strict && match_words(t, q, "thuc hien", false))
		q += 2;
	while (q < t->n && (t->v[q].punct == ':' || t->v[q].punct == '.' || t->v[q].punct == ';'))
		q++;
	if (q != t->n)
		return false;
	out->name = tok_span(t, p, e);
	out->group = g;
	return true;
}

/* "phối hợp (với|cùng) A, B và C" / "Phối hợp: A; B". */
static int find_coordinators(const struct toks *t, char ***out)
{
	*out = NULL;
	int seen = 0;
	for (int c = 0; c + 1 < t->n && seen < 3; c++) {
		if (!tok_is(t, c, "phoi") || !tok_is(t, c + 1, "hop"))
			continue;
		seen++;
		int q = c + 2, n = 0;
		for (int guard = 0; guard < 3; guard++) {
			if (tok_is(t, q, "voi") || tok_is(t, q, "cung") || tok_punct(t, q, ':') ||
			    match_words(t, q, "chat che", false) == 2)
				q += tok_is(t, q, "chat") ? 2 : 1;
			else if (match_words(t, q, "thuc hien", false) && tok_punct(t, q + 2, ':'))
				q += 2;
			else
				break;
		}
		char **list = NULL;
		while (q < t->n && n < 32) {
			bool g;
			int e = name_at(t, q, false, &g);
			if (e <= q)
				break;
			list = xrealloc(list, xmul((size_t)n + 1, sizeof(*list)));
			list[n++] = tok_span(t, q, e);
			q = e;
			if (tok_punct(t, q, ',') || tok_punct(t, q, ';') || tok_is(t, q, "va") ||
			    tok_is(t, q, "cung"))
				q++;
			else
				break;
			if (tok_is(t, q, "va"))
				q++;
		}
		if (n) {
			*out = list;
			return n;
		}
		free(list);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Numbering                                                           */

enum shape {
	SH_NONE = 0,
	SH_ROMAN,
	SH_UPPER,
	SH_DEC,			/* "1." "1-"; SH_DEC + k for k+1 components ("1.2." = SH_DEC + 1) */
	SH_DECPAR = SH_DEC + 6, /* "1)" */
	SH_PAREN,		/* "(1)" "(1)." */
	SH_LOWER,		/* "a)" "a." "(a)" */
	SH_DASH,
	SH_PLUS,
	SH_DOT,
	SH_CIRCLE,
	SH_STAR,
	SH_CAPS, /* unnumbered heading in capitals */
	SH_PARA, /* unnumbered paragraph under a heading */
	SH_ROW,	 /* a row of a task table */
	SH_WORD	 /* SH_WORD + i: the word markers of word_markers[i] */
};

struct marker {
	int shape;
	int value;  /* number, letter (a = 1), roman value */
	int letter; /* an upper-case letter that also reads as a roman numeral: its letter value */
	int ndec;
	int dec[6];
	char label[24];
	size_t skip; /* bytes before the entry's text */
};

static int roman_digit(char c)
{
	switch (c) {
	case 'I':
		return 1;
	case 'V':
		return 5;
	case 'X':
		return 10;
	case 'L':
		return 50;
	case 'C':
		return 100;
	case 'D':
		return 500;
	case 'M':
		return 1000;
	default:
		return 0;
	}
}

/* The value of a canonical roman numeral up to 89, else 0. */
static int roman_value(const char *s, size_t n)
{
	static const char *const units[] = {"",	 "I",  "II",  "III",  "IV",
					    "V", "VI", "VII", "VIII", "IX"};
	static const char *const tens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX"};
	int total = 0, prev = 0;
	if (n == 0 || n > 8)
		return 0;
	for (size_t i = n; i-- > 0;) {
		int v = roman_digit(s[i]);
		if (!v)
			return 0;
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	if (total <= 0 || total > 89)
		return 0;
	char canon[16];
	snprintf(canon, sizeof(canon), "%s%s", tens[total / 10], units[total % 10]);
	return strlen(canon) == n && memcmp(canon, s, n) == 0 ? total : 0;
}

/* After a label at s[p]: an optional separator from seps and what may
 * follow. Returns the index of the text, or 0 when it is not a marker. */
static size_t after_sep(const char *s, size_t n, size_t p, const char *seps, bool need_sep,
			bool tight)
{
	size_t q = p, k;
	/* "II - NỘI DUNG": spaces before a dash */
	while (q < n && is_space_byte(s[q]))
		q++;
	int32_t cp = q < n ? cp_at(s, n, q, &k) : -2;
	bool sep = false;
	if (cp >= 0 &&
	    ((cp < 128 && strchr(seps, (int)cp)) || (is_dash(cp) && strchr(seps, '-')))) {
		if (q > p && !is_dash(cp))
			return 0; /* only a dash may stand apart */
		sep = true;
		q += k;
	} else {
		q = p;
	}
	if (need_sep && !sep)
		return 0;
	if (q >= n)
		return q;
	int32_t nx = cp_at(s, n, q, &k);
	if (nx == ' ' || nx == '\t')
		return q;
	if (!sep)
		return 0;
	/* "1.Mục đích", "a)Tăng": a letter right after, for tight separators */
	if (tight && (cp_letter(nx) || nx == '(' || nx == '"' || nx == 0x201C) && cp != ':' &&
	    cp != '/')
		return q;
	return 0;
}

static const struct {
	const char *words; /* folded */
	int kind; /* 0: followed by a number or "thứ" + ordinal; 1: ordinal alone ("Thứ nhất"); 2:
		     "Một là" */
} word_markers[] = {
	{"buoc", 0},	 {"giai doan", 0}, {"phan", 0},	     {"chuong", 0},   {"dot", 0},
	{"nhiem vu", 0}, {"noi dung", 0},  {"giai phap", 0}, {"muc tieu", 0}, {"chi tieu", 0},
	{"nhom", 0},	 {"muc", 0},	   {"dieu", 0},	     {"thu", 1},      {"la", 2},
};

static const char *const ordinals[] = {"nhat", "hai", "ba",   "tu",   "nam", "sau",
				       "bay",  "tam", "chin", "muoi", NULL};
static const char *const cardinals[] = {"mot", "hai", "ba",   "bon",  "nam", "sau",
					"bay", "tam", "chin", "muoi", NULL};

static int ordinal_value(const struct toks *t, int i, const char *const *list, int *used)
{
	*used = 0;
	if (!tok_word(t, i))
		return 0;
	for (int v = 0; list[v]; v++)
		if (strcmp(t->v[i].fold, list[v]) == 0) {
			*used = 1;
			if (v == 9 && tok_word(t, i + 1)) { /* "mười một" … "mười chín" */
				int u;
				int w = ordinal_value(t, i + 1, cardinals, &u);
				if (!w && tok_is(t, i + 1, "lam"))
					w = 5;
				if (w && w < 10) {
					*used = 2;
					return 10 + w;
				}
			}
			return v + 1;
		}
	if (list == ordinals && tok_is(t, i, "bon"))
		return *used = 1, 4;
	return 0;
}

/* "BƯỚC 1:", "Nội dung thứ nhất", "Thứ hai,", "Một là,", "Phần II." */
static bool word_marker(const char *s, size_t n, struct marker *m)
{
	struct toks t;
	bool ok = false;
	tokenize(s, n < 120 ? n : 120, 10, &t);
	for (size_t w = 0; w < KH_ARRAY_LEN(word_markers) && !ok; w++) {
		int k = 0, v = 0, used = 0;
		if (word_markers[w].kind == 2) {
			v = ordinal_value(&t, 0, cardinals, &used);
			if (!v || !tok_is(&t, used, "la"))
				continue;
			k = used + 1;
		} else {
			k = match_words(&t, 0, word_markers[w].words, false);
			if (!k || !t.v[0].cap)
				continue;
			if (word_markers[w].kind == 1) {
				v = ordinal_value(&t, k, ordinals, &used);
				k += used;
			} else if (tok_is(&t, k, "thu")) {
				v = ordinal_value(&t, k + 1, ordinals, &used);
				k += 1 + used;
			} else if (k < t.n && t.v[k].digits && strlen(t.v[k].fold) <= 2) {
				v = (int)strtol(t.v[k].fold, NULL, 10);
				k++;
			} else if (k < t.n && !t.v[k].punct) {
				v = roman_value(s + t.v[k].start, t.v[k].end - t.v[k].start);
				k++;
			}
			if (!v || (word_markers[w].kind == 1 && !used))
				continue;
		}
		/* what follows: the end, or a separator */
		size_t at;
		if (k >= t.n) {
			at = n;
		} else if (t.v[k].punct == ':' || t.v[k].punct == '.' || t.v[k].punct == ',' ||
			   t.v[k].punct == '-' || t.v[k].punct == ')') {
			at = t.v[k].end;
		} else {
			continue;
		}
		while (at < n && is_space_byte(s[at]))
			at++;
		m->shape = SH_WORD + (int)w;
		m->value = v;
		snprintf(m->label, sizeof(m->label), "%d", v);
		m->skip = at;
		ok = true;
	}
	toks_release(&t);
	return ok;
}

static int bullet_shape(int32_t cp)
{
	if (is_dash(cp))
		return SH_DASH;
	switch (cp) {
	case '+':
		return SH_PLUS;
	case 0x2022:
	case 0x25CF:
	case 0xB7:
	case 0x25AA:
	case 0x25A0:
	case 0xF0B7:
	case 0xF0A7:
	case 0xF0D8:
	case 0xF076:
	case 0x27A2:
	case 0x25BA:
	case 0x2756:
	case 0x2713:
	case 0x221A:
	case 0x2192:
		return SH_DOT;
	case 0x25CB:
	case 0x25E6:
	case 0x25A1:
		return SH_CIRCLE;
	default:
		return 0;
	}
}

/* Reads the numbering at the start of a trimmed line. */
static bool parse_marker(const char *s, size_t n, struct marker *m)
{
	size_t k, q, p = 0;
	memset(m, 0, sizeof(*m));
	if (!n)
		return false;
	int32_t c0 = cp_at(s, n, 0, &k);
	int b = bullet_shape(c0);
	if (b || c0 == '*') {
		size_t k2;
		int32_t c1 = k < n ? cp_at(s, n, k, &k2) : -2;
		if (is_dash(c0) && is_dash(c1))
			return false; /* "-----" */
		if (c0 == '*' && c1 != ' ' && c1 != '\t')
			return false; /* "*italics*" */
		if (c1 >= '0' && c1 <= '9' && b == SH_DASH)
			return false; /* "-5%" */
		q = k;
		while (q < n && is_space_byte(s[q]))
			q++;
		m->shape = b ? b : SH_STAR;
		m->skip = q;
		return true;
	}
	if (c0 == '(') {
		p = 1;
		while (p < n && p < 4 && s[p] >= '0' && s[p] <= '9')
			p++;
		if (p > 1 && p < n && s[p] == ')') {
			m->shape = SH_PAREN;
			m->value = (int)strtol(s + 1, NULL, 10);
			snprintf(m->label, sizeof(m->label), "%d", m->value);
		} else {
			int32_t l = cp_at(s, n, 1, &k);
			if (!((l >= 'a' && l <= 'z') || l == 0x111) || 1 + k >= n ||
			    s[1 + k] != ')')
				return false;
			p = 1 + k;
			m->shape = SH_LOWER;
			m->value = l == 0x111 ? 5 : l - 'a' + 1 + (l > 'd');
			memcpy(m->label, s + 1, k);
			m->label[k] = 0;
		}
		q = after_sep(s, n, p + 1, ".:", false, true);
		if (!q)
			return false;
		while (q < n && is_space_byte(s[q]))
			q++;
		m->skip = q;
		return m->value > 0;
	}
	if (c0 >= '0' && c0 <= '9') {
		while (m->ndec < 6) {
			size_t st = p;
			while (p < n && s[p] >= '0' && s[p] <= '9' && p - st < 4)
				p++;
			size_t len = p - st;
			if (!len || (p < n && s[p] >= '0' && s[p] <= '9'))
				return false;
			if (len > (m->ndec ? 2u : 3u))
				return false;
			m->dec[m->ndec++] = (int)strtol(s + st, NULL, 10);
			if (p + 1 < n && s[p] == '.' && s[p + 1] >= '0' && s[p + 1] <= '9')
				p++;
			else
				break;
		}
		if (m->dec[0] == 0 && m->ndec == 1)
			return false;
		if (m->ndec == 1) {
			q = after_sep(s, n, p, ".-):", true, true);
			if (!q)
				return false;
			m->shape = s[q - 1] == ')' ? SH_DECPAR : SH_DEC;
		} else {
			q = after_sep(s, n, p, ".-):", false, true);
			if (!q)
				return false;
			if (q == p) { /* "1.1 Về…": no separator, a capital must follow */
				size_t r = q;
				while (r < n && is_space_byte(s[r]))
					r++;
				if (r >= n || !cp_upper(cp_at(s, n, r, &k)))
					return false;
			}
			m->shape = SH_DEC + (m->ndec - 1 < 5 ? m->ndec - 1 : 5);
		}
		m->value = m->dec[m->ndec - 1];
		struct buf lb;
		buf_init(&lb, sizeof(m->label) - 1);
		for (int i = 0; i < m->ndec; i++)
			buf_printf(&lb, i ? ".%d" : "%d", m->dec[i]);
		snprintf(m->label, sizeof(m->label), "%s", lb.data);
		buf_release(&lb);
		while (q < n && is_space_byte(s[q]))
			q++;
		m->skip = q;
		return true;
	}
	/* "I.1.", "A.2.1.": a roman numeral or a letter before decimal levels
	 * (Word's "%1.%2." under a roman first level) reads as the decimals */
	p = 0;
	while (p < n && p < 9 && ((s[p] >= 'A' && s[p] <= 'Z')))
		p++;
	if (p > 0 && p + 1 < n && s[p] == '.' && s[p + 1] >= '1' && s[p + 1] <= '9' &&
	    (p == 1 || roman_value(s, p)) && parse_marker(s + p + 1, n - p - 1, m) &&
	    m->shape >= SH_DEC && m->shape < SH_DECPAR) {
		m->skip += p + 1;
		return true;
	}
	memset(m, 0, sizeof(*m));
	/* roman numerals and letters */
	p = 0;
	while (p < n && p < 9 && roman_digit(s[p]))
		p++;
	if (p > 0) {
		int rv = roman_value(s, p);
		if (rv && (q = after_sep(s, n, p, ".-):", true, true))) {
			m->shape = SH_ROMAN;
			m->value = rv;
			if (p == 1 && strchr("CDLM", s[0])) {
				m->shape = SH_UPPER;
				m->value = s[0] - 'A' + 1;
			}
			if (p == 1)
				m->letter = s[0] - 'A' + 1;
			memcpy(m->label, s, p);
			m->label[p] = 0;
			while (q < n && is_space_byte(s[q]))
				q++;
			m->skip = q;
			return true;
		}
	}
	if ((c0 >= 'A' && c0 <= 'Z') || c0 == 0x110) {
		if (!(q = after_sep(s, n, k, ".-):", true, true)))
			return word_marker(s, n, m);
		m->shape = SH_UPPER;
		m->value = c0 == 0x110 ? 4 : c0 - 'A' + 1 + (c0 > 'D');
		memcpy(m->label, s, k);
		m->label[k] = 0;
		while (q < n && is_space_byte(s[q]))
			q++;
		m->skip = q;
		return true;
	}
	if ((c0 >= 'a' && c0 <= 'z') || c0 == 0x111) {
		if (!(q = after_sep(s, n, k, ")./-", true, false)))
			return false;
		if (s[q - 1] == '/' && (q >= n || !is_space_byte(s[q])))
			return false;
		m->shape = SH_LOWER;
		m->value = c0 == 0x111 ? 5 : c0 - 'a' + 1 + (c0 > 'd');
		memcpy(m->label, s, k);
		m->label[k] = 0;
		while (q < n && is_space_byte(s[q]))
			q++;
		m->skip = q;
		return true;
	}
	return word_marker(s, n, m);
}

/* ------------------------------------------------------------------ */
/* Lines                                                               */

struct line {
	char *raw;  /* the line with its tabs, no-break spaces as spaces */
	char *text; /* trimmed, inner white space collapsed */
	size_t len;
	int lineno;
};

struct lines {
	struct line *v;
	int n;
};

static void lines_release(struct lines *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].raw);
		free(l->v[i].text);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Collapses white space (space, tab, no-break space) and trims. */
static char *collapse(const char *s, size_t n, size_t *out_len)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	bool sp = false;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t w = 1;
		bool white = c == ' ' || c == '\t';
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
			white = true, w = 2;
		/* zero-width space and joiners, byte-order marks: nothing */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] >= 0x8B && (unsigned char)s[i + 2] <= 0x8D)) {
			i += 3;
			continue;
		}
		if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
		    (unsigned char)s[i + 2] == 0xBF) {
			i += 3;
			continue;
		}
		if (white) {
			sp = o > 0;
		} else {
			if (sp)
				out[o++] = ' ';
			sp = false;
			memcpy(out + o, s + i, w);
			o += w;
		}
		i += w;
	}
	out[o] = 0;
	*out_len = o;
	return out;
}

static void split_lines(const char *s, size_t n, struct lines *out)
{
	int count = 1;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '\n';
	out->v = xcalloc((size_t)count, sizeof(*out->v));
	out->n = 0;
	size_t st = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n')
			continue;
		struct line *l = &out->v[out->n];
		l->lineno = out->n + 1;
		/* raw: no-break spaces as spaces, so the columns split the same */
		l->raw = xmalloc(i - st + 1);
		size_t o = 0;
		for (size_t j = st; j < i; j++) {
			if ((unsigned char)s[j] == 0xC2 && j + 1 < i &&
			    (unsigned char)s[j + 1] == 0xA0) {
				l->raw[o++] = ' ';
				j++;
			} else {
				l->raw[o++] = s[j];
			}
		}
		l->raw[o] = 0;
		l->text = collapse(s + st, i - st, &l->len);
		out->n++;
		st = i + 1;
	}
}

/* ------------------------------------------------------------------ */
/* Small text tests                                                    */

/* The folded form of the first bytes of s (up to cap-1 bytes), words
 * separated by single spaces. */
static void fold_prefix(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s), len = 0, k;
	bool sp = false;
	out[0] = 0;
	for (size_t i = 0; i < n && len + 8 < cap; i += k) {
		int32_t cp = cp_at(s, n, i, &k);
		if (cp_letter(cp) || (cp >= '0' && cp <= '9') || cp == '/') {
			if (sp && len)
				put_cp(out, cap, &len, ' ');
			sp = false;
			fold_cp(cp, out, cap, &len);
		} else {
			sp = true;
		}
	}
}

static bool starts_with_fold(const char *s, const char *prefix)
{
	char f[96];
	fold_prefix(s, f, sizeof(f));
	size_t n = strlen(prefix);
	return strncmp(f, prefix, n) == 0 && (f[n] == 0 || f[n] == ' ');
}

/* Letters written in capitals only (at least three letters). */
static bool all_caps(const char *s)
{
	size_t n = strlen(s), k;
	int letters = 0;
	for (size_t i = 0; i < n; i += k) {
		int32_t cp = cp_at(s, n, i, &k);
		if (cp_lower(cp))
			return false;
		if (cp_letter(cp))
			letters++;
	}
	return letters >= 3;
}

static bool starts_lower(const char *s)
{
	size_t k;
	return cp_lower(cp_at(s, strlen(s), 0, &k));
}

static bool is_separator_line(const char *s)
{
	size_t n = strlen(s), k;
	if (!n)
		return false;
	for (size_t i = 0; i < n; i += k) {
		int32_t cp = cp_at(s, n, i, &k);
		if (!(is_dash(cp) || cp == '*' || cp == '_' || cp == ' ' || cp == '=' ||
		      cp == '~' || cp == '.'))
			return false;
	}
	return true;
}

static size_t char_count(const char *s)
{
	return utf8_char_count(s);
}

static char last_char(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '*'))
		n--;
	return n ? s[n - 1] : 0;
}

/* ------------------------------------------------------------------ */
/* The header                                                          */

static const char *const kinds[] = {"ke hoach hanh dong",
				    "ke hoach lien tich",
				    "ke hoach",
				    "chuong trinh hanh dong",
				    "chuong trinh cong tac",
				    "chuong trinh",
				    "huong dan",
				    "nghi quyet",
				    "chi thi",
				    "ket luan",
				    "quyet dinh",
				    "quy dinh",
				    "quy che",
				    "bao cao",
				    "thong bao",
				    "de an",
				    "de cuong",
				    "to trinh",
				    "cong van",
				    "thong tri",
				    "phuong an",
				    NULL};

/* The byte length of the document type at the start of a line, or 0. */
static size_t kind_prefix(const char *s)
{
	struct toks t;
	size_t n = strlen(s), res = 0;
	tokenize(s, n < 200 ? n : 200, 8, &t);
	int k = match_list(&t, 0, kinds, false);
	if (k && (k == t.n || t.caps_mode || (k == t.n - 1 && t.v[k].punct)))
		res = t.v[k - 1].end;
	/* a capitals line must be capitals through the kind */
	if (res && !all_caps(s) && k < t.n)
		res = 0;
	toks_release(&t);
	return res;
}

static bool is_motto(const char *s)
{
	return starts_with_fold(s, "dang cong san viet nam") ||
	       starts_with_fold(s, "cong hoa xa hoi chu nghia viet nam") ||
	       starts_with_fold(s, "doc lap tu do hanh phuc");
}

/* "…, ngày 12 tháng 4 năm 2018" / "ngày 12/4/2018": the date. */
static bool parse_place_date(const char *s, int32_t *date)
{
	struct toks t;
	bool ok = false;
	*date = 0;
	tokenize(s, strlen(s), 64, &t);
	for (int i = 0; i + 1 < t.n && !ok && i < 10; i++) {
		/* a document cited with its date ("Chỉ thị số 05-CT/TW ngày …") is not one */
		if (tok_is(&t, i, "so") || tok_is(&t, i, "can") || strchr(t.v[i].fold, '/'))
			break;
		if (!tok_is(&t, i, "ngay"))
			continue;
		int d = 0, m = 0, y = 0;
		const struct tok *a = &t.v[i + 1];
		if (a->digits && i + 5 < t.n && tok_is(&t, i + 2, "thang") && t.v[i + 3].digits &&
		    tok_is(&t, i + 4, "nam") && t.v[i + 5].digits) {
			d = (int)strtol(a->fold, NULL, 10);
			m = (int)strtol(t.v[i + 3].fold, NULL, 10);
			y = (int)strtol(t.v[i + 5].fold, NULL, 10);
		} else if (!a->punct) {
			char *end;
			d = (int)strtol(a->fold, &end, 10);
			if (*end == '/' || *end == '-' || *end == '.')
				m = (int)strtol(end + 1, &end, 10);
			if (*end == '/' || *end == '-' || *end == '.')
				y = (int)strtol(end + 1, &end, 10);
			if (*end)
				y = 0;
		}
		if (y >= 1900 && y <= 2200 && date_valid_ymd(y, m, d)) {
			*date = date_from_ymd(y, m, d);
			ok = true;
		}
	}
	toks_release(&t);
	return ok;
}

struct header {
	struct buf issuer, subject, addressees;
	char *kind;
	char *number;
	char *place_date;
	int32_t date;
};

static void add_joined(struct buf *b, const char *s, const char *sep)
{
	if (b->len)
		buf_puts(b, sep);
	buf_puts(b, s);
}

/* Splits a raw header line into its columns (tabs, runs of 3+ spaces). */
static int split_columns(const char *raw, char cols[][512], int max)
{
	int n = 0;
	size_t len = strlen(raw), i = 0;
	if (len > 1500)
		return 0;
	while (i < len && n < max) {
		while (i < len && is_space_byte(raw[i]))
			i++;
		size_t st = i;
		while (i < len) {
			if (raw[i] == '\t')
				break;
			if (raw[i] == ' ' && i + 2 < len && raw[i + 1] == ' ' && raw[i + 2] == ' ')
				break;
			i++;
		}
		if (i > st) {
			size_t cl;
			char *c = collapse(raw + st, i - st, &cl);
			if (cl >= 512) {
				free(c);
				return 0;
			}
			if (cl) {
				memcpy(cols[n], c, cl + 1);
				n++;
			}
			free(c);
		}
	}
	return n;
}

static bool is_signal_opener(const char *s)
{
	return starts_with_fold(s, "can cu") || starts_with_fold(s, "thuc hien") ||
	       starts_with_fold(s, "kinh gui") || starts_with_fold(s, "thi hanh") ||
	       starts_with_fold(s, "nham") || starts_with_fold(s, "de ") ||
	       starts_with_fold(s, "qua ") || starts_with_fold(s, "tren co so");
}

/* Whether a line can continue the subject (after the first one). */
static bool subject_line_ok(const struct line *l, bool after_blank, bool first)
{
	struct marker m;
	if (!l->len || char_count(l->text) > 200)
		return false;
	if (parse_marker(l->text, l->len, &m))
		return false;
	char lc = last_char(l->text);
	if (lc == ':' || lc == ';')
		return false;
	if (first)
		return !starts_with_fold(l->text, "kinh gui") &&
		       !starts_with_fold(l->text, "can cu");
	if (is_signal_opener(l->text) || is_separator_line(l->text))
		return false;
	if (after_blank)
		return starts_lower(l->text);
	return starts_lower(l->text) || all_caps(l->text) || l->text[0] == '(';
}

/*
 * Reads the header from the first lines; returns the index of the first
 * line of the body. Lines are header lines when something confirms them —
 * a number, a place and date, the motto, a separator, the document type, a
 * subject, "Kính gửi"; capitals lines before such a line are the issuer;
 * the first line that is none of these starts the body.
 */
static int read_header(const struct lines *ls, struct header *h)
{
	int end = 0;
	bool seen_kind = false, subject_open = false, in_addressees = false;
	int n_subject = 0;
	struct buf cand;
	buf_init(&cand, 4096);
	bool blank = false;
	for (int i = 0; i < ls->n && i < 80; i++) {
		const struct line *l = &ls->v[i];
		if (!l->len) {
			blank = true;
			continue;
		}
		if (subject_open) {
			if (subject_line_ok(l, blank, n_subject == 0) && n_subject < 5) {
				add_joined(&h->subject, l->text, " ");
				n_subject++;
				end = i + 1;
				blank = false;
				continue;
			}
			subject_open = false;
		}
		if (in_addressees) {
			struct marker m;
			if (parse_marker(l->text, l->len, &m) && m.shape >= SH_DASH &&
			    m.shape <= SH_STAR && char_count(l->text) < 150) {
				add_joined(&h->addressees, l->text + m.skip, "; ");
				end = i + 1;
				blank = false;
				continue;
			}
			in_addressees = false;
		}
		blank = false;
		char cols[4][512];
		int nc = split_columns(l->raw, cols, 4);
		bool header = nc > 0, confirmed = false;
		for (int c = 0; c < nc && header; c++) {
			const char *s = cols[c];
			int32_t d;
			size_t kp;
			struct docnum dn;
			struct kh_error e;
			if (is_motto(s) || is_separator_line(s)) {
				confirmed = true;
			} else if (starts_with_fold(s, "so") && !h->number &&
				   docnum_parse(s, &dn, &e) == 0) {
				char canon[DOCNUM_TEXT_MAX];
				docnum_format(&dn, canon, sizeof(canon));
				h->number = xstrdup(canon);
				confirmed = true;
			} else if (!h->place_date && char_count(s) < 120 &&
				   parse_place_date(s, &d)) {
				size_t len;
				char *pd = collapse(s, strlen(s), &len);
				/* without italics markers or parentheses around it */
				size_t a = 0;
				while (pd[a] == '*' || pd[a] == '_' || pd[a] == '(')
					a++;
				while (len > a && (pd[len - 1] == '*' || pd[len - 1] == '_' ||
						   pd[len - 1] == ')' || pd[len - 1] == ' '))
					len--;
				h->place_date = xmemdup0(pd + a, len - a);
				free(pd);
				h->date = d;
				confirmed = true;
			} else if (!seen_kind && (kp = kind_prefix(s)) > 0) {
				h->kind = xmemdup0(s, kp);
				seen_kind = subject_open = confirmed = true;
				const char *rest = s + kp;
				while (*rest == ' ' || *rest == ':')
					rest++;
				if (*rest) {
					add_joined(&h->subject, rest, " ");
					n_subject++;
				}
			} else if (!seen_kind && !h->subject.len &&
				   (starts_with_fold(s, "v/v") || starts_with_fold(s, "ve viec") ||
				    (starts_with_fold(s, "ve") && (h->number || cand.len))) &&
				   char_count(s) < 250 && last_char(s) != ':' &&
				   last_char(s) != ';') {
				add_joined(&h->subject, s, " ");
				n_subject = 1;
				seen_kind = subject_open = confirmed = true;
			} else if (starts_with_fold(s, "kinh gui")) {
				const char *r = s;
				/* the words after "Kính gửi" and its colon */
				int words = 0;
				while (*r && words < 2) {
					while (*r && *r != ' ' && *r != ':')
						r++;
					words++;
					while (*r == ' ')
						r++;
				}
				while (*r == ':' || *r == ' ')
					r++;
				if (*r) {
					struct marker m;
					if (parse_marker(r, strlen(r), &m) && m.shape >= SH_DASH)
						r += m.skip;
					add_joined(&h->addressees, r, "; ");
				}
				in_addressees = confirmed = true;
			} else if (!seen_kind && all_caps(s) && char_count(s) < 120 &&
				   !parse_marker(s, strlen(s), &(struct marker){0})) {
				add_joined(&cand, s, " – ");
			} else {
				header = false;
			}
		}
		if (!header)
			break;
		if (confirmed) {
			end = i + 1;
			if (cand.len) {
				add_joined(&h->issuer, cand.data, " – ");
				buf_clear(&cand);
			}
		}
	}
	buf_release(&cand);
	return end;
}

/* ------------------------------------------------------------------ */
/* The body                                                            */

struct node {
	int parent; /* -1: top level */
	int shape;
	int value;
	int letter;
	int ndec;
	int dec[6];
	char label[24]; /* as parsed; "" for positional shapes */
	struct buf text;
	struct buf intro; /* a section's own paragraphs */
	struct buf more;  /* paragraphs that continue the entry */
	int line;
	bool heading_like;
	bool caps;
	bool is_intro; /* a paragraph moved into its parent's intro */
	bool continued;
	int children;
	char *path;
	char *lead;
	bool group;
	bool own_lead;
	char **coord;
	int n_coord;
	char *dl_text;
	struct deadline dl;
	/* a row of a task table: the cells of its lead, coordinator and
	 * deadline columns as written (NULL = no such column) */
	bool row;
	char *row_lead, *row_coord, *row_deadline;
};

struct tree {
	struct node *v;
	int n, cap;
	int stack[64];
	int depth;
};

static void tree_release(struct tree *t)
{
	for (int i = 0; i < t->n; i++) {
		struct node *n = &t->v[i];
		buf_release(&n->text);
		buf_release(&n->intro);
		buf_release(&n->more);
		free(n->path);
		free(n->lead);
		for (int j = 0; j < n->n_coord; j++)
			free(n->coord[j]);
		free(n->coord);
		free(n->dl_text);
		free(n->row_lead);
		free(n->row_coord);
		free(n->row_deadline);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static struct node *tree_add(struct tree *t, int parent, int shape, int line)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, xmul((size_t)t->cap, sizeof(*t->v)));
	}
	struct node *n = &t->v[t->n++];
	memset(n, 0, sizeof(*n));
	n->parent = parent;
	n->shape = shape;
	n->line = line;
	buf_init(&n->text, IMPORT_MAX_BYTES * 2);
	buf_init(&n->intro, IMPORT_MAX_BYTES * 2);
	buf_init(&n->more, IMPORT_MAX_BYTES * 2);
	return n;
}

static bool text_is_name(const char *s)
{
	struct toks t;
	struct lead l = {0};
	tokenize(s, strlen(s), 40, &t);
	bool ok = t.n < 40 && lead_heading_name_x(&t, &l, true);
	free(l.name);
	toks_release(&t);
	return ok;
}

static void set_heading_like(struct node *n)
{
	const char *s = n->text.data;
	n->caps = all_caps(s);
	n->heading_like = n->shape == SH_ROMAN || n->shape == SH_UPPER || n->shape == SH_CAPS ||
			  n->shape >= SH_WORD || n->caps || (n->text.len && last_char(s) == ':') ||
			  (n->text.len && text_is_name(s));
}

static const char *const attribute_labels[] = {"thoi gian",
					       "thoi han",
					       "tien do",
					       "chu tri",
					       "co quan chu tri",
					       "don vi chu tri",
					       "phoi hop",
					       "co quan phoi hop",
					       "don vi phoi hop",
					       "kinh phi",
					       "nguon luc",
					       "san pham",
					       "ket qua",
					       "hoan thanh",
					       "ghi chu",
					       "thoi gian hoan thanh",
					       "thoi gian thuc hien",
					       "trach nhiem",
					       NULL};

/* A paragraph that only states a time, a lead or a cost. */
static bool is_attribute(const char *s)
{
	if (s[0] == '(' || s[0] == '*' || s[0] == '_')
		return true;
	for (int i = 0; attribute_labels[i]; i++)
		if (starts_with_fold(s, attribute_labels[i])) {
			const char *c = strchr(s, ':');
			return c && c - s < 60;
		}
	return false;
}

/* Where the stack holds a node of this shape, or -1. */
static int stack_find(const struct tree *t, int shape)
{
	for (int d = t->depth - 1; d >= 0; d--)
		if (t->v[t->stack[d]].shape == shape)
			return d;
	return -1;
}

/* An upper-case I, V, X (or C, D, L, M) is a letter when the open letter
 * level just had the letter before it, a roman numeral otherwise. */
static void resolve_roman_letter(const struct tree *t, struct marker *m)
{
	if (!m->letter)
		return;
	int du = stack_find(t, SH_UPPER), dr = stack_find(t, SH_ROMAN);
	bool letter_next = du >= 0 && t->v[t->stack[du]].value + 1 == m->letter;
	bool roman_next =
		dr >= 0 && t->v[t->stack[dr]].value + 1 == roman_value(m->label, strlen(m->label));
	if (letter_next && !roman_next) {
		m->shape = SH_UPPER;
		m->value = m->letter;
	} else if (roman_next && !letter_next) {
		m->shape = SH_ROMAN;
		m->value = roman_value(m->label, strlen(m->label));
	}
}

/* Places a numbered entry: a sibling of the open entry of its shape, or a
 * child of the innermost open entry. */
static bool is_bullet(int shape)
{
	return shape >= SH_DASH && shape <= SH_STAR;
}

static struct node *place_entry(struct tree *t, const struct marker *m, const char *text, int line)
{
	int parent;
	if (m->shape == SH_CAPS) {
		int d = stack_find(t, SH_CAPS);
		if (d < 0) {
			d = 0;
			for (int j = t->depth - 1; j >= 0; j--) {
				const struct node *o = &t->v[t->stack[j]];
				if (o->caps && o->shape != SH_CAPS && o->shape != SH_PARA) {
					d = j + 1;
					break;
				}
			}
		}
		t->depth = d;
	} else {
		int d = stack_find(t, m->shape);
		if (d >= 0) {
			t->depth = d;
		} else {
			/* "1.2." goes under the open "1." */
			for (int j = t->depth - 1; j >= 0 && m->ndec > 1; j--) {
				const struct node *o = &t->v[t->stack[j]];
				if (o->ndec == m->ndec - 1 && o->shape >= SH_DEC &&
				    o->shape < SH_DECPAR &&
				    memcmp(o->dec, m->dec, sizeof(int) * (size_t)o->ndec) == 0) {
					t->depth = j + 1;
					break;
				}
			}
			/* bullets are the lowest levels: a number does not go under one */
			if (!is_bullet(m->shape))
				while (t->depth > 0 &&
				       is_bullet(t->v[t->stack[t->depth - 1]].shape))
					t->depth--;
		}
	}
	if (t->depth >= (int)KH_ARRAY_LEN(t->stack))
		t->depth = (int)KH_ARRAY_LEN(t->stack) - 1;
	parent = t->depth ? t->stack[t->depth - 1] : -1;
	struct node *n = tree_add(t, parent, m->shape, line);
	n->value = m->value;
	n->letter = m->letter;
	n->ndec = m->ndec;
	memcpy(n->dec, m->dec, sizeof(n->dec));
	snprintf(n->label, sizeof(n->label), "%s", m->label);
	buf_puts(&n->text, text);
	set_heading_like(n);
	t->stack[t->depth++] = t->n - 1;
	return n;
}

static bool is_signature(const char *s)
{
	static const char *const marks[] = {"T/M", "TM.", "TM ", "K/T", "KT.", "KT ",
					    "T/L", "TL.", "TL ", "TUQ", "Q. ", NULL};
	for (int i = 0; marks[i]; i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0 && all_caps(s))
			return true;
	static const char *const titles[] = {
		"bi thu",	   "pho bi thu",	  "truong ban", "pho truong ban",
		"chanh van phong", "pho chanh van phong", "chu tich",	"pho chu tich",
		"chu nhiem",	   "pho chu nhiem",	  NULL};
	char f[64];
	fold_prefix(s, f, sizeof(f));
	for (int i = 0; titles[i]; i++)
		if (strcmp(f, titles[i]) == 0 && all_caps(s))
			return true;
	return false;
}

static bool is_hard_end(const char *s)
{
	if (starts_with_fold(s, "noi nhan"))
		return true;
	if (starts_with_fold(s, "tran trong") && char_count(s) < 30)
		return true;
	return is_signature(s);
}

/* Where the body ends: the end matter's first line (or ls->n). */
static int find_end(const struct lines *ls, int from)
{
	int hard = ls->n;
	for (int i = from; i < ls->n; i++)
		if (ls->v[i].len && is_hard_end(ls->v[i].text)) {
			hard = i;
			break;
		}
	for (int i = from; i < hard; i++) {
		if (!starts_with_fold(ls->v[i].text, "tren day"))
			continue;
		bool heading_after = false;
		for (int j = i + 1; j < hard && !heading_after; j++) {
			struct marker m;
			if (parse_marker(ls->v[j].text, ls->v[j].len, &m) &&
			    (m.shape == SH_ROMAN || m.shape == SH_UPPER || m.shape == SH_DEC))
				heading_after = true;
		}
		if (!heading_after)
			return i;
	}
	return hard;
}

static void append_text(struct buf *b, const char *s)
{
	if (b->len && *s)
		buf_putc(b, ' ');
	buf_puts(b, s);
}

/* How a paragraph after the last entry of a list reads (see read_body). */
enum closing { CLOSE_NO, CLOSE_ITEM, CLOSE_END };

static int indent_of(const char *raw)
{
	int n = 0;
	for (; *raw == ' ' || *raw == '\t'; raw++)
		n += *raw == '\t' ? 4 : 1;
	return n;
}

/* A paragraph of the end matter inside the body. */
static bool is_end_phrase(const char *s)
{
	return starts_with_fold(s, "tren day") || starts_with_fold(s, "neu co vuong mac") ||
	       starts_with_fold(s, "trong qua trinh thuc hien neu") ||
	       starts_with_fold(s, "trong qua trinh trien khai neu") ||
	       starts_with_fold(s, "qua trinh thuc hien neu");
}

/* Whether s names or assigns a body the way a task does. */
static bool names_body(const char *s, size_t n, bool *group, bool *opener)
{
	struct toks t;
	struct lead l = {0};
	tokenize(s, n < 400 ? n : 400, 64, &t);
	*opener = skip_openers(&t, 0) > 0;
	bool ok = lead_colon(&t, &l) || lead_chair(&t, &l) || lead_subject(&t, &l);
	*group = ok && l.group;
	free(l.name);
	toks_release(&t);
	return ok;
}

/* A paragraph s after the entry entry (its text) that starts a sentence of
 * its own: the end matter ("Trên đây là", "Nếu có vướng mắc", "Trong quá
 * trình thực hiện, nếu…"), or a task of the section ("Các huyện ủy …",
 * "Đề nghị các …", or a sentence naming a body after an entry that names
 * its own). */
static enum closing closing_para(const char *s, size_t n, const char *entry)
{
	if (starts_lower(s))
		return CLOSE_NO;
	if (is_end_phrase(s))
		return CLOSE_END;
	bool group, opener, g2, o2;
	if (!names_body(s, n, &group, &opener))
		return CLOSE_NO;
	if (group || opener)
		return CLOSE_ITEM;
	return names_body(entry, strlen(entry), &g2, &o2) ? CLOSE_ITEM : CLOSE_NO;
}

/* Whether no entry of shape follows line i before the body's end (a
 * bounded look; past the bound, not known: false). */
static bool last_of_list(const struct lines *ls, int i, int to, int shape)
{
	for (int j = i, seen = 0; j < to; j++) {
		if (!ls->v[j].len)
			continue;
		if (++seen > 400)
			return false;
		struct marker m;
		if (parse_marker(ls->v[j].text, ls->v[j].len, &m))
			return m.shape != shape;
		if (all_caps(ls->v[j].text) && char_count(ls->v[j].text) <= 200)
			return true;
	}
	return true;
}

/* Reads the body lines [from, to) into the tree. */
/* ---- task tables ----
 * Plans often list their tasks as a table — STT | Nội dung | Chủ trì | Phối
 * hợp | Thời gian | Ghi chú. A DOCX row of three or more cells, and a row
 * of a table pasted from Word, is one line with its cells separated by
 * tabs. A line of tab-separated cells whose headers name a task column and
 * a lead or a time column starts a table; each following line with tabs is
 * a row: an item of the section the table sits in, its lead, coordinators
 * and deadline taken from their columns. A row numbered "I", "A" or with a
 * task in capitals and nothing else is a heading inside the table. The
 * table ends at the first non-blank line without tabs that does not start
 * in lower case (which continues the last row). */

enum { COL_NONE = -1, TABLE_MAX_COLS = 16 };

struct table {
	bool on;
	int stt, task, lead, coord, deadline;
	int base;	  /* the stack depth the table's rows hang from */
	int last_row;	  /* the node of the last row, or -1 */
	bool has_section; /* a heading row is open at depth base */
};

/* Splits a tab-separated line into at most max trimmed cells. */
static int split_cells(const char *raw, char **cells, int max)
{
	int n = 0;
	const char *p = raw;
	while (n < max) {
		const char *e = strchr(p, '\t');
		size_t len = e ? (size_t)(e - p) : strlen(p), cl;
		cells[n++] = collapse(p, len, &cl);
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

static void free_cells(char **cells, int n)
{
	for (int i = 0; i < n; i++)
		free(cells[i]);
}

static bool fold_has(const char *folded, const char *word)
{
	const char *p = strstr(folded, word);
	return p && (p == folded || p[-1] == ' ');
}

/* A header row: which column holds what; false when the line is no task
 * table's header. */
static bool table_header(const char *raw, struct table *tb)
{
	if (!strchr(raw, '\t'))
		return false;
	char *cells[TABLE_MAX_COLS];
	int n = split_cells(raw, cells, TABLE_MAX_COLS);
	struct table x = {.stt = COL_NONE,
			  .task = COL_NONE,
			  .lead = COL_NONE,
			  .coord = COL_NONE,
			  .deadline = COL_NONE};
	int filled = 0;
	for (int i = 0; i < n; i++) {
		char f[128];
		fold_prefix(cells[i], f, sizeof(f));
		if (!f[0])
			continue;
		filled++;
		if (x.stt == COL_NONE && (strcmp(f, "stt") == 0 || strcmp(f, "tt") == 0 ||
					  strcmp(f, "so tt") == 0 || fold_has(f, "so thu tu")))
			x.stt = i;
		else if (x.deadline == COL_NONE &&
			 (fold_has(f, "thoi gian") || fold_has(f, "thoi han") ||
			  fold_has(f, "tien do") || fold_has(f, "moc thoi gian")))
			x.deadline = i;
		else if (x.coord == COL_NONE && fold_has(f, "phoi hop"))
			x.coord = i;
		else if (x.lead == COL_NONE &&
			 (fold_has(f, "chu tri") || fold_has(f, "chiu trach nhiem") ||
			  fold_has(f, "don vi thuc hien") || fold_has(f, "co quan thuc hien") ||
			  fold_has(f, "trach nhiem thuc hien") || fold_has(f, "phan cong")))
			x.lead = i;
		else if (x.task == COL_NONE &&
			 (fold_has(f, "noi dung") || fold_has(f, "nhiem vu") ||
			  fold_has(f, "cong viec") || fold_has(f, "giai phap") ||
			  fold_has(f, "hoat dong") || fold_has(f, "ten de an")))
			x.task = i;
	}
	free_cells(cells, n);
	if (filled < 3 || x.task == COL_NONE || (x.lead == COL_NONE && x.deadline == COL_NONE))
		return false;
	x.on = true;
	x.last_row = -1;
	*tb = x;
	return true;
}

static const char *cell_at(char **cells, int n, int col)
{
	return col >= 0 && col < n ? cells[col] : NULL;
}

static char *cell_dup(char **cells, int n, int col)
{
	const char *c = cell_at(cells, n, col);
	return c && *c && strcmp(c, "-") != 0 ? xstrdup(c) : NULL;
}

/* The label of an STT cell: "1", "1.2", "I", "a" — without brackets and
 * trailing punctuation; "" (numbered by position) when the cell holds
 * anything else or is too long. */
static void stt_label(const char *c, char *out, size_t cap)
{
	size_t n = c ? strlen(c) : 0, k = 0;
	while (n && strchr(".)- ", c[n - 1]))
		n--;
	out[0] = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = c[i];
		if (ch == '(' || ch == ' ')
			continue;
		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || ch == '.') ||
		    k + 1 >= cap) {
			out[0] = 0;
			return;
		}
		out[k++] = ch;
	}
	out[k] = 0;
}

static bool is_roman_or_upper(const char *label)
{
	if (!label[0])
		return false;
	if (!label[1] && label[0] >= 'A' && label[0] <= 'Z')
		return true;
	return roman_value(label, strlen(label)) > 0;
}

/* One row of the table. */
static void table_row(struct tree *t, struct table *tb, const char *raw, int line)
{
	char *cells[TABLE_MAX_COLS];
	int n = split_cells(raw, cells, TABLE_MAX_COLS);
	const char *task = cell_at(cells, n, tb->task);
	if (!task || !*task)
		goto out;
	char label[24];
	stt_label(cell_at(cells, n, tb->stt), label, sizeof(label));
	const char *lead = cell_at(cells, n, tb->lead), *dl = cell_at(cells, n, tb->deadline);
	bool bare = (!lead || !*lead) && (!dl || !*dl);
	bool heading = is_roman_or_upper(label) || (bare && all_caps(task));
	if (tb->base > t->depth)
		tb->base = t->depth;
	int depth = tb->base + (tb->has_section && !heading);
	if (depth > t->depth)
		depth = t->depth;
	int parent = depth ? t->stack[depth - 1] : -1;
	struct node *nd = tree_add(t, parent, heading ? SH_CAPS : SH_ROW, line);
	snprintf(nd->label, sizeof(nd->label), "%s", label);
	buf_puts(&nd->text, task);
	if (heading) {
		set_heading_like(nd);
		nd->heading_like = true;
		t->depth = tb->base;
		t->stack[t->depth++] = t->n - 1;
		tb->has_section = true;
		tb->last_row = -1;
	} else {
		nd->row = true;
		nd->row_lead = cell_dup(cells, n, tb->lead);
		nd->row_coord = cell_dup(cells, n, tb->coord);
		nd->row_deadline = cell_dup(cells, n, tb->deadline);
		tb->last_row = t->n - 1;
	}
out:
	free_cells(cells, n);
}

static void read_body(const struct lines *ls, int from, int to, struct tree *t, struct header *h)
{
	struct table tb = {0};
	struct buf para;
	buf_init(&para, IMPORT_MAX_BYTES * 2);
	int i = from;
	int last = -1;	    /* the node the last paragraph went to */
	int top_indent = 0; /* the indent of the last numbered entry's line */
	while (i < to) {
		const struct line *l = &ls->v[i];
		if (!l->len || is_separator_line(l->text)) {
			i++;
			continue;
		}
		if (tb.on) {
			if (strchr(l->raw, '\t')) {
				table_row(t, &tb, l->raw, l->lineno);
				last = tb.last_row;
				i++;
				continue;
			}
			if (starts_lower(l->text) && tb.last_row >= 0) {
				append_text(&t->v[tb.last_row].text, l->text);
				i++;
				continue;
			}
			tb.on = false;
			if (t->depth > tb.base)
				t->depth = tb.base; /* close the table's own headings */
		} else if (table_header(l->raw, &tb)) {
			tb.base = t->depth;
			i++;
			continue;
		}
		/* a logical paragraph: this line and the lower-case lines wrapped after it */
		int start = i;
		buf_clear(&para);
		buf_puts(&para, l->text);
		struct marker m;
		bool marked = parse_marker(l->text, l->len, &m);
		i++;
		while (i < to && ls->v[i].len && starts_lower(ls->v[i].text) &&
		       !parse_marker(ls->v[i].text, ls->v[i].len, &(struct marker){0}) &&
		       !all_caps(para.data)) {
			append_text(&para, ls->v[i].text);
			i++;
		}
		int line = ls->v[start].lineno;
		const char *s = para.data;
		if (!marked && t->depth > 0 && !t->v[t->stack[t->depth - 1]].text.len) {
			/* "II." alone on its line: this is its text */
			struct node *top = &t->v[t->stack[t->depth - 1]];
			buf_puts(&top->text, s);
			set_heading_like(top);
			continue;
		}
		if (!marked && all_caps(s) && char_count(s) <= 200 && !is_attribute(s)) {
			memset(&m, 0, sizeof(m));
			m.shape = SH_CAPS;
			marked = true;
		}
		if (marked) {
			resolve_roman_letter(t, &m);
			top_indent = indent_of(ls->v[start].raw);
			place_entry(t, &m, s + m.skip, line);
			last = t->n - 1;
			continue;
		}
		if (t->depth == 0) {
			/* the preamble */
			if (starts_with_fold(s, "kinh gui") && !h->addressees.len) {
				const char *c = strchr(s, ':');
				add_joined(&h->addressees, c ? c + 1 + (c[1] == ' ') : s, "; ");
			}
			continue;
		}
		struct node *top = &t->v[t->stack[t->depth - 1]];
		if (!top->text.len) {
			buf_puts(&top->text, s);
			set_heading_like(top);
			continue;
		}
		if (is_attribute(s) && last >= 0) {
			append_text(&t->v[last].more, s);
			t->v[last].continued = true;
			continue;
		}
		if (top->heading_like) {
			if (start > from && !ls->v[start - 1].len && is_end_phrase(s) &&
			    t->n - 1 > t->stack[t->depth - 1])
				continue; /* end matter after the section's entries */
			struct node *n = tree_add(t, t->stack[t->depth - 1], SH_PARA, line);
			buf_puts(&n->text, s);
			last = t->n - 1;
			continue;
		}
		/* after the last entry of a list, a paragraph that is not
		 * indented as its continuation, follows a blank line and
		 * starts a sentence of its own ends the list */
		enum closing cl = CLOSE_NO;
		if (start > from && !ls->v[start - 1].len &&
		    indent_of(ls->v[start].raw) <= top_indent &&
		    last_of_list(ls, i, to, top->shape))
			cl = closing_para(s, para.len, top->text.data);
		if (cl == CLOSE_END)
			continue;
		if (cl == CLOSE_ITEM) {
			/* an unnumbered entry of the parent, numbered by position */
			t->depth--;
			int parent = t->depth > 0 ? t->stack[t->depth - 1] : -1;
			struct node *n = tree_add(t, parent, SH_PARA, line);
			buf_puts(&n->text, s);
			last = t->n - 1;
			if (parent >= 0)
				t->v[parent].heading_like = true;
			continue;
		}
		append_text(&top->more, s);
		top->continued = true;
		last = t->stack[t->depth - 1];
	}
	buf_release(&para);
}

/* ------------------------------------------------------------------ */
/* Finishing                                                           */

/* Paragraphs before a section's first numbered entry are its intro, and so
 * is a lone first paragraph ending with ':' before two or more others. */
static void mark_intros(struct tree *t)
{
	int *first_marked = xmalloc(xmul((size_t)t->n + 1, sizeof(int)));
	int *paras = xcalloc((size_t)t->n + 1, sizeof(int));
	for (int i = 0; i < t->n; i++)
		first_marked[i] = INT32_MAX;
	for (int i = 0; i < t->n; i++) {
		int p = t->v[i].parent;
		if (p < 0)
			continue;
		if (t->v[i].shape != SH_PARA && first_marked[p] == INT32_MAX)
			first_marked[p] = i;
		if (t->v[i].shape == SH_PARA)
			paras[p]++;
	}
	for (int i = 0; i < t->n; i++) {
		struct node *n = &t->v[i];
		int p = n->parent;
		if (p < 0 || n->shape != SH_PARA)
			continue;
		bool intro = i < first_marked[p];
		if (first_marked[p] == INT32_MAX)
			intro = paras[p] >= 3 && i == p + 1 && last_char(n->text.data) == ':';
		if (intro) {
			n->is_intro = true;
			append_text(&t->v[p].intro, n->text.data);
			append_text(&t->v[p].intro, n->more.data);
		}
	}
	free(first_marked);
	free(paras);
	for (int i = 0; i < t->n; i++)
		if (!t->v[i].is_intro && t->v[i].parent >= 0)
			t->v[t->v[i].parent].children++;
	/* a section's continuation paragraphs are its intro; an item's, its text */
	for (int i = 0; i < t->n; i++) {
		struct node *n = &t->v[i];
		if (!n->more.len)
			continue;
		if (n->children) {
			struct buf b;
			buf_init(&b, IMPORT_MAX_BYTES * 4);
			buf_puts(&b, n->more.data);
			append_text(&b, n->intro.data);
			buf_clear(&n->intro);
			buf_puts(&n->intro, b.data);
			buf_release(&b);
		} else {
			append_text(&n->text, n->more.data);
		}
	}
}

/* A small set of paths, so that two entries never share one. */
struct pathset {
	char **v;
	size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static bool pathset_add(struct pathset *ps, const char *s)
{
	if ((ps->n + 1) * 2 > ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 64;
		char **v = xcalloc(cap, sizeof(*v));
		for (size_t i = 0; i < ps->cap; i++)
			if (ps->v[i]) {
				size_t j = hash_str(ps->v[i]) & (cap - 1);
				while (v[j])
					j = (j + 1) & (cap - 1);
				v[j] = ps->v[i];
			}
		free(ps->v);
		ps->v = v;
		ps->cap = cap;
	}
	size_t j = hash_str(s) & (ps->cap - 1);
	while (ps->v[j]) {
		if (strcmp(ps->v[j], s) == 0)
			return false;
		j = (j + 1) & (ps->cap - 1);
	}
	ps->v[j] = (char *)s;
	ps->n++;
	return true;
}

static void make_paths(struct tree *t)
{
	struct pathset ps = {0};
	int *count = xcalloc((size_t)t->n + 1, sizeof(int)); /* siblings so far, per parent */
	for (int i = 0; i < t->n; i++) {
		struct node *n = &t->v[i];
		if (n->is_intro)
			continue;
		const struct node *p = n->parent >= 0 ? &t->v[n->parent] : NULL;
		char label[32];
		if (n->label[0] && n->ndec > 1) {
			/* "1.2." under "1.": the last number; elsewhere the whole */
			bool under = p && p->ndec == n->ndec - 1 &&
				     memcmp(p->dec, n->dec, sizeof(int) * (size_t)p->ndec) == 0;
			if (under)
				snprintf(label, sizeof(label), "%d", n->dec[n->ndec - 1]);
			else
				snprintf(label, sizeof(label), "%s", n->label);
		} else if (n->label[0]) {
			snprintf(label, sizeof(label), "%s", n->label);
		} else {
			snprintf(label, sizeof(label), "%d", count[n->parent + 1] + 1);
		}
		struct buf b;
		buf_init(&b, IMPORT_MAX_BYTES);
		if (p)
			buf_printf(&b, "%s.", p->path);
		buf_puts(&b, label);
		size_t base = b.len;
		for (int k = 2; !pathset_add(&ps, b.data) && k < 1000000; k++) {
			buf_truncate(&b, base);
			buf_printf(&b, "_%d", k);
			if (buf_failed(&b))
				break;
		}
		n->path = buf_take(&b);
		buf_release(&b);
		count[n->parent + 1]++;
	}
	free(ps.v);
	free(count);
}

static void find_lead(struct node *n, const char *s, bool heading)
{
	struct toks t;
	struct lead l = {0};
	size_t len = strlen(s);
	tokenize(s, len, 0, &t);
	bool ok = (heading && lead_heading_name(&t, &l)) || lead_colon(&t, &l) ||
		  lead_chair(&t, &l) || lead_subject(&t, &l);
	if (ok) {
		n->lead = l.name;
		n->group = l.group;
		n->own_lead = true;
	}
	n->n_coord = find_coordinators(&t, &n->coord);
	toks_release(&t);
}

static void find_deadline(struct node *n, const char *s, int year)
{
	size_t off, len;
	if (deadline_find(s, year, &n->dl, &off, &len)) {
		char *span = xmemdup0(s + off, len);
		n->dl_text = text_trim_dup(span);
		free(span);
	}
}

/* A table row's lead, coordinators and deadline, from their cells: the
 * lead cell as written (a group when it says "các"/"những": "Đảng ủy các
 * xã, thị trấn"), the coordinators listed in theirs, the deadline phrase of
 * the time cell. */
static void row_fields(struct node *n, int year)
{
	if (n->row_lead) {
		/* the cell holds nothing but the body (or bodies): as written */
		size_t len = strlen(n->row_lead);
		while (len && strchr(".,;:", n->row_lead[len - 1]))
			len--;
		n->lead = xmemdup0(n->row_lead, len);
		char f[256];
		fold_prefix(n->row_lead, f, sizeof(f));
		n->group = fold_has(f, "cac ") || fold_has(f, "nhung ");
		n->own_lead = true;
	}
	if (n->row_coord) {
		struct buf b;
		buf_init(&b, IMPORT_MAX_BYTES);
		buf_printf(&b, "Phối hợp: %s", n->row_coord);
		struct toks t;
		tokenize(b.data, b.len, 0, &t);
		n->n_coord = find_coordinators(&t, &n->coord);
		toks_release(&t);
		buf_release(&b);
	}
	if (n->row_deadline)
		find_deadline(n, n->row_deadline, year);
}

static char **copy_list(char **v, int n)
{
	if (!n)
		return NULL;
	char **c = xcalloc((size_t)n, sizeof(*c));
	for (int i = 0; i < n; i++)
		c[i] = xstrdup(v[i]);
	return c;
}

static void finish_nodes(struct tree *t, int year)
{
	for (int i = 0; i < t->n; i++) {
		struct node *n = &t->v[i];
		if (n->is_intro)
			continue;
		bool section = n->children > 0;
		const char *s = n->text.data;
		char *joined = NULL;
		if (section && n->intro.len) {
			struct buf b;
			buf_init(&b, IMPORT_MAX_BYTES * 4);
			buf_puts(&b, s);
			append_text(&b, n->intro.data);
			joined = buf_take(&b);
			buf_release(&b);
			s = joined;
		}
		if (n->row)
			row_fields(n, year);
		if (!n->own_lead) {
			/* the coordinators of a row's own column win over its text's */
			char **kept = n->coord;
			int n_kept = n->n_coord;
			find_lead(n, s, section || n->heading_like);
			if (n_kept) {
				for (int j = 0; j < n->n_coord; j++)
					free(n->coord[j]);
				free(n->coord);
				n->coord = kept;
				n->n_coord = n_kept;
			}
		} else if (n->row && !n->n_coord) {
			struct toks tk;
			tokenize(s, strlen(s), 0, &tk);
			n->n_coord = find_coordinators(&tk, &n->coord);
			toks_release(&tk);
		}
		if (n->dl.kind == DEADLINE_NONE)
			find_deadline(n, s, year);
		free(joined);
		const struct node *p = n->parent >= 0 ? &t->v[n->parent] : NULL;
		if (p && !n->lead && p->lead) {
			n->lead = xstrdup(p->lead);
			n->group = p->group;
			if (!n->n_coord) {
				n->coord = copy_list(p->coord, p->n_coord);
				n->n_coord = p->n_coord;
			}
		}
		if (p && n->dl.kind == DEADLINE_NONE && p->dl.kind != DEADLINE_NONE) {
			n->dl = p->dl;
			n->dl_text = p->dl_text ? xstrdup(p->dl_text) : NULL;
		}
	}
}

/* A leaf that is only a heading (capitals or a name, nothing under it and
 * nothing after it) is not a task. */
static bool empty_heading(const struct node *n)
{
	if (!n->text.len)
		return true;
	if (n->continued)
		return false;
	if (n->shape != SH_PARA && n->caps && char_count(n->text.data) < 120)
		return true;
	return n->shape != SH_PARA && text_is_name(n->text.data);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static char *sentence_case(const char *s)
{
	struct buf b;
	buf_init(&b, strlen(s) * 2 + 8);
	size_t n = strlen(s), k;
	bool first = true;
	for (size_t i = 0; i < n; i += k) {
		int32_t cp = cp_at(s, n, i, &k);
		if (cp < 0) {
			buf_add(&b, s + i, k);
			continue;
		}
		int32_t c = first ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
		if (cp_letter(cp))
			first = false;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t e = utf8proc_encode_char(c, enc);
		buf_add(&b, enc, (size_t)(e > 0 ? e : 0));
	}
	char *r = buf_take(&b);
	buf_release(&b);
	return r;
}

/* "Kế hoạch" + " sơ kết …": the subject's first letter goes to lower case
 * unless its first word is an acronym or the second word is capitalized
 * too (a proper name: "Nghị quyết Đại hội" stays). */
static char *make_title(const struct header *h)
{
	const char *subj = h->subject.len ? h->subject.data : NULL;
	if (!h->kind)
		return subj ? xstrdup(subj) : NULL;
	if (!subj)
		return sentence_case(h->kind);
	struct buf b;
	buf_init(&b, IMPORT_MAX_BYTES);
	if (all_caps(subj)) {
		buf_printf(&b, "%s %s", h->kind, subj);
	} else {
		char *k = sentence_case(h->kind);
		buf_printf(&b, "%s ", k);
		free(k);
		struct toks t;
		tokenize(subj, strlen(subj), 3, &t);
		bool lower = t.n >= 1 && t.v[0].cap && !t.v[0].allcaps &&
			     !(t.n >= 2 && !t.v[1].punct && t.v[1].cap);
		toks_release(&t);
		size_t kk;
		int32_t cp = cp_at(subj, strlen(subj), 0, &kk);
		if (lower && cp >= 0) {
			utf8proc_uint8_t enc[4];
			utf8proc_ssize_t e = utf8proc_encode_char(utf8proc_tolower(cp), enc);
			buf_add(&b, enc, (size_t)(e > 0 ? e : 0));
			buf_puts(&b, subj + kk);
		} else {
			buf_puts(&b, subj);
		}
	}
	char *r = buf_take(&b);
	buf_release(&b);
	return r;
}

/* The plan year from the title ("năm 2019"), the date, or a term. */
static int guess_year(const char *title, int32_t date)
{
	struct toks t;
	int year = 0, term = 0;
	if (title) {
		tokenize(title, strlen(title), 0, &t);
		for (int i = 0; i < t.n; i++) {
			const struct tok *k = &t.v[i];
			long v = k->digits && strlen(k->fold) == 4 ? strtol(k->fold, NULL, 10) : 0;
			if (!k->digits && !k->punct && strlen(k->fold) == 9 && k->fold[4] == '-') {
				/* "2015-2020" in one token */
				v = strtol(k->fold, NULL, 10);
			}
			if (v < 1900 || v > 2200)
				continue;
			if (!year && tok_is(&t, i - 1, "nam") && !tok_is(&t, i + 1, "-"))
				year = (int)v;
			if (!term && (tok_is(&t, i - 1, "ky") || tok_punct(&t, i + 1, '-') ||
				      strlen(k->fold) == 9))
				term = (int)v;
		}
		toks_release(&t);
	}
	if (year)
		return year;
	if (date) {
		int y, m, d;
		date_to_ymd(date, &y, &m, &d);
		return y;
	}
	return term;
}

/* Checks and normalizes the input: UTF-8 without NUL, a byte-order mark
 * dropped, other control characters as spaces, NFC, LF. */
static int prepare(const char *text, size_t len, char **out, size_t *out_len, struct kh_error *err)
{
	*out = NULL;
	if (len > IMPORT_MAX_BYTES)
		return kh_fail(err, KH_ETOOBIG, "file", "Văn bản quá lớn (tối đa %u MB)",
			       IMPORT_MAX_BYTES / (1024 * 1024));
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (!utf8_valid(text, len))
		return kh_fail(err, KH_EINVAL, "file",
			       "Văn bản không phải UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)");
	char *copy = xmemdup0(text, len);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)copy[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
			copy[i] = ' ';
	}
	int rc = text_normalize(copy, len, out, out_len);
	free(copy);
	if (rc)
		return kh_fail(err, KH_EINVAL, "file",
			       "Văn bản không phải UTF-8 hợp lệ (hãy lưu tệp dạng UTF-8)");
	return 0;
}

static char *dup_or_null(const struct buf *b)
{
	return b->len ? xstrdup(b->data) : NULL;
}

int import_parse(const char *text, size_t len, int plan_year, struct import_doc *out,
		 struct kh_error *err)
{
	memset(out, 0, sizeof(*out));
	char *norm = NULL;
	size_t nlen = 0;
	int rc = prepare(text ? text : "", text ? len : 0, &norm, &nlen, err);
	if (rc)
		return rc;
	struct lines ls = {0};
	struct header h = {0};
	struct tree t = {0};
	buf_init(&h.issuer, 4096);
	buf_init(&h.subject, 8192);
	buf_init(&h.addressees, 8192);
	split_lines(norm, nlen, &ls);
	int body = read_header(&ls, &h);
	int end = find_end(&ls, body);
	read_body(&ls, body, end, &t, &h);

	out->title = make_title(&h);
	out->kind = h.kind;
	h.kind = NULL;
	out->subject = dup_or_null(&h.subject);
	if (out->title && !*out->title) {
		free(out->title);
		out->title = NULL;
	}
	out->number = h.number;
	out->issuer = dup_or_null(&h.issuer);
	out->place_date = h.place_date;
	out->date = h.date;
	out->addressees = dup_or_null(&h.addressees);
	if (plan_year < 1900 || plan_year > 2200)
		plan_year = guess_year(out->title, out->date);
	out->plan_year = plan_year;

	mark_intros(&t);
	make_paths(&t);
	finish_nodes(&t, plan_year);

	int ns = 0, ni = 0;
	for (int i = 0; i < t.n; i++) {
		if (t.v[i].is_intro)
			continue;
		if (t.v[i].children)
			ns++;
		else if (!empty_heading(&t.v[i]))
			ni++;
	}
	out->sections = ns ? xcalloc((size_t)ns, sizeof(*out->sections)) : NULL;
	out->items = ni ? xcalloc((size_t)ni, sizeof(*out->items)) : NULL;
	for (int i = 0; i < t.n; i++) {
		struct node *n = &t.v[i];
		if (n->is_intro)
			continue;
		const struct node *p = n->parent >= 0 ? &t.v[n->parent] : NULL;
		if (n->children) {
			struct import_section *s = &out->sections[out->n_sections++];
			s->path = xstrdup(n->path);
			const char *dot = strrchr(n->path, '.');
			s->label = xstrdup(dot ? dot + 1 : n->path);
			s->text = xstrdup(n->text.data);
			s->lead = n->own_lead && n->lead ? xstrdup(n->lead) : NULL;
			s->lead_group = s->lead && n->group;
			int depth = 1;
			for (const struct node *q = p; q;
			     q = q->parent >= 0 ? &t.v[q->parent] : NULL)
				depth++;
			s->depth = depth;
			s->line = n->line;
		} else if (!empty_heading(n)) {
			struct import_item *it = &out->items[out->n_items++];
			it->path = xstrdup(n->path);
			it->text = xstrdup(n->text.data);
			it->section = p ? xstrdup(p->text.data) : NULL;
			it->lead = n->lead;
			n->lead = NULL;
			it->lead_group = it->lead && n->group;
			it->coordinators = n->coord;
			it->n_coordinators = n->n_coord;
			n->coord = NULL;
			n->n_coord = 0;
			it->deadline_text = n->dl_text;
			n->dl_text = NULL;
			it->deadline = n->dl;
			it->line = n->line;
		}
	}

	tree_release(&t);
	free(h.kind);
	buf_release(&h.issuer);
	buf_release(&h.subject);
	buf_release(&h.addressees);
	lines_release(&ls);
	free(norm);
	return 0;
}

void import_doc_release(struct import_doc *d)
{
	if (!d)
		return;
	free(d->title);
	free(d->kind);
	free(d->subject);
	free(d->number);
	free(d->issuer);
	free(d->place_date);
	free(d->addressees);
	for (int i = 0; i < d->n_sections; i++) {
		free(d->sections[i].path);
		free(d->sections[i].label);
		free(d->sections[i].text);
		free(d->sections[i].lead);
	}
	free(d->sections);
	for (int i = 0; i < d->n_items; i++) {
		struct import_item *it = &d->items[i];
		free(it->path);
		free(it->text);
		free(it->section);
		free(it->lead);
		for (int j = 0; j < it->n_coordinators; j++)
			free(it->coordinators[j]);
		free(it->coordinators);
		free(it->deadline_text);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

/* ------------------------------------------------------------------ */
/* Name keys                                                           */

static const struct {
	const char *abbr; /* folded */
	const char *words;
} abbrevs[] = {
	{"ubkt", "uy ban kiem tra"},
	{"ubnd", "uy ban nhan dan"},
	{"hdnd", "hoi dong nhan dan"},
	{"ubmttq", "uy ban mat tran to quoc"},
	{"mttq", "mat tran to quoc"},
	{"btv", "ban thuong vu"},
	{"bch", "ban chap hanh"},
	{"bcsd", "ban can su dang"},
	{"btc", "ban to chuc"},
	{"btg", "ban tuyen giao"},
	{"bdv", "ban dan van"},
	{"bnc", "ban noi chinh"},
	{"duk", "dang uy khoi"},
	{"dbk", "dang bo khoi"},
	{"du", "dang uy"},
	{"tu", "tinh uy"},
	{"hu", "huyen uy"},
	{"vp", "van phong"},
	{"ub", "uy ban"},
	{"ldld", "lien doan lao dong"},
	{"dtn", "doan thanh nien"},
	{"hlhpn", "hoi lien hiep phu nu"},
	{"hnd", "hoi nong dan"},
	{"hccb", "hoi cuu chien binh"},
	{"tp", "thanh pho"},
	{"tw", "trung uong"},
	{"uv", "uy vien"},
	{"ca", "cong an"},
	{"qs", "quan su"},
};

/* Expands a folded acronym that splits wholly into known pieces
 * ("vptu" → "van phong tinh uy"); false when it does not. */
static bool expand_acronym(const char *f, struct buf *out, int depth)
{
	if (!*f)
		return true;
	if (depth > 8)
		return false;
	for (size_t i = 0; i < KH_ARRAY_LEN(abbrevs); i++) {
		size_t n = strlen(abbrevs[i].abbr);
		if (strncmp(f, abbrevs[i].abbr, n) != 0)
			continue;
		size_t mark = out->len;
		add_joined(out, abbrevs[i].words, " ");
		if (expand_acronym(f + n, out, depth + 1))
			return true;
		buf_truncate(out, mark);
	}
	return false;
}

char *import_name_key(const char *name)
{
	if (!name)
		return NULL;
	struct toks t;
	struct buf b;
	tokenize(name, strlen(name), 0, &t);
	buf_init(&b, strlen(name) * 8 + 64);
	for (int i = 0; i < t.n; i++) {
		const struct tok *k = &t.v[i];
		if (k->punct)
			continue;
		size_t mark = b.len;
		/* Acronyms only: "Tu" in a name is a word, "TU" is Tỉnh ủy. In a name
		 * written all in capitals ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") short
		 * words are words, and so is anything with a Vietnamese mark. */
		bool acronym = k->allcaps && strlen(k->fold) >= 2;
		if (acronym && t.caps_mode) {
			bool plain = strlen(k->fold) >= 3;
			for (uint32_t j = k->start; plain && j < k->end; j++) {
				unsigned char c = (unsigned char)name[j];
				/* ASCII or Đ (C4 90) only */
				if (c >= 0x80 && !(c == 0xC4 && j + 1 < k->end &&
						   (unsigned char)name[j + 1] == 0x90))
					plain = false;
				else if (c == 0xC4)
					j++;
			}
			acronym = plain;
		}
		if (acronym && expand_acronym(k->fold, &b, 0))
			continue;
		buf_truncate(&b, mark);
		add_joined(&b, k->fold, " ");
	}
	toks_release(&t);
	char *joined = buf_take(&b);
	buf_release(&b);
	char *key = text_fold(joined);
	free(joined);
	return key;
}

int import_split_names(const char *text, char ***out)
{
	*out = NULL;
	if (!text || !*text || strlen(text) > IMPORT_MAX_BYTES)
		return 0;
	struct buf b;
	buf_init(&b, IMPORT_MAX_BYTES * 2);
	buf_printf(&b, "Phối hợp: %s", text);
	struct toks t;
	tokenize(b.data, b.len, 0, &t);
	int n = find_coordinators(&t, out);
	toks_release(&t);
	buf_release(&b);
	return n;
}
