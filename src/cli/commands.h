/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The commands implemented in their own files. */
#ifndef KH_CLI_COMMANDS_H
#define KH_CLI_COMMANDS_H

#include "core/num.h"

int cmd_demo(int argc, char **argv);	  /* cli/cmd_demo.c */
int cmd_user(int argc, char **argv);	  /* cli/cmd_user.c */
int cmd_token(int argc, char **argv);	  /* cli/cmd_user.c */
int cmd_org(int argc, char **argv);	  /* cli/cmd_org.c */
int cmd_person(int argc, char **argv);	  /* cli/cmd_person.c */
int cmd_plan(int argc, char **argv);	  /* cli/cmd_plan.c */
int cmd_mail(int argc, char **argv);	  /* cli/cmd_mail.c */
int cmd_config(int argc, char **argv);	  /* cli/cmd_config.c */
int cmd_import(int argc, char **argv);	  /* cli/cmd_import.c */
int cmd_export(int argc, char **argv);	  /* cli/cmd_export.c */
int cmd_remind(int argc, char **argv);	  /* cli/cmd_remind.c */
int cmd_indicator(int argc, char **argv); /* cli/cmd_indicator.c */
int cmd_report(int argc, char **argv);	  /* cli/cmd_report.c */
int cmd_dashboard(int argc, char **argv); /* cli/cmd_dashboard.c */
int cmd_counters(int argc, char **argv);  /* cli/cmd_dashboard.c */
int cmd_assess(int argc, char **argv);	  /* cli/cmd_assess.c */
int cmd_classify(int argc, char **argv);  /* cli/cmd_classify.c */

#endif
