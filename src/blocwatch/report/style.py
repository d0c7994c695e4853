"""CSS and bloc colours shared by the report and the dashboard (``base.html``)."""

PALETTE = ["#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#4e342e", "#37474f"]

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
header{background:#1d2330;color:#fff;padding:18px 32px}header h1{margin:0;font-size:26px}header p{margin:6px 0 0;color:#c9d1e0}
section{background:#fff;margin:18px 32px;padding:16px 22px;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{font-size:18px;margin:0 0 12px}h3{font-size:14px;margin:0 0 6px}
svg.net{width:100%;height:auto;background:#fbfbfd;border-radius:8px}
.netwrap{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr);gap:20px;align-items:start}
table.ties td:nth-child(n+2){text-align:right;font-variant-numeric:tabular-nums}td.pos{color:#2e7d32;font-weight:600}td.neg{color:#c62828;font-weight:600}
.ob{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;margin-right:2px}.ob.defense,.ob.offense{background:#1565c0;color:#fff}.ob.consultation{background:#e3ecf9;color:#1d2330}
text.node{fill:#fff;font-weight:700;font-size:12px}text.tick{font-size:10px;fill:#555}
.legend{font-size:12px;color:#555}.pos{color:#2e7d32}.neg{color:#c62828}
ul.blocs{list-style:none;padding:0}ul.blocs li{margin:4px 0}.swatch{display:inline-block;width:12px;height:12px;border-radius:6px;margin-right:6px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:14px}.card{border:1px solid #e3e6ec;border-radius:8px;padding:10px}
svg.bars{width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eceef2;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f6}mark.src{background:#cfe3ff}mark.tgt{background:#ffe0b2}
tr.q1 td:nth-child(3),tr.q2 td:nth-child(3){color:#2e7d32}tr.q3 td:nth-child(3),tr.q4 td:nth-child(3){color:#c62828}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}.scope{font-size:13px;color:#555;margin:0 0 10px}
table.events td:first-child{white-space:nowrap}.empty{color:#777}footer{margin:18px 32px 32px;color:#777;font-size:12px}
"""
