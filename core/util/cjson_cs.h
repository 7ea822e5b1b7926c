/* cjson_cs.h — adding members to result documents under constant keys.
 *
 * Members of the result document are added under string literals only: cJSON keeps the
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

#endif
