/*
 * evaluate.c: evaluate one school location with kader's C ABI.
 *
 * Reads a framework and a location's evidence file (JSON or TOML), sends
 * {"op": "evaluate", ...} to kader_call and prints the JSON response.
 * From the root of the kader repository:
 *
 *   cargo build -p kader-c --release
 *   cc -I bindings/c/include bindings/c/examples/evaluate.c \
 *      target/release/libkader_c.a -lm -lpthread -ldl -o evaluate
 *   ./evaluate frameworks/basiskader.kader samples/vo-het-baken-score-below-threshold.json audit
 *
 * Usage: evaluate [FRAMEWORK [EVIDENCE [STAGE]]], STAGE `intake` (default)
 * or `audit`. The program exits 0 when kader answered, whatever the verdict;
 * the response says whether evaluation succeeded ("ok") and the verdict.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kader.h"

/* A growing string of bytes, always NUL-terminated once something is in it. */
struct buffer {
    char *data;
    size_t len;
    size_t cap;
};

/* Appends `n` bytes; returns 0 when out of memory. */
static int append(struct buffer *b, const char *bytes, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap) cap *= 2;
        char *data = realloc(b->data, cap);
        if (data == NULL) return 0;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 1;
}

static int append_str(struct buffer *b, const char *s) { return append(b, s, strlen(s)); }

/* Appends `text` (UTF-8, `n` bytes) as a JSON string: quoted, with `"`, `\`
 * and control characters escaped. Other bytes are copied as they are. */
static int append_json_string(struct buffer *b, const char *text, size_t n) {
    if (!append(b, "\"", 1)) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        char escaped[7];
        const char *out = escaped;
        size_t len = 2;
        switch (c) {
        case '"': out = "\\\""; break;
        case '\\': out = "\\\\"; break;
        case '\n': out = "\\n"; break;
        case '\r': out = "\\r"; break;
        case '\t': out = "\\t"; break;
        case '\b': out = "\\b"; break;
        case '\f': out = "\\f"; break;
        default:
            if (c < 0x20) {
                snprintf(escaped, sizeof escaped, "\\u%04x", c);
                len = 6;
            } else {
                escaped[0] = (char)c;
                len = 1;
            }
        }
        if (!append(b, out, len)) return 0;
    }
    return append(b, "\"", 1);
}

/* Reads a whole file into `b`; returns 0 (with a message) when it cannot. */
static int read_file(const char *path, struct buffer *b) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        perror(path);
        return 0;
    }
    char chunk[8192];
    size_t n;
    int ok = 1;
    while (ok && (n = fread(chunk, 1, sizeof chunk, file)) > 0) ok = append(b, chunk, n);
    if (ferror(file)) {
        perror(path);
        ok = 0;
    }
    fclose(file);
    return ok;
}

int main(int argc, char **argv) {
    const char *framework_path = argc > 1 ? argv[1] : "frameworks/basiskader.kader";
    const char *evidence_path =
        argc > 2 ? argv[2] : "samples/vo-het-baken-score-below-threshold.json";
    const char *stage = argc > 3 ? argv[3] : "intake";
    const char *dot = strrchr(evidence_path, '.');
    const char *evidence_format = dot != NULL && strcmp(dot, ".toml") == 0 ? "toml" : "json";

    struct buffer framework = {0}, evidence = {0}, request = {0};
    int ok = read_file(framework_path, &framework) && read_file(evidence_path, &evidence);

    /* {"op": "evaluate", "framework": "<text>", "file_name": "<path>",
     *  "evidence": "<text>", "evidence_format": "json", "stage": "intake"} */
    ok = ok && append_str(&request, "{\"op\":\"evaluate\",\"framework\":") &&
         append_json_string(&request, framework.data, framework.len) &&
         append_str(&request, ",\"file_name\":") &&
         append_json_string(&request, framework_path, strlen(framework_path)) &&
         append_str(&request, ",\"evidence\":") &&
         append_json_string(&request, evidence.data, evidence.len) &&
         append_str(&request, ",\"evidence_format\":") &&
         append_json_string(&request, evidence_format, strlen(evidence_format)) &&
         append_str(&request, ",\"stage\":") &&
         append_json_string(&request, stage, strlen(stage)) && append_str(&request, "}");

    if (ok) {
        char *response = kader_call(request.data); /* never NULL */
        printf("%s\n", response);
        kader_free(response); /* free with kader_free, not free */
    } else {
        fprintf(stderr, "evaluate: could not build the request\n");
    }
    free(framework.data);
    free(evidence.data);
    free(request.data);
    return ok ? 0 : 1;
}
