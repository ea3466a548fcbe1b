#!/usr/bin/env python3
"""Calibrates the confidence of each relation rule against the development set.

Runs `kg extract` on Tests/DevSet/texts, scores every relation it writes against the gold of
Tests/DevSet/gold (the hold-out set is never read), and sets each rule's confidence in
Ontology/rules/relation-patterns.tsv and relation-triggers.tsv to its smoothed precision there:
(correct + K * PRIOR) / (fired + K), so a rule that fired only a few times stays near PRIOR, and one
that never fired keeps its hand-set figure. The result depends only on the rules, the texts and
the gold, so running it twice changes nothing. Run it again after rules change:

    python3 Scripts/calibrate-confidence.py .build/release/kg [--dry-run]

Needs rdflib (Scripts/test.sh installs it). Prints one line per rule that fired.
"""
import argparse, glob, json, os, re, subprocess, sys, tempfile

K = 4.0
PRIOR = 0.6
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Each rule file and the stage whose provenance names its rules (ids are unique per stage).
RULE_FILES = [("Ontology/rules/relation-patterns.tsv", "sentence-relations"), ("Ontology/rules/relation-triggers.tsv", "trigger-relations")]


def norm(text):
    text = re.sub(r"[^\w ]", " ", text.lower())
    return re.sub(r"s$", "", re.sub(r"\s+", " ", text).strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kg", help="the kg binary to run")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, change no file")
    args = parser.parse_args()
    import rdflib
    from rdflib.namespace import RDF, RDFS, SKOS
    kg_ns = rdflib.Namespace("https://w3id.org/kg/ontology#")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([args.kg, "extract", os.path.join(ROOT, "Tests/DevSet/texts"), "--out", out, "--format", "ttl",
                        "--ontology", os.path.join(ROOT, "Ontology"), "--quiet"], check=True)
        provenance = rdflib.Graph().parse(os.path.join(out, "provenance.ttl"))
        graph = rdflib.Graph().parse(os.path.join(out, "graph.ttl"))
    names = {}
    for subject, label in list(graph.subject_objects(RDFS.label)) + list(graph.subject_objects(SKOS.altLabel)):
        names.setdefault(subject, set()).add(norm(str(label)))
    gold = {}
    for path in glob.glob(os.path.join(ROOT, "Tests/DevSet/gold/*.json")):
        document = json.load(open(path, encoding="utf-8"))
        forms = {e["label"]: {norm(e["label"])} | {norm(a) for a in e["aliases"]} for e in document["entities"]}
        gold[document["document"]] = [(forms.get(r["subject"], {norm(r["subject"])}), r["property"],
                                       forms.get(r["object"], {norm(r["object"])})) for r in document["relations"]]
    fired, correct = {}, {}
    for statement in provenance.subjects(RDF.type, RDF.Statement):
        predicate = str(provenance.value(statement, RDF.predicate))
        if not predicate.startswith(str(kg_ns)):
            continue
        activity = provenance.value(statement, prov.wasGeneratedBy)
        rule = (str(provenance.value(activity, kg_ns.stage)), str(provenance.value(activity, kg_ns.rule))) if activity is not None else ("", "")
        documents = {m.group(1) for e in provenance.objects(statement, prov.wasDerivedFrom)
                     for m in [re.search(r"/doc/([^#]*)#", str(e))] if m}
        subject, obj = provenance.value(statement, RDF.subject), provenance.value(statement, RDF.object)
        prop = predicate.split("#")[1]
        ok = any(names.get(subject, set()) & s and p == prop and names.get(obj, set()) & o
                 for d in documents for s, p, o in gold.get(d, []))
        fired[rule] = fired.get(rule, 0) + 1
        correct[rule] = correct.get(rule, 0) + ok
    for relative, stage in RULE_FILES:
        path = os.path.join(ROOT, relative)
        lines = open(path, encoding="utf-8").read().split("\n")
        header_seen = False
        for index, line in enumerate(lines):
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            fields = line.split("\t")
            rule = (stage, fields[0])
            if rule not in fired:
                continue
            current = float(fields[4])
            calibrated = round((correct[rule] + K * PRIOR) / (fired[rule] + K), 2)
            print(f"{stage} {rule[1]}\tfired {fired[rule]}\tcorrect {correct[rule]}\t{current:.2f} -> {calibrated:.2f}")
            fields[4] = f"{calibrated:g}"
            lines[index] = "\t".join(fields)
        if not args.dry_run:
            open(path, "w", encoding="utf-8").write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
