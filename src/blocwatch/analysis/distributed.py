"""The same analyses on Dask, over a Parquet dataset from ``blocwatch export --format parquet --partition year``.

``dask.dataframe`` reads ``merged_events/`` and ``events/`` (Hive-partitioned by year), filters on
the workers, groups by period or pair, and joins (``merge``) the evidence mentions. The results are
those of ``analysis.queries`` on the DuckDB store the dataset came from.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from blocwatch.analysis.dedup import COUNTED_MODALITIES
from blocwatch.errors import QueryError

MERGED_COLS = ["merged_id", "source", "target", "dyad", "plover", "quad_class", "goldstein", "modality", "date",
               "mentions", "sources", "event_ids"]
EVIDENCE_COLS = ["event_id", "sentence", "doc_id", "source_text", "target_text"]


def _dataset(root: str, table: str) -> str:
    path = Path(root) / table
    if not path.is_dir():
        raise QueryError(f"no {table}/ here; write one with 'blocwatch export --format parquet --partition year'",
                         path=str(root))
    return str(path)


def _merged(root: str, filters: list | None = None, state: bool = False):
    """Merged events of the dataset; with ``state``, only those one of whose mentions is a state acting."""
    import dask.dataframe as dd
    import pyarrow.dataset as ds

    path = _dataset(root, "merged_events")
    if state:
        if "state_mentions" not in ds.dataset(path, format="parquet", partitioning="hive").schema.names:
            raise QueryError("this dataset has no state_mentions (written before blocwatch counted state actors): "
                             "export it again, or pass --actors all", path=str(root))
        filters = (filters or []) + [("state_mentions", ">", 0)]
    df = dd.read_parquet(path, columns=MERGED_COLS, filters=filters)
    df = df[df["date"].notnull() & df["modality"].isin(list(COUNTED_MODALITIES))]
    return df.assign(date=df["date"].astype("datetime64[s]"))


def _period(dates, by: str):
    d = dates.dt
    if by == "year":
        return d.year.astype(str)
    if by == "quarter":
        return d.year.astype(str) + "-Q" + d.quarter.astype(str)
    return d.strftime("%Y-%m")


def _summarise(df, evidence: int):
    """One period's merged events (a pandas frame) → its row of the timeline."""
    import pandas as pd

    df = df.sort_values(["date", "merged_id"], kind="stable")
    scores = [float(x) for x in df["goldstein"] if not pd.isna(x)]
    quads = {str(q): int((df["quad_class"] == q).sum()) for q in (1, 2, 3, 4)}
    rank = df.assign(_s=-df["sources"], _g=-df["goldstein"].fillna(0).abs())
    top = rank.sort_values(["_s", "_g"], kind="stable").head(evidence)
    return pd.Series({"events": len(df), "mentions": int(df["mentions"].sum()), "quads": quads, "scores": scores,
                      "top": [{"merged_id": r.merged_id, "plover": r.plover, "source": r.source, "target": r.target,
                               "date": r.date.date(), "first": r.event_ids[0]} for r in top.itertuples()]})


def timeline(client, root: str, a: str, b: str, by: str = "year", evidence: int = 3) -> list[dict[str, Any]]:
    """A dyad timeline computed by Dask workers from the Parquet dataset at ``root``."""
    import dask.dataframe as dd
    import pandas as pd

    key = f"{min(a, b)}-{max(a, b)}"
    df = _merged(root, [("dyad", "==", key)])
    df = df.assign(period=_period(df["date"], by))
    meta = pd.DataFrame({"events": pd.Series(dtype=int), "mentions": pd.Series(dtype=int),
                         "quads": pd.Series(dtype=object), "scores": pd.Series(dtype=object),
                         "top": pd.Series(dtype=object)})
    periods = client.compute(df.groupby("period").apply(_summarise, evidence, meta=meta)).result().sort_index()
    firsts = pd.DataFrame({"event_id": [t["first"] for top in periods["top"] for t in top]})
    events = dd.read_parquet(_dataset(root, "events"), columns=EVIDENCE_COLS,
                             filters=[("event_id", "in", list(firsts["event_id"]))] if len(firsts) else None)
    found = client.compute(dd.merge(events, dd.from_pandas(firsts, npartitions=1), on="event_id")).result()
    ev = {r["event_id"]: r for r in found.to_dict("records")}
    out = []
    for period, p in periods.iterrows():
        scores, quads = p["scores"], p["quads"]
        out.append({"period": period, "events": int(p["events"]), "mentions": int(p["mentions"]), "quad_counts": quads,
                    "mean_goldstein": round(sum(scores) / len(scores), 3) if scores else None,
                    "total_goldstein": round(sum(scores), 3),
                    "net_cooperation": quads["1"] + quads["2"] - quads["3"] - quads["4"],
                    "evidence": [{k: t[k] for k in ("merged_id", "plover", "source", "target", "date")}
                                 | {k: ev[t["first"]][k] for k in ("sentence", "doc_id", "event_id", "source_text",
                                                                   "target_text")} for t in p["top"]]})
    return out


def latest(client, root: str) -> date | None:
    """The latest merged event date in the dataset."""
    import dask.dataframe as dd
    import pandas as pd

    df = dd.read_parquet(_dataset(root, "merged_events"), columns=["date"])
    found = client.compute(df["date"].astype("datetime64[s]").max()).result()
    return None if pd.isna(found) else found.date()


def event_scores(client, root: str, at: date, window_days: int, half_life: float,
                 scale: float, actors: str = "state") -> dict[tuple[str, str], float]:
    """Network edges: pair → tanh(Σ goldstein × 0.5^(age/half_life) / scale) in the window, on Dask;
    with ``actors="state"``, only merged events one of whose mentions is a state acting."""
    from blocwatch.analysis.dyads import is_country

    import pandas as pd

    since = at - timedelta(days=min(window_days, (at - date.min).days))  # no underflow before year 1
    df = _merged(root, [("date", ">", since), ("date", "<=", at)], state=actors == "state")
    df = df[df["goldstein"].notnull() & df["target"].notnull() & (df["source"] != df["target"])]
    age = (pd.Timestamp(at) - df["date"]).dt.days.astype(float)
    first = df["source"] < df["target"]
    pairs = df.assign(a=df["source"].where(first, df["target"]), b=df["target"].where(first, df["source"]),
                      w=df["goldstein"] * 0.5 ** (age / half_life))
    sums = client.compute(pairs.groupby(["a", "b"])["w"].sum()).result()
    return {(a, b): math.tanh(v / scale) for (a, b), v in sums.items() if is_country(a) and is_country(b)}
