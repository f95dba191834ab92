/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* XML escaping for DOCX and XLSX parts (export/xml.h). */
#include "core/common.h"
#include "core/buf.h"
#include "export/xml.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void check(const char *in, const char *want)
{
	struct buf b;
	buf_init(&b, 4096);
	xml_escape(&b, in);
	assert_false(buf_failed(&b));
	assert_string_equal(b.data, want);
	buf_release(&b);
}

static void test_escape(void **state)
{
	(void)state;
	check("Tỉnh ủy & <Ban> \"A\" 'B'", "Tỉnh ủy &amp; &lt;Ban&gt; &quot;A&quot; &apos;B&apos;");
	check("a\tb\nc\rd", "a\tb\nc\rd");
	check("x\001y\037z", "xyz");
	check("a\xEF\xBF\xBE"
	      "b\xEF\xBF\xBF"
	      "c",
	      "abc");
	check("", "");
	check(NULL, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_escape)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
