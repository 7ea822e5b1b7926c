/* lgcode.h — the check digit of a local-government code (全国地方公共団体コード), computed in
 * this one place for the C code: with digits d1…d5, r = (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5)
 * mod 11, and the check digit is the last digit of 11 − r (requirements.md glossary).
 *
 * Used by the generator (core/rollup/gen.c) and by the fast path of validation
 * (core/input/fastval.c). The Lua validator (lua/kyojin/validate.lua) keeps the one
 * independent copy, on purpose: it also runs without kyojin (plain Lua: tests/schema), and it
 * judges the codes the generator writes, so a mistake here cannot hide behind itself.
 * Does not own: the error messages (validate.lua), where codes are read or written.
 */
#ifndef KYOJIN_LGCODE_H
#define KYOJIN_LGCODE_H

/* The check digit (0…9) for the five ASCII digits at `five` (not checked to be digits). */
static inline int lg_check_digit(const char *five)
{
    static const int w[5] = {6, 5, 4, 3, 2};
    int r = 0;
    for (int i = 0; i < 5; i++) r += w[i] * (five[i] - '0');
    return (11 - r % 11) % 10;
}

#endif
