#!/usr/bin/env python3
"""Derives Ontology/shapes.ttl (SHACL) from Ontology/core.ttl.

usage: derive-shapes.py [CORE_TTL [SHAPES_TTL]]   (defaults: Ontology/core.ttl, Ontology/shapes.ttl;
                                                  SHAPES_TTL "-" prints to standard output)

What the shapes say:
- every instance of a kg class has an rdfs:label (a literal, at most one per language);
- the subject of every kg object or datatype property is an instance of its rdfs:domain, and its
  values are instances of its rdfs:range (object properties) or literals of its range datatype;
- kg:confidence is an xsd:decimal in [0, 1] (a confidence is a probability);
- NIF offsets (nif:beginIndex, nif:endIndex) are xsd:nonNegativeInteger, one each, begin < end.

SHACL's sh:class looks up rdfs:subClassOf in the *data* graph, and kg's output graphs do not
repeat the ontology, so a class constraint lists the class and every subclass core.ttl gives it
(sh:or of sh:class), which makes the shapes work on a bare output graph.

The output is plain, sorted Turtle written by this script (not by rdflib's serializer), so the
same core.ttl always gives the same bytes; a test re-derives it and compares.
"""
import pathlib
import sys

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection

KG = "https://w3id.org/kg/ontology#"
SHAPES = "https://w3id.org/kg/shapes#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def local(term):
    return str(term)[len(KG):]


def kg_name(term):
    text = str(term)
    if text.startswith(KG):
        return "kg:" + text[len(KG):]
    if text.startswith(XSD):
        return "xsd:" + text[len(XSD):]
    if text == str(RDFS.Literal):
        return "rdfs:Literal"
    return f"<{text}>"


def class_members(ontology, node):
    """The classes a domain or range names: one IRI, or the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [node]
    union = ontology.value(node, OWL.unionOf)
    if union is None:
        raise SystemExit(f"derive-shapes: a domain or range that is neither a class nor a union: {node}")
    return list(Collection(ontology, union))


def subclasses(ontology, kg_classes):
    """Every kg class with all its kg subclasses (reflexive, transitive)."""
    direct = {cls: set() for cls in kg_classes}
    for cls in kg_classes:
        for parent in ontology.objects(cls, RDFS.subClassOf):
            if parent in direct:
                direct[parent].add(cls)
    closure = {}
    for cls in kg_classes:
        seen, todo = {cls}, [cls]
        while todo:
            for child in direct[todo.pop()]:
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        closure[cls] = seen
    return closure


def literal_text(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def class_constraint(classes, closure, indent):
    """sh:class for one class without subclasses, else sh:or of sh:class over the expansion."""
    expanded = sorted({member for cls in classes for member in closure.get(cls, {cls})}, key=str)
    if len(expanded) == 1:
        return f"sh:class {kg_name(expanded[0])}"
    alternatives = f"\n{indent}    ".join(f"[ sh:class {kg_name(cls)} ]" for cls in expanded)
    return f"sh:or (\n{indent}    {alternatives}\n{indent})"


def names(classes):
    """'an Organization, Event or Place'."""
    words = [local(cls) for cls in classes]
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return ("an " if listed[0] in "AEIOU" else "a ") + listed


def derive(core_path):
    ontology = Graph()
    ontology.parse(core_path, format="turtle")
    kg_classes = sorted((cls for cls in ontology.subjects(RDF.type, OWL.Class)
                         if isinstance(cls, URIRef) and str(cls).startswith(KG)), key=str)
    closure = subclasses(ontology, kg_classes)
    blocks = []

    for cls in kg_classes:
        blocks.append(
            f"kgsh:{local(cls)} a sh:NodeShape ;\n"
            f"    sh:targetClass {kg_name(cls)} ;\n"
            f"    sh:property kgsh:{local(cls)}-label .\n\n"
            f"kgsh:{local(cls)}-label a sh:PropertyShape ;\n"
            f"    sh:path rdfs:label ;\n"
            f"    sh:minCount 1 ;\n"
            f"    sh:nodeKind sh:Literal ;\n"
            f"    sh:uniqueLang true ;\n"
            f"    sh:message {literal_text(f'{names([cls])} has a label: one literal per language')} .\n")

    properties = sorted((prop for kind in (OWL.ObjectProperty, OWL.DatatypeProperty)
                         for prop in ontology.subjects(RDF.type, kind)
                         if str(prop).startswith(KG)), key=str)
    for prop in properties:
        name = local(prop)
        is_object = (prop, RDF.type, OWL.ObjectProperty) in ontology
        domain = ontology.value(prop, RDFS.domain)
        if domain is not None:
            classes = class_members(ontology, domain)
            blocks.append(
                f"kgsh:{name}-domain a sh:NodeShape ;\n"
                f"    sh:targetSubjectsOf {kg_name(prop)} ;\n"
                f"    {class_constraint(classes, closure, '    ')} ;\n"
                f"    sh:message {literal_text(f'the subject of {name} is {names(classes)}')} .\n")
        range_ = ontology.value(prop, RDFS.range)
        if range_ is None:
            continue
        lines = [f"kgsh:{name}-range a sh:PropertyShape ;",
                 f"    sh:targetSubjectsOf {kg_name(prop)} ;",
                 f"    sh:path {kg_name(prop)} ;"]
        if is_object:
            classes = class_members(ontology, range_)
            lines.append(f"    {class_constraint(classes, closure, '    ')} ;")
            message = f"a value of {name} is {names(classes)}"
        elif range_ == RDFS.Literal:
            lines.append("    sh:nodeKind sh:Literal ;")
            message = f"a value of {name} is a literal"
        else:
            lines.append(f"    sh:datatype {kg_name(range_)} ;")
            message = f"a value of {name} is an {kg_name(range_)}"
            if prop == URIRef(KG + "confidence"):
                # A confidence is a probability: the ontology says decimal, the shapes add the bounds.
                lines += ["    sh:maxCount 1 ;", "    sh:minInclusive 0 ;", "    sh:maxInclusive 1 ;"]
                message = "a confidence is one xsd:decimal from 0 to 1"
        lines.append(f"    sh:message {literal_text(message)} .\n")
        blocks.append("\n".join(lines))

    blocks.append(
        "kgsh:nif-offsets a sh:NodeShape ;\n"
        "    sh:targetSubjectsOf nif:beginIndex, nif:endIndex ;\n"
        "    sh:property kgsh:nif-beginIndex, kgsh:nif-endIndex .\n\n"
        "kgsh:nif-beginIndex a sh:PropertyShape ;\n"
        "    sh:path nif:beginIndex ;\n"
        "    sh:minCount 1 ;\n"
        "    sh:maxCount 1 ;\n"
        "    sh:datatype xsd:nonNegativeInteger ;\n"
        "    sh:lessThan nif:endIndex ;\n"
        "    sh:message \"a NIF string has one non-negative begin index, less than its end index\" .\n\n"
        "kgsh:nif-endIndex a sh:PropertyShape ;\n"
        "    sh:path nif:endIndex ;\n"
        "    sh:minCount 1 ;\n"
        "    sh:maxCount 1 ;\n"
        "    sh:datatype xsd:nonNegativeInteger ;\n"
        "    sh:message \"a NIF string has one non-negative end index\" .\n")

    header = (
        "# Generated by Scripts/derive-shapes.py from Ontology/core.ttl: do not edit by hand.\n"
        "# Class constraints list each class with its subclasses (sh:or), because sh:class reads\n"
        "# rdfs:subClassOf from the data graph and kg's output graphs do not repeat the ontology.\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"@prefix nif: <{NIF}> .\n"
        f"@prefix kg: <{KG}> .\n"
        f"@prefix kgsh: <{SHAPES}> .\n\n")
    return header + "\n".join(blocks)


def main():
    core = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Ontology/core.ttl")
    target = sys.argv[2] if len(sys.argv) > 2 else "Ontology/shapes.ttl"
    text = derive(core)
    if target == "-":
        sys.stdout.write(text)
    else:
        pathlib.Path(target).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
