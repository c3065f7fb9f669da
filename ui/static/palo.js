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

// Run page: the live fragment is pushed by the app (server-sent events) whenever the run's progress changed; the
// stream ends with the fragment of the ended run, which has no data-stream, and the page then stops listening.
function follow(root) {
  const live = root.querySelector('#live[data-stream]');
  if (!live || live.dataset.following) return;
  live.dataset.following = 'yes';
  const events = new EventSource(live.dataset.stream);
  events.onmessage = e => {
    const current = document.getElementById('live');
    if (!current) { events.close(); return; }
    const next = document.createRange().createContextualFragment(e.data).firstElementChild;
    if (!next) return;
    if (next.dataset.stream) next.dataset.following = 'yes';
    current.replaceWith(next);
    if (window.htmx) htmx.process(next);
    localTimes(next);
    since();
    if (!next.dataset.stream) events.close();
  };
}
document.addEventListener('DOMContentLoaded', () => follow(document));

// Durations of what still runs tick every second in the browser; the app sends a stage's start once.
function since() {
  document.querySelectorAll('[data-since]').forEach(d => {
    const s = Math.max(0, Math.floor((Date.now() - Date.parse(d.dataset.since)) / 1000));
    if (isNaN(s)) return;
    d.textContent = s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min ' + s % 60 + ' s'
      : Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60) + ' min';
  });
}
setInterval(since, 1000);
