import Crypto
import Foundation

/// The console's stylesheet and script, compiled into the binary: no CDN, no web fonts, nothing fetched from
/// outside. Served under `/console/assets/` with a long cache lifetime (`version` changes their names' query).
enum ConsoleAssets {
    static let css = """
        :root { --ink: #1d2330; --muted: #5b6474; --line: #d8dde6; --bg: #f5f7fa; --card: #fff; --accent: #1f5fbf;
          --ok: #1c7c3f; --warn: #9a6400; --bad: #b3261e; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: var(--bg); font-size: 15px; line-height: 1.45; }
        a { color: var(--accent); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible {
          outline: 3px solid #8ab4f8; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
        .skip:focus { left: .5rem; z-index: 10; }
        .top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .6rem 1rem; background: #15233b; color: #fff; }
        .top a { color: #fff; }
        .brand { font-weight: 700; text-decoration: none; font-size: 1.1rem; }
        .top nav { flex: 1 1 auto; }
        .top ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: 0; padding: 0; }
        .top nav a { display: inline-block; padding: .35rem .6rem; border-radius: 6px; text-decoration: none; }
        .top nav a:hover, .top nav a[aria-current] { background: rgba(255,255,255,.16); }
        .signout { display: flex; align-items: center; gap: .5rem; margin: 0; }
        .who { font-size: .85rem; opacity: .85; }
        main { max-width: 1180px; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
        h3 { font-size: 1rem; margin: .25rem 0 .5rem; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; margin-bottom: 1rem; overflow: hidden; }
        .intro { color: var(--muted); margin-top: -.25rem; }
        .notice, .problem { padding: .6rem .8rem; border-radius: 8px; }
        .notice { background: #e7f4ec; border: 1px solid #b5dcc3; }
        .problem { background: #fbe9e7; border: 1px solid #f1b8b2; }
        .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: .75rem; }
        .stat { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .75rem; display: flex; flex-direction: column; }
        .stat-label { color: var(--muted); font-size: .85rem; }
        .stat-value { font-size: 1.35rem; font-weight: 650; font-variant-numeric: tabular-nums; }
        .stat-detail { color: var(--muted); font-size: .8rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; margin-top: 1rem; }
        .chart { width: 100%; height: auto; }
        .chart .bar { fill: #4a7fd4; }
        .chart .bar.bad { fill: #d05a4e; }
        .chart .axis { stroke: var(--line); }
        .chart text { fill: var(--muted); font-size: 12px; }
        .chart .title { fill: var(--ink); font-size: 14px; font-weight: 600; }
        .stats + .facts, .facts + .media { margin-top: .9rem; }
        td .form.inline { margin-bottom: .25rem; }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: .5rem 1rem; margin: 0; }
        .facts dt { color: var(--muted); font-size: .85rem; }
        .facts dd { margin: 0; overflow-wrap: anywhere; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
        td code, .facts code { font-size: .85rem; }
        .empty { color: var(--muted); }
        .badge { white-space: nowrap; display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; background: #eef1f5; }
        .badge.ok { background: #e3f3e8; color: var(--ok); }
        .badge.warn { background: #fff3dc; color: var(--warn); }
        .badge.bad { background: #fbe4e1; color: var(--bad); }
        .links { padding-left: 1.2rem; }
        .filter .form { border-top: 0; margin-top: 0; padding-top: 0; }
        .pager { display: flex; gap: 1rem; align-items: center; margin-top: .75rem; }
        .form { margin-top: 1rem; border-top: 1px solid var(--line); padding-top: .75rem; }
        .form .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: .6rem 1rem; margin-bottom: .75rem; }
        .form.inline { display: inline-block; margin: 0 .25rem .25rem 0; border: 0; padding: 0; }
        .form.inline .fields { display: none; }
        .field { display: flex; flex-direction: column; gap: .2rem; }
        .field.checkbox { justify-content: flex-end; }
        .field label { font-weight: 550; font-size: .9rem; }
        .required { color: var(--bad); }
        input, select { font: inherit; padding: .45rem .55rem; border: 1px solid #b9c1cd; border-radius: 6px; background: #fff; width: 100%; min-height: 2.4rem; }
        input[type=checkbox] { width: auto; min-height: 0; }
        .has-error input, .has-error select { border-color: var(--bad); }
        .hint { color: var(--muted); }
        .error { color: var(--bad); font-weight: 550; }
        button { font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; min-height: 2.4rem; }
        .form.inline button { padding: .2rem .6rem; min-height: 2rem; font-size: .85rem; background: #fff; color: var(--accent); }
        button.danger, .form.inline button.danger { border-color: var(--bad); background: #fff; color: var(--bad); }
        .top button { background: transparent; border-color: rgba(255,255,255,.6); padding: .25rem .7rem; min-height: 2rem; }
        .secret { background: #fffbe6; border: 1px solid #f0d77a; padding: .75rem; border-radius: 8px; margin: .5rem 0 1rem; }
        .secret label { font-weight: 600; display: block; margin-bottom: .4rem; }
        .copy { display: flex; gap: .5rem; }
        .copy input { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
        pre { background: #f0f2f5; padding: .75rem; border-radius: 8px; overflow-x: auto; font-size: .82rem; white-space: pre-wrap; overflow-wrap: anywhere; }
        .media { display: flex; flex-wrap: wrap; gap: .75rem; }
        video, img { max-width: 100%; width: 360px; border-radius: 6px; background: #000; }
        td video, td img { width: 220px; }
        td .media { margin-top: .25rem; }
        audio { width: 100%; max-width: 360px; }
        .signin { max-width: 460px; margin: 2rem auto; }
        @media (max-width: 700px) {
          main { padding: .6rem; }
          .top { padding: .5rem .6rem; }
          .top nav { order: 3; flex-basis: 100%; }
          .top nav a { white-space: nowrap; padding: .3rem .5rem; }
          .signout { margin-left: auto; }
          .who { display: none; }
          table, thead, tbody, tr, td { display: block; width: 100%; }
          thead { position: absolute; left: -9999px; }
          tr { border: 1px solid var(--line); border-radius: 8px; margin-bottom: .6rem; padding: .3rem .5rem; }
          td { border: 0; padding: .2rem 0; display: grid; grid-template-columns: 40% 60%; gap: .5rem; }
          td::before { content: attr(data-label); color: var(--muted); font-size: .8rem; }
          td .badge { justify-self: start; }
          td video, td img { width: 100%; }
          .charts { grid-template-columns: 1fr; }
        }
        """

    /// Copy buttons, a confirmation before destructive actions, and one submission per click.
    static let javascript = """
        document.addEventListener('click', function (event) {
          var button = event.target.closest('[data-copy]');
          if (!button) return;
          var field = document.getElementById(button.getAttribute('data-copy'));
          field.select();
          var done = function () { button.textContent = 'Copied'; };
          if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(field.value).then(done); }
          else { document.execCommand('copy'); done(); }
        });
        document.addEventListener('submit', function (event) {
          var form = event.target;
          var danger = form.querySelector('button.danger');
          if (danger && !window.confirm(danger.textContent.trim() + '?')) { event.preventDefault(); return; }
          var button = form.querySelector('button[type=submit]');
          if (button) { setTimeout(function () { button.disabled = true; }, 0); }
        });
        """

    /// Changes whenever the assets do, so that a long cache lifetime never serves an old copy.
    static let version = String(Hex.encode(SHA256.hash(data: Data((css + javascript).utf8))).prefix(12))
}
