/* cli.h — the kyojin command line, shared by the files of core/cli.
 *
 * Owns: the command table's shape (one cli_command per subcommand, each with its options as
 * cli_option entries), the parsed command line handed to a command, the language of messages,
 * exit codes and the usage message helpers. Does not own: what a command does (check.c,
 * core/rollup, core/audit), the man page and completion texts (doc.c renders them from the
 * table), the table itself (commands.c). */
#ifndef KYOJIN_CLI_H
#define KYOJIN_CLI_H

#include <stddef.h>
#include <stdio.h>

#define KYOJIN_VERSION "0.1.0"

enum exit_code { EXIT_COMPLIANT = 0, EXIT_NOT_COMPLIANT = 1, EXIT_USAGE = 2, EXIT_POLICY = 3 };

/* Which option an entry is; commands read their options by key. */
enum cli_key {
    OPT_HELP = 1,
    OPT_VERSION,
    OPT_LANG,
    OPT_POLICIES,
    OPT_FORMAT,
    OPT_JOBS,
    OPT_PROGRESS,
    OPT_NO_PROGRESS,
    OPT_BASELINE,
    OPT_CSV_TABLE,
    OPT_OUTPUT,
    OPT_PARAM,
    OPT_PARAMS,
    OPT_AS_OF,
    OPT_MAX_INPUT,
    OPT_MAX_INSTRUCTIONS,
    OPT_MAX_MEMORY,
    OPT_TIMESTAMP,
    OPT_TIMEOUT,
    OPT_SCENARIOS,
    OPT_NO_RISK,
    OPT_NO_COLOR,
    OPT_VERBOSE,
    OPT_COVERAGE,
    OPT_MUTATE,
    OPT_MARKDOWN,
    OPT_DECLARATION,
    OPT_SEED,
    OPT_COUNT,
    OPT_SIZE,
    OPT_WAIVERS,
    OPT_QUIET,
    OPT_REPORT_DATE,
    OPT_ASSESSOR,
    OPT_CONTACT,
    OPT_DETAIL,
    OPT_KEY,
    OPT_PUBKEY,
    OPT_SIGNATURE,
    OPT_SIGNER,
    OPT_TIME,
    OPT_MODEL,
    OPT_FROM,
    OPT_ONLY,
    OPT_SKIP,
    OPT_FAIL_ON,
    OPT_WAIVERS_FILE,
    OPT_DATE,
    OPT_SHARD,
    OPT_OLD_POLICIES,
    OPT_NEW_POLICIES
};

/* One option of a command. `value` is the placeholder of its value in the help ("FILE"; in
 * Japanese `value_ja` when it differs), NULL for a flag. `choices`: the fixed values it takes,
 * space-separated (completion and the man page), or NULL. */
typedef struct cli_option {
    int key;
    const char *name; /* long name without the dashes */
    char short_name;  /* -X, or 0 */
    const char *value, *value_ja;
    const char *choices;
    const char *help_ja, *help_en; /* a '\n' continues the help on the next line */
} cli_option;

/* The command line after parsing: the options in the order given (a repeated option appears
 * each time) and the other arguments. Arrays grow with the line (no fixed limit). */
typedef struct cli_item {
    const cli_option *opt;
    const char *value; /* NULL for a flag */
} cli_item;

struct cli_command;
typedef struct cli_args {
    const struct cli_command *cmd;
    cli_item *items;
    size_t nitems;
    char **pos; /* the other arguments, in order */
    size_t npos;
} cli_args;

/* One subcommand. `args_*`: the synopsis after the options ("" none); `help_*`: one line;
 * `notes_*`: text printed after the options in its usage (exit codes), or NULL. `max_pos`:
 * the most arguments it takes (-1 any). Hidden commands are not listed, documented or
 * completed. */
typedef struct cli_command {
    const char *name;
    const char *args_ja, *args_en;
    const char *help_ja, *help_en;
    const cli_option *const *options; /* NULL-terminated; the common options come on top */
    int (*run)(const cli_args *a);
    const char *notes_ja, *notes_en;
    int max_pos;
    int hidden;
} cli_command;

/* An option that changes the bytes of a report. `kyojin check` records each one it was given
 * in the result document's "rendering" object (every format carries that object), and
 * `kyojin verify` hands the recorded values back to check's own option handling to render the
 * report again (check.c: cli_rendering_record, cli_rerender). The one list is
 * cli_recorded_options in commands.c. */
enum cli_record_kind {
    REC_VALUE, /* "key": the value as given (the last one) */
    REC_FLAG,  /* "key": true */
    REC_LIST,  /* "key": [each value, in the order given] */
    REC_JSON,  /* a JSON file: "key": its content (verify writes it back to a temp file) */
    REC_INPUT, /* a file verify must be given again: "key": {"sha256": hex} */
    REC_NAMED, /* the same with the name the report shows: "key": {"file": name, "sha256": hex}
                  (--waivers; verify renders with the recorded name, whatever path it is given) */
    REC_TIME,  /* --timestamp: "key": the time written into the result */
    REC_LANG,  /* the language of the report (--lang or KYOJIN_LANG): always recorded */
    REC_ENV    /* an environment variable a writer reads: "key": its value when set */
};
typedef struct cli_recorded {
    const struct cli_option *opt; /* the option (its key is what counts); NULL for REC_ENV */
    const char *key;              /* the member of "rendering" */
    int kind;                     /* enum cli_record_kind */
} cli_recorded;

/* the table (commands.c) */
extern const cli_recorded cli_recorded_options[];    /* ends with key NULL */
extern const cli_command *const cli_commands[];      /* NULL-terminated, in the order of --help */
extern const cli_option *const cli_common_options[]; /* -h, -V, --lang: every command */
const cli_command *cli_find_command(const char *name);

/* the language of messages: "ja" (default) or "en" (--lang en, KYOJIN_LANG=en) */
extern const char *cli_lang;
static inline int cli_en(void)
{
    return cli_lang[0] == 'e';
}
#define CLI_MSG(ja, en) (cli_en() ? (en) : (ja))

/* options.c: parse argv (the words after the command name) for cmd. Returns -1 with *rc set
 * when the line is done with (help printed: 0; an error printed: EXIT_USAGE). */
int cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *out, int *rc);
void cli_args_free(cli_args *a);
/* Append one option to a command line (*cap: the items allocated); 0, or -1 out of memory. */
int cli_push_item(cli_args *a, size_t *cap, const cli_option *o, const char *v);
/* the last value of option `key`, or NULL; whether a flag was given */
const char *cli_value(const cli_args *a, int key);
int cli_flag(const cli_args *a, int key);

/* the candidate closest to `word` by edit distance (the hint of an unknown name), or NULL */
const char *cli_closest_word(const char *word, const char *const *cands, size_t n);
/* usage of one command, or of kyojin (cmd NULL) */
void cli_usage(FILE *f, const cli_command *cmd);
/* "kyojin: <message with arg>" and the hint to --help, on stderr */
void cli_die_usage(const char *ja, const char *en, const char *arg);
/* EXIT_USAGE after saying so on stderr when writing `out` would replace one of the n inputs
 * (util/atomic_out.h, atomic_out_is_input); 0 otherwise. Every command that writes -o calls it
 * before any work. */
int cli_refuse_output_input(const char *out, const char *const *ins, size_t n);
/* the text of an option as typed ("--format", "-o"): buf holds it */
const char *cli_option_spelling(const cli_option *o, char *buf, size_t cap);
/* display columns of UTF-8 text (East Asian wide characters count 2) */
size_t cli_text_width(const char *s, size_t n);
/* the option placeholder in the current language */
const char *cli_value_name(const cli_option *o, int en);

/* the version line (kyojin version, -V) */
void cli_print_version(void);

/* check.c: the commands that evaluate policies */
int cli_cmd_check(const cli_args *a);
int cli_cmd_risk(const cli_args *a);
int cli_cmd_list(const cli_args *a);
int cli_cmd_explain(const cli_args *a);
int cli_cmd_test(const cli_args *a);
int cli_cmd_lint(const cli_args *a);
int cli_cmd_schema(const cli_args *a);
int cli_cmd_verify(const cli_args *a);
/* The runner check makes for the policy directory `policies` (NULL: the installed pack, else
 * the bundled one): NULL after saying why; *load_failed set when a file did not load (said). */
struct runner;
struct runner *cli_make_runner(const char *policies, int *load_failed);
/* workbook.c: declaration workbooks */
int cli_cmd_template(const cli_args *a);
int cli_cmd_convert(const cli_args *a);
/* the domain words of kyojin.vocab for summary and diff: 0, or EXIT_POLICY after saying why */
int cli_load_vocab(void);
/* the installation directory ($KYOJIN_HOME, else the executable's directory) */
const char *cli_home(void);

/* doc.c: the man page (roff) and the bash completion, rendered from the table */
int cli_cmd_man(const cli_args *a);
int cli_cmd_completion(const cli_args *a);

#endif
