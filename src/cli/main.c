/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The kehoach command: one binary for the server and the operator's tasks.
 * Each command is a function taking (argc, argv) with argv[0] the command's
 * own name, returning an exit code: 0 ok, 1 failure, 2 usage.
 */
#include "core/common.h"
#include "app/runtime.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/version.h"
#include "web/server.h"

#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *help;
};

static int cmd_init(int argc, char **argv)
{
	struct kh_error err;
	const char *db = cli_opt(argc, argv, "db");
	if (!db) {
		fprintf(stderr, "kehoach init: thiếu --db FILE\n");
		return CLI_USAGE;
	}
	int from = 0, to = 0;
	if (app_db_init(db, &from, &to, &err))
		return cli_error(&err);
	if (from == to)
		printf("Cơ sở dữ liệu %s đã ở phiên bản %d\n", db, to);
	else
		printf("Đã khởi tạo cơ sở dữ liệu %s: phiên bản %d → %d\n", db, from, to);
	return CLI_OK;
}

static int cmd_serve(int argc, char **argv)
{
	struct kh_error err;
	struct web_config cfg = {0};
	cfg.db_path = cli_opt(argc, argv, "db");
	cfg.listen = cli_opt(argc, argv, "listen");
	if (!cfg.listen)
		cfg.listen = "127.0.0.1:8080";
	const char *threads = cli_opt(argc, argv, "threads");
	if (threads) {
		int64_t n;
		if (num_parse_i64(threads, 1, 64, &n)) {
			fprintf(stderr, "kehoach serve: --threads phải từ 1 đến 64\n");
			return CLI_USAGE;
		}
		cfg.threads = (int)n;
	}
	cfg.quiet = cli_flag(argc, argv, "quiet");
	if (!cfg.db_path) {
		fprintf(stderr, "kehoach serve: thiếu --db FILE\n");
		return CLI_USAGE;
	}
	if (web_serve(&cfg, &err))
		return cli_error(&err);
	return CLI_OK;
}

static void print_route(int methods, const char *pattern, bool is_public, void *arg)
{
	static const char *const names[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
	(void)arg;
	for (int i = 0; i < 5; i++)
		if (methods & (1 << i))
			printf("%s %s%s\n", names[i], pattern, is_public ? " public" : "");
}

static int cmd_routes(int argc, char **argv)
{
	web_routes_each(print_route, NULL);
	return CLI_OK;
}

static int cmd_help(int argc, char **argv);

static const struct command commands[] = {
	{"init", cmd_init, "init --db FILE",
	 "Tạo mới hoặc nâng cấp cơ sở dữ liệu (chạy lại nhiều lần không sao)."},
	{"demo", cmd_demo, "demo --db FILE",
	 "Nạp dữ liệu mẫu (một tỉnh hư cấu) vào cơ sở dữ liệu chưa có tổ chức nào, in các tài khoản mẫu."},
	{"serve", cmd_serve, "serve --db FILE [--listen 127.0.0.1:8080] [--threads N] [--quiet]",
	 "Chạy máy chủ web cho đến khi nhận SIGTERM/SIGINT."},
	{"user", cmd_user,
	 "user add --db FILE --username U --password-stdin [--admin] [--person-id N]"
	 " [--email ĐỊA_CHỈ] | user email --db FILE --username U --email ĐỊA_CHỈ",
	 "Tạo tài khoản (mật khẩu đọc từ đầu vào chuẩn); đặt hoặc bỏ (--email \"\") địa chỉ thư"
	 " điện tử nhận thông báo."},
	{"token", cmd_token,
	 "token add --db FILE --username U [--label NHÃN] | token list --db FILE --username U"
	 " | token revoke --db FILE --id N",
	 "Cấp mã truy cập API (Bearer token) cho tài khoản và in ra; liệt kê, thu hồi mã."},
	{"org", cmd_org,
	 "org import --db FILE [--dry-run] FILE.csv | org tree --db FILE [--date YYYY-MM-DD] [--root ID]",
	 "Nhập cây tổ chức từ CSV; in cây tổ chức tại một ngày."},
	{"person", cmd_person, "person import --db FILE [--dry-run] FILE.csv",
	 "Nhập cán bộ, đảng viên từ CSV."},
	{"plan", cmd_plan,
	 "plan check --db FILE PLAN_ID [--json] | plan list --db FILE [--org ID] [--year N]"
	 " | plan compliance --db FILE --org ID --year N [--json]"
	 " | plan sheet --db FILE PLAN_ID FILE.xlsx [--dry-run]",
	 "Kiểm tra chất lượng kế hoạch; liệt kê kế hoạch; rà soát ai chưa có, chưa hoàn thành kế hoạch;"
	 " ghi danh sách nội dung đã sửa bằng Excel."},
	{"export", cmd_export,
	 "export --db FILE plan|report|letter ID --format docx|pdf|xlsx --output OUT",
	 "Xuất kế hoạch, báo cáo, công văn mở đợt báo cáo thành văn bản Word (docx) hoặc PDF theo"
	 " thể thức văn bản của Đảng, hoặc kế hoạch thành"
	 " bảng tính Excel (xlsx) để sửa rồi nạp lại."},
	{"import", cmd_import, "import --json FILE [--year N]",
	 "Đọc một kế hoạch dạng văn bản (.txt UTF-8) hoặc Word (.docx) và in các mục, mục lục,"
	 " đơn vị chủ trì, phối hợp, thời hạn dưới dạng JSON."},
	{"remind", cmd_remind, "remind --db FILE [--date YYYY-MM-DD]",
	 "Gửi nhắc việc: nội dung sắp đến hạn (7 ngày, 1 ngày), đến hạn, quá hạn; báo cáo sắp đến"
	 " hạn, chưa nộp — mỗi đơn vị một bản tổng hợp (chạy hằng ngày bằng cron)."},
	{"indicator", cmd_indicator,
	 "indicator list --db FILE --org ID [--json] | indicator table --db FILE --org ID --year N"
	 " [--json] | indicator export --db FILE --org ID --year N --output FILE.xlsx |"
	 " indicator sheet --db FILE --org ID FILE.xlsx [--dry-run] | indicator demo --db FILE",
	 "Liệt kê chỉ tiêu; in bảng so sánh thực hiện với mục tiêu và giá trị nền; xuất số liệu"
	 " ra Excel và ghi số liệu đã nhập bằng Excel; nạp chỉ tiêu mẫu."},
	{"report", cmd_report,
	 "report campaigns --db FILE [--org ID] | report status --db FILE CAMPAIGN_ID [--json]",
	 "Liệt kê các đợt báo cáo; tình hình nộp báo cáo của từng đơn vị (đúng hạn, muộn, chưa nộp,"
	 " trả lại)."},
	{"dashboard", cmd_dashboard, "dashboard --db FILE --org ID [--year N] [--json]",
	 "Theo dõi, đôn đốc: tổ chức chưa có kế hoạch, kế hoạch chậm, nội dung quá hạn, đề nghị"
	 " chưa trả lời, báo cáo chưa nộp — của cả đảng bộ và từng tổ chức trực thuộc."},
	{"counters", cmd_counters, "counters --db FILE check|rebuild",
	 "So số liệu theo dõi với đếm lại toàn bộ (mã thoát 1 khi lệch); dựng lại từ dữ liệu."},
	{"assess", cmd_assess, "assess --db FILE PLAN_ID [--json]",
	 "Tự đánh giá kết quả thực hiện kế hoạch cuối năm: từng nội dung, hạn chế, nguyên nhân, biện"
	 " pháp khắc phục và việc đưa vào kế hoạch năm sau."},
	{"classify", cmd_classify,
	 "classify rules --db FILE [--json] | classify list --db FILE --org ID --year N [--json]",
	 "Đánh giá, xếp loại chất lượng tổ chức đảng, tập thể lãnh đạo, đảng viên theo quy định"
	 " hiện hành (124-QĐ/TW, 366-QĐ/TW)."},
	{"mail", cmd_mail,
	 "mail send --db FILE | mail config --db FILE --host H [--port N] --from ADDR",
	 "Gửi thư thông báo đang chờ qua máy chủ SMTP; cấu hình SMTP."},
	{"config", cmd_config, "config --db FILE [--escalation-days N] [--evidence-max-mb N]",
	 "In các thiết lập; đặt số ngày đề nghị của tập thể chờ trả lời trước khi được kiến nghị lên "
	 "cấp ủy quản lý (mặc định 15); dung lượng tối đa của tệp minh chứng (MB, mặc định 20)."},
	{"routes", cmd_routes, "routes",
	 "In mọi địa chỉ mà máy chủ trả lời (phương thức, mẫu địa chỉ, công khai hay không)."},
	{"help", cmd_help, "help [LỆNH]", "Hướng dẫn sử dụng."},
};

static void usage(FILE *f)
{
	fprintf(f,
		"kehoach %s — xây dựng, theo dõi kế hoạch hành động thực hiện nghị quyết\n\n"
		"Cách dùng: kehoach LỆNH [TUỲ CHỌN]\n\nCác lệnh:\n",
		KH_VERSION);
	for (size_t i = 0; i < KH_ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n  kehoach --version     in phiên bản\n"
		   "  kehoach help LỆNH     hướng dẫn chi tiết một lệnh\n");
}

static int cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		usage(stdout);
		return CLI_OK;
	}
	for (size_t i = 0; i < KH_ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, argv[1]) == 0) {
			printf("Cách dùng: kehoach %s\n\n%s\n", commands[i].usage,
			       commands[i].help);
			return CLI_OK;
		}
	fprintf(stderr, "kehoach: không có lệnh «%s»\n", argv[1]);
	return CLI_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return CLI_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("kehoach %s\n", KH_VERSION);
		return CLI_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(1, argv);
	for (size_t i = 0; i < KH_ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, argv[1]) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "kehoach: không có lệnh «%s»\n\n", argv[1]);
	usage(stderr);
	return CLI_USAGE;
}
