/* cjson_cs.h — adding members to result documents under constant keys, and reading members
 * of any cJSON object by type (the one set of getters: no file keeps its own "string member
 * or NULL").
 *
 * Owns small inline helpers only; printing is util/jsonout.c's, parsing files rollup_common.c's.
 *
 * Adding: members of the result document are added under string literals only: cJSON keeps the
 * pointer instead of a copy, one allocation less per member and per free. An item that could
 * not be created is not added, as with cJSON_Add…ToObject. Such an item carries
 * cJSON_StringIsConst in its type: code that assigns ->type must keep that bit (or cJSON_Delete
 * frees the literal). */
#ifndef KYOJIN_CJSON_CS_H
#define KYOJIN_CJSON_CS_H

#include <cjson/cJSON.h>

static inline cJSON *add_cs(cJSON *o, const char *literal_key, cJSON *item)
{
    if (item && !cJSON_AddItemToObjectCS(o, literal_key, item)) {
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}
static inline cJSON *add_str(cJSON *o, const char *k, const char *v)
{
    return add_cs(o, k, cJSON_CreateString(v));
}
static inline cJSON *add_num(cJSON *o, const char *k, double v)
{
    return add_cs(o, k, cJSON_CreateNumber(v));
}
static inline cJSON *add_bool(cJSON *o, const char *k, int v)
{
    return add_cs(o, k, cJSON_CreateBool(v));
}
static inline cJSON *add_null(cJSON *o, const char *k)
{
    return add_cs(o, k, cJSON_CreateNull());
}
static inline cJSON *add_arr(cJSON *o, const char *k)
{
    return add_cs(o, k, cJSON_CreateArray());
}
static inline cJSON *add_obj(cJSON *o, const char *k)
{
    return add_cs(o, k, cJSON_CreateObject());
}

/* ---- reading: every getter accepts any `o` (NULL, a non-object: no member) ---------- */

/* The member `k` of object `o`, or NULL (also when o is not an object). */
static inline const cJSON *json_get(const cJSON *o, const char *k)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}
/* The string member `k`, or NULL when it is missing or not a string. */
static inline const char *json_str(const cJSON *o, const char *k)
{
    const cJSON *v = json_get(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}
/* The string member `k`, or `dflt` (often "") when it is missing or not a string. */
static inline const char *json_str_or(const cJSON *o, const char *k, const char *dflt)
{
    const char *s = json_str(o, k);
    return s ? s : dflt;
}
/* The number member `k`, or `dflt` when it is missing or not a number. */
static inline double json_num(const cJSON *o, const char *k, double dflt)
{
    const cJSON *v = json_get(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}
/* The number member `k` as an int (its valueint: cJSON's saturated conversion), or `dflt`. */
static inline int json_int(const cJSON *o, const char *k, int dflt)
{
    const cJSON *v = json_get(o, k);
    return cJSON_IsNumber(v) ? v->valueint : dflt;
}
/* Non-zero when the member `k` is JSON true (missing, false, or any other type: 0). */
static inline int json_true(const cJSON *o, const char *k)
{
    return cJSON_IsTrue(json_get(o, k));
}
/* The array member `k`, or NULL when it is missing or not an array. */
static inline const cJSON *json_array(const cJSON *o, const char *k)
{
    const cJSON *v = json_get(o, k);
    return cJSON_IsArray(v) ? v : NULL;
}
/* The object member `k`, or NULL when it is missing or not an object. */
static inline const cJSON *json_object(const cJSON *o, const char *k)
{
    const cJSON *v = json_get(o, k);
    return cJSON_IsObject(v) ? v : NULL;
}

#endif
