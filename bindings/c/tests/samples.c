/*
 * samples.c: kader's C ABI, driven from C by tests/it/c_abi.rs (root package).
 *
 * Usage: samples OUT_DIR FRAMEWORK SAMPLE...
 *
 * For every SAMPLE (a JSON or TOML evidence file) and both stages (intake,
 * audit) it builds an evaluate request, writes it to
 * OUT_DIR/<sample file name>.<stage>.request.json, calls kader_call and
 * writes the response to OUT_DIR/<sample file name>.<stage>.response.json.
 * tests/it/c_abi.rs compares both with what Rust builds and answers.
 *
 * It also writes the answers to requests that must fail (null.json,
 * not-utf8.json, malformed.json), kader_version (version.txt), and checks
 * that kader_call answers the same from several threads at once.
 *
 * Exits 0 when everything could be written and the threads agreed.
 */

#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kader.h"

#define THREADS 4
#define CALLS_PER_THREAD 3

struct buffer {
    char *data;
    size_t len;
    size_t cap;
};

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

/* Appends `text` as a JSON string: quoted, `"`, `\` and control characters
 * escaped, other bytes as they are. */
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

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* Writes `text` to OUT_DIR/<name><suffix>. */
static int write_file(const char *dir, const char *name, const char *suffix, const char *text) {
    struct buffer path = {0};
    int ok = append_str(&path, dir) && append_str(&path, "/") && append_str(&path, name) &&
             append_str(&path, suffix);
    FILE *file = ok ? fopen(path.data, "wb") : NULL;
    if (file == NULL) {
        perror(ok ? path.data : name);
        free(path.data);
        return 0;
    }
    ok = fputs(text, file) >= 0;
    ok = fclose(file) == 0 && ok;
    if (!ok) perror(path.data);
    free(path.data);
    return ok;
}

/* Calls kader_call and writes the response to OUT_DIR/<name>. */
static int call_and_write(const char *dir, const char *name, const char *suffix,
                          const char *request) {
    char *response = kader_call(request);
    if (response == NULL) {
        fprintf(stderr, "kader_call returned NULL for %s%s\n", name, suffix);
        return 0;
    }
    int ok = write_file(dir, name, suffix, response);
    kader_free(response);
    return ok;
}

/* Builds the evaluate request of one sample at one stage. */
static int build_request(struct buffer *request, const struct buffer *framework,
                         const char *file_name, const struct buffer *evidence,
                         const char *evidence_format, const char *stage) {
    return append_str(request, "{\"op\":\"evaluate\",\"framework\":") &&
           append_json_string(request, framework->data, framework->len) &&
           append_str(request, ",\"file_name\":") &&
           append_json_string(request, file_name, strlen(file_name)) &&
           append_str(request, ",\"evidence\":") &&
           append_json_string(request, evidence->data, evidence->len) &&
           append_str(request, ",\"evidence_format\":") &&
           append_json_string(request, evidence_format, strlen(evidence_format)) &&
           append_str(request, ",\"stage\":") &&
           append_json_string(request, stage, strlen(stage)) && append_str(request, "}");
}

/* One thread of the reentrancy check: calls kader_call with `request` and
 * compares every response with `expected`. */
struct job {
    const char *request;
    const char *expected;
    int agreed;
};

static void *run_job(void *argument) {
    struct job *job = argument;
    job->agreed = 1;
    for (int i = 0; i < CALLS_PER_THREAD; i++) {
        char *response = kader_call(job->request);
        if (response == NULL || strcmp(response, job->expected) != 0) job->agreed = 0;
        kader_free(response);
    }
    return NULL;
}

/* Calls kader_call with `request` from THREADS threads at once; returns 1
 * when every response equals the one of a single call. */
static int threads_agree(const char *request) {
    char *expected = kader_call(request);
    if (expected == NULL) return 0;
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    int started = 0, ok = 1;
    for (; started < THREADS; started++) {
        jobs[started] = (struct job){request, expected, 0};
        if (pthread_create(&threads[started], NULL, run_job, &jobs[started]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            ok = 0;
            break;
        }
    }
    for (int i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        if (!jobs[i].agreed) {
            fprintf(stderr, "thread %d got a different response\n", i);
            ok = 0;
        }
    }
    kader_free(expected);
    return ok;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: samples OUT_DIR FRAMEWORK SAMPLE...\n");
        return 2;
    }
    const char *dir = argv[1];
    const char *framework_path = argv[2];
    static const char *const stages[] = {"intake", "audit"};

    struct buffer framework = {0};
    if (!read_file(framework_path, &framework)) return 1;

    int ok = 1;
    struct buffer first_request = {0};
    for (int i = 3; ok && i < argc; i++) {
        const char *sample = argv[i];
        const char *dot = strrchr(sample, '.');
        const char *format = dot != NULL && strcmp(dot, ".toml") == 0 ? "toml" : "json";
        struct buffer evidence = {0};
        ok = read_file(sample, &evidence);
        for (size_t s = 0; ok && s < sizeof stages / sizeof stages[0]; s++) {
            struct buffer request = {0};
            char suffix[64];
            ok = build_request(&request, &framework, base_name(framework_path), &evidence,
                               format, stages[s]);
            snprintf(suffix, sizeof suffix, ".%s.request.json", stages[s]);
            ok = ok && write_file(dir, base_name(sample), suffix, request.data);
            snprintf(suffix, sizeof suffix, ".%s.response.json", stages[s]);
            ok = ok && call_and_write(dir, base_name(sample), suffix, request.data);
            if (ok && first_request.data == NULL)
                ok = append(&first_request, request.data, request.len);
            free(request.data);
        }
        free(evidence.data);
    }

    /* Requests that must fail, each with "ok": false. */
    ok = ok && call_and_write(dir, "null", ".json", NULL);
    ok = ok && call_and_write(dir, "not-utf8", ".json", "{\"op\": \"\xff\xfe\"}");
    ok = ok && call_and_write(dir, "malformed", ".json", "{\"op\": \"evaluate\", ");
    kader_free(NULL); /* allowed, does nothing */

    ok = ok && write_file(dir, "version", ".txt", kader_version());

    if (ok && first_request.data != NULL && !threads_agree(first_request.data)) {
        fprintf(stderr, "kader_call answered differently from several threads\n");
        ok = 0;
    }

    free(first_request.data);
    free(framework.data);
    return ok ? 0 : 1;
}
