#!/usr/bin/env python3
"""Writes two N-Triples files for timing `kg diff` at scale (issue 4).

    Scripts/make-diff-fixture.py N OUT_DIR [--change-rate 0.01] [--seed 4]

OUT_DIR/old.nt holds N triples about N/10 entities: labels (some language-tagged, some with
non-ASCII characters and escapes), typed integers and dates, links between entities, and every
20th entity has an address held by a blank node. OUT_DIR/new.nt is the same graph with
`change-rate` of the objects changed, written in another order and with other blank-node labels,
so only a blank-node aware diff sees just the changes. Output is deterministic for a given seed.
The files are generated on demand and never committed.
"""
import argparse
import os
import random

EX = "http://example.org/"
PREDICATES = [
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://schema.org/name",
    "http://schema.org/description",
    "http://schema.org/foundingDate",
    "http://schema.org/numberOfEmployees",
    "http://schema.org/knows",
    "http://schema.org/memberOf",
    "http://schema.org/url",
]
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CLASSES = ["Person", "Organization", "Place", "CreativeWork", "Event"]
WORDS = ("alpha beta gamma delta river stone north field école Zürich café naïve "
         "market tower bridge garden harbour valley 東京 data graph").split()


def escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def literal(rng, entity, slot):
    kind = rng.randrange(10)
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 6)))
    if kind == 0:
        return '"%s"@%s' % (escape(words), rng.choice(["en", "fr", "de-CH"]))
    if kind == 1:
        return '"%d"^^<http://www.w3.org/2001/XMLSchema#integer>' % rng.randrange(100000)
    if kind == 2:
        return '"%04d-%02d-%02d"^^<http://www.w3.org/2001/XMLSchema#date>' % (
            rng.randrange(1800, 2025), rng.randrange(1, 13), rng.randrange(1, 29))
    if kind == 3:
        return '"%s \\"quoted\\"\\n%d"' % (escape(words), entity)
    if kind in (4, 5):
        return "<%sentity/%d>" % (EX, rng.randrange(1 << 30))
    return '"%s %d.%d"' % (escape(words), entity, slot)


def statements(n, rng):
    """Yields (subject, predicate, object, blank) tuples; blank is the index of a blank node or None."""
    entity = 0
    blank = 0
    count = 0
    while count < n:
        subject = "<%sentity/%d>" % (EX, entity)
        yield (subject, "<%s>" % TYPE, "<%s%s>" % (EX, CLASSES[entity % len(CLASSES)]), None)
        count += 1
        slot = 0
        while slot < 8 and count < n:
            predicate = "<%s>" % PREDICATES[rng.randrange(len(PREDICATES))]
            yield (subject, predicate, literal(rng, entity, slot), None)
            count += 1
            slot += 1
        if entity % 20 == 0 and count + 2 <= n:
            # subject -> _:b ; _:b has a street (unique per entity, so canonical labels are cheap).
            yield (subject, "<http://schema.org/address>", None, blank)
            yield (None, "<http://schema.org/streetAddress>", '"%d %s street"' % (entity, rng.choice(WORDS)), blank)
            count += 2
            blank += 1
        entity += 1


def render(statement, label):
    subject, predicate, obj, blank = statement
    if blank is not None:
        if subject is None:
            subject = "_:%s%d" % (label, blank)
        else:
            obj = "_:%s%d" % (label, blank)
    return "%s %s %s .\n" % (subject, predicate, obj)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="number of triples per file")
    parser.add_argument("out_dir")
    parser.add_argument("--change-rate", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    rng = random.Random(args.seed)
    old = list(statements(args.n, rng))
    change = random.Random(args.seed + 1)
    new = []
    changed = 0
    for statement in old:
        subject, predicate, obj, blank = statement
        if obj is not None and obj.startswith('"') and change.random() < args.change_rate * 1.6:
            # Only literal objects change (about 60% of the statements), so the rate holds overall.
            statement = (subject, predicate, obj[:-1] + ' changed"' if obj.endswith('"') else '"changed %d"' % changed, blank)
            changed += 1
        new.append(statement)
    order = list(range(len(new)))
    random.Random(args.seed + 2).shuffle(order)

    with open(os.path.join(args.out_dir, "old.nt"), "w", encoding="utf-8", newline="\n") as out:
        out.writelines(render(s, "b") for s in old)
    with open(os.path.join(args.out_dir, "new.nt"), "w", encoding="utf-8", newline="\n") as out:
        out.writelines(render(new[i], "n") for i in order)
    print("%s: %d triples per file, %d objects changed" % (args.out_dir, len(old), changed))


if __name__ == "__main__":
    main()
