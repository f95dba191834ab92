/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo province, tỉnh Sơn Nam, as data (see demo_data.h for the shape and
 * the loading order). The org tree, its dated changes, the documents and the
 * key people — province leaders, heads of every agency and district, the
 * people behind the demo accounts — are written out by hand below. The rest
 * of the roughly three hundred people are generated once, deterministically,
 * from Vietnamese name lists with a fixed-seed generator: for every base
 * organization and cell, a head (bí thư) for each stretch of its life that no
 * key person covers, a deputy and a standing or committee member, ordinary
 * and retired members; then every head of a committee or cell becomes a
 * committee member of the committee directly above it for as long as both
 * hold. Everything is fictional except the central documents, whose numbers,
 * dates and issuers are the real ones; where a date or number of a local
 * document is unknown or invented, a comment says so.
 */
#include "core/common.h"

#include <stdio.h>
#include <string.h>

#include "app/demo_data.h"

/* Term and reorganization dates. */
#define D_START "2015-10-01"   /* the 2015–2020 shape (DEMO_START_DATE) */
#define D_CENTRAL "1930-02-03" /* the Party's founding: symbolic start of central orgs */
#define D_DIST20 "2020-08-01"  /* district congresses, term 2020–2025 */
#define D_PROV20 "2020-10-15"  /* Đại hội Đảng bộ tỉnh lần thứ XVII */
#define D_HDND21 "2021-06-25"  /* first session of the HĐND, term 2021–2026 */
#define D_FEB25 "2025-02-01" /* the blocs end; Đảng bộ UBND tỉnh, các cơ quan Đảng tỉnh */
#define D_MAR25 "2025-03-01" /* Ban Tuyên giáo và Dân vận; sở merged */
#define D_JUL25 "2025-07-01" /* no more districts; new communes */

#define DEMO_PASSWORD "kehoach-demo" /* for demo databases only, never production */

/* ---- the org tree ---- */

/* clang-format off */
static const struct demo_org orgs[] = {
	/* Central level: issuers of the central documents; no people. */
	{"tw", NULL, "Ban Chấp hành Trung ương Đảng", "TW", "committee", 0, D_CENTRAL},
	{"bct", "tw", "Bộ Chính trị", "TW", "committee", 0, D_CENTRAL},
	{"bbt", "tw", "Ban Bí thư", "TW", "committee", 0, D_CENTRAL},
	{"vptw", "tw", "Văn phòng Trung ương Đảng", "VPTW", "office", 0, D_CENTRAL},

	/* The provincial committee, its advisory bodies, delegations, state
	 * bodies and mass organizations. */
	{"tu", "tw", "Tỉnh ủy Sơn Nam", "TU", "committee", 1, D_START},
	{"tu_vp", "tu", "Văn phòng Tỉnh ủy", "VPTU", "office", 1, D_START},
	{"tu_btc", "tu", "Ban Tổ chức Tỉnh ủy", "BTCTU", "org_board", 1, D_START},
	{"tu_ubkt", "tu", "Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "inspection", 1, D_START},
	{"tu_btg", "tu", "Ban Tuyên giáo Tỉnh ủy", "BTGTU", "propaganda", 1, D_START},
	{"tu_bdv", "tu", "Ban Dân vận Tỉnh ủy", "BDVTU", "mass_mobilization", 1, D_START},
	{"bcsd_ubnd", "tu", "Ban cán sự đảng Ủy ban nhân dân tỉnh", "BCSĐ", "delegation", 1,
	 D_START},
	{"dd_hdnd", "tu", "Đảng đoàn Hội đồng nhân dân tỉnh", "ĐĐ", "delegation", 1, D_START},
	{"dd_mttq", "tu", "Đảng đoàn Mặt trận Tổ quốc Việt Nam tỉnh", "ĐĐ", "delegation", 1,
	 D_START},
	{"hdnd", "tu", "Hội đồng nhân dân tỉnh Sơn Nam", "HĐND", "state", 1, D_START},
	{"ubnd", "tu", "Ủy ban nhân dân tỉnh Sơn Nam", "UBND", "state", 1, D_START},
	{"snv", "ubnd", "Sở Nội vụ", "SNV", "state", 1, D_START},
	{"stc", "ubnd", "Sở Tài chính", "STC", "state", 1, D_START},
	{"skhdt", "ubnd", "Sở Kế hoạch và Đầu tư", "SKHĐT", "state", 1, D_START},
	{"sgddt", "ubnd", "Sở Giáo dục và Đào tạo", "SGDĐT", "state", 1, D_START},
	{"syt", "ubnd", "Sở Y tế", "SYT", "state", 1, D_START},
	{"mttq", "tu", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ", "mass_org", 1, D_START},
	{"tinhdoan", "tu", "Tỉnh đoàn Sơn Nam", "TĐ", "mass_org", 1, D_START},
	{"hlhpn", "tu", "Hội Liên hiệp Phụ nữ tỉnh", "HLHPN", "mass_org", 1, D_START},
	{"hnd", "tu", "Hội Nông dân tỉnh", "HND", "mass_org", 1, D_START},
	{"hccb", "tu", "Hội Cựu chiến binh tỉnh", "HCCB", "mass_org", 1, D_START},
	{"ldld", "tu", "Liên đoàn Lao động tỉnh", "LĐLĐ", "mass_org", 1, D_START},

	/* Upper-base committees and their advisory bodies. */
	{"kcq", "tu", "Đảng ủy Khối các cơ quan tỉnh", "ĐUK", "committee", 2, D_START},
	{"duk", "tu", "Đảng ủy Khối Doanh nghiệp tỉnh", "ĐUK", "committee", 2, D_START},
	{"duk_btc", "duk", "Ban Tổ chức Đảng ủy Khối Doanh nghiệp", "BTCĐUK", "org_board", 2,
	 D_START},
	{"duk_ubkt", "duk", "Ủy ban Kiểm tra Đảng ủy Khối Doanh nghiệp", "UBKTĐUK", "inspection", 2,
	 D_START},
	{"duk_vp", "duk", "Văn phòng Đảng ủy Khối Doanh nghiệp", "VPĐUK", "office", 2, D_START},
	{"tp", "tu", "Thành ủy Vân Hà", "TU", "committee", 2, D_START},
	{"tp_btc", "tp", "Ban Tổ chức Thành ủy Vân Hà", "BTCTU", "org_board", 2, D_START},
	{"tp_ubkt", "tp", "Ủy ban Kiểm tra Thành ủy Vân Hà", "UBKTTU", "inspection", 2, D_START},
	{"tp_vp", "tp", "Văn phòng Thành ủy Vân Hà", "VPTU", "office", 2, D_START},
	{"ld", "tu", "Huyện ủy Lạc Điền", "HU", "committee", 2, D_START},
	{"ld_btc", "ld", "Ban Tổ chức Huyện ủy Lạc Điền", "BTCHU", "org_board", 2, D_START},
	{"ld_ubkt", "ld", "Ủy ban Kiểm tra Huyện ủy Lạc Điền", "UBKTHU", "inspection", 2, D_START},
	{"ld_vp", "ld", "Văn phòng Huyện ủy Lạc Điền", "VPHU", "office", 2, D_START},
	{"ps", "tu", "Huyện ủy Phú Sơn", "HU", "committee", 2, D_START},
	{"ps_btc", "ps", "Ban Tổ chức Huyện ủy Phú Sơn", "BTCHU", "org_board", 2, D_START},
	{"ps_ubkt", "ps", "Ủy ban Kiểm tra Huyện ủy Phú Sơn", "UBKTHU", "inspection", 2, D_START},
	{"ps_vp", "ps", "Văn phòng Huyện ủy Phú Sơn", "VPHU", "office", 2, D_START},

	/* Base organizations of the Khối các cơ quan: the party organizations of
	 * the advisory bodies, state offices and departments. */
	{"cs_vptu", "kcq", "Đảng bộ Văn phòng Tỉnh ủy", "ĐU", "committee", 3, D_START},
	{"cb_vptu_th", "cs_vptu", "Chi bộ Phòng Tổng hợp", "CB", "cell", 4, D_START},
	{"cb_vptu_hc", "cs_vptu", "Chi bộ Phòng Hành chính - Quản trị", "CB", "cell", 4, D_START},
	{"cs_btctu", "kcq", "Chi bộ Ban Tổ chức Tỉnh ủy", "CB", "committee", 3, D_START},
	{"cs_ubkttu", "kcq", "Chi bộ Cơ quan Ủy ban Kiểm tra Tỉnh ủy", "CB", "committee", 3,
	 D_START},
	{"cs_btgtu", "kcq", "Chi bộ Ban Tuyên giáo Tỉnh ủy", "CB", "committee", 3, D_START},
	{"cs_bdvtu", "kcq", "Chi bộ Ban Dân vận Tỉnh ủy", "CB", "committee", 3, D_START},
	{"cs_mttq", "kcq", "Chi bộ Cơ quan Mặt trận và các đoàn thể tỉnh", "CB", "committee", 3,
	 D_START},
	{"cs_vphdnd", "kcq", "Chi bộ Văn phòng Đoàn ĐBQH và HĐND tỉnh", "CB", "committee", 3,
	 D_START},
	{"cs_vpubnd", "kcq", "Chi bộ Văn phòng UBND tỉnh", "CB", "committee", 3, D_START},
	{"cs_snv", "kcq", "Chi bộ Sở Nội vụ", "CB", "committee", 3, D_START},
	{"cs_stc", "kcq", "Chi bộ Sở Tài chính", "CB", "committee", 3, D_START},
	{"cs_skhdt", "kcq", "Chi bộ Sở Kế hoạch và Đầu tư", "CB", "committee", 3, D_START},
	{"cs_sgddt", "kcq", "Đảng bộ Sở Giáo dục và Đào tạo", "ĐU", "committee", 3, D_START},
	{"cb_sgd_vp", "cs_sgddt", "Chi bộ Văn phòng Sở", "CB", "cell", 4, D_START},
	{"cb_sgd_gdth", "cs_sgddt", "Chi bộ Phòng Giáo dục Trung học", "CB", "cell", 4, D_START},
	{"cs_syt", "kcq", "Chi bộ Sở Y tế", "CB", "committee", 3, D_START},
	{"cs_bvtinh", "kcq", "Đảng bộ Bệnh viện Đa khoa tỉnh", "ĐU", "committee", 3, D_START},
	{"cb_bv_noi", "cs_bvtinh", "Chi bộ Khối Nội", "CB", "cell", 4, D_START},
	{"cb_bv_ngoai", "cs_bvtinh", "Chi bộ Khối Ngoại", "CB", "cell", 4, D_START},
	{"cb_bv_hc", "cs_bvtinh", "Chi bộ Khối Hành chính", "CB", "cell", 4, D_START},

	/* Base organizations of the Khối Doanh nghiệp. */
	{"cs_dienluc", "duk", "Đảng bộ Công ty Điện lực Sơn Nam", "ĐU", "committee", 3, D_START},
	{"cb_dl_kt", "cs_dienluc", "Chi bộ Phòng Kỹ thuật - An toàn", "CB", "cell", 4, D_START},
	{"cb_dl_vanha", "cs_dienluc", "Chi bộ Điện lực Vân Hà", "CB", "cell", 4, D_START},
	{"cb_dl_lacdien", "cs_dienluc", "Chi bộ Điện lực Lạc Điền", "CB", "cell", 4, D_START},
	{"cs_capnuoc", "duk", "Đảng bộ Công ty Cổ phần Cấp thoát nước Sơn Nam", "ĐU", "committee",
	 3, D_START},
	{"cb_cn_nmn", "cs_capnuoc", "Chi bộ Nhà máy nước Vân Hà", "CB", "cell", 4, D_START},
	{"cb_cn_kd", "cs_capnuoc", "Chi bộ Phòng Kinh doanh", "CB", "cell", 4, D_START},
	{"cs_tctxd", "duk", "Đảng bộ Tổng Công ty Đầu tư Xây dựng Sơn Nam", "ĐU", "committee", 3,
	 D_START},
	{"cb_xd_vp", "cs_tctxd", "Chi bộ Văn phòng Tổng Công ty", "CB", "cell", 4, D_START},
	{"cb_xd_xl1", "cs_tctxd", "Chi bộ Xí nghiệp Xây lắp số 1", "CB", "cell", 4, D_START},
	{"cs_moitruong", "duk", "Chi bộ Công ty TNHH MTV Môi trường đô thị Sơn Nam", "CB",
	 "committee", 3, D_START},

	/* Thành phố Vân Hà: wards, a commune, a school, a health centre. */
	{"x_dongthanh", "tp", "Đảng bộ phường Đông Thành", "ĐU", "committee", 3, D_START},
	{"cb_dt_bachdang", "x_dongthanh", "Chi bộ khu phố Bạch Đằng", "CB", "cell", 4, D_START},
	{"cb_dt_leloi", "x_dongthanh", "Chi bộ khu phố Lê Lợi", "CB", "cell", 4, D_START},
	{"cb_dt_chodong", "x_dongthanh", "Chi bộ khu phố Chợ Đông", "CB", "cell", 4, D_START},
	{"x_taythanh", "tp", "Đảng bộ phường Tây Thành", "ĐU", "committee", 3, D_START},
	{"cb_tt_hoabinh", "x_taythanh", "Chi bộ khu phố Hòa Bình", "CB", "cell", 4, D_START},
	{"cb_tt_thanhcong", "x_taythanh", "Chi bộ khu phố Thành Công", "CB", "cell", 4, D_START},
	{"x_bacha", "tp", "Đảng bộ phường Bắc Hà", "ĐU", "committee", 3, D_START},
	{"cb_bh_bendo", "x_bacha", "Chi bộ khu phố Bến Đò", "CB", "cell", 4, D_START},
	{"cb_bh_dinhbac", "x_bacha", "Chi bộ khu phố Đình Bắc", "CB", "cell", 4, D_START},
	{"x_namha", "tp", "Đảng bộ phường Nam Hà", "ĐU", "committee", 3, D_START},
	{"cb_nh_tranphu", "x_namha", "Chi bộ khu phố Trần Phú", "CB", "cell", 4, D_START},
	{"cb_nh_namson", "x_namha", "Chi bộ khu phố Nam Sơn", "CB", "cell", 4, D_START},
	{"x_vantien", "tp", "Đảng bộ xã Vân Tiên", "ĐU", "committee", 3, D_START},
	{"cb_vt_vantien", "x_vantien", "Chi bộ thôn Vân Tiên", "CB", "cell", 4, D_START},
	{"cb_vt_donglac", "x_vantien", "Chi bộ thôn Đồng Lạc", "CB", "cell", 4, D_START},
	{"cs_thpt_vanha", "tp", "Chi bộ Trường THPT Vân Hà", "CB", "committee", 3, D_START},
	{"cs_ttyt_vanha", "tp", "Đảng bộ Trung tâm Y tế thành phố Vân Hà", "ĐU", "committee", 3,
	 D_START},
	{"cb_ttyt_ks", "cs_ttyt_vanha", "Chi bộ Khoa Kiểm soát bệnh tật", "CB", "cell", 4, D_START},
	{"cb_ttyt_kb", "cs_ttyt_vanha", "Chi bộ Khoa Khám bệnh", "CB", "cell", 4, D_START},

	/* Huyện Lạc Điền. */
	{"x_ttlacdien", "ld", "Đảng bộ thị trấn Lạc Điền", "ĐU", "committee", 3, D_START},
	{"cb_ld_tanlap", "x_ttlacdien", "Chi bộ khu phố Tân Lập", "CB", "cell", 4, D_START},
	{"cb_ld_quangtrung", "x_ttlacdien", "Chi bộ khu phố Quang Trung", "CB", "cell", 4, D_START},
	{"x_lacthuy", "ld", "Đảng bộ xã Lạc Thủy", "ĐU", "committee", 3, D_START},
	{"cb_lt_thuynguyen", "x_lacthuy", "Chi bộ thôn Thủy Nguyên", "CB", "cell", 4, D_START},
	{"cb_lt_dongthuy", "x_lacthuy", "Chi bộ thôn Đông Thủy", "CB", "cell", 4, D_START},
	{"x_lachung", "ld", "Đảng bộ xã Lạc Hưng", "ĐU", "committee", 3, D_START},
	{"cb_lh_hungdao", "x_lachung", "Chi bộ thôn Hưng Đạo", "CB", "cell", 4, D_START},
	{"cb_lh_phuhung", "x_lachung", "Chi bộ thôn Phú Hưng", "CB", "cell", 4, D_START},
	{"x_dienxa", "ld", "Đảng bộ xã Điền Xá", "ĐU", "committee", 3, D_START},
	{"cb_dx_dientrung", "x_dienxa", "Chi bộ thôn Điền Trung", "CB", "cell", 4, D_START},
	{"cb_dx_xathuong", "x_dienxa", "Chi bộ thôn Xá Thượng", "CB", "cell", 4, D_START},
	{"x_yenphu", "ld", "Đảng bộ xã Yên Phú", "ĐU", "committee", 3, D_START},
	{"cb_yp_yenthinh", "x_yenphu", "Chi bộ thôn Yên Thịnh", "CB", "cell", 4, D_START},
	{"cb_yp_phumy", "x_yenphu", "Chi bộ thôn Phú Mỹ", "CB", "cell", 4, D_START},
	{"x_hoalac", "ld", "Đảng bộ xã Hòa Lạc", "ĐU", "committee", 3, D_START},
	{"cb_hl_lacthanh", "x_hoalac", "Chi bộ thôn Lạc Thành", "CB", "cell", 4, D_START},
	{"cb_hl_hoaxuan", "x_hoalac", "Chi bộ thôn Hòa Xuân", "CB", "cell", 4, D_START},

	/* Huyện Phú Sơn (upland). */
	{"x_ttphuson", "ps", "Đảng bộ thị trấn Phú Sơn", "ĐU", "committee", 3, D_START},
	{"cb_ps_phuthinh", "x_ttphuson", "Chi bộ khu phố Phú Thịnh", "CB", "cell", 4, D_START},
	{"cb_ps_doiche", "x_ttphuson", "Chi bộ khu phố Đồi Chè", "CB", "cell", 4, D_START},
	{"x_sonthuy", "ps", "Đảng bộ xã Sơn Thủy", "ĐU", "committee", 3, D_START},
	{"cb_st_khemat", "x_sonthuy", "Chi bộ thôn Khe Mát", "CB", "cell", 4, D_START},
	{"cb_st_nason", "x_sonthuy", "Chi bộ thôn Nà Sơn", "CB", "cell", 4, D_START},
	{"x_phuloc", "ps", "Đảng bộ xã Phú Lộc", "ĐU", "committee", 3, D_START},
	{"cb_pl_locthuong", "x_phuloc", "Chi bộ thôn Lộc Thượng", "CB", "cell", 4, D_START},
	{"cb_pl_locha", "x_phuloc", "Chi bộ thôn Lộc Hạ", "CB", "cell", 4, D_START},
	{"x_tanphong", "ps", "Đảng bộ xã Tân Phong", "ĐU", "committee", 3, D_START},
	{"cb_tph_dongxuan", "x_tanphong", "Chi bộ thôn Đồng Xuân", "CB", "cell", 4, D_START},
	{"cb_tph_phongnien", "x_tanphong", "Chi bộ thôn Phong Niên", "CB", "cell", 4, D_START},
	{"hdnd_tanphong", "x_tanphong", "Hội đồng nhân dân xã Tân Phong", "HĐND", "state", 3,
	 D_START},
	{"x_thuongson", "ps", "Đảng bộ xã Thượng Sơn", "ĐU", "committee", 3, D_START},
	{"cb_ts_bancai", "x_thuongson", "Chi bộ thôn Bản Cài", "CB", "cell", 4, D_START},
	{"cb_ts_langmoi", "x_thuongson", "Chi bộ thôn Làng Mới", "CB", "cell", 4, D_START},
	{"x_hason", "ps", "Đảng bộ xã Hạ Sơn", "ĐU", "committee", 3, D_START},
	{"cb_hs_dongbai", "x_hason", "Chi bộ thôn Đồng Bãi", "CB", "cell", 4, D_START},
	{"cb_hs_khelim", "x_hason", "Chi bộ thôn Khe Lim", "CB", "cell", 4, D_START},

	/* Created by changes, in date order. */
	{"cb_bv_cls", "cs_bvtinh", "Chi bộ Khối Cận lâm sàng", "CB", "cell", 4, "2018-01-01"},
	{"dbub", "tu", "Đảng bộ Ủy ban nhân dân tỉnh", "ĐU", "committee", 2, D_FEB25},
	{"dbub_btc", "dbub", "Ban Xây dựng Đảng Đảng ủy UBND tỉnh", "BXDĐ", "org_board", 2,
	 D_FEB25},
	{"dbub_ubkt", "dbub", "Ủy ban Kiểm tra Đảng ủy UBND tỉnh", "UBKTĐU", "inspection", 2,
	 D_FEB25},
	{"dbub_vp", "dbub", "Văn phòng Đảng ủy UBND tỉnh", "VPĐU", "office", 2, D_FEB25},
	{"dbcqd", "tu", "Đảng bộ các cơ quan Đảng tỉnh", "ĐU", "committee", 2, D_FEB25},
	{"dbcqd_btc", "dbcqd", "Ban Xây dựng Đảng Đảng ủy các cơ quan Đảng tỉnh", "BXDĐ",
	 "org_board", 2, D_FEB25},
	{"dbcqd_ubkt", "dbcqd", "Ủy ban Kiểm tra Đảng ủy các cơ quan Đảng tỉnh", "UBKTĐU",
	 "inspection", 2, D_FEB25},
	{"dbcqd_vp", "dbcqd", "Văn phòng Đảng ủy các cơ quan Đảng tỉnh", "VPĐU", "office", 2,
	 D_FEB25},
	{"tu_btgdv", "tu", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU", "propaganda", 1,
	 D_MAR25},
	{"cs_btgdv", "dbcqd", "Chi bộ Ban Tuyên giáo và Dân vận Tỉnh ủy", "CB", "committee", 3,
	 D_MAR25},
	{"x_vanha", "tu", "Đảng bộ phường Vân Hà", "ĐU", "committee", 3, D_JUL25},
	{"x_lacdien", "tu", "Đảng bộ xã Lạc Điền", "ĐU", "committee", 3, D_JUL25},
	{"x_yenhoa", "tu", "Đảng bộ xã Yên Hòa", "ĐU", "committee", 3, D_JUL25},
	{"x_phuson", "tu", "Đảng bộ xã Phú Sơn", "ĐU", "committee", 3, D_JUL25},
};
/* clang-format on */

/* ---- dated changes ---- */

#define QD_UB "Thành lập theo Quyết định số 1205-QĐ/TU ngày 31-01-2025 của Ban Thường vụ Tỉnh ủy"
#define QD_CQD "Thành lập theo Quyết định số 1206-QĐ/TU ngày 31-01-2025 của Ban Thường vụ Tỉnh ủy"
#define QD_KHOI "Theo Quyết định số 1207-QĐ/TU ngày 31-01-2025 của Ban Thường vụ Tỉnh ủy"
#define QD_TGDV "Theo Quyết định số 1251-QĐ/TU ngày 26-02-2025 của Ban Thường vụ Tỉnh ủy"
#define QD_XA "Theo Quyết định số 1498-QĐ/TU ngày 28-6-2025 của Ban Thường vụ Tỉnh ủy"

#define MOVE(d, o, t, n)                          \
	{                                         \
		d, DEMO_MOVE, o, t, NULL, NULL, n \
	}
#define MERGE(d, o, t, n)                          \
	{                                          \
		d, DEMO_MERGE, o, t, NULL, NULL, n \
	}
#define CREATE(d, o, n)                             \
	{                                           \
		d, DEMO_CREATE, o, o, NULL, NULL, n \
	}
#define DISSOLVE(d, o, n)                                \
	{                                                \
		d, DEMO_DISSOLVE, o, NULL, NULL, NULL, n \
	}

/* clang-format off */
static const struct demo_change changes[] = {
	{"2018-01-01", DEMO_SPLIT, "cb_bv_noi", "cb_bv_cls", NULL, NULL,
	 "Tách các khoa cận lâm sàng khỏi Chi bộ Khối Nội theo Quyết định của Đảng ủy Bệnh viện"},
	{"2018-07-01", DEMO_RENAME, "cs_moitruong", NULL,
	 "Chi bộ Công ty Cổ phần Môi trường đô thị Sơn Nam", NULL,
	 "Đổi tên sau khi công ty hoàn thành cổ phần hóa"},

	/* 1 February 2025: the blocs end. */
	CREATE(D_FEB25, "dbub", QD_UB),
	CREATE(D_FEB25, "dbub_btc", "Cơ quan tham mưu, giúp việc của Đảng ủy UBND tỉnh"),
	CREATE(D_FEB25, "dbub_ubkt",
	       "Bầu tại hội nghị Ban Chấp hành Đảng bộ UBND tỉnh lần thứ nhất"),
	CREATE(D_FEB25, "dbub_vp", "Cơ quan tham mưu, giúp việc của Đảng ủy UBND tỉnh"),
	CREATE(D_FEB25, "dbcqd", QD_CQD),
	CREATE(D_FEB25, "dbcqd_btc",
	       "Cơ quan tham mưu, giúp việc của Đảng ủy các cơ quan Đảng tỉnh"),
	CREATE(D_FEB25, "dbcqd_ubkt",
	       "Bầu tại hội nghị Ban Chấp hành Đảng bộ các cơ quan Đảng tỉnh lần thứ nhất"),
	CREATE(D_FEB25, "dbcqd_vp",
	       "Cơ quan tham mưu, giúp việc của Đảng ủy các cơ quan Đảng tỉnh"),
	MOVE(D_FEB25, "cs_dienluc", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_capnuoc", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_tctxd", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_moitruong", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_vpubnd", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_snv", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_stc", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_skhdt", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_sgddt", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_syt", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_bvtinh", "dbub", QD_KHOI),
	MOVE(D_FEB25, "cs_vptu", "dbcqd", QD_KHOI),
	MOVE(D_FEB25, "cs_btctu", "dbcqd", QD_KHOI),
	MOVE(D_FEB25, "cs_ubkttu", "dbcqd", QD_KHOI),
	MOVE(D_FEB25, "cs_btgtu", "dbcqd", QD_KHOI),
	MOVE(D_FEB25, "cs_bdvtu", "dbcqd", QD_KHOI),
	MOVE(D_FEB25, "cs_mttq", "dbcqd", QD_KHOI),
	MOVE(D_FEB25, "cs_vphdnd", "dbcqd", QD_KHOI),
	DISSOLVE(D_FEB25, "duk_btc", QD_KHOI),
	DISSOLVE(D_FEB25, "duk_ubkt", QD_KHOI),
	DISSOLVE(D_FEB25, "duk_vp", QD_KHOI),
	DISSOLVE(D_FEB25, "duk", "Giải thể Đảng bộ Khối Doanh nghiệp tỉnh; " QD_KHOI),
	DISSOLVE(D_FEB25, "kcq", "Giải thể Đảng bộ Khối các cơ quan tỉnh; " QD_KHOI),
	DISSOLVE(D_FEB25, "bcsd_ubnd",
		 "Kết thúc hoạt động theo Kết luận số 121-KL/TW ngày 24-01-2025 của Ban Chấp hành "
		 "Trung ương"),
	DISSOLVE(D_FEB25, "dd_mttq",
		 "Kết thúc hoạt động theo Kết luận số 121-KL/TW ngày 24-01-2025 của Ban Chấp hành "
		 "Trung ương"),

	/* 1 March 2025: advisory bodies and departments merged. */
	CREATE(D_MAR25, "tu_btgdv", "Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy; " QD_TGDV),
	CREATE(D_MAR25, "cs_btgdv", "Hợp nhất hai chi bộ theo tổ chức bộ máy mới"),
	MERGE(D_MAR25, "tu_btg", "tu_btgdv", QD_TGDV),
	MERGE(D_MAR25, "tu_bdv", "tu_btgdv", QD_TGDV),
	MERGE(D_MAR25, "cs_btgtu", "cs_btgdv", "Hợp nhất theo tổ chức bộ máy mới"),
	MERGE(D_MAR25, "cs_bdvtu", "cs_btgdv", "Hợp nhất theo tổ chức bộ máy mới"),
	MERGE(D_MAR25, "skhdt", "stc",
	      "Hợp nhất Sở Kế hoạch và Đầu tư vào Sở Tài chính theo Nghị quyết của HĐND tỉnh"),
	MERGE(D_MAR25, "cs_skhdt", "cs_stc",
	      "Hợp nhất theo việc hợp nhất Sở Kế hoạch và Đầu tư vào Sở Tài chính"),

	/* 1 July 2025: no district level; communes merged under the Tỉnh ủy. */
	CREATE(D_JUL25, "x_vanha",
	       "Thành lập trên cơ sở hợp nhất phường Đông Thành, Tây Thành, Nam Hà; " QD_XA),
	CREATE(D_JUL25, "x_lacdien",
	       "Thành lập trên cơ sở hợp nhất thị trấn Lạc Điền, xã Lạc Thủy, xã Lạc Hưng; " QD_XA),
	CREATE(D_JUL25, "x_yenhoa",
	       "Thành lập trên cơ sở hợp nhất xã Điền Xá, Yên Phú, Hòa Lạc; " QD_XA),
	CREATE(D_JUL25, "x_phuson",
	       "Thành lập trên cơ sở hợp nhất thị trấn Phú Sơn, xã Sơn Thủy, xã Phú Lộc; " QD_XA),
	MOVE(D_JUL25, "x_bacha", "tu", "Trực thuộc Tỉnh ủy; " QD_XA),
	MOVE(D_JUL25, "x_tanphong", "tu", "Trực thuộc Tỉnh ủy, giữ nguyên địa giới; " QD_XA),
	MOVE(D_JUL25, "x_thuongson", "tu", "Trực thuộc Tỉnh ủy; " QD_XA),
	{D_JUL25, DEMO_RENAME, "x_thuongson", NULL, "Đảng bộ xã Sơn Hà", NULL,
	 "Đổi tên sau khi nhập xã Hạ Sơn; " QD_XA},
	MOVE(D_JUL25, "cb_dt_bachdang", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_dt_leloi", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_dt_chodong", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_tt_hoabinh", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_tt_thanhcong", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_nh_tranphu", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_nh_namson", "x_vanha", QD_XA),
	MOVE(D_JUL25, "cb_vt_vantien", "x_bacha", QD_XA),
	MOVE(D_JUL25, "cb_vt_donglac", "x_bacha", QD_XA),
	MOVE(D_JUL25, "cb_ld_tanlap", "x_lacdien", QD_XA),
	MOVE(D_JUL25, "cb_ld_quangtrung", "x_lacdien", QD_XA),
	MOVE(D_JUL25, "cb_lt_thuynguyen", "x_lacdien", QD_XA),
	MOVE(D_JUL25, "cb_lt_dongthuy", "x_lacdien", QD_XA),
	MOVE(D_JUL25, "cb_lh_hungdao", "x_lacdien", QD_XA),
	MOVE(D_JUL25, "cb_lh_phuhung", "x_lacdien", QD_XA),
	MOVE(D_JUL25, "cb_dx_dientrung", "x_yenhoa", QD_XA),
	MOVE(D_JUL25, "cb_dx_xathuong", "x_yenhoa", QD_XA),
	MOVE(D_JUL25, "cb_yp_yenthinh", "x_yenhoa", QD_XA),
	MOVE(D_JUL25, "cb_yp_phumy", "x_yenhoa", QD_XA),
	MOVE(D_JUL25, "cb_hl_lacthanh", "x_yenhoa", QD_XA),
	MOVE(D_JUL25, "cb_hl_hoaxuan", "x_yenhoa", QD_XA),
	MOVE(D_JUL25, "cb_ps_phuthinh", "x_phuson", QD_XA),
	MOVE(D_JUL25, "cb_ps_doiche", "x_phuson", QD_XA),
	MOVE(D_JUL25, "cb_st_khemat", "x_phuson", QD_XA),
	MOVE(D_JUL25, "cb_st_nason", "x_phuson", QD_XA),
	MOVE(D_JUL25, "cb_pl_locthuong", "x_phuson", QD_XA),
	MOVE(D_JUL25, "cb_pl_locha", "x_phuson", QD_XA),
	MOVE(D_JUL25, "cb_hs_dongbai", "x_thuongson", QD_XA),
	MOVE(D_JUL25, "cb_hs_khelim", "x_thuongson", QD_XA),
	MOVE(D_JUL25, "cs_thpt_vanha", "dbub",
	     "Chuyển về Đảng bộ UBND tỉnh khi kết thúc hoạt động cấp huyện"),
	MOVE(D_JUL25, "cs_ttyt_vanha", "dbub",
	     "Chuyển về Đảng bộ UBND tỉnh khi kết thúc hoạt động cấp huyện"),
	MERGE(D_JUL25, "x_dongthanh", "x_vanha", QD_XA),
	MERGE(D_JUL25, "x_taythanh", "x_vanha", QD_XA),
	MERGE(D_JUL25, "x_namha", "x_vanha", QD_XA),
	MERGE(D_JUL25, "x_vantien", "x_bacha", "Nhập xã Vân Tiên vào phường Bắc Hà; " QD_XA),
	MERGE(D_JUL25, "x_ttlacdien", "x_lacdien", QD_XA),
	MERGE(D_JUL25, "x_lacthuy", "x_lacdien", QD_XA),
	MERGE(D_JUL25, "x_lachung", "x_lacdien", QD_XA),
	MERGE(D_JUL25, "x_dienxa", "x_yenhoa", QD_XA),
	MERGE(D_JUL25, "x_yenphu", "x_yenhoa", QD_XA),
	MERGE(D_JUL25, "x_hoalac", "x_yenhoa", QD_XA),
	MERGE(D_JUL25, "x_ttphuson", "x_phuson", QD_XA),
	MERGE(D_JUL25, "x_sonthuy", "x_phuson", QD_XA),
	MERGE(D_JUL25, "x_phuloc", "x_phuson", QD_XA),
	MERGE(D_JUL25, "x_hason", "x_thuongson",
	      "Nhập xã Hạ Sơn vào xã Thượng Sơn (nay là xã Sơn Hà); " QD_XA),
	DISSOLVE(D_JUL25, "tp_btc", QD_XA),
	DISSOLVE(D_JUL25, "tp_ubkt", QD_XA),
	DISSOLVE(D_JUL25, "tp_vp", QD_XA),
	DISSOLVE(D_JUL25, "tp", "Kết thúc hoạt động của Đảng bộ thành phố Vân Hà; " QD_XA),
	DISSOLVE(D_JUL25, "ld_btc", QD_XA),
	DISSOLVE(D_JUL25, "ld_ubkt", QD_XA),
	DISSOLVE(D_JUL25, "ld_vp", QD_XA),
	DISSOLVE(D_JUL25, "ld", "Kết thúc hoạt động của Đảng bộ huyện Lạc Điền; " QD_XA),
	DISSOLVE(D_JUL25, "ps_btc", QD_XA),
	DISSOLVE(D_JUL25, "ps_ubkt", QD_XA),
	DISSOLVE(D_JUL25, "ps_vp", QD_XA),
	DISSOLVE(D_JUL25, "ps", "Kết thúc hoạt động của Đảng bộ huyện Phú Sơn; " QD_XA),
	/* The socio-political organizations come under the Fatherland Front
	 * (approximate date for the demo). */
	MOVE(D_JUL25, "tinhdoan", "mttq", "Trực thuộc Ủy ban MTTQ Việt Nam tỉnh"),
	MOVE(D_JUL25, "hlhpn", "mttq", "Trực thuộc Ủy ban MTTQ Việt Nam tỉnh"),
	MOVE(D_JUL25, "hnd", "mttq", "Trực thuộc Ủy ban MTTQ Việt Nam tỉnh"),
	MOVE(D_JUL25, "hccb", "mttq", "Trực thuộc Ủy ban MTTQ Việt Nam tỉnh"),
	MOVE(D_JUL25, "ldld", "mttq", "Trực thuộc Ủy ban MTTQ Việt Nam tỉnh"),
};
/* clang-format on */

/* ---- documents ---- */

/* clang-format off */
static const struct demo_document documents[] = {
	/* Central. Numbers, dates and issuers as published. */
	{"d_dh12", "NQ", "", "2016-01-28", "tw",
	 "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng"},
	{"d_dh13", "NQ", "", "2021-02-01", "tw",
	 "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"},
	{"d_12nq", "NQ", "12-NQ/TW", "2012-01-16", "tw",
	 "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XI “Một số vấn đề cấp "
	 "bách về xây dựng Đảng hiện nay”"},
	{"d_04nq", "NQ", "04-NQ/TW", "2016-10-30", "tw",
	 "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII về tăng cường xây "
	 "dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, "
	 "lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ"},
	{"d_05ct", "CT", "05-CT/TW", "2016-05-15", "bct",
	 "Chỉ thị của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách "
	 "Hồ Chí Minh"},
	{"d_35ct", "CT", "35-CT/TW", "2019-05-30", "bct",
	 "Chỉ thị của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc "
	 "lần thứ XIII của Đảng"},
	{"d_101qd", "QĐ", "101-QĐ/TW", "2012-06-07", "bbt",
	 "Quy định của Ban Bí thư về trách nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ "
	 "lãnh đạo chủ chốt các cấp"},
	{"d_55qd", "QĐ", "55-QĐ/TW", "2016-12-19", "bct",
	 "Quy định của Bộ Chính trị về một số việc cần làm ngay để tăng cường vai trò nêu gương "
	 "của cán bộ, đảng viên"},
	{"d_36hd", "HD", "36-HD/VPTW", "2018-04-03", "vptw",
	 "Hướng dẫn thể thức và kỹ thuật trình bày văn bản của Đảng"},
	{"d_132qd", "QĐ", "132-QĐ/TW", "2018-03-08", "bct",
	 "Quy định của Bộ Chính trị về việc kiểm điểm và đánh giá, xếp loại chất lượng hằng năm "
	 "đối với tập thể, cá nhân trong hệ thống chính trị"},
	{"d_08qdi", "QĐi", "08-QĐi/TW", "2018-10-25", "tw",
	 "Quy định về trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là Ủy viên Bộ Chính "
	 "trị, Ủy viên Ban Bí thư, Ủy viên Ban Chấp hành Trung ương"},
	{"d_18nq", "NQ", "18-NQ/TW", "2017-10-25", "tw",
	 "Nghị quyết Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII một số vấn đề về "
	 "tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu "
	 "lực, hiệu quả"},
	{"d_124qd", "QĐ", "124-QĐ/TW", "2023-10-04", "bct",
	 "Quy định của Bộ Chính trị về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với "
	 "tập thể, cá nhân trong hệ thống chính trị"},
	{"d_121kl", "KL", "121-KL/TW", "2025-01-24", "tw",
	 "Kết luận của Ban Chấp hành Trung ương Đảng về tổng kết Nghị quyết số 18-NQ/TW một số vấn "
	 "đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt "
	 "động hiệu lực, hiệu quả"},
	{"d_60nq", "NQ", "60-NQ/TW", "2025-04-12", "tw",
	 "Nghị quyết Hội nghị lần thứ mười một Ban Chấp hành Trung ương Đảng khóa XIII về sắp xếp "
	 "đơn vị hành chính và tổ chức bộ máy của hệ thống chính trị"},
	/* 366-QĐ/TW: the date is as we understand it (late August 2025). */
	{"d_366qd", "QĐ", "366-QĐ/TW", "2025-08-30", "bct",
	 "Quy định của Bộ Chính trị về kiểm điểm, đánh giá, xếp loại chất lượng đối với tập thể, "
	 "cá nhân trong hệ thống chính trị"},

	/* Provincial. Numbers and dates of 03-CT/TU, 316-KH/TU and 162-KH/TU
	 * are the ones the seeds cite; the seeds come from different provinces,
	 * so one register would not really give the 2019 plan (162) a smaller
	 * number than the 2018 one (316). The dates of 01-HD/TU and
	 * 2749-CV/BTCTU are plausible guesses; the numbers 28-HD/TU, 1205–1207,
	 * 1251 and 1498-QĐ/TU and 04-HD/TU are invented for the demo. */
	{"d_dhtu16", "NQ", "", "2015-10-17", "tu",
	 "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Sơn Nam lần thứ XVI, nhiệm kỳ 2015 – 2020"},
	{"d_03ct_tu", "CT", "03-CT/TU", "2015-11-15", "tu",
	 "Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường giám sát việc thực hiện “Nói đi đôi với "
	 "làm” đối với cấp ủy viên, người đứng đầu các cấp, các ngành và cơ sở trong tỉnh"},
	{"d_01hd_tu", "HD", "01-HD/TU", "2016-08-15", "tu",
	 "Hướng dẫn của Ban Thường vụ Tỉnh ủy về thực hiện quy định của Ban Bí thư về trách nhiệm "
	 "nêu gương của cán bộ, đảng viên, nhất là cán bộ chủ chốt, người đứng đầu các cấp gắn với "
	 "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"},
	{"d_2749cv", "CV", "2749-CV/BTCTU", "2017-06-05", "tu_btc",
	 "Công văn của Ban Tổ chức Tỉnh ủy về hướng dẫn cách thức xây dựng kế hoạch hành động thực "
	 "hiện Nghị quyết Đại hội XII của Đảng"},
	{"d_316kh", "KH", "316-KH/TU", "2018-05-04", "tu",
	 "Kế hoạch của Ban Thường vụ Tỉnh ủy về sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội "
	 "đảng các cấp, nhiệm kỳ 2015 – 2020"},
	{"d_162kh", "KH", "162-KH/TU", "2019-08-23", "tu",
	 "Kế hoạch của Ban Thường vụ Tỉnh ủy về tổ chức đại hội đảng bộ cấp cơ sở và cấp trên cơ "
	 "sở, tiến tới Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2020 – 2025"},
	{"d_28hd_tu", "HD", "28-HD/TU", "2019-11-20", "tu",
	 "Hướng dẫn của Ban Thường vụ Tỉnh ủy xây dựng dự thảo Chương trình hành động trình đại "
	 "hội đảng bộ cấp cơ sở và cấp trên cơ sở nhiệm kỳ 2020 – 2025"},
	{"d_dhtu17", "NQ", "", "2020-10-15", "tu",
	 "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Sơn Nam lần thứ XVII, nhiệm kỳ 2020 – 2025"},
	{"d_1205qd", "QĐ", "1205-QĐ/TU", "2025-01-31", "tu",
	 "Quyết định của Ban Thường vụ Tỉnh ủy về việc thành lập Đảng bộ Ủy ban nhân dân tỉnh"},
	{"d_1206qd", "QĐ", "1206-QĐ/TU", "2025-01-31", "tu",
	 "Quyết định của Ban Thường vụ Tỉnh ủy về việc thành lập Đảng bộ các cơ quan Đảng tỉnh"},
	{"d_1207qd", "QĐ", "1207-QĐ/TU", "2025-01-31", "tu",
	 "Quyết định của Ban Thường vụ Tỉnh ủy về việc giải thể Đảng bộ Khối các cơ quan tỉnh và "
	 "Đảng bộ Khối Doanh nghiệp tỉnh, chuyển các tổ chức đảng trực thuộc"},
	{"d_1251qd", "QĐ", "1251-QĐ/TU", "2025-02-26", "tu",
	 "Quyết định của Ban Thường vụ Tỉnh ủy về việc thành lập Ban Tuyên giáo và Dân vận Tỉnh ủy "
	 "trên cơ sở hợp nhất Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy"},
	{"d_1498qd", "QĐ", "1498-QĐ/TU", "2025-06-28", "tu",
	 "Quyết định của Ban Thường vụ Tỉnh ủy về việc kết thúc hoạt động của các đảng bộ huyện, "
	 "thành phố; thành lập đảng bộ các xã, phường mới trực thuộc Tỉnh ủy"},
	{"d_04hd_tu", "HD", "04-HD/TU", "2025-11-20", "tu",
	 "Hướng dẫn của Ban Thường vụ Tỉnh ủy về kiểm điểm, đánh giá, xếp loại chất lượng tập thể, "
	 "cá nhân năm 2025"},

	/* The Khối Doanh nghiệp (numbers and dates as the seeds cite them; the
	 * congress date, 02-HD/ĐUK's and 203-CV/BTCĐUK's dates are plausible
	 * guesses and 65-KH/ĐUK's number is invented). */
	{"d_dhduk2", "NQ", "", "2015-07-25", "duk",
	 "Nghị quyết Đại hội đại biểu Đảng bộ Khối Doanh nghiệp tỉnh lần thứ II, nhiệm kỳ 2015 – "
	 "2020"},
	{"d_03nq_duk", "NQ", "03-NQ/ĐUK", "2016-04-12", "duk",
	 "Nghị quyết của Ban Chấp hành Đảng bộ Khối về “Nâng cao chất lượng học tập chỉ thị, nghị "
	 "quyết đáp ứng yêu cầu mới”"},
	{"d_04nq_duk", "NQ", "04-NQ/ĐUK", "2016-07-11", "duk",
	 "Nghị quyết của Ban Chấp hành Đảng bộ Khối về “Đổi mới lề lối, tác phong làm việc của cán "
	 "bộ, đảng viên, người lao động”"},
	{"d_02hd_duk", "HD", "02-HD/ĐUK", "2016-09-20", "duk",
	 "Hướng dẫn của Ban Thường vụ Đảng ủy Khối về thực hiện quy định của Ban Bí thư về trách "
	 "nhiệm nêu gương của cán bộ, đảng viên, nhất là cán bộ chủ chốt, người đứng đầu các cấp"},
	{"d_43kl_duk", "KL", "43-KL/ĐUK", "2016-10-26", "duk",
	 "Kết luận của Ban Thường vụ Đảng ủy Khối về “Tăng cường xây dựng mối quan hệ lao động hài "
	 "hòa giữa người quản lý và người lao động”"},
	{"d_44kl_duk", "KL", "44-KL/ĐUK", "2016-11-01", "duk",
	 "Kết luận của Ban Thường vụ Đảng ủy Khối về “Tiếp tục đẩy mạnh ứng dụng khoa học công "
	 "nghệ giai đoạn 2016 – 2020”"},
	{"d_05nq_duk", "NQ", "05-NQ/ĐUK", "2016-12-08", "duk",
	 "Nghị quyết của Ban Chấp hành Đảng bộ Khối về “Nâng cao chất lượng sinh hoạt chi bộ phù "
	 "hợp với tính đặc thù hoạt động của doanh nghiệp”"},
	{"d_203cv", "CV", "203-CV/BTCĐUK", "2017-06-20", "duk_btc",
	 "Công văn của Ban Tổ chức Đảng ủy Khối về hướng dẫn cách thức xây dựng kế hoạch hành động "
	 "thực hiện Nghị quyết Đại hội XII của Đảng"},
	{"d_65kh_duk", "KH", "65-KH/ĐUK", "2018-05-25", "duk",
	 "Kế hoạch sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ Khối Doanh nghiệp lần "
	 "thứ II và đại hội đảng cấp cơ sở nhiệm kỳ 2015 – 2020"},
};
/* clang-format on */

/* clang-format off */
static const struct demo_document_link links[] = {
	{"d_04nq", "d_dh12", "based_on"},         {"d_55qd", "d_04nq", "implements"},
	{"d_121kl", "d_18nq", "based_on"},        {"d_124qd", "d_132qd", "replaces"},
	{"d_366qd", "d_124qd", "replaces"},       {"d_03ct_tu", "d_dhtu16", "based_on"},
	{"d_01hd_tu", "d_101qd", "implements"},   {"d_01hd_tu", "d_05ct", "based_on"},
	{"d_2749cv", "d_dh12", "based_on"},       {"d_316kh", "d_dhtu16", "based_on"},
	{"d_162kh", "d_35ct", "implements"},      {"d_28hd_tu", "d_162kh", "implements"},
	{"d_28hd_tu", "d_35ct", "based_on"},      {"d_1205qd", "d_121kl", "based_on"},
	{"d_1206qd", "d_121kl", "based_on"},      {"d_1207qd", "d_121kl", "based_on"},
	{"d_1251qd", "d_121kl", "based_on"},      {"d_1498qd", "d_60nq", "based_on"},
	{"d_04hd_tu", "d_366qd", "implements"},   {"d_03nq_duk", "d_dhduk2", "implements"},
	{"d_04nq_duk", "d_dhduk2", "implements"}, {"d_05nq_duk", "d_dhduk2", "implements"},
	{"d_44kl_duk", "d_dhduk2", "implements"}, {"d_02hd_duk", "d_01hd_tu", "implements"},
	{"d_203cv", "d_01hd_tu", "based_on"},     {"d_203cv", "d_02hd_duk", "based_on"},
	{"d_203cv", "d_2749cv", "based_on"},      {"d_203cv", "d_dh12", "implements"},
	{"d_65kh_duk", "d_316kh", "based_on"},    {"d_65kh_duk", "d_dhduk2", "implements"},
};
/* clang-format on */

/* ---- key people (external ids are filled in by the builder) ---- */

/* clang-format off */
static const struct demo_person key_people[] = {
	/* Provincial leaders. */
	{"p_bt1", "Nguyễn Văn An", 1955, "nam", "cb_dt_bachdang", "cb_dt_bachdang", NULL, true,
	 NULL},
	{"p_bt2", "Lê Đức Thắng", 1966, "nam", "cb_vptu_th", "cb_dt_leloi", "bct", false, NULL},
	{"p_pbttt", "Trần Thị Bích Hằng", 1968, "nu", "cb_vptu_th", "cb_tt_hoabinh", "bct", false,
	 NULL},
	{"p_cthd1", "Phạm Văn Hùng", 1956, "nam", "cb_nh_tranphu", "cb_nh_tranphu", NULL, true,
	 NULL},
	{"p_ctub2", "Hoàng Minh Tuấn", 1970, "nam", "cs_vpubnd", "cb_bh_bendo", "bct", false, NULL},
	{"p_pctubtt", "Đỗ Quang Vinh", 1969, "nam", "cs_vpubnd", "cb_tt_thanhcong", "tu", false,
	 NULL},
	{"p_pctub2", "Vũ Thị Thu Hà", 1975, "nu", "cs_stc", "cb_nh_namson", "tu", false, NULL},
	{"p_pcthd", "Bùi Văn Dũng", 1967, "nam", "cs_vphdnd", "cb_dt_chodong", "tu", false, NULL},
	{"p_tbtc", "Ngô Quang Huy", 1971, "nam", "cs_btctu", "cb_bh_dinhbac", "tu", false, NULL},
	{"p_pbtc", "Đặng Thị Lan", 1974, "nu", "cs_btctu", "cb_tt_hoabinh", "tu", false, NULL},
	{"p_cvbtc", "Phan Thu Trang", 1990, "nu", "cs_btctu", "cb_dt_leloi", NULL, false, NULL},
	{"p_cnubkt", "Trịnh Văn Lâm", 1967, "nam", "cs_ubkttu", "cb_nh_tranphu", "tu", false, NULL},
	{"p_pcnubkt", "Mai Thị Hồng", 1972, "nu", "cs_ubkttu", "cb_dt_chodong", "tu", false, NULL},
	{"p_tbtg", "Dương Văn Khải", 1969, "nam", "cs_btgdv", "cb_bh_bendo", "tu", false, NULL},
	{"p_pbtg", "Lê Thị Minh Nguyệt", 1976, "nu", "cs_btgdv", "cb_tt_thanhcong", "tu", false,
	 NULL},
	{"p_tbdv", "Hồ Sỹ Long", 1965, "nam", "cs_btgdv", "cb_nh_namson", "tu", false, NULL},
	{"p_pbdv", "Cao Thị Ngọc Ánh", 1978, "nu", "cs_btgdv", "cb_dt_bachdang", "tu", false, NULL},
	{"p_cvp", "Phạm Minh Đức", 1972, "nam", "cb_vptu_th", "cb_bh_dinhbac", "tu", false, NULL},
	{"p_pcvp", "Tạ Thị Thu Hương", 1977, "nu", "cb_vptu_hc", "cb_dt_leloi", "dbcqd", false,
	 NULL},
	{"p_admin", "Lương Văn Toàn", 1990, "nam", "cb_vptu_hc", "cb_tt_hoabinh", NULL, false,
	 NULL},
	{"p_gdsnv", "Đinh Văn Phú", 1970, "nam", "cs_snv", "cb_dt_chodong", "tu", false, NULL},
	{"p_gdstc", "Nguyễn Quốc Bảo", 1973, "nam", "cs_stc", "cb_bh_dinhbac", "tu", false, NULL},
	{"p_gdskhdt", "Trần Văn Quyết", 1968, "nam", "cs_stc", "cb_nh_tranphu", "tu", false, NULL},
	{"p_gdsgd", "Hà Thị Kim Oanh", 1971, "nu", "cb_sgd_vp", "cb_tt_thanhcong", "tu", false,
	 NULL},
	{"p_gdsyt", "Nguyễn Đình Khôi", 1966, "nam", "cs_syt", "cb_nh_namson", "tu", false, NULL},
	{"p_ctmttq", "Võ Văn Tư", 1964, "nam", "cs_mttq", "cb_bh_bendo", "tu", false, NULL},
	{"p_btdoan", "Lê Hoàng Nam", 1986, "nam", "cs_mttq", "cb_dt_leloi", "tu", false, NULL},
	{"p_cthpn", "Nguyễn Thị Mai Phương", 1974, "nu", "cs_mttq", "cb_tt_hoabinh", "tu", false,
	 NULL},
	{"p_cthnd", "Trần Văn Lực", 1967, "nam", "cs_mttq", "cb_nh_tranphu", "tu", false, NULL},
	{"p_cthccb", "Đặng Văn Kháng", 1958, "nam", "cs_mttq", "cb_dt_chodong", "tu", false, NULL},
	{"p_ctldld", "Phạm Thị Hoa", 1970, "nu", "cs_mttq", "cb_bh_dinhbac", "tu", false, NULL},

	/* The two blocs, later the two new đảng bộ. */
	{"p_bt_kcq", "Đoàn Minh Hải", 1966, "nam", "cb_vptu_hc", "cb_nh_namson", "tu", false, NULL},
	{"p_pbt_kcq", "Nguyễn Thị Lệ Thu", 1973, "nu", "cb_vptu_hc", "cb_dt_bachdang", "tu", false,
	 NULL},
	{"p_uv_kcq", "Hoàng Văn Tiến", 1975, "nam", "cb_vptu_th", "cb_bh_bendo", "tu", false, NULL},
	{"p_bt_duk", "Nguyễn Văn Chiến", 1967, "nam", "cs_vpubnd", "cb_tt_thanhcong", "tu", false,
	 NULL},
	{"p_pbt_duk", "Lê Thị Hằng Nga", 1972, "nu", "cs_vpubnd", "cb_dt_bachdang", "tu", false,
	 NULL},
	{"p_tbtc_duk", "Vương Đình Trọng", 1974, "nam", "cs_vpubnd", "cb_tt_thanhcong", "dbub",
	 false, NULL},
	{"p_cnubkt_duk", "Tống Văn Hiệp", 1970, "nam", "cs_vpubnd", "cb_nh_tranphu", "dbub", false,
	 NULL},
	{"p_cvp_duk", "Nguyễn Thị Hồng Nhung", 1980, "nu", "cs_vpubnd", "cb_bh_dinhbac", "dbub",
	 false, NULL},
	{"p_cv_btcduk", "Phan Văn Tài", 1987, "nam", "cs_vpubnd", "cb_dt_leloi", NULL, false, NULL},

	/* Thành ủy Vân Hà. */
	{"p_tp_bt", "Lê Văn Cường", 1970, "nam", "cb_dt_chodong", "cb_dt_chodong", "tu", false,
	 NULL},
	{"p_tp_pbt", "Trần Thị Thanh Tâm", 1975, "nu", "cb_bh_bendo", "cb_bh_bendo", "tu", false,
	 NULL},
	{"p_tp_ct", "Nguyễn Mạnh Hà", 1973, "nam", "cb_nh_namson", "cb_nh_namson", "tu", false,
	 NULL},
	{"p_tp_btc", "Đỗ Thị Hạnh", 1976, "nu", "cb_tt_thanhcong", "cb_tt_thanhcong", "tu", false,
	 NULL},
	{"p_tp_ubkt", "Phan Đình Quý", 1968, "nam", "cb_nh_tranphu", "cb_nh_tranphu", "tu", false,
	 NULL},
	{"p_tp_vp", "Nguyễn Thị Kim Dung", 1980, "nu", "cb_vptu_hc", "cb_dt_leloi", "tu", false,
	 NULL},

	/* Huyện ủy Lạc Điền. */
	{"p_ld_bt1", "Nguyễn Đức Hạnh", 1957, "nam", "cb_ld_tanlap", "cb_ld_tanlap", NULL, true,
	 NULL},
	{"p_ld_bt2", "Đào Xuân Trường", 1972, "nam", "cb_lt_thuynguyen", "cb_lt_thuynguyen", "tu",
	 false, NULL},
	{"p_ld_pbt2", "Phạm Ngọc Sơn", 1976, "nam", "cb_yp_yenthinh", "cb_yp_yenthinh", "tu", false,
	 NULL},
	{"p_ld_btc2", "Lê Thị Thúy Nga", 1980, "nu", "cb_dx_dientrung", "cb_dx_dientrung", "tu",
	 false, NULL},
	{"p_ld_ct", "Vũ Văn Thuận", 1971, "nam", "cb_lh_hungdao", "cb_lh_hungdao", "tu", false,
	 NULL},
	{"p_ld_ubkt", "Trương Công Định", 1967, "nam", "cb_ld_quangtrung", "cb_ld_quangtrung", "tu",
	 false, NULL},
	{"p_ld_vp", "Nguyễn Văn Lợi", 1978, "nam", "cb_ld_tanlap", "cb_ld_tanlap", "tu", false,
	 NULL},

	/* Huyện ủy Phú Sơn. */
	{"p_ps_bt", "Hoàng Trung Kiên", 1969, "nam", "cs_btctu", "cb_ps_phuthinh", "tu", false,
	 NULL},
	{"p_ps_pbt", "Hà Văn Nghĩa", 1974, "nam", "cb_ps_doiche", "cb_ps_doiche", "tu", false,
	 NULL},
	{"p_ps_ct", "Lò Thị Xuân", 1977, "nu", "cb_st_khemat", "cb_st_khemat", "tu", false, NULL},
	{"p_ps_btc", "Đinh Công Tráng", 1972, "nam", "cb_ts_bancai", "cb_ts_bancai", "tu", false,
	 NULL},
	{"p_ps_ubkt", "Lê Thị Ngân", 1979, "nu", "cb_pl_locthuong", "cb_pl_locthuong", "tu", false,
	 NULL},
	{"p_ps_vp", "Sầm Văn Hải", 1981, "nam", "cb_tph_phongnien", "cb_tph_phongnien", "tu", false,
	 NULL},

	/* Xã Tân Phong: the base-org and cell secretaries of the demo. */
	{"p_bithu_xa", "Nguyễn Thế Hiển", 1975, "nam", "cb_tph_dongxuan", "cb_tph_dongxuan", "tu",
	 false, NULL},
	{"p_bithu_chibo", "Phạm Thị Huệ", 1970, "nu", "cb_tph_dongxuan", "cb_tph_dongxuan", NULL,
	 false, NULL},
};
/* clang-format on */

/* ---- key positions ---- */

#define BTV_TU "Ủy viên Ban Thường vụ Tỉnh ủy"
#define BTV_UB "Ủy viên Ban Thường vụ Đảng ủy UBND tỉnh"
#define BTV_CQD "Ủy viên Ban Thường vụ Đảng ủy các cơ quan Đảng tỉnh"
#define RET "Đảng viên (nghỉ hưu)"

/* clang-format off */
static const struct demo_position key_positions[] = {
	/* Tỉnh ủy and the province's bodies. */
	{"p_bt1", "tu", "head", "Bí thư Tỉnh ủy", D_START, D_PROV20},
	{"p_bt1", "cb_dt_bachdang", "member", RET, "2020-11-01", NULL},
	{"p_bt2", "tu", "deputy", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", D_START, D_PROV20},
	{"p_bt2", "ubnd", "head", "Chủ tịch UBND tỉnh", D_START, D_PROV20},
	{"p_bt2", "bcsd_ubnd", "head", "Bí thư Ban cán sự đảng UBND tỉnh", D_START, D_PROV20},
	{"p_bt2", "tu", "head", "Bí thư Tỉnh ủy", D_PROV20, NULL},
	{"p_bt2", "hdnd", "head", "Chủ tịch HĐND tỉnh", D_HDND21, NULL},
	{"p_bt2", "dd_hdnd", "head", "Bí thư Đảng đoàn HĐND tỉnh", D_HDND21, NULL},
	{"p_pbttt", "tu", "deputy", "Phó Bí thư Thường trực Tỉnh ủy", D_START, NULL},
	{"p_pbttt", "dbcqd", "head", "Bí thư Đảng ủy các cơ quan Đảng tỉnh", D_FEB25, NULL},
	{"p_cthd1", "tu", "deputy", "Phó Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh", D_START, D_PROV20},
	{"p_cthd1", "hdnd", "head", "Chủ tịch HĐND tỉnh", D_START, D_HDND21},
	{"p_cthd1", "dd_hdnd", "head", "Bí thư Đảng đoàn HĐND tỉnh", D_START, D_HDND21},
	{"p_cthd1", "cb_nh_tranphu", "member", RET, "2021-08-01", NULL},
	{"p_ctub2", "ubnd", "deputy", "Phó Chủ tịch UBND tỉnh", D_START, D_PROV20},
	{"p_ctub2", "tu", "standing", BTV_TU, D_START, D_PROV20},
	{"p_ctub2", "bcsd_ubnd", "committee", "Ủy viên Ban cán sự đảng UBND tỉnh", D_START,
	 D_PROV20},
	{"p_ctub2", "tu", "deputy", "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", D_PROV20, NULL},
	{"p_ctub2", "ubnd", "head", "Chủ tịch UBND tỉnh", D_PROV20, NULL},
	{"p_ctub2", "bcsd_ubnd", "head", "Bí thư Ban cán sự đảng UBND tỉnh", D_PROV20, D_FEB25},
	{"p_ctub2", "dbub", "head", "Bí thư Đảng ủy UBND tỉnh", D_FEB25, NULL},
	{"p_pctubtt", "ubnd", "deputy", "Phó Chủ tịch Thường trực UBND tỉnh", D_START, NULL},
	{"p_pctubtt", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_pctubtt", "bcsd_ubnd", "deputy", "Phó Bí thư Ban cán sự đảng UBND tỉnh", D_START,
	 D_FEB25},
	{"p_pctubtt", "dbub", "standing", BTV_UB, D_FEB25, NULL},
	{"p_pctub2", "stc", "head", "Giám đốc Sở Tài chính", D_START, D_PROV20},
	{"p_pctub2", "ubnd", "deputy", "Phó Chủ tịch UBND tỉnh", D_PROV20, NULL},
	{"p_pctub2", "tu", "committee", "Tỉnh ủy viên", D_PROV20, NULL},
	{"p_pctub2", "bcsd_ubnd", "committee", "Ủy viên Ban cán sự đảng UBND tỉnh", D_PROV20,
	 D_FEB25},
	{"p_pctub2", "dbub", "committee", "Đảng ủy viên Đảng ủy UBND tỉnh", D_FEB25, NULL},
	{"p_pcthd", "hdnd", "deputy", "Phó Chủ tịch HĐND tỉnh", D_START, NULL},
	{"p_pcthd", "dd_hdnd", "deputy", "Phó Bí thư Đảng đoàn HĐND tỉnh", D_START, NULL},
	{"p_pcthd", "tu", "committee", "Tỉnh ủy viên", D_START, NULL},
	{"p_tbtc", "tu_btc", "head", "Trưởng Ban Tổ chức Tỉnh ủy", D_START, NULL},
	{"p_tbtc", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_pbtc", "tu_btc", "deputy", "Phó Trưởng Ban Tổ chức Tỉnh ủy", D_START, NULL},
	{"p_pbtc", "cs_btctu", "head", "Bí thư Chi bộ", D_START, NULL},
	{"p_cvbtc", "tu_btc", "staff", "Chuyên viên Ban Tổ chức Tỉnh ủy", "2016-03-01", NULL},
	{"p_cvbtc", "cs_btctu", "member", "Đảng viên", "2016-03-01", NULL},
	{"p_cnubkt", "tu_ubkt", "head", "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", D_START, NULL},
	{"p_cnubkt", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_pcnubkt", "tu_ubkt", "deputy", "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", D_START, NULL},
	{"p_pcnubkt", "cs_ubkttu", "head", "Bí thư Chi bộ", D_START, NULL},
	{"p_tbtg", "tu_btg", "head", "Trưởng Ban Tuyên giáo Tỉnh ủy", D_START, D_MAR25},
	{"p_tbtg", "tu_btgdv", "head", "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", D_MAR25, NULL},
	{"p_tbtg", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_pbtg", "tu_btg", "deputy", "Phó Trưởng Ban Tuyên giáo Tỉnh ủy", D_START, D_MAR25},
	{"p_pbtg", "cs_btgtu", "head", "Bí thư Chi bộ", D_START, D_MAR25},
	{"p_pbtg", "tu_btgdv", "deputy", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", D_MAR25,
	 NULL},
	{"p_pbtg", "cs_btgdv", "head", "Bí thư Chi bộ", D_MAR25, NULL},
	{"p_tbdv", "tu_bdv", "head", "Trưởng Ban Dân vận Tỉnh ủy", D_START, D_MAR25},
	{"p_tbdv", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_tbdv", "tu_btgdv", "deputy",
	 "Phó Trưởng Ban Thường trực Ban Tuyên giáo và Dân vận Tỉnh ủy", D_MAR25, NULL},
	{"p_pbdv", "tu_bdv", "deputy", "Phó Trưởng Ban Dân vận Tỉnh ủy", D_START, D_MAR25},
	{"p_pbdv", "cs_bdvtu", "head", "Bí thư Chi bộ", D_START, D_MAR25},
	{"p_pbdv", "tu_btgdv", "deputy", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", D_MAR25,
	 NULL},
	{"p_pbdv", "cs_btgdv", "deputy", "Phó Bí thư Chi bộ", D_MAR25, NULL},
	{"p_cvp", "tu_vp", "head", "Chánh Văn phòng Tỉnh ủy", D_START, NULL},
	{"p_cvp", "tu", "committee", "Tỉnh ủy viên", D_START, NULL},
	{"p_cvp", "cs_vptu", "head", "Bí thư Đảng ủy Văn phòng Tỉnh ủy", D_START, NULL},
	{"p_pcvp", "tu_vp", "deputy", "Phó Chánh Văn phòng Tỉnh ủy", D_START, D_FEB25},
	{"p_pcvp", "dbcqd_vp", "head", "Chánh Văn phòng Đảng ủy các cơ quan Đảng tỉnh", D_FEB25,
	 NULL},
	{"p_admin", "tu_vp", "staff", "Chuyên viên Văn phòng Tỉnh ủy (quản trị hệ thống)",
	 "2018-09-01", NULL},
	{"p_admin", "cb_vptu_hc", "member", "Đảng viên", "2018-09-01", NULL},
	{"p_gdsnv", "snv", "head", "Giám đốc Sở Nội vụ", D_START, NULL},
	{"p_gdsnv", "tu", "committee", "Tỉnh ủy viên", D_START, NULL},
	{"p_gdsnv", "cs_snv", "head", "Bí thư Chi bộ", D_START, NULL},
	{"p_gdstc", "stc", "deputy", "Phó Giám đốc Sở Tài chính", D_START, D_PROV20},
	{"p_gdstc", "stc", "head", "Giám đốc Sở Tài chính", D_PROV20, NULL},
	{"p_gdstc", "cs_stc", "head", "Bí thư Chi bộ", D_START, NULL},
	{"p_gdskhdt", "skhdt", "head", "Giám đốc Sở Kế hoạch và Đầu tư", D_START, D_MAR25},
	{"p_gdskhdt", "cs_skhdt", "head", "Bí thư Chi bộ", D_START, D_MAR25},
	{"p_gdskhdt", "tu", "committee", "Tỉnh ủy viên", D_START, NULL},
	{"p_gdskhdt", "stc", "deputy", "Phó Giám đốc Sở Tài chính", D_MAR25, NULL},
	{"p_gdsgd", "sgddt", "head", "Giám đốc Sở Giáo dục và Đào tạo", D_START, NULL},
	{"p_gdsgd", "cs_sgddt", "head", "Bí thư Đảng ủy Sở Giáo dục và Đào tạo", D_START, NULL},
	{"p_gdsyt", "syt", "head", "Giám đốc Sở Y tế", D_START, NULL},
	{"p_gdsyt", "tu", "committee", "Tỉnh ủy viên", D_START, NULL},
	{"p_ctmttq", "mttq", "head", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", D_START, NULL},
	{"p_ctmttq", "dd_mttq", "head", "Bí thư Đảng đoàn MTTQ Việt Nam tỉnh", D_START, D_FEB25},
	{"p_ctmttq", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_btdoan", "tinhdoan", "head", "Bí thư Tỉnh đoàn", D_START, NULL},
	{"p_btdoan", "tu", "committee", "Tỉnh ủy viên", D_PROV20, NULL},
	{"p_cthpn", "hlhpn", "head", "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", D_START, NULL},
	{"p_cthpn", "tu", "committee", "Tỉnh ủy viên", D_START, NULL},
	{"p_cthpn", "dd_mttq", "committee", "Ủy viên Đảng đoàn MTTQ Việt Nam tỉnh", D_START,
	 D_FEB25},
	{"p_cthnd", "hnd", "head", "Chủ tịch Hội Nông dân tỉnh", D_START, NULL},
	{"p_cthccb", "hccb", "head", "Chủ tịch Hội Cựu chiến binh tỉnh", D_START, NULL},
	{"p_ctldld", "ldld", "head", "Chủ tịch Liên đoàn Lao động tỉnh", D_START, NULL},

	/* The blocs and the đảng bộ that replace them. */
	{"p_bt_kcq", "kcq", "head", "Bí thư Đảng ủy Khối các cơ quan tỉnh", D_START, D_FEB25},
	{"p_bt_kcq", "dbcqd", "deputy", "Phó Bí thư Thường trực Đảng ủy các cơ quan Đảng tỉnh",
	 D_FEB25, NULL},
	{"p_pbt_kcq", "kcq", "deputy", "Phó Bí thư Đảng ủy Khối các cơ quan tỉnh", D_START,
	 D_FEB25},
	{"p_pbt_kcq", "dbcqd", "standing", BTV_CQD, D_FEB25, NULL},
	{"p_pbt_kcq", "dbcqd_btc", "head", "Trưởng Ban Xây dựng Đảng Đảng ủy các cơ quan Đảng tỉnh",
	 D_FEB25, NULL},
	{"p_uv_kcq", "kcq", "standing", "Ủy viên Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
	 D_START, D_FEB25},
	{"p_uv_kcq", "dbcqd", "standing", BTV_CQD, D_FEB25, NULL},
	{"p_uv_kcq", "dbcqd_ubkt", "head",
	 "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy các cơ quan Đảng tỉnh", D_FEB25, NULL},
	{"p_bt_duk", "duk", "head", "Bí thư Đảng ủy Khối Doanh nghiệp tỉnh", D_START, D_FEB25},
	{"p_bt_duk", "dbub", "deputy", "Phó Bí thư Thường trực Đảng ủy UBND tỉnh", D_FEB25, NULL},
	{"p_pbt_duk", "duk", "deputy", "Phó Bí thư Đảng ủy Khối Doanh nghiệp tỉnh", D_START,
	 D_FEB25},
	{"p_pbt_duk", "dbub", "standing", BTV_UB, D_FEB25, NULL},
	{"p_tbtc_duk", "duk_btc", "head", "Trưởng Ban Tổ chức Đảng ủy Khối", D_START, D_FEB25},
	{"p_tbtc_duk", "duk", "standing", "Ủy viên Ban Thường vụ Đảng ủy Khối", D_START, D_FEB25},
	{"p_tbtc_duk", "dbub_btc", "head", "Trưởng Ban Xây dựng Đảng Đảng ủy UBND tỉnh", D_FEB25,
	 NULL},
	{"p_tbtc_duk", "dbub", "standing", BTV_UB, D_FEB25, NULL},
	{"p_cnubkt_duk", "duk_ubkt", "head", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối", D_START,
	 D_FEB25},
	{"p_cnubkt_duk", "duk", "standing", "Ủy viên Ban Thường vụ Đảng ủy Khối", D_START, D_FEB25},
	{"p_cnubkt_duk", "dbub_ubkt", "head", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy UBND tỉnh",
	 D_FEB25, NULL},
	{"p_cvp_duk", "duk_vp", "head", "Chánh Văn phòng Đảng ủy Khối", D_START, D_FEB25},
	{"p_cvp_duk", "duk", "committee", "Ủy viên Ban Chấp hành Đảng bộ Khối", D_START, D_FEB25},
	{"p_cvp_duk", "dbub_vp", "head", "Chánh Văn phòng Đảng ủy UBND tỉnh", D_FEB25, NULL},
	{"p_cv_btcduk", "duk_btc", "staff", "Chuyên viên Ban Tổ chức Đảng ủy Khối", D_START,
	 D_FEB25},
	{"p_cv_btcduk", "dbub_btc", "staff", "Chuyên viên Ban Xây dựng Đảng Đảng ủy UBND tỉnh",
	 D_FEB25, NULL},

	/* Thành ủy Vân Hà, then phường Vân Hà and Bắc Hà. */
	{"p_tp_bt", "tp", "head", "Bí thư Thành ủy Vân Hà", D_START, D_JUL25},
	{"p_tp_bt", "tu", "standing", BTV_TU, D_START, NULL},
	{"p_tp_bt", "x_vanha", "head", "Bí thư Đảng ủy phường Vân Hà", D_JUL25, NULL},
	{"p_tp_pbt", "tp", "deputy", "Phó Bí thư Thường trực Thành ủy", D_START, D_JUL25},
	{"p_tp_pbt", "x_bacha", "head", "Bí thư Đảng ủy phường Bắc Hà", D_JUL25, NULL},
	{"p_tp_ct", "tp", "deputy", "Phó Bí thư Thành ủy, Chủ tịch UBND thành phố", D_START,
	 D_JUL25},
	{"p_tp_ct", "x_vanha", "deputy", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường Vân Hà", D_JUL25,
	 NULL},
	{"p_tp_btc", "tp_btc", "head", "Trưởng Ban Tổ chức Thành ủy", D_START, D_JUL25},
	{"p_tp_btc", "tp", "standing", "Ủy viên Ban Thường vụ Thành ủy", D_START, D_JUL25},
	{"p_tp_btc", "x_vanha", "standing",
	 "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy phường", D_JUL25, NULL},
	{"p_tp_ubkt", "tp_ubkt", "head", "Chủ nhiệm Ủy ban Kiểm tra Thành ủy", D_START, D_JUL25},
	{"p_tp_ubkt", "tp", "standing", "Ủy viên Ban Thường vụ Thành ủy", D_START, D_JUL25},
	{"p_tp_ubkt", "x_vanha", "standing",
	 "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy phường", D_JUL25, NULL},
	{"p_tp_vp", "tp_vp", "head", "Chánh Văn phòng Thành ủy", D_START, D_JUL25},
	{"p_tp_vp", "tp", "committee", "Thành ủy viên", D_START, D_JUL25},
	{"p_tp_vp", "tu_vp", "deputy", "Phó Chánh Văn phòng Tỉnh ủy", D_JUL25, NULL},

	/* Huyện ủy Lạc Điền, then xã Lạc Điền and Yên Hòa. */
	{"p_ld_bt1", "ld", "head", "Bí thư Huyện ủy Lạc Điền", D_START, D_DIST20},
	{"p_ld_bt1", "cb_ld_tanlap", "member", RET, "2020-09-01", NULL},
	{"p_ld_bt2", "ld", "deputy", "Phó Bí thư Thường trực Huyện ủy", D_START, D_DIST20},
	{"p_ld_bt2", "ld", "head", "Bí thư Huyện ủy Lạc Điền", D_DIST20, D_JUL25},
	{"p_ld_bt2", "x_lacdien", "head", "Bí thư Đảng ủy xã Lạc Điền", D_JUL25, NULL},
	{"p_ld_pbt2", "ld_btc", "head", "Trưởng Ban Tổ chức Huyện ủy", D_START, D_DIST20},
	{"p_ld_pbt2", "ld", "standing", "Ủy viên Ban Thường vụ Huyện ủy", D_START, D_DIST20},
	{"p_ld_pbt2", "ld", "deputy", "Phó Bí thư Thường trực Huyện ủy", D_DIST20, D_JUL25},
	{"p_ld_pbt2", "x_yenhoa", "head", "Bí thư Đảng ủy xã Yên Hòa", D_JUL25, NULL},
	{"p_ld_btc2", "ld_btc", "deputy", "Phó Trưởng Ban Tổ chức Huyện ủy", D_START, D_DIST20},
	{"p_ld_btc2", "ld_btc", "head", "Trưởng Ban Tổ chức Huyện ủy", D_DIST20, D_JUL25},
	{"p_ld_btc2", "ld", "standing", "Ủy viên Ban Thường vụ Huyện ủy", D_DIST20, D_JUL25},
	{"p_ld_btc2", "x_yenhoa", "standing",
	 "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy xã", D_JUL25, NULL},
	{"p_ld_ct", "ld", "deputy", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", D_START, D_JUL25},
	{"p_ld_ct", "x_lacdien", "deputy", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã Lạc Điền", D_JUL25,
	 NULL},
	{"p_ld_ubkt", "ld_ubkt", "head", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", D_START, D_JUL25},
	{"p_ld_ubkt", "ld", "standing", "Ủy viên Ban Thường vụ Huyện ủy", D_START, D_JUL25},
	{"p_ld_ubkt", "x_lacdien", "standing",
	 "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy xã", D_JUL25, NULL},
	{"p_ld_vp", "ld_vp", "head", "Chánh Văn phòng Huyện ủy", D_START, D_JUL25},
	{"p_ld_vp", "ld", "committee", "Huyện ủy viên", D_START, D_JUL25},
	{"p_ld_vp", "x_lacdien", "committee", "Đảng ủy viên, Chánh Văn phòng Đảng ủy xã", D_JUL25,
	 NULL},

	/* Huyện ủy Phú Sơn, then xã Phú Sơn, Sơn Hà and Tân Phong. */
	{"p_ps_bt", "ps", "head", "Bí thư Huyện ủy Phú Sơn", D_START, D_JUL25},
	{"p_ps_bt", "tu_btc", "deputy", "Phó Trưởng Ban Tổ chức Tỉnh ủy", D_JUL25, NULL},
	{"p_ps_pbt", "ps", "deputy", "Phó Bí thư Thường trực Huyện ủy", D_START, D_JUL25},
	{"p_ps_pbt", "x_phuson", "head", "Bí thư Đảng ủy xã Phú Sơn", D_JUL25, NULL},
	{"p_ps_ct", "ps", "deputy", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", D_START, D_JUL25},
	{"p_ps_ct", "x_phuson", "deputy", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã Phú Sơn", D_JUL25,
	 NULL},
	{"p_ps_btc", "ps_btc", "head", "Trưởng Ban Tổ chức Huyện ủy", D_START, D_JUL25},
	{"p_ps_btc", "ps", "standing", "Ủy viên Ban Thường vụ Huyện ủy", D_START, D_JUL25},
	{"p_ps_btc", "x_thuongson", "head", "Bí thư Đảng ủy xã Sơn Hà", D_JUL25, NULL},
	{"p_ps_ubkt", "ps_ubkt", "head", "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", D_START, D_JUL25},
	{"p_ps_ubkt", "ps", "standing", "Ủy viên Ban Thường vụ Huyện ủy", D_START, D_JUL25},
	{"p_ps_ubkt", "x_phuson", "standing",
	 "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy xã", D_JUL25, NULL},
	{"p_ps_vp", "ps_vp", "head", "Chánh Văn phòng Huyện ủy", D_START, D_JUL25},
	{"p_ps_vp", "ps", "committee", "Huyện ủy viên", D_START, D_JUL25},
	{"p_ps_vp", "x_tanphong", "standing", "Ủy viên Ban Thường vụ Đảng ủy xã", D_JUL25, NULL},
	/* Kiêm nhiệm: one person heads the commune committee and its HĐND. */
	{"p_bithu_xa", "x_tanphong", "head", "Bí thư Đảng ủy xã Tân Phong", D_START, NULL},
	{"p_bithu_xa", "hdnd_tanphong", "head", "Chủ tịch HĐND xã Tân Phong", D_START, NULL},
	{"p_bithu_chibo", "cb_tph_dongxuan", "head", "Bí thư Chi bộ thôn Đồng Xuân", D_START, NULL},

	/* 1 July 2025: leaders of the merged communes (generated people, see
	 * build_base_slots) take places in the new ones. */
	{"g.x_dongthanh.head", "x_vanha", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25,
	 NULL},
	{"g.x_taythanh.head", "x_vanha", "committee", "Đảng ủy viên", D_JUL25, NULL},
	{"g.x_namha.head", "x_vanha", "committee", "Đảng ủy viên", D_JUL25, NULL},
	{"g.x_bacha.head", "x_bacha", "deputy", "Phó Bí thư Đảng ủy, Chủ tịch UBND phường", D_JUL25,
	 NULL},
	{"g.x_vantien.head", "x_bacha", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25, NULL},
	{"g.x_ttlacdien.head", "x_lacdien", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25,
	 NULL},
	{"g.x_lacthuy.head", "x_lacdien", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25,
	 NULL},
	{"g.x_lachung.head", "x_lacdien", "committee", "Đảng ủy viên", D_JUL25, NULL},
	{"g.x_dienxa.head", "x_yenhoa", "deputy", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã", D_JUL25,
	 NULL},
	{"g.x_yenphu.head", "x_yenhoa", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25, NULL},
	{"g.x_hoalac.head", "x_yenhoa", "committee", "Đảng ủy viên", D_JUL25, NULL},
	{"g.x_ttphuson.head", "x_phuson", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25,
	 NULL},
	{"g.x_sonthuy.head", "x_phuson", "committee", "Đảng ủy viên", D_JUL25, NULL},
	{"g.x_phuloc.head", "x_phuson", "committee", "Đảng ủy viên", D_JUL25, NULL},
	{"g.x_thuongson.head", "x_thuongson", "deputy", "Phó Bí thư Đảng ủy, Chủ tịch UBND xã",
	 D_JUL25, NULL},
	{"g.x_hason.head", "x_thuongson", "standing", "Ủy viên Ban Thường vụ Đảng ủy", D_JUL25,
	 NULL},
};
/* clang-format on */

/* ---- demo accounts ---- */

/* clang-format off */
static const struct demo_user users[] = {
	{"admin", "p_admin", true, "Quản trị hệ thống (chuyên viên Văn phòng Tỉnh ủy)"},
	{"vanphong", "p_cvp", false, "Chánh Văn phòng Tỉnh ủy"},
	{"bantochuc", "p_cvbtc", false, "Chuyên viên Ban Tổ chức Tỉnh ủy"},
	{"bithu.huyen", "p_ld_bt2", false,
	 "Bí thư Huyện ủy Lạc Điền (2020 – 30-6-2025), từ 01-7-2025 Bí thư Đảng ủy xã Lạc Điền"},
	{"bithu.xa", "p_bithu_xa", false, "Bí thư Đảng ủy xã Tân Phong, kiêm Chủ tịch HĐND xã"},
	{"bithu.chibo", "p_bithu_chibo", false, "Bí thư Chi bộ thôn Đồng Xuân, xã Tân Phong"},
};
/* clang-format on */

/* Committee-member titles of the upper committees, for the heads below them. */
static const struct {
	const char *org_key;
	const char *title;
} committee_titles[] = {
	{"tu", "Tỉnh ủy viên"},
	{"tp", "Thành ủy viên"},
	{"ld", "Huyện ủy viên"},
	{"ps", "Huyện ủy viên"},
	{"kcq", "Ủy viên Ban Chấp hành Đảng bộ Khối"},
	{"duk", "Ủy viên Ban Chấp hành Đảng bộ Khối"},
	{"dbub", "Đảng ủy viên Đảng ủy UBND tỉnh"},
	{"dbcqd", "Đảng ủy viên Đảng ủy các cơ quan Đảng tỉnh"},
};

/* Communes of the upland district, where Tày and Thái family names are common. */
static const char *const upland_orgs[] = {"x_sonthuy", "x_thuongson", "x_hason"};

/* ---- lookups over the static tables ---- */

/* Dates compare as strings; NULL is "never" (after every date). */
static int date_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return a ? -1 : b ? 1 : 0;
	return strcmp(a, b);
}

static const struct demo_org *org_get(const char *key)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++)
		if (strcmp(orgs[i].key, key) == 0)
			return &orgs[i];
	return NULL;
}

static const char *org_end(const char *key)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(changes); i++) {
		const struct demo_change *c = &changes[i];
		if ((c->op == DEMO_MERGE || c->op == DEMO_DISSOLVE) && strcmp(c->org_key, key) == 0)
			return c->date;
	}
	return NULL;
}

/* The org that carries key on today: key itself, or where it was merged. */
static const char *org_successor(const char *key)
{
	for (int guard = 0; guard < 16; guard++) {
		const char *next = NULL;
		for (size_t i = 0; i < KH_ARRAY_LEN(changes); i++)
			if (changes[i].op == DEMO_MERGE && strcmp(changes[i].org_key, key) == 0)
				next = changes[i].target_key;
		if (!next)
			return key;
		key = next;
	}
	return key;
}

struct parent_span {
	const char *from, *to; /* to NULL = open */
	const char *parent;
};

/* The org's parents over its life, oldest first; returns the count. */
static int parent_spans(const char *key, struct parent_span *out, int cap)
{
	const struct demo_org *o = org_get(key);
	const char *from = o->valid_from, *parent = o->parent_key;
	int n = 0;

	for (size_t i = 0; i < KH_ARRAY_LEN(changes); i++) {
		const struct demo_change *c = &changes[i];
		if (c->op != DEMO_MOVE || strcmp(c->org_key, key) != 0)
			continue;
		if (strcmp(from, c->date) < 0 && n < cap)
			out[n++] = (struct parent_span){from, c->date, parent};
		from = c->date;
		parent = c->target_key;
	}
	if (n < cap)
		out[n++] = (struct parent_span){from, org_end(key), parent};
	return n;
}

static const char *final_parent(const char *key)
{
	struct parent_span sp[8];
	int n = parent_spans(key, sp, 8);
	return sp[n - 1].parent;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_residential_cell(const struct demo_org *o)
{
	return strcmp(o->kind, "cell") == 0 &&
	       (starts_with(o->name, "Chi bộ khu phố ") || starts_with(o->name, "Chi bộ thôn "));
}

/* ---- the builder's growing arrays ---- */

static struct demo_person *people;
static size_t n_people, cap_people;
static struct demo_position *positions;
static size_t n_positions, cap_positions;
static struct demo_data data;
static bool built;

static uint32_t rng_state = 20250701u;

/* xorshift32: small, fixed-seed, the same sequence on every platform. */
static uint32_t rng_next(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rng_state = x;
	return x;
}

static int rng_range(int lo, int hi)
{
	return lo + (int)(rng_next() % (uint32_t)(hi - lo + 1));
}

/* Percent chance. */
static bool rng_chance(int percent)
{
	return rng_range(1, 100) <= percent;
}

struct weighted {
	const char *s;
	int w;
};

static const char *pick(const struct weighted *list, size_t n)
{
	int total = 0;
	for (size_t i = 0; i < n; i++)
		total += list[i].w;
	int r = rng_range(1, total);
	for (size_t i = 0; i < n; i++) {
		r -= list[i].w;
		if (r <= 0)
			return list[i].s;
	}
	return list[n - 1].s;
}

/* clang-format off */
static const struct weighted family_lowland[] = {
	{"Nguyễn", 36}, {"Trần", 11}, {"Lê", 10},   {"Phạm", 7}, {"Hoàng", 5}, {"Vũ", 4},
	{"Phan", 4},    {"Đặng", 2},  {"Bùi", 2},   {"Đỗ", 2},   {"Ngô", 2},   {"Hồ", 1},
	{"Dương", 1},   {"Đinh", 1},  {"Trịnh", 1}, {"Đào", 1},  {"Mai", 1},   {"Lương", 1},
	{"Tạ", 1},      {"Cao", 1},   {"Lý", 1},
};
/* clang-format on */

/* clang-format off */
static const struct weighted family_upland[] = {
	{"Hà", 4},    {"Lò", 3},   {"Sầm", 2}, {"Lường", 2},  {"Nông", 2}, {"Hoàng", 3},
	{"Triệu", 2}, {"Đinh", 2}, {"Vi", 1},  {"Nguyễn", 3}, {"Lê", 1},
};
/* clang-format on */

/* clang-format off */
static const struct weighted middle_male[] = {
	{"Văn", 10},  {"Đức", 2},  {"Minh", 2},  {"Hữu", 2},  {"Quang", 2}, {"Đình", 2},
	{"Công", 1},  {"Xuân", 1}, {"Thanh", 1}, {"Ngọc", 1}, {"Mạnh", 1},  {"Tiến", 1},
	{"Trọng", 1}, {"Duy", 1},  {"Anh", 1},   {"Thế", 1},
};
/* clang-format on */

/* clang-format off */
static const struct weighted middle_female[] = {
	{"Thị", 14},     {"Thị Thu", 2},  {"Thị Thanh", 2}, {"Thị Kim", 1},
	{"Thị Minh", 1}, {"Thị Bích", 1}, {"Thị Ngọc", 1},  {"Thu", 2},
	{"Ngọc", 1},     {"Minh", 1},     {"Hồng", 1},      {"Thanh", 1},
};
/* clang-format on */

/* clang-format off */
static const char *const given_male[] = {
	"An",    "Bình", "Cường", "Chiến", "Dũng", "Đạt",   "Định",  "Đông",   "Hải",    "Hào",
	"Hiếu",  "Hòa",  "Hoàng", "Hùng",  "Hưng", "Huy",   "Khang", "Khánh",  "Kiên",   "Lâm",
	"Long",  "Luân", "Mạnh",  "Minh",  "Nam",  "Nghĩa", "Nhân",  "Phong",  "Phúc",   "Quân",
	"Quang", "Sơn",  "Tài",   "Tâm",   "Thái", "Thắng", "Thành", "Thịnh",  "Toàn",   "Trung",
	"Tuấn",  "Tùng", "Việt",  "Vinh",  "Vũ",   "Khoa",  "Lộc",   "Phương", "Trường", "Hậu",
};
/* clang-format on */

/* clang-format off */
static const char *const given_female[] = {
	"Anh",  "Bích", "Chi",  "Dung",  "Duyên", "Giang",  "Hà",    "Hạnh",  "Hằng", "Hiền",
	"Hoa",  "Hồng", "Huệ",  "Hương", "Huyền", "Lan",    "Liên",  "Linh",  "Loan", "Mai",
	"Nga",  "Ngân", "Ngọc", "Nhung", "Oanh",  "Phương", "Quyên", "Quỳnh", "Tâm",  "Thảo",
	"Thoa", "Thu",  "Thúy", "Thủy",  "Trang", "Tuyết",  "Uyên",  "Vân",   "Xuân", "Yến",
};
/* clang-format on */

static bool name_taken(const char *name)
{
	for (size_t i = 0; i < n_people; i++)
		if (strcmp(people[i].full_name, name) == 0)
			return true;
	return false;
}

/* A fresh natural-looking full name, unique in the demo. */
static char *make_name(bool female, bool upland)
{
	char buf[128];
	for (;;) {
		const char *family = upland && rng_chance(70)
					     ? pick(family_upland, KH_ARRAY_LEN(family_upland))
					     : pick(family_lowland, KH_ARRAY_LEN(family_lowland));
		const char *middle = female ? pick(middle_female, KH_ARRAY_LEN(middle_female))
					    : pick(middle_male, KH_ARRAY_LEN(middle_male));
		const char *given =
			female ? given_female[rng_range(0, (int)KH_ARRAY_LEN(given_female) - 1)]
			       : given_male[rng_range(0, (int)KH_ARRAY_LEN(given_male) - 1)];
		/* "Thị Thu Thu", "Minh Minh": the given name repeats the middle one. */
		const char *last_middle = strrchr(middle, ' ');
		last_middle = last_middle ? last_middle + 1 : middle;
		if (strcmp(last_middle, given) == 0)
			continue;
		snprintf(buf, sizeof buf, "%s %s %s", family, middle, given);
		if (!name_taken(buf))
			return xstrdup(buf);
	}
}

static void push_person(const struct demo_person *p)
{
	if (n_people == cap_people) {
		cap_people = cap_people ? cap_people * 2 : 256;
		people = xrealloc(people, xmul(cap_people, sizeof *people));
	}
	char id[16];
	people[n_people] = *p;
	snprintf(id, sizeof id, "SN-%06zu", n_people + 1);
	people[n_people].external_id = xstrdup(id);
	n_people++;
}

static void push_position(const char *person, const char *org, const char *role, const char *title,
			  const char *from, const char *to)
{
	if (n_positions == cap_positions) {
		cap_positions = cap_positions ? cap_positions * 2 : 512;
		positions = xrealloc(positions, xmul(cap_positions, sizeof *positions));
	}
	positions[n_positions++] = (struct demo_position){person, org, role, title, from, to};
}

/* ---- generation ---- */

static bool is_upland(const char *org_key)
{
	const char *k = org_key;
	/* A cell belongs to the commune it started in. */
	const struct demo_org *o = org_get(org_key);
	if (strcmp(o->kind, "cell") == 0)
		k = o->parent_key;
	for (size_t i = 0; i < KH_ARRAY_LEN(upland_orgs); i++)
		if (strcmp(k, upland_orgs[i]) == 0)
			return true;
	return false;
}

/* The city's residential cells, for the nơi cư trú of people who work in
 * the provincial offices, departments and enterprises. */
static const struct demo_org *residential[64];
static int n_residential;

/* Where a generated leader of base org o holds membership: one of its own
 * cells (cells outlive every merge here), else the org that carries it on. */
static const char *membership_of(const struct demo_org *o)
{
	if (strcmp(o->kind, "cell") == 0)
		return o->key;
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++)
		if (orgs[i].parent_key && strcmp(orgs[i].parent_key, o->key) == 0 &&
		    strcmp(orgs[i].kind, "cell") == 0)
			return orgs[i].key;
	const char *succ = org_successor(o->key);
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++)
		if (strcmp(orgs[i].kind, "cell") == 0 && !org_end(orgs[i].key) &&
		    strcmp(final_parent(orgs[i].key), succ) == 0)
			return orgs[i].key;
	return succ;
}

static const char *residence_for(const char *member_org)
{
	const struct demo_org *m = org_get(member_org);
	if (is_residential_cell(m))
		return m->key;
	if (rng_chance(15))
		return NULL;
	return residential[rng_range(0, n_residential - 1)]->key;
}

/* The committee that manages a leader of base org o as a cadre: the upper
 * committee that carries it today, the Tỉnh ủy when that is the province. */
static const char *managing_for(const struct demo_org *o)
{
	const char *p = final_parent(org_successor(o->key));
	const struct demo_org *po = org_get(p);
	if (po && strcmp(po->kind, "committee") == 0 && po->level == 2 && !org_end(p))
		return p;
	return "tu";
}

struct span {
	const char *from, *to;
};

/* The stretches of [from, to) that no position of role in org covers yet. */
static int uncovered(const char *org, const char *role, const char *from, const char *to,
		     struct span *out, int cap)
{
	struct span cov[32];
	int nc = 0, n = 0;

	for (size_t i = 0; i < n_positions && nc < 32; i++)
		if (strcmp(positions[i].org_key, org) == 0 && strcmp(positions[i].role, role) == 0)
			cov[nc++] = (struct span){positions[i].valid_from, positions[i].valid_to};
	for (int i = 1; i < nc; i++)
		for (int j = i; j > 0 && strcmp(cov[j - 1].from, cov[j].from) > 0; j--) {
			struct span t = cov[j];
			cov[j] = cov[j - 1];
			cov[j - 1] = t;
		}
	const char *cur = from;
	for (int i = 0; i < nc && cur; i++) {
		if (date_cmp(cov[i].from, cur) > 0 && n < cap) {
			const char *end = date_cmp(cov[i].from, to) < 0 ? cov[i].from : to;
			if (date_cmp(cur, end) < 0)
				out[n++] = (struct span){cur, end};
		}
		if (date_cmp(cov[i].to, cur) > 0)
			cur = cov[i].to;
	}
	if (cur && date_cmp(cur, to) < 0 && n < cap)
		out[n++] = (struct span){cur, to};
	return n;
}

static char *slot_key(const char *org, const char *slot)
{
	char buf[96];
	snprintf(buf, sizeof buf, "g.%s.%s", org, slot);
	return xstrdup(buf);
}

/* A generated person for a slot of org o. */
static const char *new_person(const struct demo_org *o, const char *slot, int female_pct,
			      int born_lo, int born_hi, bool cadre, bool retired)
{
	bool female = rng_chance(female_pct);
	const char *member = membership_of(o);
	struct demo_person p = {
		.key = slot_key(o->key, slot),
		.full_name = make_name(female, is_upland(o->key)),
		.birth_year = rng_range(born_lo, born_hi),
		.gender = female ? "nu" : "nam",
		.member_org_key = member,
		.residence_org_key = residence_for(member),
		.managing_org_key = cadre ? managing_for(o) : NULL,
		.retired = retired,
	};
	push_person(&p);
	return p.key;
}

/* Fills a slot of role over the stretches of o's life nobody covers. */
static void fill_slot(const struct demo_org *o, const char *slot, const char *role,
		      const char *title, int female_pct, int born_lo, int born_hi, bool cadre)
{
	struct span gaps[8];
	int n = uncovered(o->key, role, o->valid_from, org_end(o->key), gaps, 8);
	if (n == 0)
		return;
	const char *who = new_person(o, slot, female_pct, born_lo, born_hi, cadre, false);
	for (int i = 0; i < n; i++)
		push_position(who, o->key, role, title, gaps[i].from, gaps[i].to);
}

static const char *commune_deputy_title(const char *name)
{
	if (starts_with(name, "Đảng bộ xã "))
		return "Phó Bí thư Đảng ủy, Chủ tịch UBND xã";
	if (starts_with(name, "Đảng bộ phường "))
		return "Phó Bí thư Đảng ủy, Chủ tịch UBND phường";
	if (starts_with(name, "Đảng bộ thị trấn "))
		return "Phó Bí thư Đảng ủy, Chủ tịch UBND thị trấn";
	return "Phó Bí thư Đảng ủy";
}

/* Leaders of every base organization: a đảng bộ has a bí thư, a phó bí thư
 * and a standing-committee member; a chi bộ cơ sở a bí thư, a phó bí thư, a
 * chi ủy viên and two ordinary members. */
static void build_base_slots(void)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++) {
		const struct demo_org *o = &orgs[i];
		if (strcmp(o->kind, "committee") != 0 || o->level != 3)
			continue;
		bool dang_bo = starts_with(o->name, "Đảng bộ ");
		fill_slot(o, "head", "head", dang_bo ? "Bí thư Đảng ủy" : "Bí thư Chi bộ", 15, 1965,
			  1982, true);
		fill_slot(o, "deputy", "deputy",
			  dang_bo ? commune_deputy_title(o->name) : "Phó Bí thư Chi bộ", 25, 1968,
			  1986, true);
		if (dang_bo) {
			fill_slot(o, "standing", "standing", "Ủy viên Ban Thường vụ Đảng ủy", 30,
				  1970, 1988, false);
			continue;
		}
		fill_slot(o, "committee", "committee", "Chi ủy viên", 35, 1972, 1990, false);
		for (int m = 1; m <= 2; m++) {
			char slot[16];
			snprintf(slot, sizeof slot, "m%d", m);
			const char *who = new_person(o, slot, 45, 1970, 1997, false, false);
			push_position(who, o->key, "member", "Đảng viên", o->valid_from,
				      org_end(o->key));
			/* Members of a merged chi bộ carry on in the one it joined. */
			const char *end = org_end(o->key);
			if (end) {
				const char *succ = org_successor(o->key);
				push_position(who, succ, "member", "Đảng viên", end, NULL);
			}
		}
	}
}

/* Every cell: a bí thư, one or two ordinary members, and in residential
 * cells a retired member. */
static void build_cells(void)
{
	int thon = 0;
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++) {
		const struct demo_org *o = &orgs[i];
		if (strcmp(o->kind, "cell") != 0)
			continue;
		fill_slot(o, "head", "head", "Bí thư Chi bộ", 30, 1960, 1985, false);
		int members = is_residential_cell(o) ? 1 : 2;
		for (int m = 1; m <= members; m++) {
			char slot[16];
			snprintf(slot, sizeof slot, "m%d", m);
			const char *who = new_person(o, slot, 45, 1962, 2000, false, false);
			push_position(who, o->key, "member", "Đảng viên", o->valid_from, NULL);
		}
		bool retiree = starts_with(o->name, "Chi bộ khu phố ") ||
			       (starts_with(o->name, "Chi bộ thôn ") && thon++ % 2 == 0);
		if (retiree) {
			const char *who = new_person(o, "r1", 35, 1940, 1957, false, true);
			push_position(who, o->key, "member", RET, o->valid_from, NULL);
		}
	}
}

static const char *committee_title(const struct demo_org *p)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(committee_titles); i++)
		if (strcmp(committee_titles[i].org_key, p->key) == 0)
			return committee_titles[i].title;
	return starts_with(p->name, "Chi bộ ") ? "Chi ủy viên" : "Đảng ủy viên";
}

static bool holds_position_in(const char *person, const char *org, const char *from, const char *to)
{
	for (size_t i = 0; i < n_positions; i++) {
		const struct demo_position *q = &positions[i];
		if (strcmp(q->person_key, person) == 0 && strcmp(q->org_key, org) == 0 &&
		    date_cmp(q->valid_from, to) < 0 && date_cmp(from, q->valid_to) < 0)
			return true;
	}
	return false;
}

/* The head of a committee or cell sits on the committee directly above it
 * (Tỉnh ủy viên, Huyện ủy viên, Đảng ủy viên…) while both hold, unless they
 * already hold a place there. */
static void build_committee_members(void)
{
	size_t n = n_positions;
	for (size_t i = 0; i < n; i++) {
		const struct demo_position h = positions[i];
		if (strcmp(h.role, "head") != 0)
			continue;
		const struct demo_org *x = org_get(h.org_key);
		if ((strcmp(x->kind, "committee") != 0 && strcmp(x->kind, "cell") != 0) ||
		    x->level < 2)
			continue;
		/* A small chi bộ cơ sở (a school, an office) does not seat its
		 * secretary on the upper committee. */
		if (x->level == 3 && starts_with(x->name, "Chi bộ "))
			continue;
		struct parent_span sp[8];
		int ns = parent_spans(x->key, sp, 8);
		for (int s = 0; s < ns; s++) {
			const struct demo_org *p = org_get(sp[s].parent);
			if (!p || strcmp(p->kind, "committee") != 0 || p->level < 1 ||
			    p->level != x->level - 1)
				continue;
			const char *from =
				date_cmp(h.valid_from, sp[s].from) > 0 ? h.valid_from : sp[s].from;
			const char *to = date_cmp(h.valid_to, sp[s].to) < 0 ? h.valid_to : sp[s].to;
			if (date_cmp(from, to) >= 0 ||
			    holds_position_in(h.person_key, p->key, from, to))
				continue;
			push_position(h.person_key, p->key, "committee", committee_title(p), from,
				      to);
		}
	}
}

static void build(void)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(orgs); i++)
		if (is_residential_cell(&orgs[i]) &&
		    strcmp(org_get(orgs[i].parent_key)->parent_key, "tp") == 0 &&
		    n_residential < (int)KH_ARRAY_LEN(residential))
			residential[n_residential++] = &orgs[i];
	for (size_t i = 0; i < KH_ARRAY_LEN(key_people); i++)
		push_person(&key_people[i]);
	for (size_t i = 0; i < KH_ARRAY_LEN(key_positions); i++) {
		const struct demo_position *p = &key_positions[i];
		push_position(p->person_key, p->org_key, p->role, p->title, p->valid_from,
			      p->valid_to);
	}
	build_base_slots();
	build_cells();
	build_committee_members();

	data = (struct demo_data){
		.orgs = orgs,
		.n_orgs = KH_ARRAY_LEN(orgs),
		.people = people,
		.n_people = n_people,
		.positions = positions,
		.n_positions = n_positions,
		.documents = documents,
		.n_documents = KH_ARRAY_LEN(documents),
		.links = links,
		.n_links = KH_ARRAY_LEN(links),
		.changes = changes,
		.n_changes = KH_ARRAY_LEN(changes),
		.users = users,
		.n_users = KH_ARRAY_LEN(users),
		.password = DEMO_PASSWORD,
	};
}

const struct demo_data *demo_data_get(void)
{
	if (!built) {
		build();
		built = true;
	}
	return &data;
}

const struct demo_org *demo_org_find(const struct demo_data *d, const char *key)
{
	for (size_t i = 0; i < d->n_orgs; i++)
		if (strcmp(d->orgs[i].key, key) == 0)
			return &d->orgs[i];
	return NULL;
}

const struct demo_person *demo_person_find(const struct demo_data *d, const char *key)
{
	for (size_t i = 0; i < d->n_people; i++)
		if (strcmp(d->people[i].key, key) == 0)
			return &d->people[i];
	return NULL;
}

const struct demo_document *demo_document_find(const struct demo_data *d, const char *key)
{
	for (size_t i = 0; i < d->n_documents; i++)
		if (strcmp(d->documents[i].key, key) == 0)
			return &d->documents[i];
	return NULL;
}

bool demo_org_created_by_change(const struct demo_data *d, const char *key)
{
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct demo_change *c = &d->changes[i];
		if ((c->op == DEMO_CREATE || c->op == DEMO_SPLIT) && c->target_key &&
		    strcmp(c->target_key, key) == 0)
			return true;
	}
	return false;
}

const char *demo_org_end(const struct demo_data *d, const char *key)
{
	for (size_t i = 0; i < d->n_changes; i++) {
		const struct demo_change *c = &d->changes[i];
		if ((c->op == DEMO_MERGE || c->op == DEMO_DISSOLVE) && strcmp(c->org_key, key) == 0)
			return c->date;
	}
	return NULL;
}

const char *demo_change_op_name(enum demo_change_op op)
{
	switch (op) {
	case DEMO_RENAME:
		return "rename";
	case DEMO_MOVE:
		return "move";
	case DEMO_MERGE:
		return "merge";
	case DEMO_SPLIT:
		return "split";
	case DEMO_DISSOLVE:
		return "dissolve";
	case DEMO_CREATE:
		return "create";
	}
	return "";
}
