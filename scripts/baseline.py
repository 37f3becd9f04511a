#!/usr/bin/env python3
"""A straightforward Python interpreter of the basiskader rules: the baseline
kader's batch evaluation is compared with (scripts/batch-bench.sh).

Reads JSON Lines evidence (one location a line) from the files given or
stdin, evaluates every criterion with kader's semantics (three-valued logic,
None = unknown; graded levels top down; themes scored with exact fractions),
and writes one JSON line a location: its id, verdict, theme and criterion
statuses. The rules are the table below, the same as
frameworks/basiskader.kader; expressions are small tuples interpreted by
`ev`, as a simple rules engine in Python would do it.
"""

import calendar
import datetime
import json
import sys
from fractions import Fraction

# Expressions: ("path", p) | ("const", v) | ("within", p, months)
# | ("present", p) | ("cmp", op, a, b) | ("and", *xs) | ("or", *xs)
# | ("in", p, set) | ("count_within", p, months) | ("count", p) | ("mul", a, b)


def P(p):
    return ("path", p)


def C(v):
    return ("const", v)


def ge(p, v):
    return ("cmp", ">=", P(p), C(v))


PO_SO_VO = ("in", "school.type", {"po", "so", "vo"})
PO_SO = ("in", "school.type", {"po", "so"})

THEMES = [
    ("beleid", Fraction(60, 100)), ("sociaal", Fraction(60, 100)),
    ("zorg", Fraction(60, 100)), ("fysiek", Fraction(60, 100)),
    ("calamiteiten", Fraction(60, 100)), ("incidenten", Fraction(60, 100)),
    ("samenwerking", Fraction(50, 100)), ("omgeving", Fraction(60, 100)),
]


def crit(id, theme, require=(), mandatory=False, weight=1, applies=None, levels=None):
    return dict(id=id, theme=theme, require=list(require), mandatory=mandatory,
                weight=weight, applies=applies, levels=levels)


def lv(p, *bounds):
    return [(level, ge(p, Fraction(b, 100))) for level, b in bounds]


CRITERIA = [
    crit("B1", "beleid", [("within", "safety_plan.adopted", 48)], True),
    crit("B2", "beleid", [P("safety_plan.covers.prevention"), P("safety_plan.covers.handling"),
                          P("safety_plan.covers.registration"), P("safety_plan.covers.evaluation")], True),
    crit("B3", "beleid", [("present", "coordinator.name")]),
    crit("B4", "beleid", [("within", "safety_plan.evaluated", 12)]),
    crit("B5", "beleid", [ge("staff.vog_coverage", Fraction(1))], True, applies=PO_SO_VO),
    crit("B6", "beleid", weight=2, levels=lv("staff.trained_24m", (3, 90), (2, 75), (1, 50))),
    crit("S1", "sociaal", [("present", "anti_bullying.coordinator"), P("anti_bullying.published")], True, applies=PO_SO_VO),
    crit("S2", "sociaal", [("within", "monitor.last_run", 12), P("monitor.standardised")], True, applies=PO_SO_VO),
    crit("S3", "sociaal", [("within", "monitor.last_run", 24)], True, applies=("in", "school.type", {"mbo"})),
    crit("S4", "sociaal", [ge("monitor.response_rate", Fraction(70, 100))]),
    crit("S5", "sociaal", weight=2, levels=lv("monitor.feels_safe", (3, 90), (2, 85), (1, 75))),
    crit("S6", "sociaal", [("within", "anti_bullying.protocol_updated", 24)]),
    crit("S7", "sociaal", [P("rules.published")]),
    crit("S8", "sociaal", [("or", ge("monitor.feels_safe", Fraction(85, 100)), P("monitor.followup_plan"))]),
    crit("Z1", "zorg", [P("meldcode.adopted"), P("meldcode.afwegingskader")], True),
    crit("Z2", "zorg", [("present", "meldcode.officer")]),
    crit("Z3", "zorg", levels=lv("meldcode.trained_24m", (2, 80), (1, 50))),
    crit("Z4", "zorg", [P("abuse_protocol.present"), P("abuse_protocol.confidential_inspector")], True),
    crit("Z5", "zorg", [P("complaints.procedure"), P("complaints.committee")], True),
    crit("Z6", "zorg", [("present", "complaints.confidential_adviser")]),
    crit("Z7", "zorg", [("cmp", "==", P("absence.late_reports"), C(0))], True),
    crit("Z8", "zorg", [ge("care_team.meetings_12m", 4)]),
    crit("F1", "fysiek", [("within", "rie.date", 48)], True),
    crit("F2", "fysiek", [("within", "rie.action_plan_reviewed", 12)], True),
    crit("F3", "fysiek", [("present", "prevention.officer")], True),
    crit("F4", "fysiek", [P("cameras.dpia"), P("cameras.regulation"),
                          ("cmp", "<=", P("cameras.retention_days"), C(28))], True, applies=P("cameras.in_use")),
    crit("F5", "fysiek", [P("access.policy")]),
    crit("F6", "fysiek", [("within", "playground.inspected", 12)], applies=PO_SO),
    crit("F7", "fysiek", [("within", "fire.equipment_serviced", 12)]),
    crit("C1", "calamiteiten", [ge("bhv.trained", 2),
                                ("cmp", ">=", ("mul", P("bhv.trained"), C(50)), P("people.max_present"))], True),
    crit("C2", "calamiteiten", levels=lv("bhv.refreshed_24m", (2, 100), (1, 75))),
    crit("C3", "calamiteiten", [("within", "evacuation.plan_updated", 12)], True),
    crit("C4", "calamiteiten", mandatory=True, levels=[
        (2, ("cmp", ">=", ("count_within", "evacuation.drills", 12), C(2))),
        (1, ("cmp", ">=", ("count_within", "evacuation.drills", 12), C(1)))]),
    crit("C5", "calamiteiten", [P("crisis.plan")]),
    crit("C6", "calamiteiten", [P("crisis.lockdown_procedure")]),
    crit("I1", "incidenten", [P("incidents.registration")], True),
    crit("I2", "incidenten", [("within", "incidents.analysis", 12)], weight=2),
    crit("I3", "incidenten", [P("incidents.police_protocol")]),
    crit("I4", "incidenten", [P("incidents.shared_with_council")]),
    crit("P1", "samenwerking", [("within", "covenant.signed", 48),
                                ("cmp", ">=", ("count", "covenant.partners"), C(3))], True),
    crit("P2", "samenwerking", [("present", "police.contact")]),
    crit("P3", "samenwerking", weight=2, levels=[(2, ge("partners.meetings_12m", 4)), (1, ge("partners.meetings_12m", 2))]),
    crit("P4", "samenwerking", [ge("halt.sessions_12m", 1)], applies=("in", "school.type", {"po", "vo"})),
    crit("P5", "samenwerking", [("present", "ggd.contact")]),
    crit("P6", "samenwerking", [P("partners.roles_documented")]),
    crit("O1", "omgeving", [("within", "surroundings.walkthrough", 12)], weight=2),
    crit("O2", "omgeving", [P("surroundings.nuisance_agreements")]),
    crit("O3", "omgeving", [P("surroundings.safe_routes")], applies=PO_SO),
    crit("O4", "omgeving", [P("measures.linked")]),
]

PERCENT = {"staff.vog_coverage", "staff.trained_24m", "monitor.response_rate", "monitor.feels_safe",
           "meldcode.trained_24m", "bhv.refreshed_24m"}


def months_back(d, months):
    """`d` minus whole months, clamped to the end of a shorter month."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return datetime.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def lookup(evidence, path):
    v = evidence
    for key in path.split("."):
        if not isinstance(v, dict):
            return None
        v = v.get(key)
    if path in PERCENT and v is not None:
        if isinstance(v, str):
            return Fraction(v.strip()[:-1].strip()) / 100
        return Fraction(str(v))
    return v


def date(v):
    return datetime.date.fromisoformat(v) if isinstance(v, str) else None


def kleene_and(values):
    unknown = False
    for v in values:
        if v is False:
            return False
        if v is None:
            unknown = True
    return None if unknown else True


def kleene_or(values):
    unknown = False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
    return None if unknown else False


OPS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, "==": lambda a, b: a == b,
       ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def ev(expr, evidence, as_of):
    kind = expr[0]
    if kind == "path":
        return lookup(evidence, expr[1])
    if kind == "const":
        return expr[1]
    if kind == "within":
        d = date(lookup(evidence, expr[1]))
        if d is None:
            return None
        return months_back(as_of, expr[2]) <= d <= as_of
    if kind == "present":
        v = lookup(evidence, expr[1])
        return v is not None and not (isinstance(v, str) and not v.strip())
    if kind == "in":
        v = lookup(evidence, expr[1])
        return None if v is None else v in expr[2]
    if kind == "count":
        v = lookup(evidence, expr[1])
        return None if v is None else len(v)
    if kind == "count_within":
        v = lookup(evidence, expr[1])
        if v is None:
            return None
        start = months_back(as_of, expr[2])
        return sum(1 for d in v if start <= date(d) <= as_of)
    if kind == "mul":
        a, b = ev(expr[1], evidence, as_of), ev(expr[2], evidence, as_of)
        return None if a is None or b is None else a * b
    if kind == "cmp":
        a, b = ev(expr[2], evidence, as_of), ev(expr[3], evidence, as_of)
        return None if a is None or b is None else OPS[expr[1]](a, b)
    if kind == "and":
        return kleene_and(ev(x, evidence, as_of) for x in expr[1:])
    if kind == "or":
        return kleene_or(ev(x, evidence, as_of) for x in expr[1:])
    raise ValueError(kind)


def evaluate(doc):
    as_of = date(doc.get("as_of"))
    evidence = doc.get("evidence") or {}
    results = []
    for c in CRITERIA:
        applies = True if c["applies"] is None else ev(c["applies"], evidence, as_of)
        required = kleene_and(ev(r, evidence, as_of) for r in c["require"])
        level = None
        if c["levels"]:
            level = 0
            for lvl, cond in c["levels"]:
                holds = ev(cond, evidence, as_of)
                if holds is True:
                    level = lvl
                    break
                if holds is None:
                    level = None
                    break
            if required is False or level == 0:
                status, level = "fail", 0
            elif level is not None and required is True:
                status = "pass"
            else:
                status, level = "unknown", None
        else:
            status = {True: "pass", False: "fail", None: "unknown"}[required]
        if applies is False:
            status, level = "not_applicable", None
        elif applies is None:
            status, level = "unknown", None
        results.append((c, status, level))
    themes = []
    for theme, threshold in THEMES:
        low = high = Fraction(0)
        total = 0
        failed, open_ = False, False
        for c, status, level in results:
            if c["theme"] != theme:
                continue
            if c["mandatory"]:
                failed |= status == "fail"
                open_ |= status == "unknown"
            if status == "not_applicable":
                continue
            w = c["weight"]
            total += w
            if status == "unknown":
                high += w
                continue
            top = max(l for l, _ in c["levels"]) if c["levels"] else 1
            got = Fraction(w * level, top) if level is not None else Fraction(w if status == "pass" else 0)
            low += got
            high += got
        reaches = (lambda g: total == 0 or g / total >= threshold)
        if failed or not reaches(high):
            themes.append((theme, "fail"))
        elif reaches(low) and not open_:
            themes.append((theme, "pass"))
        else:
            themes.append((theme, "unknown"))
    statuses = [s for _, s in themes]
    if "fail" in statuses:
        verdict = "not_certified"
    elif all(s == "pass" for s in statuses):
        verdict = "certified"
    else:
        verdict = "insufficient_evidence"
    return {
        "location": doc.get("location", {}).get("id"),
        "verdict": verdict,
        "themes": {t: s for t, s in themes},
        "criteria": {c["id"]: s for c, s, _ in results},
    }


def main():
    files = sys.argv[1:] or ["-"]
    out = sys.stdout
    for name in files:
        stream = sys.stdin if name == "-" else open(name, encoding="utf-8")
        for line in stream:
            if line.strip():
                out.write(json.dumps(evaluate(json.loads(line))) + "\n")


if __name__ == "__main__":
    main()
