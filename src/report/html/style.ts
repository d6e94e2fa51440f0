/** The report's stylesheet: system fonts, GitHub-like neutrals, tabular numbers. */
export const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--faint:#818b98;--border:#d1d9e0;--line:#eaeef2;--bg:#f6f8fa;--panel:#fff;--accent:#0969da;--ok:#1a7f37;--ok-bg:#dafbe1;--bad:#cf222e;--bad-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:28px 32px 56px}
header h1{font-size:24px;font-weight:650;margin:0;letter-spacing:-.01em}
header h1 .brand{color:var(--accent)}
header .sub{color:var(--muted);margin:4px 0 12px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:0;padding:0;list-style:none}
.chips li{background:var(--panel);border:1px solid var(--border);border-radius:999px;padding:2px 10px;font-size:12px;color:var(--muted)}
.chips li b{color:var(--fg);font-weight:600}
h2{font-size:17px;font-weight:650;margin:0 0 4px}
h3{font-size:14px;font-weight:600;margin:18px 0 6px}
.card{background:var(--panel);border:1px solid var(--border);border-radius:12px;padding:18px 22px;margin:18px 0;box-shadow:0 1px 0 rgba(31,35,40,.04)}
.hint{color:var(--muted);font-size:12.5px;margin:0 0 12px}
.banner{display:flex;gap:12px;align-items:flex-start;border-radius:10px;padding:12px 16px;margin:18px 0;border:1px solid}
.banner .icon{font-size:18px;line-height:1.2}
.banner.good{background:var(--ok-bg);border-color:#aceebb;color:#0f5323}
.banner.info{background:#ddf4ff;border-color:#a8d6ff;color:#0a3069}
.banner.poor{background:var(--warn-bg);border-color:#eed888;color:#5c3d00}
.banner p{margin:0}.banner .detail{font-size:12.5px;opacity:.9}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:18px 0}
.kpi{background:var(--panel);border:1px solid var(--border);border-radius:12px;padding:12px 16px}
.kpi .k{font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}
.kpi .v{font-size:24px;font-weight:650;font-variant-numeric:tabular-nums;margin-top:2px}
.kpi .s{font-size:12px;color:var(--muted)}
.kpi.bad .v{color:var(--bad)}.kpi.good .v{color:var(--ok)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top;white-space:nowrap}
th{white-space:normal;min-width:56px;font-size:11.5px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;border-bottom:1px solid var(--border);background:#fbfcfd}
th.l,td.l{text-align:left}td.wrap{white-space:normal;min-width:200px}td.soft{white-space:normal;min-width:150px}td.soft code{white-space:normal;word-break:break-word}td b{font-weight:600}
tbody tr:hover{background:#f6f8fa}
dl.glossary{margin:0;font-size:13px}dl.glossary dt{margin-top:8px}dl.glossary dt .soft{color:var(--muted);font-size:12px}dl.glossary dd{margin:2px 0 0 0;color:var(--fg, inherit)}
td .ci{display:block;color:var(--faint);font-size:11px}
.pill{display:inline-block;border-radius:999px;padding:1px 8px;font-size:12px;font-weight:600}
.pill.ok{background:var(--ok-bg);color:var(--ok)}.pill.bad{background:var(--bad-bg);color:var(--bad)}.pill.warn{background:var(--warn-bg);color:var(--warn)}.pill.muted{background:#eff2f5;color:var(--muted)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:3px;margin-right:7px;vertical-align:-1px}
code{font-family:var(--mono);font-size:12px;background:#eff2f5;border-radius:4px;padding:1px 5px}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12.5px;color:var(--muted);margin:6px 0 0;padding:0;list-style:none}
.legend li{display:flex;align-items:center}
.legend b{color:var(--fg);font-weight:600;margin-right:6px}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:10px 22px}
figure{margin:0}figure figcaption{font-size:13px;font-weight:600;margin:6px 0 2px}figure figcaption span{font-weight:400;color:var(--muted)}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit;font-size:11px;fill:#59636e}
svg .axis line{stroke:#8c959f;stroke-width:1}
svg .axis .grid{stroke:#eef1f4}
svg .axis-label{fill:#3d444d;font-size:11.5px}
svg .guide{stroke:#a0a8b1;stroke-dasharray:3 4;stroke-width:1}
svg .guide-label{font-size:10.5px;fill:#818b98}
svg path.series{fill:none;stroke-width:2;stroke-linejoin:round}
svg .box{fill-opacity:.28;stroke-width:1.4}
svg .whisker{stroke-width:1.4}
svg .median{stroke:#1f2328;stroke-width:2}
svg .outlier{fill:#fff;stroke-width:1.3}
svg .row-label{fill:#3d444d;font-size:11.5px}
svg .bar{fill:#4e79a7}
svg .marker{stroke:#59636e;stroke-dasharray:4 3}
svg .marker.limit{stroke:#cf222e}
svg .marker-label{font-size:10.5px;fill:#3d444d}svg .marker-label.limit{fill:#cf222e}
svg .lane{fill:#f6f8fa;stroke:#eaeef2}
svg .lane-label{fill:#3d444d;font-size:12px;font-weight:500}
svg .span-label{fill:#fff;font-size:10.5px;font-weight:600;pointer-events:none}
svg .span-label.dark{fill:#3d444d;font-weight:500}
svg .bracket{stroke-width:1.5}
svg .span.cut rect{stroke:#cf222e;stroke-width:1.5}
svg .done-tick{stroke:#1f2328;stroke-width:2}
svg .barge-line{stroke:#cf222e;stroke-width:1.5;stroke-dasharray:5 4}
svg .barge-label{fill:#cf222e;font-size:11px;font-weight:600}
.session-pick{display:flex;gap:10px;align-items:center;margin:4px 0 10px;font-size:13px;color:var(--muted)}
.session-pick select{font:inherit;padding:4px 8px;border:1px solid var(--border);border-radius:6px;background:#fff;color:var(--fg);max-width:100%}
.stats{display:flex;flex-wrap:wrap;gap:8px 24px;margin:4px 0 10px;font-size:13px}
.stats div b{font-variant-numeric:tabular-nums}
details{margin-top:10px}details summary{cursor:pointer;color:var(--accent);font-weight:500}
.empty{color:var(--muted);font-style:italic}
footer{color:var(--faint);font-size:12px;text-align:center;margin-top:28px}
@media print{body{background:#fff}.card,.kpi{box-shadow:none}}
`;

/** The page's only script: switches the visible session timeline. No network, no globals leaked. */
export const SCRIPT = `(()=>{const s=document.getElementById('session-select');if(!s)return;const figs=[...document.querySelectorAll('[data-session-index]')];const show=()=>figs.forEach(f=>{f.hidden=f.getAttribute('data-session-index')!==s.value});s.addEventListener('change',show);show();})();`;
