"""Synthetic stores for scale tests and benchmarks, built with DuckDB SQL in the real schema.

Events are drawn deterministically (DuckDB ``hash`` of the row number, no random state) over
197 countries weighted by a Zipf law (USA, CHN, RUS, PRK … first), 1995–2024. About ten event
mentions per article; most articles share stories with their neighbours, so mentions of one event
appear in several articles a few days apart and the merge has real work to do. Precisions, modalities,
sectors, IGO actors, missing targets, undated events and undated articles all occur.
"""

from __future__ import annotations

import os
from pathlib import Path

from blocwatch.store.db import Store

COUNTRIES = (
    "USA CHN RUS PRK KOR JPN GBR FRA DEU IND IRN ISR UKR TUR SAU PAK SYR IRQ AFG EGY BRA CAN AUS ITA ESP "
    "POL VNM TWN PHL IDN MEX NGA ZAF ETH KEN SDN LBY YEM QAT ARE JOR LBN PSE CUB VEN COL ARG CHL PER BLR "
    "KAZ UZB GEO ARM AZE MNG MMR THA MYS SGP BGD LKA NPL NZL SWE NOR FIN DNK NLD BEL CHE AUT HUN CZE SVK "
    "ROU BGR SRB HRV BIH GRC CYP PRT IRL ISL EST LVA LTU MDA ALB MKD MNE SVN LUX MLT DZA MAR TUN MLI NER "
    "TCD CMR CAF COD COG AGO ZMB ZWE MOZ TZA UGA RWA BDI SOM SSD ERI DJI GHA CIV SEN GIN SLE LBR BFA BEN "
    "TGO GAB GNQ MRT GMB GNB CPV STP NAM BWA LSO SWZ MDG MUS COM SYC MWI BOL ECU PRY URY GUY SUR PAN CRI "
    "NIC HND SLV GTM BLZ DOM HTI JAM TTO BHS BRB DMA GRD KNA LCA VCT ATG KWT BHR OMN KGZ TJK TKM LAO KHM "
    "BRN TLS PNG FJI SLB VUT WSM TON KIR TUV NRU PLW MHL FSM MDV BTN AND MCO SMR LIE VAT ESH"
).split()

# plover, quad class, goldstein (NULL for one type, as the coder can leave it unset)
TYPES = (
    ("AGREE", 1, 3.0), ("CONSULT", 1, 1.0), ("SUPPORT", 1, 3.4), ("CONCEDE", 1, 5.0),
    ("COOPERATE", 2, 6.0), ("AID", 2, 7.4), ("RETREAT", 2, 4.0), ("REQUEST", 3, -0.5),
    ("ACCUSE", 3, -2.0), ("REJECT", 3, -4.0), ("THREATEN", 3, -4.4), ("PROTEST", 3, -6.5),
    ("SANCTION", 4, -5.6), ("MOBILIZE", 4, -7.2), ("COERCE", 4, -7.0), ("ASSAULT", 4, -10.0),
    ("DEMAND", 3, None),
)
SECTORS = ("GOV", "MIL", "MED", "BUS", "OPP", "CVL")
LUT_SIZE = 4096
START, DAYS = "1995-01-01", 10957  # 1995-01-01 .. 2024-12-31
PER_ARTICLE = 10


def _lut() -> list[tuple[int, str]]:
    """Country lookup slots, each country taking slots in proportion to 1/rank."""
    weights = [1.0 / (r + 1) for r in range(len(COUNTRIES))]
    total = sum(weights)
    slots, out = 0, []
    for i, (code, w) in enumerate(zip(COUNTRIES, weights)):
        n = max(1, round(w / total * LUT_SIZE)) if i < len(COUNTRIES) - 1 else LUT_SIZE - slots
        out += [(slots + k, code) for k in range(n) if slots + k < LUT_SIZE]
        slots += n
    return out


def _h(expr: str, salt: int, mod: int) -> str:
    return f"CAST(hash(({expr}) * 1000003 + {salt * 7919 + 1}) % {mod} AS BIGINT)"


def generate(path: str | os.PathLike[str], events: int, seed: int = 0) -> Path:
    """Create (or extend) the store at ``path`` with ``events`` synthetic event mentions."""
    articles = -(-events // PER_ARTICLE)
    with Store(path) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE lut (slot INTEGER, code VARCHAR)")
        con.executemany("INSERT INTO lut VALUES (?, ?)", _lut())
        con.execute("CREATE TEMP TABLE types (t INTEGER, plover VARCHAR, quad INTEGER, goldstein DOUBLE)")
        con.executemany("INSERT INTO types VALUES (?, ?, ?, ?)", [(i, *t) for i, t in enumerate(TYPES)])
        con.execute(f"""CREATE TEMP TABLE syn_articles AS
            SELECT j, 'syn{seed}-' || j AS id,
                   CASE WHEN {_h('j', seed + 1, 50)} = 0 THEN NULL
                        ELSE DATE '{START}' + CAST(j * {DAYS} // {articles} AS INTEGER) END AS published
            FROM range({articles}) r(j)""")
        with store.transaction():
            con.execute(f"""INSERT INTO articles BY NAME
                SELECT id, '/synthetic/' || id || '.txt' AS path, NULL AS url, 'Story ' || j AS title,
                       'outlet' || {_h('j', seed + 2, 40)} AS outlet, published,
                       CASE WHEN published IS NULL THEN NULL ELSE 'metadata' END AS date_source,
                       'Synthetic article number ' || j || '.' AS text, TIMESTAMP '2025-01-01' AS ingested_at
                FROM syn_articles""")
            _stage_events(con, events, seed)
            store.add_events("syn_events", merge=False)
        con.execute("DROP TABLE syn_events; DROP TABLE syn_articles; DROP TABLE lut; DROP TABLE types")
        store.remerge()
    return Path(path)


def _stage_events(con, events: int, seed: int) -> None:
    s = seed * 100
    story = (f"CASE WHEN {_h('i', s + 1, 10)} < 6 THEN (i // {PER_ARTICLE * 4}) * 16 + {_h('i', s + 2, 16)} "
             f"ELSE -1 - i END")
    con.execute(f"""CREATE TEMP TABLE syn_m AS
        SELECT i, a.id AS doc_id, a.published, {story} AS story FROM range({events}) r(i)
        JOIN syn_articles a ON a.j = i // {PER_ARTICLE}""")
    con.execute(f"""CREATE TEMP TABLE syn_e AS
        SELECT m.*, ls.code AS src, lt.code AS tgt, t.plover, t.quad, t.goldstein,
               {_h('story', s + 6, 100)} AS mod_roll, {_h('i', s + 7, 100)} AS prec_roll,
               {_h('i', s + 8, 3)} AS jitter, {_h('i', s + 9, 12)} AS sector_roll,
               {_h('story', s + 10, 100)} AS shape_roll
        FROM syn_m m
        JOIN lut ls ON ls.slot = {_h('story', s + 3, LUT_SIZE)}
        JOIN lut lt ON lt.slot = {_h('story', s + 4, LUT_SIZE)}
        JOIN types t ON t.t = {_h('story', s + 5, len(TYPES))}""")
    day = "coalesce(published, DATE '2010-06-15') - CAST(jitter AS INTEGER)"
    names = ", ".join(f"'{x}'" for x in SECTORS)
    sector = f"CASE WHEN sector_roll < {len(SECTORS)} THEN [{names}][sector_roll + 1] END"
    con.execute(f"""CREATE TEMP TABLE syn_events AS
        SELECT 'se{seed}-' || i AS event_id, doc_id,
               src_text || ' and ' || coalesce(tgt_text, 'others') || ' (story ' || story || ', mention ' || i || ').' AS sentence,
               0 AS sentence_start, 60 AS sentence_end,
               src_text AS source_text, 0 AS source_start, 3 AS source_end,
               CASE WHEN igo THEN 'IGOUNO' ELSE src || coalesce({sector}, '') END AS source_code,
               CASE WHEN igo THEN NULL ELSE src END AS source_country,
               CASE WHEN igo THEN 'IGO' ELSE {sector} END AS source_sector,
               tgt_text AS target_text, CASE WHEN tgt_text IS NULL THEN NULL ELSE 8 END AS target_start,
               CASE WHEN tgt_text IS NULL THEN NULL ELSE 11 END AS target_end,
               CASE WHEN tgt_text IS NULL THEN NULL ELSE tgt END AS target_code,
               CASE WHEN tgt_text IS NULL THEN NULL ELSE tgt END AS target_country,
               NULL AS target_sector, plover, NULL AS plover_mode, NULL AS cameo, quad AS quad_class, goldstein,
               CASE WHEN mod_roll < 72 THEN 'asserted' WHEN mod_roll < 80 THEN 'intended'
                    WHEN mod_roll < 88 THEN 'negated' WHEN mod_roll < 94 THEN 'alleged' ELSE 'hypothetical' END AS modality,
               CASE WHEN prec_roll < 75 THEN {day}
                    WHEN prec_roll < 85 THEN date_trunc('month', {day})::DATE
                    WHEN prec_roll < 90 THEN date_trunc('year', {day})::DATE END AS date,
               CASE WHEN prec_roll < 75 THEN 'day' WHEN prec_roll < 85 THEN 'month'
                    WHEN prec_roll < 90 THEN 'year' END AS date_precision,
               NULL AS location, 'synthetic' AS reason, []::VARCHAR[] AS treaty_ids
        FROM (SELECT *, shape_roll < 4 AS igo, src AS src_text,
                     CASE WHEN shape_roll >= 92 THEN NULL ELSE tgt END AS tgt_text FROM syn_e)""")
    con.execute("DROP TABLE syn_m; DROP TABLE syn_e")
