"""The most frequent words of the Spanish KCNA stories outside the test split: the list that
``src/blocwatch/data/gloss_es.tsv`` (written by hand, our own glosses) covers.

    python scripts/spanish_words.py [--corpus ../shared/corpus/kcna2011] [--top 3000] > words.tsv

Prints ``word<TAB>count`` (lowercase, accents folded), most frequent first. Stories of the `test`
split (``blocwatch.events.realgold.gold_split``) are not read, so nothing of the held-out stories
chooses the glossary.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from blocwatch.events.realgold import gold_split  # noqa: E402
from blocwatch.language import spanish_text  # noqa: E402
from blocwatch.learned.gloss import WORD, fold  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kcna2011"))
    ap.add_argument("--top", type=int, default=3000)
    args = ap.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    for path in sorted(Path(args.corpus).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            text = f"{rec.get('title') or ''}\n{rec.get('text') or ''}"
            if gold_split(str(rec.get("id"))) == "test" or not spanish_text(text):
                continue
            counts.update(fold(w) for w in WORD.findall(text))
    for word, n in counts.most_common(args.top):
        print(f"{word}\t{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
