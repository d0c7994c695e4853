"""Report (self-contained HTML) and exports."""
