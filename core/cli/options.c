/* options.c — the one option parser of kyojin, and the usage texts, both driven by the command
 * table (cli.h, commands.c).
 *
 * Owns: reading a command's words (`--opt value`, `--opt=value`, `-o value`, `-ovalue`, `--`
 * ending the options, `-` as an argument), the errors of a command line (an unknown option
 * names the closest valid one), -h/--help and -V/--version on every command, and the usage
 * of kyojin and of each command in Japanese or English. Does not own: what the values mean
 * (each command checks its own), the table (commands.c), the man page (doc.c). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "util/atomic_out.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <lua.h>

const char *cli_lang = "ja";

void cli_print_version(void)
{
    printf("kyojin %s (Lua %s.%s, cJSON %d.%d.%d)\n", KYOJIN_VERSION, LUA_VERSION_MAJOR,
           LUA_VERSION_MINOR, CJSON_VERSION_MAJOR, CJSON_VERSION_MINOR, CJSON_VERSION_PATCH);
}

void cli_die_usage(const char *ja, const char *en, const char *arg)
{
    fprintf(stderr, "kyojin: ");
    fprintf(stderr, cli_en() ? en : ja, arg ? arg : "");
    fprintf(stderr, cli_en() ? "\n(see kyojin --help)\n" : "\n（kyojin --help を参照）\n");
}

int cli_refuse_output_input(const char *out, const char *const *ins, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (atomic_out_is_input(out, ins[i])) {
            if (cli_en())
                fprintf(stderr,
                        "kyojin: the output %s is the input %s (or would be read as one); "
                        "nothing was evaluated or written\n",
                        out, ins[i]);
            else
                fprintf(stderr,
                        "kyojin: 出力先 %s は入力 %s と同じファイル（または入力として読まれる"
                        "ファイル）です。入力を上書きしないため、何も評価・出力しませんでした\n",
                        out, ins[i]);
            return EXIT_USAGE;
        }
    return 0;
}

const char *cli_option_spelling(const cli_option *o, char *buf, size_t cap)
{
    if (o->name)
        snprintf(buf, cap, "--%s", o->name);
    else
        snprintf(buf, cap, "-%c", o->short_name);
    return buf;
}

const char *cli_value_name(const cli_option *o, int en)
{
    return !en && o->value_ja ? o->value_ja : o->value;
}

/* ------------------------------------------------------------------ parsing */

int cli_push_item(cli_args *a, size_t *cap, const cli_option *o, const char *v)
{
    if (a->nitems == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        cli_item *n = realloc(a->items, nc * sizeof *n);
        if (!n) return -1;
        a->items = n;
        *cap = nc;
    }
    a->items[a->nitems++] = (cli_item){o, v};
    return 0;
}

static int push_pos(cli_args *a, size_t *cap, char *w)
{
    if (a->npos == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **n = realloc(a->pos, nc * sizeof *n);
        if (!n) return -1;
        a->pos = n;
        *cap = nc;
    }
    a->pos[a->npos++] = w;
    return 0;
}

/* the options of cmd, then the common ones, as one sequence */
static const cli_option *option_at(const cli_command *cmd, size_t i)
{
    size_t n = 0;
    while (cmd->options && cmd->options[n]) n++;
    if (i < n) return cmd->options[i];
    return cli_common_options[i - n];
}

static const cli_option *find_long(const cli_command *cmd, const char *name, size_t len)
{
    const cli_option *o;
    for (size_t i = 0; (o = option_at(cmd, i)); i++)
        if (o->name && strlen(o->name) == len && strncmp(o->name, name, len) == 0) return o;
    return NULL;
}

static const cli_option *find_short(const cli_command *cmd, char c)
{
    const cli_option *o;
    for (size_t i = 0; (o = option_at(cmd, i)); i++)
        if (o->short_name && o->short_name == c) return o;
    return NULL;
}

/* Edit distance with adjacent transpositions (optimal string alignment), in bytes. */
static size_t edit_distance(const char *s, size_t n, const char *t, size_t m)
{
    size_t *d = malloc((n + 1) * (m + 1) * sizeof *d);
    if (!d) return SIZE_MAX;
#define D(i, j) d[(i) * (m + 1) + (j)]
    for (size_t i = 0; i <= n; i++) D(i, 0) = i;
    for (size_t j = 0; j <= m; j++) D(0, j) = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t cost = s[i - 1] != t[j - 1];
            size_t v = D(i - 1, j) + 1;
            if (D(i, j - 1) + 1 < v) v = D(i, j - 1) + 1;
            if (D(i - 1, j - 1) + cost < v) v = D(i - 1, j - 1) + cost;
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1] &&
                D(i - 2, j - 2) + 1 < v)
                v = D(i - 2, j - 2) + 1;
            D(i, j) = v;
        }
    size_t r = D(n, m);
#undef D
    free(d);
    return r;
}

const char *cli_closest_word(const char *word, const char *const *cands, size_t n)
{
    size_t best = SIZE_MAX;
    const char *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t dist = edit_distance(word, strlen(word), cands[i], strlen(cands[i]));
        if (dist < best) {
            best = dist;
            pick = cands[i];
        }
    }
    return pick;
}

/* The valid spelling closest to `word` (up to a '='): long names and short ones alike. */
static const char *closest(const cli_command *cmd, const char *word, char *buf, size_t cap)
{
    size_t wl = strcspn(word, "=");
    size_t best = SIZE_MAX;
    const cli_option *o;
    buf[0] = 0;
    for (size_t i = 0; (o = option_at(cmd, i)); i++) {
        char sp[2][64];
        int ns = 0;
        if (o->name) snprintf(sp[ns++], sizeof sp[0], "--%s", o->name);
        if (o->short_name) snprintf(sp[ns++], sizeof sp[0], "-%c", o->short_name);
        for (int k = 0; k < ns; k++) {
            size_t dist = edit_distance(word, wl, sp[k], strlen(sp[k]));
            if (dist < best) {
                best = dist;
                snprintf(buf, cap, "%s", sp[k]);
            }
        }
    }
    return buf;
}

static int unknown_option(const cli_command *cmd, const char *word)
{
    char near[64];
    closest(cmd, word, near, sizeof near);
    fprintf(stderr,
            cli_en() ? "kyojin: unknown option: %s (did you mean %s?)\n(see kyojin %s --help)\n"
                     : "kyojin: 不明なオプションです: %s（%s のことですか？）\n"
                       "（kyojin %s --help を参照）\n",
            word, near, cmd->name);
    return EXIT_USAGE;
}

int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *out, int *rc)
{
    memset(out, 0, sizeof *out);
    out->cmd = cmd;
    size_t icap = 0, pcap = 0;
    int only_args = 0;
    *rc = EXIT_USAGE;
    for (int i = 0; i < argc; i++) {
        char *w = argv[i];
        if (only_args || w[0] != '-' || w[1] == 0) { /* an argument; "-" is standard input */
            if (push_pos(out, &pcap, w)) goto oom;
            continue;
        }
        if (strcmp(w, "--") == 0) {
            only_args = 1;
            continue;
        }
        const cli_option *o;
        const char *value = NULL;
        int inline_value = 0;
        if (w[1] == '-') {
            const char *eq = strchr(w + 2, '=');
            size_t len = eq ? (size_t)(eq - (w + 2)) : strlen(w + 2);
            o = find_long(cmd, w + 2, len);
            if (o && eq) {
                value = eq + 1;
                inline_value = 1;
            }
        } else {
            o = find_short(cmd, w[1]);
            if (o && w[2]) {
                if (!o->value)
                    o = NULL; /* -xyz: flags are not grouped */
                else {
                    value = w + 2;
                    inline_value = 1;
                }
            }
        }
        if (!o) {
            *rc = unknown_option(cmd, w);
            goto fail;
        }
        char sp[64];
        if (!o->value && inline_value) {
            cli_die_usage("オプション %s は値をとりません", "option %s takes no value",
                          cli_option_spelling(o, sp, sizeof sp));
            goto fail;
        }
        if (o->value && !inline_value) {
            if (i + 1 >= argc) {
                size_t wl = strcspn(w, "=");
                char typed[64];
                snprintf(typed, sizeof typed, "%.*s", (int)wl, w);
                cli_die_usage("オプション %s には値が必要です", "option %s needs a value", typed);
                goto fail;
            }
            value = argv[++i];
        }
        if (o->key == OPT_HELP) {
            cli_usage(stdout, cmd);
            *rc = 0;
            goto fail;
        }
        if (o->key == OPT_VERSION) {
            cli_print_version();
            *rc = 0;
            goto fail;
        }
        if (o->key == OPT_LANG && strcmp(value, "ja") && strcmp(value, "en")) {
            cli_die_usage("--lang は ja か en です: %s", "--lang must be ja or en: %s", value);
            goto fail;
        }
        if (cli_push_item(out, &icap, o, value)) goto oom;
    }
    if (cmd->max_pos >= 0 && out->npos > (size_t)cmd->max_pos) {
        cli_die_usage("余分な引数です: %s", "unexpected argument: %s", out->pos[cmd->max_pos]);
        goto fail;
    }
    *rc = 0;
    return 0;
oom:
    fprintf(stderr, "kyojin: out of memory\n");
fail:
    cli_args_free(out);
    return -1;
}

void cli_args_free(cli_args *a)
{
    free(a->items);
    free(a->pos);
    a->items = NULL;
    a->pos = NULL;
    a->nitems = a->npos = 0;
}

const char *cli_value(const cli_args *a, int key)
{
    const char *v = NULL;
    for (size_t i = 0; i < a->nitems; i++)
        if (a->items[i].opt->key == key) v = a->items[i].value;
    return v;
}

int cli_flag(const cli_args *a, int key)
{
    for (size_t i = 0; i < a->nitems; i++)
        if (a->items[i].opt->key == key) return 1;
    return 0;
}

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; cli_commands[i]; i++)
        if (strcmp(cli_commands[i]->name, name) == 0) return cli_commands[i];
    return NULL;
}

/* ------------------------------------------------------------------ usage */

size_t cli_text_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (k > 1) {
            cp = c & (0x3F >> (k - 1));
            for (size_t j = 1; j < k && i + j < n; j++)
                cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
        }
        /* wide: Hangul Jamo, CJK, Hiragana/Katakana, fullwidth forms */
        w += (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                     (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                     (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                     (cp >= 0xFFE0 && cp <= 0xFFE6)
                 ? 2
                 : 1;
        i += k;
    }
    return w;
}

enum { HELP_COLUMN = 26 };

/* "  LEFT   help", the help at HELP_COLUMN (next line when LEFT is longer); a '\n' in the
 * help continues at the same column */
static void put_row(FILE *f, const char *left, const char *help, int column)
{
    size_t w = cli_text_width(left, strlen(left));
    fprintf(f, "  %s", left);
    if (w + 2 + 2 > (size_t)column) {
        fputc('\n', f);
        w = 0;
        fprintf(f, "%*s", column, "");
    } else {
        fprintf(f, "%*s", (int)(column - 2 - w), "");
    }
    for (const char *p = help; *p; p++) {
        fputc(*p, f);
        if (*p == '\n' && p[1]) fprintf(f, "%*s", column, "");
    }
    fputc('\n', f);
}

static void put_option(FILE *f, const cli_option *o)
{
    char left[160];
    int en = cli_en();
    size_t n = 0;
    if (o->short_name && o->name)
        n = (size_t)snprintf(left, sizeof left, "-%c, --%s", o->short_name, o->name);
    else if (o->name)
        n = (size_t)snprintf(left, sizeof left, "--%s", o->name);
    else
        n = (size_t)snprintf(left, sizeof left, "-%c", o->short_name);
    if (o->value && n < sizeof left)
        snprintf(left + n, sizeof left - n, " %s", cli_value_name(o, en));
    put_row(f, left, en ? o->help_en : o->help_ja, HELP_COLUMN);
}

static void put_options(FILE *f, const cli_option *const *opts)
{
    for (size_t i = 0; opts && opts[i]; i++) put_option(f, opts[i]);
}

static void put_synopsis(FILE *f, const cli_command *c, int with_options)
{
    int en = cli_en();
    const char *args = en ? c->args_en : c->args_ja;
    fprintf(f, "kyojin %s%s%s%s", c->name,
            with_options && c->options && c->options[0] ? (en ? " [OPTIONS]" : " [オプション]")
                                                        : "",
            *args ? " " : "", args);
}

void cli_usage(FILE *f, const cli_command *cmd)
{
    int en = cli_en();
    if (cmd) {
        fputs(en ? "usage: " : "使い方: ", f);
        put_synopsis(f, cmd, 1);
        fprintf(f, "\n%s\n", en ? cmd->help_en : cmd->help_ja);
        if (cmd->options && cmd->options[0]) {
            fputs(en ? "\nOptions:\n" : "\nオプション:\n", f);
            put_options(f, cmd->options);
        }
        fputs(en ? "\nCommon options:\n" : "\n共通のオプション:\n", f);
        put_options(f, cli_common_options);
        const char *notes = en ? cmd->notes_en : cmd->notes_ja;
        if (notes) fprintf(f, "\n%s", notes);
        return;
    }
    fputs(en ? "usage: kyojin COMMAND [OPTIONS]\n\nCommands:\n"
             : "使い方: kyojin コマンド [オプション]\n\nコマンド:\n",
          f);
    for (size_t i = 0; cli_commands[i]; i++) {
        const cli_command *c = cli_commands[i];
        if (c->hidden) continue;
        char left[256];
        const char *args = en ? c->args_en : c->args_ja;
        snprintf(left, sizeof left, "%s%s%s", c->name, *args ? " " : "", args);
        put_row(f, left, en ? c->help_en : c->help_ja, 30);
    }
    const cli_command *check = cli_find_command("check");
    fputs(en ? "\nOptions of check:\n" : "\ncheck のオプション:\n", f);
    put_options(f, check->options);
    fputs(en ? "\nCommon options (every command):\n" : "\n共通のオプション（どのコマンドでも）:\n",
          f);
    put_options(f, cli_common_options);
    fputs(en ? "\nThe options of a command: kyojin COMMAND --help\n"
             : "\nコマンドごとのオプション: kyojin コマンド --help\n",
          f);
    fprintf(f, "\n%s", en ? check->notes_en : check->notes_ja);
}
