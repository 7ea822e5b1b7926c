/* test_report_setup.h — group setup and teardown of the report writers' unit tests: the
 * domain words from $KYOJIN_HOME/lua or ./lua (kyojin.vocab, core/report/report_vocab.c), as
 * the writers get them in kyojin. */
#ifndef KYOJIN_TEST_REPORT_SETUP_H
#define KYOJIN_TEST_REPORT_SETUP_H

#include "report/report_vocab.h"

#include <stdio.h>

static int load_vocab(void **state)
{
    char err[1024];
    (void)state;
    if (report_vocab_load_home(err, sizeof err) == 0) return 0;
    fprintf(stderr, "%s\n", err);
    return -1;
}

static int free_vocab(void **state)
{
    (void)state;
    report_vocab_free();
    return 0;
}

#endif
