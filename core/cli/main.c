/* main.c — the kyojin command line: the language of messages, the options before the command,
 * and running the command named by the first word through the command table.
 * Owns: dispatch. Does not own: the table (commands.c), parsing (options.c), the commands. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --lang anywhere on the line (as --lang X or --lang=X) applies to every message, the
 * usage errors of the line itself included; the last one wins. */
static void pick_lang(int argc, char **argv)
{
    const char *l = getenv("KYOJIN_LANG");
    if (l && strcmp(l, "en") == 0) cli_lang = "en";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) break;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            cli_lang = strcmp(argv[++i], "en") == 0 ? "en" : "ja";
        else if (strncmp(argv[i], "--lang=", 7) == 0)
            cli_lang = strcmp(argv[i] + 7, "en") == 0 ? "en" : "ja";
    }
}

/* Every command's standard output is checked once it is done: a write error (a full disk, a
 * closed pipe) makes the run fail with EXIT_USAGE, the code of an output error of check, and a
 * message. A command that already failed has said why (summary and diff report their own). */
static int stdout_done(int rc)
{
    int bad = fflush(stdout) != 0;
    bad |= ferror(stdout) != 0;
    bad |= fclose(stdout) != 0;
    if (!bad || rc > EXIT_NOT_COMPLIANT) return rc;
    fputs(cli_en() ? "kyojin: standard output: write error; the output is incomplete\n"
                   : "kyojin: 標準出力への書き込みに失敗しました。出力は不完全です\n",
          stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    pick_lang(argc, argv);
    /* options before the command: --lang, -h/--help, -V/--version */
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *w = argv[i];
        if (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0) {
            cli_usage(stdout, NULL);
            return stdout_done(0);
        }
        if (strcmp(w, "--version") == 0 || strcmp(w, "-V") == 0) {
            cli_print_version();
            return stdout_done(0);
        }
        if (strcmp(w, "--lang") == 0 && i + 1 < argc)
            i += 2;
        else if (strncmp(w, "--lang=", 7) == 0)
            i++;
        else
            break;
    }
    if (i >= argc) {
        cli_usage(stderr, NULL);
        return EXIT_USAGE;
    }
    const cli_command *cmd = cli_find_command(argv[i]);
    if (!cmd) {
        cli_die_usage("不明なコマンドです: %s", "unknown command: %s", argv[i]);
        return EXIT_USAGE;
    }
    /* the words before the command (only --lang is left there) are parsed with the rest */
    int n = argc - 1 - 1;
    char **words = malloc((size_t)(n > 0 ? n : 1) * sizeof *words);
    if (!words) return EXIT_USAGE;
    int k = 0;
    for (int j = 1; j < argc; j++)
        if (j != i) words[k++] = argv[j];
    cli_args a;
    int rc;
    if (cli_parse(cmd, k, words, &a, &rc) == 0) {
        rc = cmd->run(&a);
        cli_args_free(&a);
    }
    free(words);
    return stdout_done(rc);
}
