"""Style and script inlined into the page, so the HTML file needs nothing else (no network, no other file)."""

STYLE = """
:root { --text: #1f2933; --muted: #5f6b7a; }
body { font: 15px/1.6 Georgia, "Noto Serif", "Times New Roman", serif; color: var(--text); margin: 0; }
header { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; padding: .8em 1.5em; background: #f6f8fa;
  border-bottom: 1px solid #d8dee4; position: sticky; top: 0; z-index: 5; }
header h1 { font-size: 1.2em; margin: 0 0 .2em; }
header .facts { font-size: .82em; color: var(--muted); margin: 0; }
header .facts code { font-size: .95em; }
.legend { margin-top: .4em; font-size: .85em; display: flex; flex-wrap: wrap; gap: .4em 1.2em; }
.legend label { cursor: pointer; user-select: none; }
.layout { display: flex; align-items: flex-start; }
nav.toc { font: .8em/1.35 system-ui, sans-serif; width: 19em; flex: none; padding: 1em; position: sticky; top: 6.5em;
  max-height: calc(100vh - 8em); overflow: auto; border-right: 1px solid #e5e9ee; }
nav.toc a { color: #2d4f7c; text-decoration: none; display: block; padding: .1em 0; }
nav.toc a:hover { text-decoration: underline; }
main { padding: 1em 2em 4em; max-width: 52em; }
p.para { margin: 0 0 .7em; white-space: pre-wrap; }
p.kind-heading { font-weight: bold; margin-top: 1.2em; }
p.kind-item { padding-left: 1.2em; }
.warnings { font: .85em system-ui, sans-serif; color: #8a4b00; }
.hl { border-radius: 2px; cursor: help; }
.hl-section { background: #dbeafe; box-shadow: inset 3px 0 0 #2563eb; padding-left: 4px; }
.hl-indicator { background: #fef9c3; border-bottom: 2px solid #ca8a04; }
.hl-place { background: #dcfce7; border-bottom: 2px dotted #16a34a; }
.hl-quantity { background: #ffedd5; outline: 1px solid #ea580c; font-weight: 600; }
.hl.pinned { outline: 3px solid #d946ef; }
body.hide-section .hl-section, body.hide-indicator .hl-indicator, body.hide-place .hl-place,
body.hide-quantity .hl-quantity { background: none; box-shadow: none; border-bottom: none; outline: none; font-weight: inherit; }
.swatch { display: inline-block; padding: 0 .4em; border-radius: 2px; }
sup.fn-ref a, sup.fn-sample { color: #7c3aed; text-decoration: none; font-weight: bold; padding: 0 .1em; }
section.footnotes { border-top: 1px solid #d8dee4; margin-top: 2em; font-size: .9em; }
div.footnote { margin: .4em 0; white-space: pre-wrap; }
div.footnote:target, sup.fn-ref a:target { background: #ede9fe; }
a.fn-back { color: #7c3aed; font-weight: bold; text-decoration: none; margin-right: .4em; }
#tip { position: fixed; z-index: 10; max-width: 34em; background: #111827; color: #f9fafb; font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace;
  padding: .5em .7em; border-radius: 4px; white-space: pre-wrap; pointer-events: none; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
#tip[hidden] { display: none; }
"""

# Tooltips: the record is in each highlight's title (works without script); the script moves it to
# data-tip and shows it in one styled box, so nested highlights do not stack native tooltips.
# A URL ending in #<record id> (e.g. report.html#q72) scrolls to that highlight and pins its record.
SCRIPT = """
(function () {
  var tip = document.getElementById('tip');
  var pinned = null;
  document.querySelectorAll('.hl[title]').forEach(function (el) {
    el.setAttribute('data-tip', el.getAttribute('title'));
    el.removeAttribute('title');
  });
  function show(el, x, y) {
    tip.textContent = el.getAttribute('data-tip');
    tip.setAttribute('data-for', el.id || el.getAttribute('data-of') || '');
    tip.hidden = false;
    var left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8);
    var top = y + 18 + tip.offsetHeight > window.innerHeight ? y - tip.offsetHeight - 10 : y + 18;
    tip.style.left = Math.max(4, left) + 'px';
    tip.style.top = Math.max(4, top) + 'px';
  }
  function hide() {
    if (pinned) { var r = pinned.getBoundingClientRect(); show(pinned, r.left, r.bottom - 12); }
    else { tip.hidden = true; }
  }
  document.addEventListener('mouseover', function (event) {
    var el = event.target.closest ? event.target.closest('.hl') : null;
    if (el) { show(el, event.clientX, event.clientY); } else { hide(); }
  });
  document.addEventListener('mouseleave', hide);
  function pinFromHash() {
    if (pinned) { pinned.classList.remove('pinned'); pinned = null; }
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    if (el && el.classList.contains('hl')) {
      pinned = el;
      el.classList.add('pinned');
      el.scrollIntoView({block: 'center'});
      var r = el.getBoundingClientRect();
      show(el, r.left, r.bottom - 12);
    } else { tip.hidden = true; }
  }
  window.addEventListener('hashchange', pinFromHash);
  pinFromHash();
  document.querySelectorAll('.legend input[data-category]').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.getAttribute('data-category'), !box.checked);
    });
  });
})();
"""
