#!/usr/bin/env python3
"""kg extract on Apache Spark: documents are extracted on the executors, kg merge writes the outputs.

usage:
  spark-submit Scripts/spark/extract.py INPUT_DIR --out OUT [--kg PATH] [--ontology DIR]
               [--partitions N] [--format ttl,rdf,nt,trig,nq] [--base IRI] [--master URL]
  python3 Scripts/spark/extract.py ...       (same, with pyspark installed; --master defaults to local[2])

How it works:
  1. The driver lists the .txt files under INPUT_DIR (recursively, sorted) and splits the list
     into --partitions slices in that order (no hash-seeded grouping).
  2. Each task lays its slice out under a private temporary folder with the same relative paths
     (symbolic links), so kg gives every document the identifier one run over INPUT_DIR gives it,
     and runs `kg extract --shard 1/1`, which writes only the per-document results. The task
     yields (result file name, bytes) pairs.
  3. The driver streams the pairs back (toLocalIterator) and writes each to OUT/.kg/results under
     its name. A retried or speculative task yields the same names with the same bytes, so a
     result written twice is the same file; the order results arrive in does not matter.
  4. `kg merge OUT --out OUT` writes the outputs: the same bytes as `kg extract INPUT_DIR --out OUT`.

INPUT_DIR, the kg binary and the ontology folder must be readable at the same paths on every
executor (a shared file system, or the same image on every node), as for any spark-submit job.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile


def documents(root):
    """Identifiers (paths relative to root) of every .txt file under root, sorted."""
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".txt"):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def extract_partition(root, kg, ontology):
    """The task: extract a slice of documents with kg and yield its result files."""
    def run(identifiers):
        identifiers = list(identifiers)
        if not identifiers:
            return
        work = tempfile.mkdtemp(prefix="kg-spark-")
        try:
            inputs = os.path.join(work, "in")
            for identifier in identifiers:
                link = os.path.join(inputs, identifier)
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(os.path.join(root, identifier), link)
            out = os.path.join(work, "out")
            command = [kg, "extract", inputs, "--out", out, "--shard", "1/1", "--quiet", "--jobs", "1"]
            if ontology:
                command += ["--ontology", ontology]
            done = subprocess.run(command, capture_output=True, text=True)
            # Status 1: some documents were skipped (their errors are on stderr); the rest have results.
            if done.returncode not in (0, 1):
                raise RuntimeError(f"kg extract failed with status {done.returncode}: {done.stderr}")
            if done.stderr:
                sys.stderr.write(done.stderr)
            results = os.path.join(out, ".kg", "results")
            for name in sorted(os.listdir(results)):
                with open(os.path.join(results, name), "rb") as handle:
                    yield name, handle.read()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return run


def main():
    parser = argparse.ArgumentParser(description="kg extract on Apache Spark (see the module docstring).")
    parser.add_argument("input", help="folder of .txt documents, readable on every executor")
    parser.add_argument("--out", required=True, help="output folder (its .kg/results receives the per-document results)")
    parser.add_argument("--kg", default=shutil.which("kg") or "kg", help="the kg binary, on every executor (default: kg on PATH)")
    parser.add_argument("--ontology", help="the ontology folder, on every executor (default: kg's own)")
    parser.add_argument("--partitions", type=int, default=0, help="slices of the corpus (default: Spark's default parallelism)")
    parser.add_argument("--format", default="ttl,rdf,nt,trig,nq", help="output syntaxes, as for kg extract")
    parser.add_argument("--base", help="mint IRIs under this namespace, as for kg extract")
    parser.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[2])")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("kg extract")
    if args.master or not os.environ.get("SPARK_ENV_LOADED"):
        builder = builder.master(args.master or "local[2]")
    spark = builder.getOrCreate()
    try:
        context = spark.sparkContext
        root = os.path.abspath(args.input)
        kg = os.path.abspath(args.kg) if os.path.sep in args.kg else args.kg
        ontology = os.path.abspath(args.ontology) if args.ontology else None
        identifiers = documents(root)
        if not identifiers:
            sys.exit(f"extract.py: no .txt documents under {args.input}")
        slices = args.partitions or context.defaultParallelism
        results = pathlib.Path(args.out, ".kg", "results")
        results.mkdir(parents=True, exist_ok=True)
        for stale in results.glob("*.kgr"):
            stale.unlink()
        written = set()
        rdd = context.parallelize(identifiers, slices).mapPartitions(extract_partition(root, kg, ontology))
        for name, data in rdd.toLocalIterator():
            if name in written:
                continue
            partial = results / (name + ".partial")
            partial.write_bytes(data)
            partial.replace(results / name)
            written.add(name)
    finally:
        spark.stop()

    command = [kg, "merge", args.out, "--out", args.out, "--format", args.format]
    if ontology:
        command += ["--ontology", ontology]
    if args.base:
        command += ["--base", args.base]
    sys.exit(subprocess.run(command).returncode)


if __name__ == "__main__":
    main()
