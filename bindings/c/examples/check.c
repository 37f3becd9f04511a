/* check.c: kader's diagnostics from C. Sends a `check` request of the JSON
 * interface (docs/json-api.md) for a framework with a misspelled evidence
 * path, and prints the response: "ok": false, with the diagnostic's code,
 * line, column and a did-you-mean help. */
#include <stdio.h>

#include "kader.h"

int main(void) {
    const char *request =
        "{\"op\": \"check\", \"framework\": "
        "\"framework demo \\\"Demo\\\" version \\\"1\\\"\\n"
        "evidence { plan.adopted : date \\\"Datum plan\\\" }\\n"
        "theme t \\\"Thema\\\" {\\n"
        "  criterion C1 \\\"Plan\\\" { owner school require plan.adoptd within 12 months }\\n"
        "}\\n\"}";
    char *response = kader_call(request);
    puts(response);
    kader_free(response);
    return 0;
}
