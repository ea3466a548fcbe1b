#!/usr/bin/env python3
"""Check the gold JSON files against the core ontology contract.

Usage (from the repository root):  python3 Tests/Gold/validate.py
       python3 Tests/Gold/validate.py --gold Tests/HoldOut/gold --texts Tests/HoldOut/texts
Without options it checks the seeds and the development set; with --gold and --texts
it checks only that gold folder against that text folder.
Errors (exit 1): bad JSON, duplicate labels, unknown class/property, relation
ends that are not entity labels, domain/range violations.
Warnings only: a label or alias not found in the text (case-insensitive).
"""
import argparse, json, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAIRS = [(ROOT / "Tests/Gold/seeds", ROOT / "seeds"),
         (ROOT / "Tests/DevSet/gold", ROOT / "Tests/DevSet/texts")]

_args = argparse.ArgumentParser(description="Check gold JSON files against the core ontology contract.")
_args.add_argument("--gold", type=pathlib.Path, help="folder of gold JSON files (needs --texts)")
_args.add_argument("--texts", type=pathlib.Path, help="folder of the texts the gold files name (needs --gold)")
_opts = _args.parse_args()
if (_opts.gold is None) != (_opts.texts is None):
    _args.error("--gold and --texts go together")
if _opts.gold is not None:
    for _d in (_opts.gold, _opts.texts):
        if not _d.is_dir():
            _args.error(f"not a folder: {_d}")
    PAIRS = [(_opts.gold.resolve(), _opts.texts.resolve())]

PARENT = {"ResearchInstitute": "Organization", "University": "Organization", "Company": "Organization",
          "GovernmentAgency": "Organization", "Association": "Organization", "Biobank": "Organization",
          "Country": "Place", "City": "Place", "Region": "Place"}
CLASSES = set(PARENT) | {"Person", "Organization", "Place", "Journal", "Event", "Award", "Program",
                         "CellType", "Gene", "Biomarker", "Disease", "Organism", "Method", "Topic"}
# property -> list of (domain set, range set); one pair must match
PROPS = {
    "locatedIn": [({"Organization", "Event", "Place"}, {"Place"})],
    "partOf": [({"Organization"}, {"Organization"}), ({"Place"}, {"Place"})],
    "affiliatedWith": [({"Person", "Organization"}, {"Organization"})],
    "ledBy": [({"Organization", "Event"}, {"Person"})],
    "fundedBy": [({"Organization", "Program"}, {"Organization"})],
    "publishedIn": [({"Person", "Organization", "Event"}, {"Journal"})],
    "researchFocus": [({"Organization", "Person"}, {"Topic"})],
    "collaboratesWith": [({"Organization"}, {"Organization"})],
    "discoveredBy": [({"CellType", "Method", "Event"}, {"Person", "Organization"})],
    "receivedAward": [({"Person"}, {"Award"})],
    "differentiatesInto": [({"CellType"}, {"CellType"})],
    "derivedFrom": [({"CellType"}, {"CellType"})],
    "reprogrammingFactor": [({"CellType", "Method"}, {"Gene"})],
    "hasMarker": [({"CellType"}, {"Gene", "Biomarker"})],
    "treats": [({"CellType", "Method"}, {"Disease"})],
    "regulatedBy": [({"Program", "Topic", "Method"}, {"GovernmentAgency", "Program"})],
    "producedBy": [({"CellType"}, {"Method"})],
}

def kinds(cls):
    out = {cls}
    while cls in PARENT:
        cls = PARENT[cls]; out.add(cls)
    return out

def found(form, text):
    form, text = form.lower(), text.lower()
    stems = [re.escape(form) + r"(s|es)?"]
    if form.endswith("y"):
        stems.append(re.escape(form[:-1]) + "ies")
    return any(re.search(r"(?<!\w)" + s + r"(?!\w)", text) for s in stems)

errors = warnings = 0
for gold_dir, text_dir in PAIRS:
    for path in sorted(gold_dir.glob("*.json")):
        def err(msg):
            global errors; errors += 1; print(f"ERROR {path.name}: {msg}")
        def warn(msg):
            global warnings; warnings += 1; print(f"warn  {path.name}: {msg}")
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            err(f"invalid JSON: {e}"); continue
        if set(doc) != {"document", "entities", "relations"}:
            err(f"top-level keys {sorted(doc)}")
        tpath = text_dir / doc.get("document", "")
        text = tpath.read_text(encoding="utf-8") if tpath.is_file() else None
        if text is None:
            err(f"document {doc.get('document')} not found in {text_dir}")
        classes = {}
        for e in doc["entities"]:
            if set(e) != {"label", "class", "aliases"}:
                err(f"entity keys {sorted(e)}")
            if e["label"] in classes:
                err(f"duplicate label {e['label']!r}")
            if e["class"] not in CLASSES:
                err(f"unknown class {e['class']!r}")
            classes[e["label"]] = e["class"]
            if text is not None:
                forms = [e["label"]] + e["aliases"]
                if not any(found(f, text) for f in forms):
                    err(f"no surface form of {e['label']!r} occurs in the text")
                for f in forms:
                    if not found(f, text):
                        warn(f"{f!r} ({e['label']}) not found verbatim")
        seen = set()
        for r in doc["relations"]:
            key = (r["subject"], r["property"], r["object"])
            if key in seen:
                err(f"duplicate relation {key}")
            seen.add(key)
            if r["property"] not in PROPS:
                err(f"unknown property {r['property']!r}"); continue
            if r["subject"] not in classes or r["object"] not in classes:
                err(f"relation end not an entity label: {key}"); continue
            sk, ok = kinds(classes[r["subject"]]), kinds(classes[r["object"]])
            if not any(sk & d and ok & rg for d, rg in PROPS[r["property"]]):
                err(f"domain/range violation: {key} ({classes[r['subject']]} -> {classes[r['object']]})")
        print(f"ok    {path.name}: {len(doc['entities'])} entities, {len(doc['relations'])} relations")
print(f"{errors} error(s), {warnings} warning(s)")
sys.exit(1 if errors else 0)
