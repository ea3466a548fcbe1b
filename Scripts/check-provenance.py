#!/usr/bin/env python3
"""Checks kg's provenance model in a real SPARQL store (pyoxigraph).

usage: check-provenance.py OUTPUT_DIR SEEDS_DIR README.md

1. every seed document has its named graph in graph.nq;
2. every statement of graph.nt (the domain graph) has at least one provenance record;
3. every NIF string's offsets select exactly its anchor text in the source file;
4. the README's provenance query returns, for a sample of facts, the document and a sentence
   whose offsets select that sentence in the source and which names the fact's object.
Prints what it checked; exits 1 on the first kind of failure it finds, listing examples.
"""
import pathlib
import re
import sys

import pyoxigraph as ox

KG = "https://w3id.org/kg/ontology#"
DOC = "https://w3id.org/kg/id/doc/"


def fail(message, examples=()):
    print(f"FAIL: {message}")
    for example in list(examples)[:10]:
        print(f"   {example}")
    sys.exit(1)


def main():
    output, seeds, readme = map(pathlib.Path, sys.argv[1:4])
    store = ox.Store()
    store.load(path=str(output / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    domain = list(ox.parse(path=str(output / "graph.nt"), format=ox.RdfFormat.N_TRIPLES))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}

    # 1. Named graphs.
    graphs = {str(g.value) for g in store.named_graphs()}
    missing = [name for name in texts if DOC + name not in graphs]
    if missing:
        fail("seed documents without a named graph", missing)
    print(f"ok: {len(texts)} seed documents, each with its named graph")

    # 2. A provenance record for every domain statement.
    unsupported = []
    for triple in domain:
        query = f"""ASK {{ GRAPH ?g {{ ?r a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> ;
            <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> {triple.subject} ;
            <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> {triple.predicate} ;
            <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> {triple.object} ;
            <http://www.w3.org/ns/prov#wasDerivedFrom> ?e ; <http://www.w3.org/ns/prov#wasGeneratedBy> ?a ;
            <{KG}confidence> ?c }} }}"""
        if not store.query(query):
            unsupported.append(str(triple))
    if unsupported:
        fail(f"{len(unsupported)} of {len(domain)} domain statements have no provenance record", unsupported)
    print(f"ok: all {len(domain)} domain statements have a provenance record")

    # 3. Offsets select the anchor text.
    rows = store.query("""PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?g ?s ?b ?e ?a WHERE { GRAPH ?g { ?s nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a } }""")
    checked, wrong = 0, []
    for row in rows:
        name = str(row["g"].value)[len(DOC):]
        begin, end, anchor = int(row["b"].value), int(row["e"].value), row["a"].value
        if texts.get(name, "")[begin:end] != anchor:
            wrong.append(f"{row['s']}: text[{begin}:{end}] = {texts.get(name, '')[begin:end]!r}, anchorOf {anchor!r}")
        checked += 1
    if wrong or checked == 0:
        fail(f"{len(wrong)} of {checked} NIF strings do not select their anchor text", wrong)
    print(f"ok: {checked} NIF strings (mentions and sentences) select exactly their anchor text")

    # 4. The README's query, on a sample of facts.
    match = re.search(r"<!-- provenance-query -->\s*```sparql\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    if not match:
        fail("README.md has no provenance query block")
    template = match.group(1)
    facts = [t for t in domain if str(t.predicate.value).startswith(KG)]
    if not facts:
        fail("the domain graph has no facts to sample")
    names = {}
    for row in store.query("""SELECT ?s ?n WHERE { { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?n }
            UNION { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?n }
            UNION { GRAPH ?g { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?s ;
                    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> ?n } } }"""):
        names.setdefault(str(row["s"]), set()).add(row["n"].value.lower())
    sample = facts[:: max(1, len(facts) // 12)]
    bad = []
    for fact in sample:
        values = f"VALUES (?subject ?predicate ?object) {{ ({fact.subject} {fact.predicate} {fact.object}) }}"
        query = re.sub(r"VALUES \(\?subject \?predicate \?object\) \{[^}]*\}", lambda _: values, template, count=1)
        results = list(store.query(query))
        if not results:
            bad.append(f"{fact}: no answer")
            continue
        good = False
        for row in results:
            document = str(row["document"].value)[len(DOC):]
            begin, end, sentence = int(row["begin"].value), int(row["end"].value), row["sentence"].value
            in_text = texts.get(document, "")[begin:end] == sentence
            names_object = any(n in sentence.lower() for n in names.get(str(fact.object), ()))
            if in_text and names_object and row["stage"].value and 0 < float(row["confidence"].value) <= 1:
                good = True
        if not good:
            bad.append(f"{fact}: answers do not point at a sentence naming the object: {results[:2]}")
    if bad:
        fail(f"the README query answered wrongly for {len(bad)} of {len(sample)} sampled facts", bad)
    print(f"ok: the README query returns document, sentence, offsets, stage and confidence for {len(sample)} sampled facts")


if __name__ == "__main__":
    main()
