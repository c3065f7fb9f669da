// The dashboard's own script: local times, and the review page's keyboard shortcuts and countdown.
function localTimes(root) {
  root.querySelectorAll('time').forEach(t => {
    const at = Date.parse(t.textContent.trim());
    if (!isNaN(at) && !t.dataset.iso) { t.dataset.iso = t.textContent.trim(); t.textContent = new Date(at).toLocaleString(); }
  });
}
document.addEventListener('DOMContentLoaded', () => localTimes(document));
document.addEventListener('htmx:afterSwap', e => localTimes(e.target.parentNode || document));

// Review: Alt+A/C/R press the decision buttons (accesskey does the same in Chromium, this keeps it working where
// the browser maps accesskeys differently). Who decides is the login's token, never a field of the page.
document.addEventListener('keydown', e => {
  if (!e.altKey) return;
  const id = { a: 'accept', c: 'correct', r: 'reject' }[e.key.toLowerCase()];
  const button = id && document.getElementById(id);
  if (button) { e.preventDefault(); button.click(); }
});

// Review: the deadline's countdown, ticking every second in the browser (the server sends the closing time once).
function countdown() {
  document.querySelectorAll('.countdown[data-closes]').forEach(c => {
    const left = Math.round((Date.parse(c.dataset.closes) - Date.now()) / 1000);
    if (isNaN(left)) return;
    const s = Math.abs(left), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    const text = (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + r + ' s';
    c.textContent = left >= 0 ? text : 'closed ' + text + ' ago';
    c.classList.toggle('late', left < 0);
  });
}
setInterval(countdown, 1000);
document.addEventListener('DOMContentLoaded', countdown);
document.addEventListener('htmx:afterSwap', countdown);
