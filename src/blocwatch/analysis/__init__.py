"""Analysis over stored events and treaties: merged duplicates, dyad timelines, alignment, blocs, triads."""
