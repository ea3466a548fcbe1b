#!/usr/bin/env python3
"""pySHACL's verdict on data files, for the tests that compare kg validate with it.

usage: pyshacl_counts.py SHAPES DATA...
Prints one line per data file: its path, "conforms" or "fails", then each constraint
component (local name) with its number of top-level sh:result entries, sorted, e.g.
    Tests/.../05-located-in-a-university.ttl	fails	Or=1
Nested sh:detail results are not counted: the SHACL report's results are the top level.
"""
import sys

from pyshacl import validate
from rdflib import Graph, Namespace, RDF

SH = Namespace("http://www.w3.org/ns/shacl#")


def main():
    shapes = Graph().parse(sys.argv[1])
    for path in sys.argv[2:]:
        data = Graph().parse(path)
        conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=False)
        counts = {}
        for result_report in report.subjects(RDF.type, SH.ValidationReport):
            for result in report.objects(result_report, SH.result):
                component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
                name = component.removesuffix("ConstraintComponent")
                counts[name] = counts.get(name, 0) + 1
        fields = [path, "conforms" if conforms else "fails"] + [f"{name}={counts[name]}" for name in sorted(counts)]
        print("\t".join(fields))


if __name__ == "__main__":
    main()
