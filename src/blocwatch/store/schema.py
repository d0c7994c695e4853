"""Database schema as an ordered list of migrations. Append, never edit."""

from __future__ import annotations

ACTOR_COLS = ", ".join(
    f"{side}_{col} {typ}"
    for side in ("source", "target")
    for col, typ in (
        ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("code", "VARCHAR"), ("country", "VARCHAR"), ("sector", "VARCHAR"),
    )
)

MIGRATIONS: list[str] = [
    # 1: articles, sentences, events, treaties
    f"""
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,
        path VARCHAR,
        url VARCHAR,
        title VARCHAR,
        outlet VARCHAR,
        published DATE,
        date_source VARCHAR,
        text VARCHAR NOT NULL,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE sentences (
        article_id VARCHAR NOT NULL,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        sentence VARCHAR NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        {ACTOR_COLS},
        plover VARCHAR NOT NULL,
        plover_mode VARCHAR,
        cameo VARCHAR,
        quad_class INTEGER,
        goldstein DOUBLE,
        modality VARCHAR NOT NULL,
        date DATE,
        date_precision VARCHAR,
        location VARCHAR,
        reason VARCHAR NOT NULL,
        treaty_ids VARCHAR[]
    );
    CREATE TABLE treaties (
        id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        signed DATE,
        in_force DATE,
        ended DATE,
        data JSON NOT NULL
    );
    CREATE TABLE treaty_mentions (
        article_id VARCHAR NOT NULL,
        treaty_id VARCHAR NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        sentence VARCHAR NOT NULL,
        matched VARCHAR NOT NULL,
        reason VARCHAR NOT NULL
    );
    """,
    # 2: where an event comes from: our coder (blocwatch) or an imported data set (gdelt, icews, plover)
    """
    ALTER TABLE articles ADD COLUMN origin VARCHAR DEFAULT 'blocwatch';
    ALTER TABLE events ADD COLUMN origin VARCHAR DEFAULT 'blocwatch';
    ALTER TABLE events ADD COLUMN origin_id VARCHAR;
    ALTER TABLE events ADD COLUMN extra JSON;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
