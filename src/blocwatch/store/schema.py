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


def actor_key(side: str) -> str:
    """SQL: an event side's analysis key, its country else its code ."""
    return f"(CASE WHEN coalesce({side}_country, '') <> '' THEN {side}_country ELSE {side}_code END)"


# SQL over an events row. dyad: the unordered country pair ('CHN-PRK'), for `events --dyad`.
DYAD = ("(CASE WHEN source_country IS NOT NULL AND target_country IS NOT NULL THEN "
        "least(source_country, target_country) || '-' || greatest(source_country, target_country) END)")
# mkey: the merge bucket, type|pair|modality; the pair is unordered for the reciprocal types
# (events.lexicon.RECIPROCAL), NULL when the event has no source key.
_SRC, _TGT = actor_key("source"), f"coalesce({actor_key('target')}, '')"
MKEY = (f"(CASE WHEN {_SRC} IS NULL THEN NULL ELSE plover || '|' || "
        f"(CASE WHEN plover IN ('AGREE', 'CONSULT', 'COOPERATE') "
        f"THEN least({_SRC}, {_TGT}) || '|' || greatest({_SRC}, {_TGT}) ELSE {_SRC} || '|' || {_TGT} END) "
        f"|| '|' || modality END)")

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
    # 3: analysis keys on events (dyad, day, merge key) and merged events kept per key (issue 13)
    f"""
    ALTER TABLE events ADD COLUMN dyad VARCHAR;
    ALTER TABLE events ADD COLUMN day DATE;
    ALTER TABLE events ADD COLUMN mkey VARCHAR;
    UPDATE events SET dyad = {DYAD}, day = coalesce(events.date, a.published), mkey = {MKEY}
        FROM articles a WHERE a.id = events.doc_id;
    CREATE TABLE merged_events (
        merged_id VARCHAR NOT NULL,
        mkey VARCHAR NOT NULL,
        source VARCHAR,
        target VARCHAR,
        dyad VARCHAR,
        plover VARCHAR NOT NULL,
        quad_class INTEGER,
        goldstein DOUBLE,
        modality VARCHAR NOT NULL,
        date DATE,
        date_precision VARCHAR,
        mentions INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        event_ids VARCHAR[] NOT NULL
    );
    CREATE TABLE merge_queue (mkey VARCHAR NOT NULL);
    INSERT INTO merge_queue SELECT DISTINCT mkey FROM events WHERE mkey IS NOT NULL;
    """,
    # 4: watched sources (issue 21): each feed's conditional-request validators, each item seen (written in
    # the transaction that stores its article, so an item is ingested once across restarts), and the signals
    # already delivered to a webhook
    """
    CREATE TABLE watch_sources (
        source VARCHAR PRIMARY KEY,
        etag VARCHAR,
        last_modified VARCHAR,
        checked_at TIMESTAMP,
        status VARCHAR
    );
    CREATE TABLE watch_items (
        source VARCHAR NOT NULL,
        item VARCHAR NOT NULL,
        article_id VARCHAR,
        status VARCHAR NOT NULL,
        reason VARCHAR,
        seen_at TIMESTAMP NOT NULL,
        PRIMARY KEY (source, item)
    );
    CREATE TABLE signals_sent (
        signal_id VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        sent_at TIMESTAMP NOT NULL,
        PRIMARY KEY (signal_id, target)
    );
    """,
    # 5: how many of a merged event's mentions are a state acting (analysis.state): the alignment network,
    # blocs and triads count only those by default. Every key is merged again when the store opens.
    """
    ALTER TABLE merged_events ADD COLUMN state_mentions INTEGER DEFAULT 0;
    DELETE FROM merged_events;
    DELETE FROM merge_queue;
    INSERT INTO merge_queue SELECT DISTINCT mkey FROM events WHERE mkey IS NOT NULL;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
