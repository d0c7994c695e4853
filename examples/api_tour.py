# %% [markdown]
# # A tour of the blocwatch Python API
#
# Run as a script (`python examples/api_tour.py [DB]`) or cell by cell in a notebook (the `# %%`
# markers are Jupyter/VS Code cells). It ingests the example corpus into a DuckDB file, then asks
# the questions an analyst asks. DataFrames need pandas (`pip install 'blocwatch[frame]'`).

# %%
import sys
from pathlib import Path

from blocwatch import api

HERE = Path(__file__).resolve().parent
DB = sys.argv[1] if len(sys.argv) > 1 else "tour.duckdb"

report = api.ingest([str(HERE / "corpus")], DB)
print(f"{report.new} new articles, {report.duplicate} already stored, {report.events} events")

# %% [markdown]
# ## Events between China and North Korea, as a DataFrame
# Dates are `date` objects or ISO strings.

# %%
events = api.events(DB, dyad="CHN-PRK", since="2021-01-01", as_frame=True)
print(events[["date", "plover", "modality", "sentence"]].head(10).to_string())

# %% [markdown]
# ## How the pair moves, year by year (merged events, not mentions)

# %%
timeline = api.relations("CHN-PRK", DB, by="year", as_frame=True)
print(timeline[["period", "events", "mentions", "net_cooperation"]].to_string())

# %% [markdown]
# ## SQL on the store: the busiest pairs, from the documented view `events_v`

# %%
busiest = api.sql("""
    SELECT dyad, count(*) AS mentions, count(DISTINCT doc_id) AS articles
    FROM events_v WHERE dyad IS NOT NULL GROUP BY dyad ORDER BY mentions DESC LIMIT 5
""", DB, as_frame=True)
print(busiest.to_string())

# %% [markdown]
# ## Arrow for zero-copy hand-off (to DuckDB, Polars, Parquet …)

# %%
table = api.events(DB, as_frame="arrow")
print(table.schema.names[:8], table.num_rows)

# %% [markdown]
# ## Who must help North Korea if it is attacked on a given day? (duties known to be in force)

# %%
for duty in api.obligations("PRK", on="2024-12-01"):
    if duty["status"] == "in force":
        print(duty["state"], duty["treaty_id"], duty["status"])
